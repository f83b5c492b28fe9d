"""Build templates/docx/reference.docx and templates/docx/questionnaire.docx, the default Word templates.

Usage: python templates/docx/make_template.py [OUTPUT_DIR]

Starts from python-docx's own default document (a package python-docx
round-trips), switches it to A4, restyles it in the colours and font of the
deck template (Calibri, which LibreOffice replaces by the metric-compatible
Carlito; both carry Latin, Polish, Swedish and Cyrillic glyphs), adds the
"csplan Table" style (a shaded bold header row, repeated on every page by the
renderer) and a Hyperlink style, writes the docxtpl tags of each document,
drops the thumbnail and other parts csplan does not use, and re-zips the
result with fixed timestamps so that running the script twice gives
byte-identical files. The tags must be the ones the views provide
(pipeline/view/reference.py, pipeline/view/questionnaire.py); ``csplan
template check`` verifies that.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from pipeline.write import normalize_zip  # noqa: E402

FONT = "Calibri"
STAMP = "2024-01-01T00:00:00Z"
TEXT, NAVY, TEAL, SLATE, PALE, RULE = "1E2530", "12263F", "1A7F8E", "5B6878", "EEF2F6", "D5DCE3"
# A darker teal for text: 1A7F8E is 4.6:1 on white, too close to the floor for 15 pt headings read in print.
TEAL_DARK = "146570"
CALLOUT = "E8F3F4"
# Header rows: navy bold text on a pale teal, readable even where an application ignores the style's text colour.
HEADER = "DCEEF0"
QUESTIONS = 7


# ----------------------------------------------------------------- styles

def _fonts(rpr) -> None:
    """Set Calibri for every script of a run-properties element (theme fonts removed)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{kind}"), FONT)


def _style(doc, name, *, size=None, color=None, bold=None, italic=None, before=None, after=None, keep=False):
    style = doc.styles[name]
    font = style.font
    _fonts(style.element.get_or_add_rPr())
    if size:
        font.size = Pt(size)
    if color:
        font.color.rgb = RGBColor.from_string(color)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    pf = style.paragraph_format
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if keep:
        pf.keep_with_next = True
    return style


def _paragraph_style(doc, name: str):
    """Return the paragraph style ``name``, added (based on Normal) when python-docx's default has none."""
    if name not in {s.name for s in doc.styles}:
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = doc.styles["Normal"]
    return doc.styles[name]


def _restyle(doc) -> None:
    """Apply the csplan look: fonts, sizes and colours of the styles the renderer uses."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr)
    # The body size lives in the defaults too, not in Normal: a paragraph style's size would override the
    # table style's smaller one in every cell.
    rpr.find(qn("w:sz")).set(qn("w:val"), "21")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "21")
    # Spacing lives in the document defaults, not in Normal, so that the table style's tighter spacing wins in cells.
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)
    for child in list(ppr_default):
        ppr_default.remove(child)
    # Widow and orphan control everywhere: no page starts with a paragraph's last line or ends with its first.
    ppr_default.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:widowControl/><w:spacing w:after="120" w:line="276" '
                                 f'w:lineRule="auto"/></w:pPr>'))
    _style(doc, "Normal", color=TEXT)
    title = _style(doc, "Title", size=28, color=NAVY, bold=True, after=6)
    for border in title.element.pPr.iter(qn("w:bottom")):
        border.set(qn("w:color"), TEAL)
        border.attrib.pop(qn("w:themeColor"), None)
    _style(doc, "Subtitle", size=14, color=TEAL, italic=False, after=18)
    # Each level smaller than the one above and told apart by more than colour; every colour ≥ 4.5:1 on white.
    for level, (size, color, italic, before) in enumerate(((20, NAVY, False, 20), (15, TEAL_DARK, False, 16),
                                                           (12.5, NAVY, False, 12), (11, TEXT, True, 10)), 1):
        style = _style(doc, f"Heading {level}", size=size, color=color, bold=True, before=before, after=4, keep=True)
        style.font.italic = italic
        style.paragraph_format.keep_together = True
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2", "List Number 3",
                 "List Continue", "List Continue 2", "Header", "Footer", "Caption"):
        _style(doc, name, after=3)
    footer = _style(doc, "Footer", size=8, color=SLATE)
    # One page-number position in every document: the footer text left, the number at the right margin
    # (python-docx's Footer style has a centre tab that put a short footer's page number in the middle).
    tabs = footer.element.pPr.find(qn("w:tabs"))
    if tabs is not None:
        footer.element.pPr.remove(tabs)
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT)
    quote = _style(doc, "Quote", size=11, color=NAVY, italic=True, before=6, after=6)
    quote.paragraph_format.left_indent = Cm(0.6)
    notice = _style(doc, "Intense Quote", size=9.5, color=SLATE, italic=False, before=12, after=12)
    notice.paragraph_format.left_indent = notice.paragraph_format.right_indent = Cm(0)
    _callout_style(doc)
    _paragraph_style(doc, "csplan Headline")  # the reference's computed headline result on its cover
    _style(doc, "csplan Headline", size=16, color=TEAL_DARK, bold=True, before=6, after=14)
    _paragraph_style(doc, "TOC Heading")
    _style(doc, "TOC Heading", size=13, color=NAVY, bold=True, before=18, after=6)
    for level, indent in ((1, 0), (2, 0.5)):
        style = _paragraph_style(doc, f"toc {level}")
        _style(doc, style.name, size=10.5, color=TEXT, bold=level == 1, before=3 if level == 1 else 0, after=1)
        style.paragraph_format.left_indent = Cm(indent)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    link = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(TEAL)
    link.font.underline = True
    _table_style(doc)


def _callout_style(doc) -> None:
    """Add "csplan Callout": a pull quote on a pale teal band with a thick teal rule on its left."""
    style = doc.styles.add_style("csplan Callout", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(12.5)
    style.font.color.rgb = RGBColor.from_string(NAVY)
    # Borders and shading first: python-docx inserts spacing, indents and keepNext in schema order around them.
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="2" w:space="6" w:color="{CALLOUT}"/>'
        f'<w:left w:val="single" w:sz="36" w:space="10" w:color="{TEAL}"/>'
        f'<w:bottom w:val="single" w:sz="2" w:space="6" w:color="{CALLOUT}"/></w:pBdr>'))
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{CALLOUT}"/>'))
    pf = style.paragraph_format
    pf.left_indent, pf.right_indent = Cm(0.5), Cm(0.3)
    pf.space_before, pf.space_after = Pt(0), Pt(0)
    pf.keep_with_next = True  # the quote and its speaker stay together


def _table_style(doc) -> None:
    """Add "csplan Table": thin rules, a bold header row on pale teal, a pale first column without header."""
    style = doc.styles.add_style("csplan Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
    style.element.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>'))
    style.element.append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:sz w:val="19"/></w:rPr>'))
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>'
        f'<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>'
        f'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>'
        f'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar></w:tblPr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="{NAVY}"/></w:rPr>'
        # CT_TcPr's schema order puts tcBorders before shd; the other way round Word offers to repair the file.
        f'<w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="{TEAL}"/></w:tcBorders>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER}"/></w:tcPr></w:tblStylePr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstCol"><w:rPr><w:b/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{PALE}"/></w:tcPr></w:tblStylePr>'))


# ----------------------------------------------------------------- page, header and footer

def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.0)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run("{{ footer }}\t")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _drop_unused_parts(doc) -> None:
    """Drop the thumbnail, customXml and stylesWithEffects parts of python-docx's default document."""
    package_rels = doc.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[r_id]
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"):
            del doc.part.rels[r_id]


