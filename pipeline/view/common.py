"""Helpers shared by the deck views: quarters, chart scales and change arrows.

The plan-wide helpers (texts, names, statuses, enum labels, speaker notes)
live on :class:`pipeline.view.cs_plan.PlanView`, which the other deck views
extend.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable

from pipeline.model.health import quarter_start

PERCENT_FORMAT = "0%"
NUMBER_FORMAT = "#,##0.##"
UP, DOWN, SAME = "↑", "↓", "→"


def quarter_label(locale: str, period: str) -> str:
    """Return a quarter such as 2026-Q3 in the locale's CLDR words: Q3 2026, III kw. 2026, K3 2026."""
    from babel.dates import format_skeleton

    from pipeline.i18n import format_locale

    return format_skeleton("yQQQ", quarter_start(period), locale=format_locale(locale))


def chart_scale(unit: str) -> tuple[Callable[[Decimal | None], float | None], str]:
    """Return how a KPI's values go into a chart and the chart's number format.

    A percentage is stored as its fraction so the "0%" format shows 61 as 61 %.
    """
    if unit.strip() == "%":
        # Divide the Decimal, not the float: 3.6 / 100 must be 0.036, not 0.036000000000000004.
        return (lambda v: None if v is None else float(Decimal(v) / 100)), PERCENT_FORMAT
    return (lambda v: None if v is None else float(v)), NUMBER_FORMAT


def change(delta: Decimal | None, better: int = 0) -> tuple[str, str | None]:
    """Return the arrow of a change and its RAG colour.

    ``better`` is +1 when a rise is good, -1 when a fall is, 0 when neither:
    a change towards the good side is green, away from it red.
    """
    if delta is None:
        return "", None
    if delta == 0:
        return SAME, None
    arrow = UP if delta > 0 else DOWN
    if not better:
        return arrow, None
    return arrow, "green" if (delta > 0) == (better > 0) else "red"


def rounded(value: Decimal, places: str = "0.1") -> Decimal:
    """Return ``value`` rounded half up for display (scores keep their exact value)."""
    from decimal import ROUND_HALF_UP

    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
