"""Tests for pipeline.dump: fixtures are built in tmp_path, never committed."""

from __future__ import annotations

import datetime
import io
import shutil
import zipfile

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn as w_qn
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from pipeline.dump import DumpError, dump, dump_docx, dump_pptx


# --------------------------------------------------------------------------
# fixtures


def _set_bullet(paragraph, kind: str, **attrs: str) -> None:
    # python-pptx has no bullet API; the dump keys off these pPr children.
    el = etree.SubElement(paragraph._p.get_or_add_pPr(), qn(f"a:{kind}"))
    for key, value in attrs.items():
        el.set(key, value)


def build_deck(path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    props = prs.core_properties
    props.title = "Acme CS plan"
    props.author = "CS team"
    props.created = datetime.datetime(2026, 10, 15, 9, 0, 0)
    props.modified = datetime.datetime(2026, 10, 16, 10, 30, 0)

    slide = prs.slides.add_slide(prs.slide_layouts[0])  # Title Slide
    slide.shapes.title.text = "Acme Logistics — Customer Success Plan"
    slide.placeholders[1].text = "Plan v1.3 · 15 Oct 2026"

    slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content
    slide.shapes.title.text = "Outcomes"
    frame = slide.placeholders[1].text_frame
    para = frame.paragraphs[0]
    for text, bold, italic, link in [
        ("bold", True, None, None),
        (" run", True, None, None),  # split run with equal format: merged
        (" and ", None, None, None),
        ("italic", None, True, None),
        (" and ", None, None, None),
        ("link text", None, None, "https://example.com/x"),
        (" kept visible", None, None, None),
    ]:
        run = para.add_run()
        run.text = text
        run.font.bold = bold
        run.font.italic = italic
        if link:
            run.hyperlink.address = link
    frame.add_paragraph()  # empty paragraph: skipped
    for text, level, kind, attrs in [
        ("Cut travel spend", 0, "buChar", {"char": "▪"}),
        ("Negotiate rates", 1, "buChar", {"char": "–"}),
        ("Kick-off", 0, "buAutoNum", {"type": "arabicPeriod"}),
        ("Review", 0, "buAutoNum", {"type": "arabicPeriod"}),
        ("Plain, indented", 1, None, {}),
    ]:
        para = frame.add_paragraph()
        para.text = text
        para.level = level
        if kind:
            _set_bullet(para, kind, **attrs)

    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    slide.shapes.title.text = "Plan"
    table = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    table.cell(0, 0).text = "Outcome"
    table.cell(0, 1).text = "KPI"
    table.cell(1, 0).text = "Lower cost"
    table.cell(1, 1).text_frame.text = "Spend"
    table.cell(1, 1).text_frame.add_paragraph().text = "per trip"
    table.cell(2, 0).text = "a | b"

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Charts"
    data = CategoryChartData()
    data.categories = ["Baseline", "Latest", "Target"]
    data.add_series("Travel spend", (86000, 80000.5, None))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(1), Inches(1), Inches(5), Inches(4), data
    ).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Travel spend"
    data = CategoryChartData()
    data.categories = ["Q1", "Q2"]
    data.add_series("NPS", (31, 42))
    data.add_series("CSAT", (4.2, 4.5))
    slide.shapes.add_chart(XL_CHART_TYPE.LINE, Inches(6), Inches(1), Inches(5), Inches(4), data)
    slide.notes_slide.notes_text_frame.text = "Source: content/acme/outcomes.yaml"

    slide = prs.slides.add_slide(prs.slide_layouts[6])  # Blank
    png = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(png, "PNG")
    png.seek(0)
    slide.shapes.add_picture(png, Inches(1), Inches(1))
    group = slide.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))
    box.text_frame.text = "In a group"
    slide.shapes.add_textbox(Inches(1), Inches(3), Inches(2), Inches(1))  # empty: skipped

    prs.save(path)


