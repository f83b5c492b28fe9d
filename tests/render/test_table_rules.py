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
