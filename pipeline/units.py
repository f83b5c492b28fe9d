"""Units of measures as CLDR knows them: unit ids Babel formats, plural categories, missing forms.

Shared by the check (a free-text unit without the plural forms a locale
needs is a warning) and the views (which format a value with its unit).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from pipeline.fields import Unit


@lru_cache(maxsize=256)
def is_cldr_unit(unit: str) -> bool:
    """Return True when ``unit`` is a CLDR unit id Babel formats (hour, duration-hour, week, second…)."""
    text = unit.strip()
    if not text or not re.fullmatch(r"[a-z][a-z0-9-]*", text) or text == "percent":
        return False  # "%" and currencies have their own formats; free text has capitals, spaces or slashes
    from babel.units import UnknownUnitError, format_unit

    try:
        format_unit(1, text, locale="en")
    except UnknownUnitError:
        return False
    return True


def is_currency(code: str) -> bool:
    """Return True when ``code`` is an ISO 4217 currency code CLDR knows (EUR, PLN, KZT…)."""
    return _is_currency(code.strip())


@lru_cache(maxsize=64)
def _is_currency(code: str) -> bool:
    if len(code) != 3 or not code.isupper():
        return False
    from babel.numbers import get_currency_name

    try:
        return get_currency_name(code, locale="en") != code
    except Exception:  # noqa: BLE001 - unknown to CLDR means "not a currency"
        return False


def plural_category(value, locale: str) -> str:
    """Return CLDR's plural category of ``value`` in ``locale`` (one, few, many, other…)."""
    from babel import Locale

    from pipeline.i18n import format_locale

    return Locale.parse(format_locale(locale)).plural_form(abs(Decimal(str(value))))


def missing_forms(unit: Unit | str, locale: str, values) -> list[str]:
    """Return the plural categories ``values`` need in ``locale`` that the free-text ``unit`` does not give.

    A CLDR unit id, %, and a currency have every form; a free text written
    once stands for its ``other`` form (its general plural, as in "tickets"),
    while forms given as ``{other: PLN/mies.}`` alone say the unit never changes.
    """
    shown = unit.in_locale(locale) if isinstance(unit, Unit) else unit
    given = getattr(shown, "forms", {})
    if shown.strip() == "%" or is_currency(shown) or is_cldr_unit(shown) or set(given) == {"other"}:
        return []
    forms = set(given or {"other"})
    needed = {plural_category(v, locale) for v in values if v is not None}
    order = ("zero", "one", "two", "few", "many", "other")
    return [c for c in order if c in needed - forms]
