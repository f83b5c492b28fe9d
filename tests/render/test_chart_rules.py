"""The example decks' charts tell the truth (shared/deck-design.md, "Charts"), read back with python-pptx.

Every example customer's plan deck and every review deck (customer and
internal variants; the internal one adds the health split) in every output locale:

  * no line chart with fewer than two points (one point is said in words);
  * bar and column value axes start at zero, explicitly;
  * a percentage axis runs 0–100 % at most, a health score axis up to 100,
    a 1–5 rating line 1–5;
  * target lines dashed, baselines dotted, in their own colours;
  * the health score's two parts stacked;
  * a KPI's bars and readings beside them share one scale.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_LINE

from deck_helpers import every_example_deck

pytestmark = pytest.mark.examples  # builds every example deck: left out of make test-fast

BARS = {XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.COLUMN_STACKED}
LINES = {XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS}
HEALTH_FORMAT = "0"  # only the health score's axes use it, whole ticks 0–100 (after the locale's [$-LCID] prefix)


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    """Return every example deck by file name: plans and every review, customer and internal variants."""
    return every_example_deck(tmp_path_factory)


def charts(decks: dict[str, Path]):
    """Yield (deck name, slide number, chart frames of the slide) for every slide with a chart."""
    for name, path in sorted(decks.items()):
        for n, slide in enumerate(Presentation(str(path)).slides, 1):
            frames = [s for s in slide.shapes if s.has_chart]
            if frames:
                yield name, n, [f.chart for f in frames]


def every_chart(decks):
    for name, n, found in charts(decks):
        for chart in found:
            yield f"{name} slide {n} {chart.chart_title.text_frame.text!r}", chart


def test_the_decks_cover_every_kind_of_chart(decks):
    kinds = {c.chart_type for _w, c in every_chart(decks)}
    assert {XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.COLUMN_STACKED} <= kinds
    assert kinds & LINES
    assert any("-2026-Q1-" in name for name in decks)  # first reviews, whose trends have one point


def test_no_line_chart_has_fewer_than_two_points(decks):
    short = []
    for where, chart in every_chart(decks):
        if chart.chart_type in LINES:
            points = [v for v in chart.plots[0].series[0].values if v is not None]
            if len(list(chart.plots[0].categories)) < 2 or len(points) < 2:
                short.append(where)
    assert not short, short


def test_bar_and_column_value_axes_start_at_zero(decks):
    bars = [(w, c) for w, c in every_chart(decks) if c.chart_type in BARS]
    assert bars
    assert [w for w, c in bars if c.value_axis.minimum_scale != 0] == []


def test_percentage_axes_run_to_100_percent_at_most(decks):
    percent = [(w, c) for w, c in every_chart(decks) if "%" in c.value_axis.tick_labels.number_format]
    assert percent
    wrong = [(w, c.value_axis.minimum_scale, c.value_axis.maximum_scale) for w, c in percent
             if c.value_axis.maximum_scale is None or c.value_axis.maximum_scale > 1
             or c.value_axis.minimum_scale is None or c.value_axis.minimum_scale < 0]
    assert not wrong, wrong


def test_health_score_axes_run_from_0_to_100(decks):
    health = [(w, c) for w, c in every_chart(decks) if c.value_axis.tick_labels.number_format.endswith("]" + HEALTH_FORMAT)]
    assert health
    wrong = [w for w, c in health if (c.value_axis.minimum_scale, c.value_axis.maximum_scale) != (0, 100)]
    assert not wrong, wrong


def test_rating_lines_run_from_1_to_5(decks):
    # A review's KPI trend is titled with the KPI; the acme rating KPI says "(1–5)" in its description.
    ratings = [(w, c) for w, c in every_chart(decks) if c.chart_type in LINES
               and re.search(r"\(1[-–]5\)", c.chart_title.text_frame.text) and "-cs-plan-" not in w]
    assert ratings
    assert [w for w, c in ratings if (c.value_axis.minimum_scale, c.value_axis.maximum_scale) != (1, 5)] == []


def test_the_health_score_parts_are_stacked(decks):
    split = [c for w, c in every_chart(decks) if "-en-internal" in w
             and c.chart_title.text_frame.text == "Subjective and objective parts"]
    assert split and all(c.chart_type == XL_CHART_TYPE.COLUMN_STACKED for c in split)


def test_targets_are_dashed_and_baselines_dotted_in_their_own_colours(decks):
    seen = 0
    for where, chart in every_chart(decks):
        if chart.chart_type not in LINES or "-en" not in where:
            continue
        series = {s.name: s for s in chart.plots[0].series}
        data = chart.plots[0].series[0]
        for name, dash in (("Target", MSO_LINE.DASH), ("Baseline", MSO_LINE.ROUND_DOT)):
            if name in series:
                seen += 1
                line = series[name].format.line
                assert line.dash_style == dash, where
                assert line.color.rgb != data.format.line.color.rgb, where
        if "Target" in series and "Baseline" in series:
            assert series["Target"].format.line.color.rgb != series["Baseline"].format.line.color.rgb, where
        assert data.format.line.dash_style in (None, MSO_LINE.SOLID), where
    assert seen


def test_charts_side_by_side_with_the_same_unit_share_a_scale(decks):
    pairs = 0
    for name, n, found in charts(decks):
        if len(found) != 2 or "-cs-plan-" not in name:
            continue
        units = [re.search(r"\(([^()]*)\)$", c.chart_title.text_frame.text) for c in found]
        if all(units) and units[0].group(1) == units[1].group(1):
            pairs += 1
            ranges = {(c.value_axis.minimum_scale, c.value_axis.maximum_scale) for c in found}
            assert len(ranges) == 1 and None not in next(iter(ranges)), f"{name} slide {n}: {ranges}"
    assert pairs
