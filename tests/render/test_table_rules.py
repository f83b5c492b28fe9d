"""Table rules of the deck renderer (shared/deck-design.md, "Type and tables" and "Colour and status")."""

from __future__ import annotations

from pipeline.render.pptx import _drop_empty_columns
from pipeline.view import Table, cell


def test_a_column_empty_in_every_body_row_is_dropped_with_its_header_and_width():
    t = Table(["A", "B", "C", "D"], [[cell("1"), cell(""), cell("x"), cell("—")],
                                     [cell("2"), cell("-"), cell(""), cell("")]], widths=[3.0, 1.0, 2.0, 1.0])
    out = _drop_empty_columns(t)
    assert out.header == ["A", "C"]
    assert [[c.text for c in r] for r in out.rows] == [["1", "x"], ["2", ""]]
    assert out.widths == [3.0, 2.0]


def test_a_table_without_empty_columns_or_without_body_rows_is_kept():
    full = Table(["A", "B"], [[cell("1"), cell("2")]])
    assert _drop_empty_columns(full) is full
    bare = Table(["A", "B"], [])
    assert _drop_empty_columns(bare) is bare
    blank = Table(["A", "B"], [[cell(""), cell("—")]])
    assert _drop_empty_columns(blank) is blank


def test_rows_that_need_two_slides_are_balanced_not_left_as_one_on_the_last():
    from pipeline.render.pptx import _balance

    assert _balance([10] * 10, 90) == [(0, 5), (5, 10)]  # 9 + 1 greedily
    assert _balance([10] * 7, 60) == [(0, 4), (4, 7)]  # 6 + 1 greedily
    pages = _balance([10] * 40, 120)
    assert len(pages) == 4 and all(b - a == 10 for a, b in pages)


def test_balanced_pages_keep_the_fewest_slides_and_each_fits():
    from pipeline.render.pptx import _balance

    heights = [30, 10, 50, 20, 20, 40, 10, 10, 60, 10, 10]
    pages = _balance(heights, 100)
    assert len(pages) == 3
    assert pages[0][0] == 0 and pages[-1][1] == len(heights)
    assert all(a < b for a, b in pages) and all(pages[i][1] == pages[i + 1][0] for i in range(len(pages) - 1))
    assert all(sum(heights[a:b]) <= 100 for a, b in pages)


def test_status_cells_read_at_wcag_aa_on_every_template_status_colour():
    from pipeline.render.pptx import DeckRenderer
    from pipeline.render.shapes import Palette, contrast

    renderer = DeckRenderer.__new__(DeckRenderer)  # _status_fill needs only the palette
    for ink in ("1F2A44", "000000", "2E3A4F"):
        renderer.palette = Palette(status={}, accent="0055A4", panel="E5EEF6", zebra="F2F6FA", rule="CCCCCC",
                                   ink=ink, muted="555555")
        for status in ("C8372D", "F2A900", "2E8B57", "8A939E", "FFD700", "00FF00", "777777"):
            fill, text = renderer._status_fill(status)
            assert contrast(fill, text) >= 4.5, (status, ink, fill, text)


# ----------------------------------------------------------------- pagination of real tables

import pytest  # noqa: E402

from pipeline import measure  # noqa: E402
from pipeline.render.pptx import MIN_CONTINUED_ROWS, _balance  # noqa: E402
from pipeline.view import Slide  # noqa: E402

STORY = ("As a field technician I want the tablet in the service van online with work orders and grid maps as soon "
         "as it starts, even without mobile coverage at the substation, so that I can troubleshoot on site. ") * 3


@pytest.fixture(scope="module")
def renderer():
    from pipeline.render.pptx import DeckRenderer
    from pipeline.template import DEFAULT_TEMPLATE, load_template

    return DeckRenderer(load_template(DEFAULT_TEMPLATE), DEFAULT_TEMPLATE.read_bytes())


def pages_of(renderer, table: Table, appendix: bool = True):
    renderer.appendix = appendix
    return list(renderer.paginate(Slide("table", "Use cases", table=table)))


def test_balance_keeps_three_rows_on_every_continuation_or_says_it_cannot():
    assert _balance([50, 50, 50], 100, MIN_CONTINUED_ROWS) is None  # 2 + 1 is the only split
    assert _balance([10] * 7, 60, MIN_CONTINUED_ROWS) == [(0, 4), (4, 7)]
    assert _balance([60, 10, 10, 10, 10], 60, MIN_CONTINUED_ROWS) == [(0, 1), (1, 5)]
    assert _balance([60, 10, 10, 10, 10], 60, MIN_CONTINUED_ROWS, 2) is None
    assert _balance([120, 10], 100) is None  # a row taller than a slide


