"""How the Word documents lay out: measured columns, merged group cells, page flow in LibreOffice's PDF.

The example documents are built in process from a tmp copy of the repository (docx_helpers); the
LibreOffice tests convert them in one soffice run and read the PDF's lines with pdftotext.
"""

from __future__ import annotations

import re

import docx
import pytest
from docx.oxml.ns import qn

from pipeline import measure
from pipeline.render.docx import CELL_MARGIN_TWIPS, EMU_PER_TWIP
from docx_helpers import build_documents, page_flow_problems, soffice_pdfs

DOCUMENTS = [("reference", "acme", "en"), ("reference", "acme", "pl"), ("reference", "nordvik-energi", "sv"),
             ("reference", "nordvik-energi", "en"), ("questionnaire", "_partner", "en"),
             ("questionnaire", "_partner", "ru")]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Return the example documents, built once for this module."""
    return build_documents(tmp_path_factory.mktemp("docs"), DOCUMENTS)


def table_size(document) -> float:
    """Return the text size of the documents' table style."""
    return document.styles["csplan Table"].font.size.pt


def words_wider_than_their_column(path) -> list[str]:
    """Return every word in a table cell wider (Carlito metrics) than its column less the cell margins."""
    document = docx.Document(str(path))
    size, found = table_size(document), []
    for t, table in enumerate(document.tables):
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
        for r, row in enumerate(table.rows):
            for c, tc in enumerate(row._tr.tc_lst):
                room = (grid[c] - 2 * CELL_MARGIN_TWIPS) * EMU_PER_TWIP
                for p in tc.iter(qn("w:p")):
                    bullet = p.find(f'{qn("w:pPr")}/{qn("w:pStyle")}')
                    indent = measure.EMU_PER_INCH // 2 if bullet is not None and "List" in bullet.get(qn("w:val")) \
                        else 0
                    runs = list(p.iter(qn("w:r")))
                    bold = r == 0 and t is not None or any(x.find(f'{qn("w:rPr")}/{qn("w:b")}') is not None
                                                           for x in runs)
                    text = "".join(x.text or "" for x in p.iter(qn("w:t")))
                    # Where Word and LibreOffice may break a line: after spaces, dashes and slashes.
                    for word in filter(None, re.split(r"[ \u200b]+|(?<=[-\u2010\u2013\u2014/])", text)):
                        width = indent + measure.text_width(word, size, bold)
                        if width > room:
                            found.append(f"{path.name} table {t + 1} row {r + 1} column {c + 1}: {word!r} "
                                         f"({width / 12700:.1f} pt in {room / 12700:.1f} pt)")
    return found


@pytest.mark.examples
def test_no_word_is_wider_than_its_table_column(documents):
    problems = [p for path in documents for p in words_wider_than_their_column(path)]
    assert not problems, "\n".join(problems)


@pytest.mark.examples
def test_tables_sit_on_the_text_margin_and_fill_the_text_width(documents):
    for path in documents:
        document = docx.Document(str(path))
        section = document.sections[0]
        text_width = (section.page_width - section.left_margin - section.right_margin) // EMU_PER_TWIP
        for table in document.tables:
            ind = table._tbl.tblPr.find(qn("w:tblInd"))
            assert ind is not None and int(ind.get(qn("w:w"))) == CELL_MARGIN_TWIPS, path.name
            grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]
            assert abs(sum(grid) - text_width) <= len(grid), path.name


@pytest.mark.examples
def test_group_cells_are_merged_in_the_raci_and_outcome_tables(documents):
    for path in documents:
        document = docx.Document(str(path))
        merged = [t for t in document.tables
                  if any(m.get(qn("w:val")) in (None, "continue") for m in t._tbl.iter(qn("w:vMerge")))]
        assert merged, f"{path.name}: no merged cells"


@pytest.mark.libreoffice
@pytest.mark.examples
def test_pages_are_full_and_no_page_starts_with_a_paragraphs_last_line(documents, tmp_path):
    pdfs = soffice_pdfs(documents, tmp_path / "pdf", tmp_path / "profile")
    problems = [p for pdf in pdfs for p in page_flow_problems(pdf)]
    assert not problems, "\n".join(problems)


def _contrast(hex_color: str) -> float:
    """Return the WCAG contrast ratio of a colour on white."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_color[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


@pytest.mark.parametrize("name", ["reference", "questionnaire"])
def test_heading_levels_differ_in_size_read_at_4_5_to_1_and_the_page_number_sits_right(name):
    from docx_helpers import REPO

    document = docx.Document(str(REPO / "templates" / "docx" / f"{name}.docx"))
    sizes = []
    for level in range(1, 5):
        style = document.styles[f"Heading {level}"]
        assert style.font.bold and _contrast(str(style.font.color.rgb)) >= 4.5, level
        sizes.append(style.font.size.pt)
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 4
    footer = document.styles["Footer"]
    [tab] = footer.paragraph_format.tab_stops  # the one right tab at the text margin, no centre tab
    assert tab.alignment == 2 and abs(tab.position.cm - 16.6) < 0.01  # WD_TAB_ALIGNMENT.RIGHT
