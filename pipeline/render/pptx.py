"""Render stage for decks: a view :class:`~pipeline.view.Deck` drawn into a template with python-pptx.

The renderer gets the template as bytes and returns the deck as bytes: it
reads no files and formats no numbers. PowerPoint does not shrink text until
a person edits the box, so every text box and table row is measured with the
template font's real metrics (``pipeline.measure``) and content that does not
fit is sized down, then continued on another slide.
"""

from __future__ import annotations

import copy
import io
from collections import Counter
from dataclasses import dataclass, replace

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from pipeline import measure
from pipeline.render import oxml, set_core_properties, shapes
from pipeline.render.lang import tag_presentation
from pipeline.render.shapes import describe_shape
from pipeline.render.oxml import qn
from pipeline.render.shapes import Palette, readable
from pipeline.render.text import frame_insets, paras_height, split_paras, write_body, write_paras
from pipeline.template import Box, Template
from pipeline.view import Cell, Chart, Deck, Para, Run, Slide, Table
from pipeline.view.common import visual_text

CELL_MARGIN_LR = 91440
CELL_MARGIN_TB = 45720
TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for normal text, on any fill
TABLE_SIZES = {4: 12.0, 6: 11.0, 99: 10.0}  # max columns → font size
KICKER_PT = 12.0
KICKER_GAP_PT = 2.0
VISUAL_SHARE = 45  # percent of the content area a visual takes when charts share the slide
LOGO_GAP = int(0.25 * 914400)


# The shape holding placeholder ``idx`` (a title has no idx attribute: it is 0).
_PH_BY_IDX = etree.XPath(
    "./p:cSld/p:spTree/*[*/p:nvPr/p:ph[@idx = $idx or ($idx = 0 and not(@idx))]]",
    namespaces={"p": "http://schemas.openxmlformats.org/presentationml/2006/main"},
)


def _table_size(columns: int) -> float:
    return next(size for limit, size in sorted(TABLE_SIZES.items()) if columns <= limit)


# A body cell holding only one of these is empty (shared/deck-design.md, "Type and tables": drop empty columns).
EMPTY_CELL = frozenset({"", "—", "–", "-"})


def _drop_empty_columns(table: Table) -> Table:
    """Return ``table`` without the columns whose body cells are all empty, header and width with them.

    A table without body rows, or whose every column is empty, is kept as it is.
    """
    keep = [c for c in range(len(table.header))
            if any(c < len(r) and r[c].text.strip() not in EMPTY_CELL for r in table.rows)]
    if not table.rows or not keep or len(keep) == len(table.header):
        return table
    widths = [table.widths[c] for c in keep] if table.widths else None
    return replace(table, header=[table.header[c] for c in keep],
                   rows=[[r[c] for c in keep if c < len(r)] for r in table.rows], widths=widths)


