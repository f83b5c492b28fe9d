"""Text in a chart's embedded workbook is data: stored as a string cell, never a formula or a hyperlink.

xlsxwriter, which python-pptx uses for the workbook behind every chart,
turns a string starting with "=" into a live formula (run when someone
chooses "Edit Data" in PowerPoint) and one that looks like a URL into a
link. The deck renderer opens the workbook with both off
(``oxml.chart_data``). Read back with zipfile and the XML of the sheet.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from lxml import etree

from pipeline.render.pptx import render_deck
from pipeline.template import DEFAULT_TEMPLATE, load_template
from pipeline.view import Chart, Deck, Series, Slide
from pipeline.write import zip_entries

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HOSTILE = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "{=SUM(A1:A2)}", "+1", "-2", "@SUM(1)",
           "https://example.com", "=cmd|' /C calc'!A0"]


def workbooks(pptx: bytes) -> list[dict[str, object]]:
    """Return each embedded workbook's cells: {"A2": ("s", text) | ("n", number) | ("f", formula)}."""
    out = []
    with zipfile.ZipFile(io.BytesIO(pptx)) as deck:
        for name in sorted(n for n in deck.namelist() if n.endswith(".xlsx")):
            with zipfile.ZipFile(io.BytesIO(deck.read(name))) as book:
                shared = [("".join(si.itertext())) for si in
                          etree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{S}si")]
                sheet = etree.fromstring(book.read("xl/worksheets/sheet1.xml"))
                assert not [n for n in book.namelist() if "externalLink" in n or "hyperlink" in n.lower()]
                assert sheet.find(f".//{S}hyperlinks") is None
                cells = {}
                for c in sheet.iter(f"{S}c"):
                    if c.find(f"{S}f") is not None:
                        cells[c.get("r")] = ("f", c.find(f"{S}f").text)
                    elif c.get("t") == "s":
                        cells[c.get("r")] = ("s", shared[int(c.find(f"{S}v").text)])
                    elif c.find(f"{S}v") is not None:
                        cells[c.get("r")] = ("n", float(c.find(f"{S}v").text))
                out.append(cells)
    return out


@pytest.mark.parametrize("kind", ["column", "line"])
def test_category_and_series_names_starting_like_a_formula_stay_strings(kind):
    chart = Chart(kind, "Hostile", categories=HOSTILE,
                  series=[Series("=2*3", [float(i) for i in range(len(HOSTILE))])])
    deck = Deck(locale="en", title="t", author="a", subject="s", created=date(2026, 11, 22),
                slides=[Slide("chart", "Hostile categories", charts=[chart])])
    template = load_template(DEFAULT_TEMPLATE)
    pptx = zip_entries(render_deck(deck, template, DEFAULT_TEMPLATE.read_bytes()), "2026-11-22T00:00:00Z")
    [cells] = workbooks(pptx)
    assert not [c for c in cells.values() if c[0] == "f"], cells
    assert [cells[f"A{i}"] for i in range(2, 2 + len(HOSTILE))] == [("s", t) for t in HOSTILE]
    assert cells["B1"] == ("s", "=2*3")
    assert cells["B2"] == ("n", 0.0)
