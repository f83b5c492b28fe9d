"""Render stage for Word documents: a :class:`DocView` poured into a docxtpl template.

The template's tags get the view's texts (autoescaped, in a sandboxed Jinja
environment with strict undefined tags, see :mod:`pipeline.template_docx`);
block tags get sub-documents built here with python-docx: real headings,
paragraphs with bold, italic and hyperlink runs, bullet and numbered lists,
and tables whose header row repeats on every page. User text only ever
travels as a value, never as template source. The renderer reads no file and
formats no number: it gets the template's bytes and the view's strings.
"""

from __future__ import annotations

import io
import re

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, RGBColor
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from lxml import etree

from pipeline.render import set_core_properties
from pipeline.render.lang import tag_document
from pipeline.template_docx import Finding, environment, template_problems
from pipeline.view import Cell, DocView, Heading, Para, Picture, Table

STATUS_FILL = {"green": "D9EAD3", "amber": "FCE8B2", "red": "F4CCCC"}
LINK_COLOR = RGBColor(0x1A, 0x7F, 0x8E)
TABLE_STYLES = ("csplan Table", "Table Grid")


class DocxTemplateError(Exception):
    """The template cannot be rendered with the view; ``findings`` says why, tag by tag."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("; ".join(f.message for f in findings))


class _Subdoc:
    """Body content built with python-docx against the template's part (styles, numbering, relationships).

    docxtpl's own Subdoc needs docxcompose; this is the part of it csplan uses.
    Jinja inserts it as markup through ``__html__``.
    """

    def __init__(self, tpl: DocxTemplate):
        self.docx = docx.Document()
        self.docx._part = tpl.get_docx()._part

    def __html__(self) -> str:
        body = self.docx.element.body
        if body.sectPr is not None:
            body.remove(body.sectPr)
        xml = re.sub(r"</?w:body[^>]*>", "", etree.tostring(body, encoding="unicode"))
        # docxtpl turns "{_{" into "{{" after rendering; character references keep user text as typed.
        return xml.replace("{", "&#123;").replace("}", "&#125;")


class _Writer:
    """Writes view blocks into python-docx containers using the template's styles and numbering."""

    def __init__(self, tpl: DocxTemplate):
        self.tpl = tpl
        self.doc = tpl.get_docx()
        self.styles = {s.name for s in self.doc.styles}
        section = self.doc.sections[0]
        self.width = section.page_width - section.left_margin - section.right_margin
        try:
            self.numbering = self.doc.part.numbering_part.element
        except (KeyError, NotImplementedError):
            self.numbering = None
        self._previous: Para | None = None
        self._num_ids: dict[tuple[int, str], str] = {}

    # ------------------------------------------------------------- blocks

    def subdoc(self, blocks: list) -> _Subdoc:
        """Return a sub-document holding ``blocks``."""
        sd = _Subdoc(self.tpl)
        self.write(sd.docx, blocks)
        return sd

    def write(self, container, blocks: list) -> None:
        """Append ``blocks`` to a document body or a table cell."""
        self._previous = None
        for i, block in enumerate(blocks):
            if isinstance(block, Heading):
                style = f"Heading {min(max(block.level, 1), 9)}"
                container.add_paragraph(block.text, style=self._style(style))
                self._previous = None
            elif isinstance(block, Para):
                self.para(container.add_paragraph(), block)
            elif isinstance(block, Table):
                self.table(container, block)
                self._previous = None
                if i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
                    container.add_paragraph()  # two tables in a row would merge into one
            elif isinstance(block, Picture):
                run = container.add_paragraph().add_run()
                run.add_picture(io.BytesIO(block.data), width=Cm(block.width_cm))
                for doc_pr in run._r.iter(qn("wp:docPr")):
                    doc_pr.set("descr", block.description)
                self._previous = None

    def _style(self, name: str) -> str | None:
        return name if name in self.styles else None

    # ------------------------------------------------------------- paragraphs

    def para(self, paragraph, p: Para) -> None:
        """Write a view paragraph into a python-docx paragraph: list style, numbering and runs."""
        level = min(p.level, 2)
        suffix = f" {level + 1}" if level else ""
        name = {"bullet": "List Bullet", "number": "List Number"}.get(p.kind or "", "List Continue")
        if p.kind or p.level:
            style = self._style(name + suffix) or self._style(name)
            if style:
                paragraph.style = style
        if p.kind == "number":
            self._number(paragraph, p)
        self._previous = p
        for r in p.runs:
            run = paragraph.add_run(r.text)
            run.bold = r.bold or None
            run.italic = r.italic or None
            if r.link:
                self._link(paragraph, run, r.link)

    def _number(self, paragraph, p: Para) -> None:
        """Give a numbered item its own list when it does not continue the previous one."""
        prev = self._previous
        key = (p.level, paragraph.style.name if paragraph.style is not None else "")
        if not (prev and prev.kind == "number" and prev.level == p.level and prev.number == p.number - 1
                and key in self._num_ids):
            num_id = self._new_num(paragraph, p.number)
            if num_id is None:
                return
            self._num_ids[key] = num_id
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(self._num_ids[key])

    def _new_num(self, paragraph, start: int) -> str | None:
        """Return a new numbering instance of the paragraph style's list, starting at ``start``."""
        if self.numbering is None or paragraph.style is None:
            return None
        style, style_num = paragraph.style, None
        while style is not None and style_num is None:
            ppr = style.element.pPr
            if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
                style_num = str(ppr.numPr.numId.val)
            style = style.base_style
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        nums = self.numbering.findall(f"{w}num")
        abstract = next((n.find(f"{w}abstractNumId").get(f"{w}val") for n in nums
                         if n.get(f"{w}numId") == style_num), None)
        if abstract is None:
            return None
        num_id = str(max((int(n.get(f"{w}numId")) for n in nums), default=0) + 1)
        self.numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{int(start)}"/></w:lvlOverride></w:num>'))
        return num_id

    def _link(self, paragraph, run, url: str) -> None:
        """Move ``run`` into a hyperlink to ``url`` (an external relationship of the document part)."""
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        run._r.addprevious(link)
        link.append(run._r)
        if "Hyperlink" in self.styles:
            run.style = "Hyperlink"
        else:
            run.font.color.rgb = LINK_COLOR
            run.font.underline = True

    # ------------------------------------------------------------- tables

    def table(self, container, t: Table) -> None:
        """Write a table: a repeating bold header row, cells of paragraphs, status shading."""
        cols = len(t.header) or max((len(r) for r in t.rows), default=1)
        table = container.add_table(rows=0, cols=cols)
        style = next((s for s in TABLE_STYLES if s in self.styles), None)
        if style:
            table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        weights = t.widths if t.widths and len(t.widths) == cols else [1] * cols
        widths = [Emu(int(self.width * w / sum(weights))) for w in weights]
        for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
            grid_col.w = width
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is None:
            look = OxmlElement("w:tblLook")
            table._tbl.tblPr.append(look)
        # A header row, or (label/value tables) a first column; w:val is the same as a bit mask for older readers.
        look.set(qn("w:val"), "0420" if t.header else "0480")
        look.set(qn("w:firstRow"), "1" if t.header else "0")
        look.set(qn("w:firstColumn"), "0" if t.header else "1")
        look.set(qn("w:lastRow"), "0")
        look.set(qn("w:lastColumn"), "0")
        look.set(qn("w:noHBand"), "0")
        look.set(qn("w:noVBand"), "1")
        if t.header:
            row = table.add_row()
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
            for c, text in zip(row.cells, t.header):
                c.paragraphs[0].add_run(text).bold = True
        for values in t.rows:
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for c, value in zip(row.cells, values):
                self.cell(c, value)
        for row in table.rows:
            for c, width in zip(row.cells, widths):
                c.width = width

    def cell(self, c, value: Cell) -> None:
        """Write a view cell into a table cell."""
        self._previous = None
        for i, p in enumerate(value.paras):
            self.para(c.paragraphs[0] if i == 0 else c.add_paragraph(), p)
        if value.status in STATUS_FILL:
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), STATUS_FILL[value.status])
            c._tc.get_or_add_tcPr().append(shd)


def render_document(view: DocView, template: bytes, blocks: set[str] | None = None, kind: str = "document") -> bytes:
    """Return the .docx bytes of ``view`` rendered into ``template``, or raise DocxTemplateError."""
    provided = view.tags()
    findings = template_problems(template, provided, blocks if blocks is not None else set(view.blocks), kind)
    if findings:
        raise DocxTemplateError(findings)
    tpl = DocxTemplate(io.BytesIO(template))
    writer = _Writer(tpl)
    context: dict = {**view.fields, **view.dicts}
    for name, items in view.blocks.items():
        # An empty block is "" so that a template can write {%p if next_steps %}.
        context[name] = writer.subdoc(items) if items else ""
    try:
        tpl.render(context, environment(), autoescape=True)
    except TemplateError as exc:  # template_problems catches these first; this is the backstop
        raise DocxTemplateError([Finding(f"the template cannot be rendered: {exc}", "template.render")]) from None
    set_core_properties(tpl.docx.core_properties, title=view.title, author=view.author, subject=view.subject,
                        locale=view.locale, created=view.created)
    tag_document(tpl.docx, view.locale, view.foreign)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