def _balance(heights: list[int], room: int) -> list[tuple[int, int]]:
    """Return [start, end) row ranges over the fewest pages of height ``room``, the row counts as even as can be.

    Rows are whole (each must fit ``room``) and keep their order; 10 rows that need two pages
    go 5 + 5, not 9 + 1 (shared/deck-design.md, "Type and tables": a continuation keeps rows).
    """
    pages, used = 1, 0
    for h in heights:  # greedy filling gives the fewest pages
        if used + h > room:
            pages, used = pages + 1, 0
        used += h
    n = len(heights)
    prefix = [0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    target = n / pages
    inf = float("inf")
    # cost[j][i]: the least sum of squared deviations from ``target`` of i rows on j pages.
    cost = [[inf] * (n + 1) for _ in range(pages + 1)]
    cut = [[0] * (n + 1) for _ in range(pages + 1)]
    cost[0][0] = 0.0
    for j in range(1, pages + 1):
        for i in range(j, n + 1):
            for a in range(i - 1, j - 2, -1):
                if prefix[i] - prefix[a] > room:
                    break
                c = cost[j - 1][a] + (i - a - target) ** 2
                if c < cost[j][i]:
                    cost[j][i], cut[j][i] = c, a
    ranges, i = [], n
    for j in range(pages, 0, -1):
        a = cut[j][i]
        ranges.append((a, i))
        i = a
    return ranges[::-1]


_A_SOLIDFILL, _A_SRGBCLR = qn("a:solidFill"), qn("a:srgbClr")
_A_TR, _A_TC, _A_TCPR, _A_TXBODY = (qn(t) for t in ("a:tr", "a:tc", "a:tcPr", "a:txBody"))
_A_TBLGRID, _A_GRIDCOL = qn("a:tblGrid"), qn("a:gridCol")


# ----------------------------------------------------------------- the renderer


@dataclass
class _Page:
    slide: Slide
    title: str
    body: list[Para]
    left: list[Para]
    right: list[Para]
    rows: list[list[Cell]]
    size: float
    visual: object = None  # the part of the slide's visual this page draws
    index: int = 0  # 0 on a slide's first page, n on its n-th continuation


class DeckRenderer:
    """Draws a deck view into one template."""

    def __init__(self, template: Template, template_bytes: bytes):
        self.t = template
        self.prs = Presentation(io.BytesIO(template_bytes))
        # A corporate template may ship sample slides; the deck starts empty.
        oxml.drop_slides(self.prs)
        oxml.fast_part_names(self.prs)
        self._notes_xml = None
        self._skeletons: dict = {}
        self.layouts = {layout.name: layout for master in self.prs.slide_masters
                        for layout in master.slide_layouts}
        sizes = template.text_sizes
        self.title_pt = float(sizes.get("title", 28))
        self.body_pt = float(sizes.get("body", 18))
        self.body_min = float(sizes.get("body_min", 11))
        self.palette = Palette.of(template)

    def render(self, deck: Deck) -> list[tuple[str, bytes]]:
        """Return the deck drawn into the template, as the package's zip entries (name, bytes)."""
        self.deck = deck
        pages = [page for s in deck.slides for page in self.paginate(s)]
        # Every slide a title of its own (screen readers and the slide list go by titles): a slide
        # continued, or a title met again (a KPI in the main flow and in the appendix), is numbered:
        # "KPI details", "KPI details (2 of 3)", …
        totals = Counter(page.title for page in pages if page.title.strip())
        seen: Counter = Counter()
        for page in pages:
            title = page.title
            if totals[title] > 1:
                seen[title] += 1
                if seen[title] > 1:
                    page = replace(page, title=page.slide.continued.format(title=title, number=seen[title],
                                                                           total=totals[title]))
            self.draw(page)
        props = self.prs.core_properties
        set_core_properties(props, title=deck.title, author=deck.author, subject=deck.subject,
                            locale=deck.locale, created=deck.created)
        props.last_printed = props.created
        tag_presentation(self.prs, deck.locale, deck.foreign)
        return oxml.package_entries(self.prs)

    # ------------------------------------------------------------- pagination

    def _box(self, role: str, sub: str) -> Box:
        r = self.t.role(role)
        return r.boxes[sub] if sub in r.boxes else r.content_area

    def paginate(self, s: Slide):
        """Yield the pages a view slide needs, continuing what does not fit."""
        if s.visual is not None:
            yield from self._paginate_visual(s)
        elif s.role == "content":
            yield from self._paginate_text(s, "body")
        elif s.role == "two_column":
            yield from self._paginate_columns(s)
        elif s.role == "table" and s.table is not None:
            yield from self._paginate_table(replace(s, table=_drop_empty_columns(s.table)))
        else:
            yield _Page(s, s.title, s.body, s.left, s.right, [], self.body_pt)

    def _visual_box(self, s: Slide) -> Box:
        """Return where a slide's visual goes: the chart content area, or its left part beside charts."""
        area = self.t.role("chart").content_area
        if not s.charts:
            return area
        return Box(area.left, area.top, area.width * VISUAL_SHARE // 100, area.height)

    def _charts_box(self, s: Slide) -> Box:
        area = self.t.role("chart").content_area
        if s.visual is None:
            return area
        left = area.left + area.width * VISUAL_SHARE // 100 + shapes.GAP
        return Box(left, area.top, area.right - left, area.height)

    def _paginate_visual(self, s: Slide):
        # Like tables: what does not fit at the floor size continues on slides titled "… (2 of 3)".
        parts = shapes.paginate(s.visual, self._visual_box(s), self.palette)
        for n, (part, size) in enumerate(parts):
            yield _Page(s, self._continued(s, n), [], [], [], [], size, visual=part, index=n)

    def _continued(self, s: Slide, n: int) -> str:
        # Continuations are numbered once the slide's pages are known (render()).
        return s.title

    def _paginate_text(self, s: Slide, sub: str):
        box = self._box("content", sub)
        size = measure.fit_font_size([p.text for p in s.body] or [""], box.width, box.height, self.body_pt,
                                     self.body_min)
        if size is not None and paras_height(s.body, box.width, size, measure.DEFAULT_INSET_LR,
                                             measure.DEFAULT_INSET_TB) <= box.height:
            yield _Page(s, s.title, s.body, [], [], [], size)
            return
        size = self._fit(s.body, box)
        rest, n = list(s.body), 0
        while rest:
            head, rest = split_paras(rest, box.width, size, box.height, measure.DEFAULT_INSET_LR,
                                     measure.DEFAULT_INSET_TB)
            if not head:  # cannot happen with a positive box, but never loop forever
                head, rest = rest[:1], rest[1:]
            yield _Page(s, self._continued(s, n), head, [], [], [], size)
            n += 1

    def _fit(self, paras: list[Para], box: Box) -> float:
        """Return the largest size from body down to body_min at which ``paras`` fit in ``box``, else body_min."""
        size = measure.largest_fitting_size(
            self.body_pt, self.body_min,
            lambda size: paras_height(paras, box.width, size, measure.DEFAULT_INSET_LR,
                                      measure.DEFAULT_INSET_TB) <= box.height)
        # Body text is never set below body_min, even where it does not fit at that size.
        return self.body_min if size is None else size

    def _paginate_columns(self, s: Slide):
        lbox, rbox = self._box("two_column", "left"), self._box("two_column", "right")
        size = min(self._fit(s.left, lbox), self._fit(s.right, rbox))
        left, right, n = list(s.left), list(s.right), 0
        while left or right or n == 0:
            lhead, left = split_paras(left, lbox.width, size, lbox.height, measure.DEFAULT_INSET_LR,
                                      measure.DEFAULT_INSET_TB)
            rhead, right = split_paras(right, rbox.width, size, rbox.height, measure.DEFAULT_INSET_LR,
                                       measure.DEFAULT_INSET_TB)
            if not lhead and not rhead and (left or right):
                lhead, left = left[:1], left[1:]
                rhead, right = right[:1], right[1:]
            yield _Page(s, self._continued(s, n), [], lhead, rhead, [], size)
            n += 1

    def _widths(self, table: Table, total: int) -> list[int]:
        weights = table.widths or [1.0] * len(table.header)
        scale = total / sum(weights)
        widths = [int(w * scale) for w in weights]
        widths[-1] += total - sum(widths)
        return widths

    def _row_height(self, cells: list[Cell], widths: list[int], size: float, bold: bool = False) -> int:
        h = 0
        for c, w in zip(cells, widths):
            paras = c.paras if not bold else [replace(p, runs=tuple(replace(r, bold=True) for r in p.runs))
                                              for p in c.paras]
            h = max(h, paras_height(paras or [Para((Run(" "),))], w, size, CELL_MARGIN_LR, CELL_MARGIN_TB,
                                    space_pt=2))
        return h

    def _paginate_table(self, s: Slide):
        area = self.t.role("table").content_area
        table = s.table
        size = _table_size(len(table.header))
        widths = self._widths(table, area.width)
        header = [Cell([Para((Run(h, bold=True),))]) for h in table.header]
        header_h = self._row_height(header, widths, size, bold=True)
        room = area.height - header_h
        heights = [self._row_height(list(r), widths, size) for r in table.rows]
        if len(heights) > 1 and sum(heights) > room and max(heights) <= room:
            # Every row fits a slide: balance whole rows over the fewest slides that hold them.
            for n, (a, b) in enumerate(_balance(heights, room)):
                yield _Page(s, self._continued(s, n), [], [], [], [list(r) for r in table.rows[a:b]], size)
            return
        pending = [list(r) for r in table.rows]
        page: list[list[Cell]] = []
        used, n = 0, 0
        while pending:
            row = pending.pop(0)
            h = self._row_height(row, widths, size)
            if used + h <= room:
                page.append(row)
                used += h
                continue
            if page and h <= room:  # the row fits on a fresh page: start one
                yield _Page(s, self._continued(s, n), [], [], [], page, size)
                n += 1
                page, used = [row], h
                continue
            # The row is taller than what is left: split its cells at the page end.
            head, tail = [], []
            for c, w in zip(row, widths):
                a, b = split_paras(c.paras, w, size, room - used, CELL_MARGIN_LR, CELL_MARGIN_TB, space_pt=2)
                head.append(Cell(a, c.status))
                tail.append(Cell(b, c.status))
            if any(c.paras for c in head):
                page.append(head)
            yield _Page(s, self._continued(s, n), [], [], [], page, size)
            n += 1
            page, used = [], 0
            if any(c.paras for c in tail):
                pending.insert(0, tail)
        if page or n == 0:
            yield _Page(s, self._continued(s, n), [], [], [], page, size)

    # ------------------------------------------------------------- drawing

    def _new_slide(self, role: str):
        """Return a new, empty slide of ``role``: python-pptx's for a layout's first, copies of it after."""
        # Every slide of one layout starts as the same XML (its placeholders,
        # footer and slide number); add_slide() rebuilds it shape by shape.
        layout = self.layouts[self.t.layout_name(role)]
        skeleton = self._skeletons.get(role)
        if skeleton is None:
            slide = self.prs.slides.add_slide(layout)
            self._add_footer(slide, role)
            self._skeletons[role] = copy.deepcopy(slide.element)
            return slide
        return oxml.add_slide_copy(self.prs, layout, skeleton)

    def _notes(self, slide):
        """Return a new notes slide for ``slide``: python-pptx's for the first, copies of it after."""
        # python-pptx builds each notes slide by cloning the notes master's
        # placeholders one by one (a fifth of a deck's rendering); every notes
        # slide starts as the same XML, so later ones copy the first one's.
        if self._notes_xml is None:
            notes = slide.notes_slide
            self._notes_xml = copy.deepcopy(notes.element)
            return notes
        return oxml.add_notes_copy(slide, self._notes_xml)

    def _add_footer(self, slide, role: str) -> None:
        # add_slide() skips footer and slide-number placeholders; clone them from the layout.
        layout = slide.slide_layout
        for sub in ("footer", "slide_number"):
            idx = self.t.placeholder_idx(role, sub)
            if idx is None:
                continue
            found = _PH_BY_IDX(layout.element, idx=idx)
            if not found:
                continue
            el = copy.deepcopy(found[0])
            oxml.shape_tree(slide).append(el)
            if sub == "footer":
                oxml.shape_of(slide, el).text_frame.text = self.deck.footer

    def _placeholder(self, slide, role: str, sub: str):
        # By XPath: python-pptx's placeholders collection runs an XPath per
        # shape per lookup, a tenth of the whole render on a 50-slide deck.
        idx = self.t.placeholder_idx(role, sub)
        if idx is None:
            return None
        found = _PH_BY_IDX(slide.element, idx=idx)
        return oxml.shape_of(slide, found[0]) if found else None

    def _title(self, slide, role: str, text: str, kicker: str = "") -> None:
        ph = self._placeholder(slide, role, "title")
        if ph is None:
            return
        box = self._box(role, "title")
        frame_insets(ph.text_frame)
        if kicker:
            self._kicker_title(ph, box, text, kicker)
            return
        size = measure.fit_font_size(text, box.width, box.height, self.title_pt, 14, bold=True) or 14
        write_paras(ph.text_frame, [Para((Run(text),))], size, space_pt=0)

    def _kicker_title(self, ph, box: Box, text: str, kicker: str) -> None:
        """Write the section name small above the title, in the title placeholder grown upwards to make room."""
        # Growing the box keeps the title's own room (one title size across the
        # deck); only where the slide has no room above does the title give some up.
        lead = Para((Run(kicker),))
        extra = paras_height([lead], box.width, KICKER_PT, measure.DEFAULT_INSET_LR, 0) + round(
            KICKER_GAP_PT * measure.EMU_PER_PT)
        top = max(box.top - extra, 0)
        room = box.height - (extra - (box.top - top))
        size = measure.fit_font_size(text, box.width, room, self.title_pt, 14, bold=True) or 14
        ph.left, ph.top, ph.width, ph.height = box.left, top, box.width, box.bottom - top
        write_paras(ph.text_frame, [lead, Para((Run(text),))], size, space_pt=KICKER_GAP_PT)
        color = RGBColor.from_string(readable(self.palette.accent, "FFFFFF"))
        for run in ph.text_frame.paragraphs[0].runs:
            run.font.size = Pt(KICKER_PT)
            run.font.bold = False
            run.font.color.rgb = color

    def draw(self, page: _Page) -> None:
        """Add one page to the presentation."""
        s = page.slide
        # A drawn visual takes the chart role: its layout has a free content area.
        role = "chart" if s.visual is not None else s.role
        slide = self._new_slide(role)
        self._title(slide, role, page.title, s.kicker)
        if role in ("title", "section"):
            self._draw_cover(slide, role, s)
        elif role == "content":
            ph = self._placeholder(slide, "content", "body")
            frame_insets(ph.text_frame)
            write_paras(ph.text_frame, page.body, page.size)
        elif role == "two_column":
            for sub, paras in (("left", page.left), ("right", page.right)):
                ph = self._placeholder(slide, "two_column", sub)
                frame_insets(ph.text_frame)
                write_paras(ph.text_frame, paras, page.size)
        elif role == "table":
            self._draw_table(slide, s.table, page.rows, page.size)
        elif role == "chart":
            if page.index == 0:
                self._draw_charts(slide, s.charts, self._charts_box(s))
            if page.visual is not None:
                group = shapes.draw(slide.shapes, page.visual, self._visual_box(s), page.size, self.palette)
                if group is not None:
                    # The visual's own texts, in reading order, as its alternative text; its bare shapes decorative.
                    describe_shape(group.element, visual_text(page.visual))
                    shapes.mark_decorative(group.element)
        if s.notes:
            self._notes(slide).notes_text_frame.text = "\n".join(s.notes)

    def _draw_cover(self, slide, role: str, s: Slide) -> None:
        sub = self._placeholder(slide, role, "subtitle")
        if sub is not None:
            box = self._box(role, "subtitle")
            paras = [Para((Run(line),)) for line in s.subtitle]
            frame_insets(sub.text_frame)
            write_paras(sub.text_frame, paras, self._fit(paras, box) if paras else self.body_pt, space_pt=4)
        logo_box = self.t.role(role).logo
        logos = [blob for blob in (s.picture, *s.pictures) if blob]
        if logos and logo_box is not None:
            self._draw_logos(slide, logo_box, logos, s.alt)

    def _draw_logos(self, slide, box: Box, logos: list[bytes], alt: list[str] = ()) -> None:
        """Place logos side by side, equally tall, centred in the logo box, each keeping its aspect ratio."""
        sizes = [oxml.image_size(blob) for blob in logos]
        # Every logo scaled to the first one's pixel height, then the row scaled into the box.
        base = sizes[0][1]
        row_w = sum(px_w * (base / px_h) for px_w, px_h in sizes)
        scale = min((box.width - LOGO_GAP * (len(logos) - 1)) / row_w, box.height / base)
        h = int(base * scale)
        widths = [int(px_w * (base / px_h) * scale) for px_w, px_h in sizes]
        left = box.left + (box.width - sum(widths) - LOGO_GAP * (len(logos) - 1)) // 2
        top = box.top + (box.height - h) // 2
        for n, (blob, w) in enumerate(zip(logos, widths)):
            pic = slide.shapes.add_picture(io.BytesIO(blob), left, top, w, h)
            pic.name = "Logo" if n == 0 else f"Logo {n + 1}"
            describe_shape(pic.element, alt[n] if n < len(alt) else "")
            left += w + LOGO_GAP

    def _status_fill(self, fill: str) -> tuple[str, str]:
        """Return (fill, text colour) of a status cell, the text at least 4.5:1 on the fill (WCAG 2.1 AA).

        The darker of white and the palette's ink reads on the template's status colour; where neither
        does, the fill is darkened (under white) or lightened (under ink) until it does.
        """
        fill = fill.upper()
        ink = max(("FFFFFF", self.palette.ink.upper()), key=lambda c: shapes.contrast(c, fill))
        if shapes.contrast(ink, fill) < TEXT_CONTRAST:
            fill = readable(fill, ink, TEXT_CONTRAST).upper()
        return fill, ink

    def _draw_table(self, slide, table: Table, rows: list[list[Cell]], size: float) -> None:
        area = self.t.role("table").content_area
        widths = self._widths(table, area.width)
        header = [Cell([Para((Run(h, bold=True),))]) for h in table.header]
        all_rows = [header] + rows
        heights = [self._row_height(header, widths, size, bold=True)] + [
            self._row_height(r, widths, size) for r in rows]
        # One row from python-pptx, the others copies of it: every new row is
        # the same XML but for its height, which is set below anyway.
        shape = slide.shapes.add_table(1, len(widths), area.left, area.top, area.width, sum(heights))
        shape.name = "Table"
        tbl = shape.table
        tbl.first_row = True
        tbl_xml = oxml.table_xml(tbl)
        first_tr = next(tbl_xml.iterchildren(_A_TR))
        for _ in all_rows[1:]:
            tbl_xml.append(copy.deepcopy(first_tr))
        # What column.width = w writes; the frame keeps its width, which the widths add up to.
        for grid_col, w in zip(tbl_xml.find(_A_TBLGRID).iterchildren(_A_GRIDCOL), widths):
            grid_col.set("w", str(w))
        # Cells are written as XML (what tc.margin_*, vertical_anchor and fill
        # would write): the property objects cost more than the whole cell.
        margins = (("marL", str(CELL_MARGIN_LR)), ("marR", str(CELL_MARGIN_LR)),
                   ("marT", str(CELL_MARGIN_TB)), ("marB", str(CELL_MARGIN_TB)), ("anchor", "t"))
        part = slide.part
        for tr, cells, h in zip(tbl_xml.iterchildren(_A_TR), all_rows, heights):
            tr.set("h", str(h))
            for tc, value in zip(tr.iterchildren(_A_TC), cells):
                # python-pptx makes every cell as <a:tc><a:txBody/>…<a:tcPr/></a:tc>.
                tcPr = tc.find(_A_TCPR)
                for name, val in margins:
                    tcPr.set(name, val)
                color = None
                if value.status and value.status in self.t.status_colors:
                    background, ink = self._status_fill(self.t.status_colors[value.status])
                    fill = etree.SubElement(tcPr, _A_SOLIDFILL)
                    etree.SubElement(fill, _A_SRGBCLR).set("val", background)
                    color = RGBColor.from_string(ink)
                write_body(tc.find(_A_TXBODY), part, value.paras, size, color=color, space_pt=2)

    def _draw_charts(self, slide, charts: list[Chart], area: Box) -> None:
        if not charts:
            return
        gap = 182880
        w = (area.width - gap * (len(charts) - 1)) // len(charts)
        for i, ch in enumerate(charts):
            left = area.left + i * (w + gap)
            if ch.empty:
                box = slide.shapes.add_textbox(left, area.top, w, area.height)
                box.name = "No data"
                frame_insets(box.text_frame)
                box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
                write_paras(box.text_frame, [Para((Run(ch.title, bold=True),)), Para((Run(ch.empty_text),))],
                            self.body_pt)
                continue
            self._chart(slide, ch, Box(left, area.top, w, area.height))

    def _chart(self, slide, ch: Chart, box: Box) -> None:
        data = CategoryChartData(number_format=ch.number_format)
        data.categories = ch.categories
        for series in ch.series:
            data.add_series(series.name, series.values)
        kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
                "stacked": XL_CHART_TYPE.COLUMN_STACKED, "line": XL_CHART_TYPE.LINE_MARKERS,
                "doughnut": XL_CHART_TYPE.DOUGHNUT}[ch.kind]
        frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, data)
        frame.name = "Chart"
        describe_shape(frame.element, ch.description)
        chart = frame.chart
        chart.has_title = True
        chart.chart_title.text_frame.text = ch.title
        for p in chart.chart_title.text_frame.paragraphs:
            for r in p.runs:
                r.font.size = Pt(14)
                r.font.bold = True
        chart.font.size = Pt(11)
        chart.has_legend = len(ch.series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        colors = self.t.series_colors
        data_colors = iter(range(len(ch.series)))
        # A target takes the first theme accent after the data series' (from the third: gold in the default).
        target_color = colors[max(2, sum(1 for x in ch.series if x.role is None)) % len(colors)]
        for view, series in zip(ch.series, chart.plots[0].series):
            role = view.role if ch.kind == "line" else None
            if role == "target":
                color = RGBColor.from_string(target_color)
            elif role == "baseline":
                color = RGBColor.from_string(self.t.status_colors.get("grey", "8A939E"))
            else:
                color = RGBColor.from_string(colors[next(data_colors) % len(colors)])
            if ch.kind == "line":
                series.format.line.color.rgb = color
                series.smooth = False
                if role is not None:
                    series.format.line.dash_style = MSO_LINE.DASH if role == "target" else MSO_LINE.ROUND_DOT
                    series.format.line.width = Pt(2)
                    series.marker.style = XL_MARKER_STYLE.NONE
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = color
        if ch.kind in ("bar", "column", "stacked"):
            plot = chart.plots[0]
            plot.has_data_labels = True
            plot.data_labels.number_format = ch.number_format
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.font.size = Pt(11)
            if ch.kind == "stacked":
                # Labels sit inside the stacked segments: light or dark, whichever reads on the segment's fill.
                for series in plot.series:
                    labels = series.data_labels
                    labels.number_format = ch.number_format
                    labels.number_format_is_linked = False
                    labels.show_value = True
                    labels.font.size = Pt(11)
                    fill = str(series.format.fill.fore_color.rgb)
                    labels.font.color.rgb = RGBColor.from_string(readable("FFFFFF", fill))
        if ch.kind != "doughnut":
            chart.value_axis.tick_labels.number_format = ch.number_format
            chart.value_axis.tick_labels.number_format_is_linked = False
            chart.value_axis.has_major_gridlines = True
            axis = chart.value_axis
            minimum = 0.0 if ch.minimum is None and ch.kind in ("bar", "column", "stacked") else ch.minimum
            if minimum is not None:
                axis.minimum_scale = minimum
            if ch.maximum is not None:
                axis.maximum_scale = ch.maximum


def render_deck(deck: Deck, template: Template, template_bytes: bytes) -> list[tuple[str, bytes]]:
    """Return ``deck`` rendered into the template, as pptx members (name, bytes) for the write stage to zip."""
    return DeckRenderer(template, template_bytes).render(deck)
