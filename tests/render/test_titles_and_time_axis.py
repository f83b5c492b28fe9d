"""One title size across a deck, a KPI's readings on a real date axis, and the stakeholder map's legend key.

Tiny view decks rendered into the default template and read back with python-pptx.
"""

from __future__ import annotations

import io
from datetime import date

from pptx import Presentation

from pipeline import measure
from pipeline.lint import lint_deck
from pipeline.render.oxml import chart_xml, qn
from pipeline.render.pptx import render_deck
from pipeline.template import DEFAULT_TEMPLATE, load_template
from pipeline.view import Chart, Deck, PeopleGroup, Person, Series, Slide, StakeholderMap, plain
from pipeline.view.common import date_axis_format
from pipeline.write import zip_entries

STAMP = "2026-11-22T00:00:00Z"
LONG = ("Average speed of answer down 58 % to 54 s while first contact resolution rose to 73 %; the target of "
        "45 s by March 2027 is within reach")


def _deck(*slides: Slide) -> Deck:
    return Deck(locale="en", title="t", author="a", subject="s", created=date(2026, 11, 22),
                slides=[Slide("title", "Acme — plan"), *slides])


def _render(deck: Deck, tmp_path) -> tuple[Presentation, object]:
    template = load_template(DEFAULT_TEMPLATE)
    data = zip_entries(render_deck(deck, template, DEFAULT_TEMPLATE.read_bytes()), STAMP)
    path = tmp_path / "acme-cs-plan-en.pptx"
    path.write_bytes(data)
    return Presentation(io.BytesIO(data)), path


def _title_sizes(prs) -> list[float]:
    sizes = []
    for slide in list(prs.slides)[1:]:
        paragraph = slide.shapes.title.text_frame.paragraphs[-1]
        sizes.append(max(r.font.size.pt for r in paragraph.runs))
    return sizes


def test_short_and_long_titles_share_one_size_and_the_long_one_wraps(tmp_path):
    prs, path = _render(_deck(Slide("content", "Results", body=[plain("x")]),
                              Slide("content", LONG, body=[plain("x")]),
                              Slide("content", LONG, kicker="KPI progress", body=[plain("x")])), tmp_path)
    sizes = _title_sizes(prs)
    assert len(set(sizes)) == 1, sizes
    # The long title takes two lines at that size, not three, and stays in its placeholder.
    title = list(prs.slides)[2].shapes.title
    lines = measure.wrap(LONG, title.width - 2 * measure.DEFAULT_INSET_LR, sizes[0], bold=True)
    assert len(lines) == 2
    assert not [p for p in lint_deck(path) if p.code == "lint.title-size"]


def test_readings_sit_on_a_date_axis_spaced_by_their_dates(tmp_path):
    dates = [date(2025, 6, 30), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]
    chart = Chart("line", "Readings over time", dates, [Series("Reading", [38, 22, 9, 6])],
                  number_format="#,##0.##", category_format=date_axis_format("pl"))
    prs, _path = _render(_deck(Slide("chart", "Down 84 %", charts=[chart])), tmp_path)
    shape = next(s for s in list(prs.slides)[1].shapes if s.has_chart)
    space = chart_xml(shape.chart)
    axis = space.find(".//" + qn("c:dateAx"))
    assert axis is not None and space.find(".//" + qn("c:catAx")) is None
    # The view's format code labels the axis; the application, not csplan, prints the months.
    assert axis.find(qn("c:numFmt")).get("formatCode") == "[$-415]mmm\\\u00a0yyyy"
    assert axis.find(qn("c:majorTimeUnit")).get("val") == "months"
    assert axis.find(qn("c:majorUnit")).get("val") == "3"  # 15 months in at most 6 labels
    # The categories are the dates themselves (Excel day numbers), so gaps of 9 and 3 months draw to scale.
    assert [float(c) for c in shape.chart.plots[0].categories] == [45838, 46112, 46203, 46295]


def test_the_date_axis_format_follows_the_locale():
    assert date_axis_format("en") == "[$-409]mmm\\\u00a0yyyy"
    assert date_axis_format("ru") == "[$-419]mmm\\\u00a0yyyy\\\u202f\\г\\."
    assert date_axis_format("sv").startswith("[$-41D]")


def test_the_stakeholder_maps_legend_starts_with_a_key_drawn_like_an_emphasised_card(tmp_path):
    people = [Person("Tomasz Wróbel", "COO", ["Sponsor"], key=True), Person("Ewa Nowak", "HR")]
    visual = StakeholderMap([PeopleGroup("Acme", people)], legend="Emphasised: the sponsor")
    prs, _path = _render(_deck(Slide("chart", "2 stakeholders", visual=visual)), tmp_path)
    slide = list(prs.slides)[1]

    def walk(shapes):
        for s in shapes:
            yield s
            if s.shape_type == 6:  # group
                yield from walk(s.shapes)

    shapes = {s.name: s for s in walk(slide.shapes)}
    key, legend = shapes["Legend key"], shapes["Legend"]
    frame = next(s for s in walk(slide.shapes) if s.name == "Person frame" and s.line.width.pt > 2)
    assert key.line.color.rgb == frame.line.color.rgb and key.fill.fore_color.rgb == frame.fill.fore_color.rgb
    assert key.left < legend.left and key.top >= legend.top and key.top + key.height <= legend.top + legend.height