def test_a_few_rows_too_tall_for_three_a_slide_go_one_a_slide_as_field_value_tables(renderer):
    header = ["Persona", "Use case description", "Groups", "Outcomes"]
    rows = [[cell(f"Persona {n}"), cell(STORY), cell("Pilot group"), cell(STORY)] for n in range(3)]
    pages = pages_of(renderer, Table(header, rows))
    assert [p.title for p in pages] == ["Use cases: Persona 0", "Use cases: Persona 1", "Use cases: Persona 2"]
    for n, page in enumerate(pages):
        assert page.table.header == []  # the fields name themselves
        assert [r[0].text for r in page.table.rows] == header
        assert page.table.rows[1][1].text == STORY
        assert page.size == 12.0  # never smaller to squeeze a row in


def test_a_column_empty_on_every_row_of_one_slide_is_left_out_of_that_slide(renderer):
    rows = [[cell(f"KPI {n}"), cell("12" if n < 12 else ""), cell("Reading")] for n in range(24)]
    pages = pages_of(renderer, Table(["KPI", "Q1 2026", "Q2 2026"], rows), appendix=False)
    assert len(pages) >= 2
    headers = [p.table.header for p in pages]
    assert headers[0] == ["KPI", "Q1 2026", "Q2 2026"] and headers[-1] == ["KPI", "Q2 2026"]
    total = renderer.t.role("table").content_area.width
    assert all(sum(p.table.widths) == total for p in pages)
    assert all(len(p.table.rows) >= MIN_CONTINUED_ROWS for p in pages[1:])


def test_table_text_stays_at_the_floor_of_its_part_and_no_word_is_wider_than_its_column(renderer):
    header = ["Date", "KPI", "Baseline", "Reading", "Progress", "Target", "How"]
    row = [cell("Mar 31, 2026"), cell(STORY), cell("1 250 000\u00a0SEK/kvartal"), cell("1 180 000\u00a0SEK/kvartal"),
           cell("-70 000\u00a0SEK/kvartal"), cell("1 090 000\u00a0SEK/kvartal"), cell("Kommunikationsavdelningen")]
    for appendix, floor in ((False, 12.0), (True, 10.0)):
        for page in pages_of(renderer, Table(header, [list(row) for _ in range(4)]), appendix):
            assert page.size >= floor
            room = [w - 2 * 91440 for w in page.table.widths]
            for r in page.table.rows:
                for c, value in enumerate(r):
                    for word in value.text.split(" "):
                        assert measure.text_width(word, page.size) <= room[c], (appendix, word)


def test_columns_too_many_to_sit_side_by_side_continue_on_slides_of_their_own(renderer):
    header = ["Name"] + [f"Role {n}" for n in range(12)]
    rows = [[cell(f"Person {r}")] + [cell("Informationssäkerhetschef") for _ in range(12)] for r in range(3)]
    pages = pages_of(renderer, Table(header, rows), appendix=True)
    assert len(pages) >= 2 and all(p.table.header[0] == "Name" for p in pages)
    shown = [h for p in pages for h in p.table.header[1:]]
    assert shown == header[1:]  # every column once, in order
    assert all(p.size == 10.0 for p in pages)
    assert pages[1].title == "Use cases"  # render() numbers it: "Use cases (2 of 3)"


def test_a_grouping_column_shows_its_value_once_a_group_and_again_at_the_top_of_each_slide(renderer):
    dates = [f"Mar {1 + n // 4}, 2026" for n in range(40)]
    rows = [[cell(d), cell(f"KPI {n}"), cell(STORY[:200])] for n, d in enumerate(dates)]
    pages = pages_of(renderer, Table(["Date", "KPI", "How"], rows, group=0))
    assert len(pages) >= 2
    n = 0
    for page in pages:
        for i, r in enumerate(page.table.rows):
            expected = dates[n] if i == 0 or dates[n] != dates[n - 1] else ""
            assert r[0].text == expected, (page.title, i)
            assert r[1].text == f"KPI {n}"
            n += 1
    assert n == len(dates)


def test_a_record_slide_gives_its_field_names_their_width_and_the_values_the_rest(renderer):
    header = ["Persona", "Use case description", "Groups", "Outcomes"]
    rows = [[cell(f"Persona {n}"), cell(STORY), cell("Pilot group"), cell(STORY)] for n in range(3)]
    page = pages_of(renderer, Table(header, rows))[0]
    fields, values = page.table.widths
    assert fields < measure.text_width("Use case description", page.size, bold=True) + 2 * 91440 + 2 * 12700 + 1
    assert values > 4 * fields
