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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, RGBColor
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from lxml import etree

from pipeline import measure
from pipeline.render import set_core_properties
from pipeline.render.lang import tag_document
from pipeline.template_docx import Finding, environment, template_problems
from pipeline.view import Callout, Cell, DocView, Heading, OrgChart, Para, Picture, Table

STATUS_FILL = {"green": "D9EAD3", "amber": "FCE8B2", "red": "F4CCCC"}
LINK_COLOR = RGBColor(0x1A, 0x7F, 0x8E)
TABLE_STYLES = ("csplan Table", "Table Grid")
CALLOUT_STYLES = ("csplan Callout", "Quote")
# The csplan Table style's left/right cell margin (templates/docx/make_template.py); tables are measured
# with it and with the table style's text size, read from the template.
CELL_MARGIN_TWIPS = 90
BODY_PT = 10.5  # when a template's styles say no size at all
EMU_PER_TWIP = 635
# python-docx's List Bullet styles put the text 0.5 in from the cell's edge.
LIST_INDENT = 457200
PICTURE_GAP = "\u2003\u2003"  # between logos side by side


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
        self.table_pt = self._table_size()
        self._shape_ids = 9000  # docPr ids of drawn charts, clear of python-docx's picture ids
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
                paragraph = container.add_paragraph()
                self.para(paragraph, block)
                if i + 1 < len(blocks) and isinstance(blocks[i + 1], (Table, OrgChart)):
                    # A table's lead-in stays on the page of the table (and so does the heading before it).
                    paragraph.paragraph_format.keep_with_next = True
            elif isinstance(block, Table):
                self.table(container, block)
                self._previous = None
                if i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
                    container.add_paragraph()  # two tables in a row would merge into one
            elif isinstance(block, Callout):
                style = next((s for s in CALLOUT_STYLES if s in self.styles), None)
                for n, p in enumerate(block.paras):
                    paragraph = container.add_paragraph(style=style)
                    self.para(paragraph, p)
                    if n == len(block.paras) - 1:
                        paragraph.paragraph_format.keep_with_next = False
                self._previous = None
            elif isinstance(block, OrgChart):
                self.org_chart(container, block)
                self._previous = None
            elif isinstance(block, Picture):
                # Pictures in a row share one paragraph: logos side by side.
                if i and isinstance(blocks[i - 1], Picture):
                    paragraph.add_run(PICTURE_GAP)
                else:
                    paragraph = container.add_paragraph()
                run = paragraph.add_run()
                run.add_picture(io.BytesIO(block.data), width=Cm(block.width_cm) if block.width_cm else None,
                                height=Cm(block.height_cm) if block.height_cm else None)
                for doc_pr in run._r.iter(qn("wp:docPr")):
                    doc_pr.set("descr", block.description)
                self._previous = None

    def _table_size(self) -> float:
        """Return the text size of table cells: the table style's, else Normal's, else the document default's."""
        for name in (*TABLE_STYLES, "Normal"):
            if name in self.styles and self.doc.styles[name].font.size is not None:
                return self.doc.styles[name].font.size.pt
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        size = defaults.find(f'{qn("w:rPrDefault")}/{qn("w:rPr")}/{qn("w:sz")}') if defaults is not None else None
        return int(size.get(qn("w:val"))) / 2 if size is not None else BODY_PT

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
        """Write a table: measured column widths, a repeating bold header row, merged group cells, shading."""
        cols = len(t.header) or max((len(r) for r in t.rows), default=1)
        table = container.add_table(rows=0, cols=cols)
        style = next((s for s in TABLE_STYLES if s in self.styles), None)
        if style:
            table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        widths = [Emu(w) for w in self._widths(t, cols)]
        for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths):
            grid_col.w = width
        tbl_pr = table._tbl.tblPr
        # Word before 2013 (and LibreOffice) put a table's edge one cell margin left of the text: indent it back.
        ind = tbl_pr.find(qn("w:tblInd"))
        if ind is None:
            ind = OxmlElement("w:tblInd")
            anchor = tbl_pr.find(qn("w:jc"))
            (anchor if anchor is not None else tbl_pr.find(qn("w:tblW"))).addnext(ind)
        ind.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        ind.set(qn("w:type"), "dxa")
        look = tbl_pr.find(qn("w:tblLook"))
        if look is None:
            look = OxmlElement("w:tblLook")
            tbl_pr.append(look)
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
            tr_pr.append(OxmlElement("w:cantSplit"))
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
            for c, text in zip(row.cells, t.header):
                c.paragraphs[0].add_run(text).bold = True
        merged = _merges(t)
        for r, values in enumerate(t.rows):
            row = table.add_row()
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for col, (c, value) in enumerate(zip(row.cells, values)):
                state = merged.get((r, col))
                if state:  # before the cell's shading: w:vMerge comes first in the schema's order
                    v_merge = OxmlElement("w:vMerge")
                    v_merge.set(qn("w:val"), state)
                    c._tc.get_or_add_tcPr().append(v_merge)
                if state != "continue":
                    self.cell(c, value)
        for row in table.rows:
            for c, width in zip(row.cells, widths):
                c.width = width
        # A group's rows (a merged stage or outcome cell) stay on one page, as the header stays with them.
        offset = 1 if t.header else 0
        grouped = {r - 1 + offset for (r, col), state in merged.items() if state == "continue" and col == t.group}
        _keep_together(table, grouped)

    def org_chart(self, container, chart: OrgChart) -> None:
        """Draw an org chart as one inline group of Word shapes: boxes with text, elbow lines between levels."""
        width = int(self.width)
        boxes, height = org_layout(chart, width)
        shapes = []
        for n, (unit, (x, y, w, h)) in enumerate(zip(chart.units, boxes)):
            if unit.parent is not None:
                px, py, pw, ph = boxes[unit.parent]
                mid = y - ORG_GAP_Y // 2
                shapes += [_line(px + pw // 2, py + ph, px + pw // 2, mid), _line(px + pw // 2, mid, x + w // 2, mid),
                           _line(x + w // 2, mid, x + w // 2, y)]
            shapes.append(_box(unit, x, y, w, h))
        ids = iter(range(1, len(shapes) + 1))
        for shape in shapes:
            shape.find(f"{{{_WPS}}}cNvPr").set("id", str(next(ids)))
        self._shape_ids += 1
        paragraph = container.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        inline = parse_xml(
            f'<wp:inline xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:wpg="{_WPG}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{self._shape_ids}" name="Org chart {self._shape_ids}"/>'
            f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="{_WPG}"><wpg:wgp><wpg:cNvGrpSpPr/>'
            f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
            f'<a:chOff x="0" y="0"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></wpg:grpSpPr>'
            f'</wpg:wgp></a:graphicData></a:graphic></wp:inline>')
        inline.find(f"{{{_WP}}}docPr").set("descr", chart.description)
        group = inline.find(f".//{{{_WPG}}}wgp")
        for shape in shapes:
            group.append(shape)
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        paragraph.add_run()._r.append(drawing)

    def _widths(self, t: Table, cols: int) -> list[int]:
        """Return the columns' widths in EMU from their measured text (measure.column_widths, shared with decks).

        Word and LibreOffice break a line after "/" ("PLN/|month"): measured with a zero-width space after
        each slash, so that a unit like "640,000 PLN/quarter" does not count as one word. When even the words
        cannot fit side by side (a document has no second slide to move columns to), the columns get their
        longest words' widths scaled down to the text width.
        """
        def para(p: Para) -> measure.Paragraph:
            indent = LIST_INDENT * (p.level + 1) if p.kind or p.level else 0
            return measure.Paragraph(tuple((r.text.replace("/", "/\u200b"), r.bold, r.italic) for r in p.runs),
                                     indent)

        columns = [[[para(p) for p in row[n].paras] if n < len(row) else [] for row in t.rows] for n in range(cols)]
        headers = [[measure.Paragraph(((text.replace("/", "/\u200b"), True, False),))] for text in t.header[:cols]]
        if t.header:
            headers += [[] for _ in range(cols - len(headers))]
        padding = 2 * CELL_MARGIN_TWIPS * EMU_PER_TWIP
        total = int(self.width)
        widths = measure.column_widths(columns, total, self.table_pt, headers=headers or None, inset=padding)
        if widths is None:
            lows = [n.minimum for n in measure.column_needs(columns, self.table_pt, headers=headers or None,
                                                            inset=padding)]
            widths = [lo * total // sum(lows) for lo in lows]
            widths[-1] += total - sum(widths)
        return widths

    def cell(self, c, value: Cell) -> None:
        """Write a view cell into a table cell."""
        self._previous = None
        for i, p in enumerate(value.paras):
            paragraph = c.paragraphs[0] if i == 0 else c.add_paragraph()
            self.para(paragraph, p)
            if value.align == "center":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if value.status in STATUS_FILL:
            shd = OxmlElement("w:shd")
            shd.set(qn("w:val"), "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), STATUS_FILL[value.status])
            c._tc.get_or_add_tcPr().append(shd)


# ----------------------------------------------------------------- the org chart: native Word shapes

ORG_PT = 8  # text size in the boxes
ORG_INSET = 45720  # 0.05 in inside each box
ORG_THICK = 38100  # a highlighted box's outline (3 pt); the others have 1 pt
ORG_GAP_X, ORG_GAP_Y = 91440, 228600  # between boxes side by side, between levels
ORG_FILL, ORG_HIGHLIGHT, ORG_LINE, ORG_TEXT = "FFFFFF", "DCEEF0", "1A7F8E", "12263F"
_WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def org_layout(chart: OrgChart, width: int) -> tuple[list[tuple[int, int, int, int]], int]:
    """Return each unit's box (x, y, w, h in EMU) and the chart's height: a tidy tree ``width`` wide.

    Every leaf gets one slot of equal width, in the order of the units (parents come before their
    children); a parent is centred over its children. Boxes are as tall as the tallest one's text.
    """
    children: dict[int | None, list[int]] = {}
    for n, u in enumerate(chart.units):
        children.setdefault(u.parent, []).append(n)
    depth = {}
    for n, u in enumerate(chart.units):
        depth[n] = 0 if u.parent is None else depth[u.parent] + 1
    slots: dict[int, float] = {}
    leaves = 0

    def place(n: int) -> float:
        nonlocal leaves
        kids = children.get(n, [])
        if not kids:
            slots[n] = leaves
            leaves += 1
        else:
            first = [place(k) for k in kids]
            slots[n] = (first[0] + first[-1]) / 2
        return slots[n]

    for root in children.get(None, []):
        place(root)
    slot_w = width // max(leaves, 1)
    box_w = slot_w - ORG_GAP_X
    # Net of the insets and the thick outline, less 4 pt: LibreOffice wraps a little earlier than the metrics say.
    inner = box_w - 2 * ORG_INSET - 2 * ORG_THICK - 4 * measure.EMU_PER_PT
    lines = [len(measure.wrap(u.name, inner, ORG_PT, bold=True)) +
             sum(len(measure.wrap(x, inner, ORG_PT)) for x in u.lines) for u in chart.units]
    # Word and LibreOffice set 8 pt text on a line about 1.17 times the font's own line height.
    box_h = int(max(lines, default=1) * measure.line_height(ORG_PT) * 1.17) + 2 * ORG_INSET + 2 * ORG_THICK
    boxes = [(int(slots[n] * slot_w + ORG_GAP_X / 2), depth[n] * (box_h + ORG_GAP_Y), box_w, box_h)
             for n in range(len(chart.units))]
    return boxes, (max(depth.values(), default=0) + 1) * (box_h + ORG_GAP_Y) - ORG_GAP_Y


def _line(x1: int, y1: int, x2: int, y2: int):
    """Return a straight line shape from (x1, y1) to (x2, y2), in the org chart's line colour."""
    flip = ' flipH="1"' if x2 < x1 else ""
    return parse_xml(
        f'<wps:wsp xmlns:wps="{_WPS}" xmlns:a="{_A}"><wps:cNvPr id="0" name="Line"/><wps:cNvCnPr/>'
        f'<wps:spPr><a:xfrm{flip}><a:off x="{min(x1, x2)}" y="{min(y1, y2)}"/>'
        f'<a:ext cx="{abs(x2 - x1)}" cy="{abs(y2 - y1)}"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="12700"><a:solidFill><a:srgbClr val="{ORG_LINE}"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:bodyPr/></wps:wsp>')


def _box(unit, x: int, y: int, w: int, h: int):
    """Return a rounded box with the unit's name in bold and its lines under it, centred."""
    fill = ORG_HIGHLIGHT if unit.highlight else ORG_FILL
    # A highlighted unit is told apart by its thick outline as well as its fill.
    line_w = ORG_THICK if unit.highlight else 12700
    texts = [(unit.name, True)] + [(x, False) for x in unit.lines]
    paras = "".join(
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>'
        f'</w:pPr><w:r><w:rPr>{"<w:b/>" if bold else ""}<w:color w:val="{ORG_TEXT}"/><w:sz w:val="{ORG_PT * 2}"/>'
        f'</w:rPr><w:t xml:space="preserve">{_escape(text)}</w:t></w:r></w:p>' for text, bold in texts)
    return parse_xml(
        f'<wps:wsp xmlns:wps="{_WPS}" xmlns:a="{_A}" {nsdecls("w")}><wps:cNvPr id="0" name="Unit"/>'
        f'<wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
        f'<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
        f'<a:ln w="{line_w}"><a:solidFill><a:srgbClr val="{ORG_LINE}"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>'
        f'<wps:bodyPr wrap="square" lIns="{ORG_INSET}" tIns="{ORG_INSET}" rIns="{ORG_INSET}" bIns="{ORG_INSET}" '
        f'anchor="ctr"><a:noAutofit/></wps:bodyPr></wps:wsp>')


def _escape(text: str) -> str:
    """Return ``text`` safe inside XML character data (user text stays data)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


KEEP_WHOLE_ROWS = 8  # a table of up to this many rows moves to the next page whole rather than split


def _keep_together(table, grouped: set[int] = frozenset()) -> None:
    """Keep rows with the next: all of a short table's; else the header, first, second-last and ``grouped`` ones.

    ``grouped`` are the rows whose next row continues their group (a merged cell). Keep-with-next on a row's paragraphs is how Word (and LibreOffice) keep table rows on one page: a short
    table is not split, a long one never leaves its header alone at a page's foot nor its last row (a
    total) alone at the top of the next.
    """
    rows = table.rows
    last = len(rows) - 1
    keep = range(last) if len(rows) <= KEEP_WHOLE_ROWS else ({0, 1, last - 1} | set(grouped)) - {last}
    for n in keep:
        for tc in rows[n]._tr.tc_lst:
            for p in tc.iter(qn("w:p")):
                p.get_or_add_pPr().get_or_add_keepNext()


def _merges(t: Table) -> dict[tuple[int, int], str]:
    """Return {(row, column): "restart" | "continue"} for the repeated cells of the table's grouping columns."""
    out: dict[tuple[int, int], str] = {}
    if t.group is None:
        return out
    for col in range(t.group, t.group + t.group_span):
        for r in range(1, len(t.rows)):
            above, here = t.rows[r - 1], t.rows[r]
            left_continues = col == t.group or out.get((r, col - 1)) == "continue"
            if col < len(here) and here[col].text and here[col].text == above[col].text and left_continues:
                out.setdefault((r - 1, col), "restart")
                out[(r, col)] = "continue"
    return out


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
