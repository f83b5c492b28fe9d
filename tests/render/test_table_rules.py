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