def _properties(doc, title: str) -> None:
    props = doc.core_properties
    fixed = datetime(2024, 1, 1, tzinfo=timezone.utc)
    props.title, props.subject, props.author, props.last_modified_by = title, "csplan template", "csplan", "csplan"
    props.keywords = props.comments = props.category = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = fixed


# ----------------------------------------------------------------- the two templates

def _cover(doc, *, headline: bool) -> None:
    """Write the cover's tags: logos side by side, title, subtitle, the headline, the facts and the notice."""
    doc.add_paragraph("{{p logo }}")
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    if headline:
        doc.add_paragraph("{{ headline }}", style="csplan Headline")
    doc.add_paragraph("{{p cover }}")
    doc.add_paragraph("{{ notice }}", style="Intense Quote")


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """Append a complex field (begin, instruction, separate, placeholder result, end) to ``paragraph``."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", placeholder),
                       ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                el.set(qn("w:dirty"), "true")  # Word recomputes it on open
        run._r.append(el)


def _toc(doc) -> None:
    """Write a real table of contents field: the questions (level-1 headings) and their page numbers.

    Word fills it on open (``w:dirty`` and the document's ``updateFields`` setting); LibreOffice
    computes the index itself when it loads the document, so its PDF has the page numbers.
    """
    doc.add_paragraph("{{ contents }}", style="TOC Heading")
    _field(doc.add_paragraph(), r'TOC \o "1-1" \h \z \u', "{{ contents_hint }}")
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # CT_Settings' schema order puts w:updateFields just before the header shape defaults, footnote and
    # endnote properties and w:compat (openxml-audit flags it anywhere else).
    after = next(settings.find(qn(tag)) for tag in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
                                                        "w:compat") if settings.find(qn(tag)) is not None)
    after.addprevious(update)


def _new() -> docx.Document:
    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_unused_parts(doc)
    _page(doc)
    _restyle(doc)
    return doc


def reference() -> bytes:
    """Return the reference template."""
    doc = _new()
    _properties(doc, "Customer reference")
    _cover(doc, headline=True)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for key in ("profile", "challenge", "solution", "outcomes", "execution", "results"):
        doc.add_paragraph(f"{{{{ labels.{key} }}}}", style="Heading 1")
        doc.add_paragraph(f"{{{{p {key} }}}}")
    # The customer's quote is a call-out right after the results it speaks about, not a section of its own.
    doc.add_paragraph("{{p quote }}")
    doc.add_paragraph("{%p if next_steps %}")
    doc.add_paragraph("{{ labels.next_steps }}", style="Heading 1")
    doc.add_paragraph("{{p next_steps }}")
    doc.add_paragraph("{%p endif %}")
    return _save(doc)


def questionnaire() -> bytes:
    """Return the questionnaire template."""
    doc = _new()
    _properties(doc, "CX Specialization questionnaire")
    _cover(doc, headline=False)
    _toc(doc)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # No page break before each question: a hard break left pages three lines full; headings keep with their text.
    for n in range(1, QUESTIONS + 1):
        doc.add_paragraph(f"{{{{ labels.q{n} }}}}", style="Heading 1")
        doc.add_paragraph(f"{{{{ questions.q{n} }}}}", style="Quote")
        doc.add_paragraph(f"{{{{p q{n} }}}}")
    return _save(doc)


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return normalize_zip(out.getvalue(), STAMP)


def main(argv: list[str]) -> int:
    """Write both templates to OUTPUT_DIR (default: this folder)."""
    folder = Path(argv[0]) if argv else HERE
    for name, build in (("reference", reference), ("questionnaire", questionnaire)):
        path = folder / f"{name}.docx"
        path.write_bytes(build())
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
