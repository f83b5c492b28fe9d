"""Chart value ranges follow the unit, bars start at zero, charts side by side with one unit share a scale."""

from __future__ import annotations

import pytest

from pipeline.view import Chart, Series
from pipeline.view.common import chart_range, fit_range, share_scale


@pytest.mark.parametrize("unit, expected", [
    ("%", (0.0, 1.0)), (" % ", (0.0, 1.0)), ("score 1-5", (1.0, 5.0)), ("ocena 1–5", (1.0, 5.0)),
    ("балл 1-5", (1.0, 5.0)), ("seconds", (None, None)), ("PLN/month", (None, None)), ("1-50 scale", (None, None)),
])
def test_the_unit_sets_the_range(unit, expected):
    assert chart_range(unit) == expected


def chart(kind: str, *values: float | None) -> Chart:
    return Chart(kind, "t", [str(i) for i in range(len(values))], [Series("s", list(values))])


def test_bars_start_at_zero_even_for_a_rating():
    bars = chart("column", 2.9, 3.7, 4.0)
    fit_range(bars, "score 1-5")
    assert (bars.minimum, bars.maximum) == (0.0, 5.0)
    line = chart("line", 2.9, 3.7, 4.0)
    fit_range(line, "score 1-5")
    assert (line.minimum, line.maximum) == (1.0, 5.0)


def test_a_value_outside_the_unit_range_opens_that_end():
    over = chart("line", 0.8, 1.1)  # 110 %: the axis may not cut it off
    fit_range(over, "%")
    assert (over.minimum, over.maximum) == (0.0, None)


def test_side_by_side_charts_of_one_unit_share_the_widest_round_range():
    bars, line = chart("column", 640000, 452000, 420000), chart("line", 640000, 598000, 452000)
    fit_range(bars, "PLN")
    fit_range(line, "PLN")
    share_scale([bars, line], ["PLN", "PLN"])
    assert (bars.minimum, bars.maximum) == (line.minimum, line.maximum) == (0.0, 800000.0)


def test_charts_of_different_units_keep_their_own_ranges():
    a, b = chart("line", 118, 84), chart("line", 0.62, 0.68)
    fit_range(a, "seconds")
    fit_range(b, "%")
    share_scale([a, b], ["seconds", "%"])
    assert (a.minimum, a.maximum) == (None, None) and (b.minimum, b.maximum) == (0.0, 1.0)


def test_an_empty_chart_takes_no_part_in_the_shared_scale():
    a, b = chart("line", 10, 20), chart("line", None, None)
    share_scale([a, b], ["h", "h"])
    assert (a.minimum, a.maximum) == (None, None)