def _add_hyperlink(paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(w_qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def build_doc(path) -> None:
    document = docx.Document()
    props = document.core_properties
    props.title = "Acme CS plan"
    props.author = "CS team"
    props.created = datetime.datetime(2026, 10, 15, 9, 0, tzinfo=datetime.timezone.utc)
    props.modified = datetime.datetime(2026, 10, 16, 10, 30, tzinfo=datetime.timezone.utc)

    document.add_paragraph("Acme Logistics", style="Title")
    document.add_heading("Outcomes", level=1)
    para = document.add_paragraph()
    para.add_run("bold").bold = True
    para.add_run(" and ")
    para.add_run("italic").italic = True
    para.add_run(", see ")
    _add_hyperlink(para, "the plan", "https://example.com/plan")
    para.add_run(".")
    document.add_paragraph("")  # empty paragraph: skipped
    document.add_heading("Initiatives", level=2)
    document.add_paragraph("Cut travel spend", style="List Bullet")
    document.add_paragraph("Negotiate rates", style="List Bullet 2")
    document.add_paragraph("Kick-off", style="List Number")
    document.add_paragraph("Review", style="List Number")
    table = document.add_table(rows=3, cols=3)
    for col, text in enumerate(["Outcome", "KPI", "Target"]):
        table.cell(0, col).text = text
    table.cell(1, 0).text = "Lower cost"
    table.cell(1, 1).text = "Spend"
    table.cell(1, 1).add_paragraph("per trip")
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Merged"
    table.cell(2, 2).text = "a | b"
    document.add_paragraph("After the table.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Acme — confidential"
    section.footer.paragraphs[0].text = "Page footer"
    document.save(path)


# --------------------------------------------------------------------------
# pptx

EXPECTED_DECK = """\
presentation 13.333in × 7.5in, 5 slides
  title: Acme CS plan
  author: CS team
  created: 2026-10-15T09:00:00Z
  modified: 2026-10-16T10:30:00Z

=== slide 1 [Title Slide] ===
title: Acme Logistics — Customer Success Plan
text (subtitle):
  Plan v1.3 · 15 Oct 2026

=== slide 2 [Title and Content] ===
title: Outcomes
text (content):
  **bold run** and _italic_ and [link text](https://example.com/x) kept visible
  • Cut travel spend
    • Negotiate rates
  1. Kick-off
  2. Review
    Plain, indented

=== slide 3 [Title Only] ===
title: Plan
table (3×2):
  | Outcome | KPI |
  | Lower cost | Spend / per trip |
  | a \\| b | |

=== slide 4 [Title Only] ===
title: Charts
chart (BAR_CLUSTERED) "Travel spend":
  categories: Baseline | Latest | Target
  series "Travel spend": 86000 | 80000.5 | –
chart (LINE):
  categories: Q1 | Q2
  series "NPS": 31 | 42
  series "CSAT": 4.2 | 4.5
notes:
  Source: content/acme/outcomes.yaml

=== slide 5 [Blank] ===
picture "image.png" (png 4×3, sha1 {sha})
group:
  text:
    In a group
"""


@pytest.fixture
def deck(tmp_path):
    path = tmp_path / "deck.pptx"
    build_deck(path)
    return path


def test_pptx_dump_is_the_reviewer_view(deck):
    text = dump_pptx(deck)
    sha = Presentation(deck).slides[4].shapes[0].image.sha1[:8]
    assert text == EXPECTED_DECK.replace("{sha}", sha)


def test_pptx_dump_lines_are_clean(deck):
    text = dump(deck)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert all(line == line.rstrip() for line in text.splitlines())


def test_pptx_dump_is_identical_for_separate_builds(tmp_path):
    first, second = tmp_path / "one.pptx", tmp_path / "two.pptx"
    build_deck(first)
    build_deck(second)
    assert dump(first) == dump(second)


def test_pptx_internal_link_names_the_target_slide(tmp_path):
    prs = Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[5])
    second = prs.slides.add_slide(prs.slide_layouts[5])
    second.shapes.title.text = "Appendix"
    run = first.shapes.title.text_frame.paragraphs[0].add_run()
    run.text = "see appendix"
    run.hyperlink.address = None
    rid = first.part.relate_to(second.part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide")
    click = etree.SubElement(run._r.get_or_add_rPr(), qn("a:hlinkClick"))
    click.set(qn("r:id"), rid)
    click.set("action", "ppaction://hlinksldjump")
    path = tmp_path / "links.pptx"
    prs.save(path)
    assert "title: [see appendix](#slide-2)" in dump(path).splitlines()


# --------------------------------------------------------------------------
# docx

EXPECTED_DOC = """\
document 8.5in × 11in
  title: Acme CS plan
  author: CS team
  created: 2026-10-15T09:00:00Z
  modified: 2026-10-16T10:30:00Z

= Acme Logistics =

# Outcomes
**bold** and _italic_, see [the plan](https://example.com/plan).

## Initiatives
• Cut travel spend
  • Negotiate rates
1. Kick-off
2. Review
table (3×3):
  | Outcome | KPI | Target |
  | Lower cost | Spend / per trip | |
  | Merged | | a \\| b |
After the table.

header:
  Acme — confidential

footer:
  Page footer
"""


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "plan.docx"
    build_doc(path)
    return path


def test_docx_dump_is_the_reviewer_view(doc):
    assert dump_docx(doc) == EXPECTED_DOC


def test_docx_dump_is_identical_for_separate_builds(tmp_path):
    first, second = tmp_path / "one.docx", tmp_path / "two.docx"
    build_doc(first)
    build_doc(second)
    assert dump(first) == dump(second)


def test_docx_numbering_restarts_per_list(tmp_path):
    document = docx.Document()
    document.add_paragraph("One", style="List Number")
    document.add_paragraph("Two", style="List Number")
    document.add_paragraph("Another list", style="List Number 2")
    path = tmp_path / "lists.docx"
    document.save(path)
    body = dump(path).split("\n\n", 1)[1].splitlines()
    assert body == ["1. One", "2. Two", "  1. Another list"]


# --------------------------------------------------------------------------
# dispatch and errors


def test_dispatch_uses_content_not_extension(tmp_path, deck, doc):
    # git textconv hands over temp files whose names say nothing.
    no_ext = tmp_path / "blob"
    shutil.copy(deck, no_ext)
    misnamed = tmp_path / "really-a-doc.pptx"
    shutil.copy(doc, misnamed)
    assert dump(no_ext) == dump_pptx(deck)
    assert dump(misnamed) == dump_docx(doc)


def test_wrong_specific_function_raises(deck, doc):
    with pytest.raises(DumpError, match=r"expected a \.docx file but it is a \.pptx"):
        dump_docx(deck)
    with pytest.raises(DumpError, match=r"expected a \.pptx file but it is a \.docx"):
        dump_pptx(doc)


def test_non_zip_raises_dump_error(tmp_path):
    path = tmp_path / "notes.pptx"
    path.write_text("just text\n")
    with pytest.raises(DumpError) as info:
        dump(path)
    assert str(info.value) == f"{path}: not a .pptx or .docx file (not a zip archive)"


def test_zip_that_is_neither_raises_dump_error(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(DumpError) as info:
        dump(path)
    message = str(info.value)
    assert message.startswith(f"{path}: a zip archive but not a .pptx or .docx file")
    assert "ppt/presentation.xml" in message and "word/document.xml" in message


def test_missing_file_raises_dump_error(tmp_path):
    path = tmp_path / "absent.pptx"
    with pytest.raises(DumpError, match="no such file"):
        dump(path)


def test_broken_package_raises_dump_error_not_library_error(tmp_path):
    path = tmp_path / "broken.pptx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("ppt/presentation.xml", "<not xml")
    with pytest.raises(DumpError, match=r"broken\.pptx: cannot read as a \.pptx file"):
        dump(path)
