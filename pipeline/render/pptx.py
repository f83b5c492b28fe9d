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
from pipeline.render.text import BULLET_INDENT, frame_insets, paras_height, split_paras, write_body, write_paras
from pipeline.template import Box, Template, number_placeholders
from pipeline.view import Cell, Chart, Deck, Para, Run, Slide, Table
from pipeline.view.common import visual_text

CELL_MARGIN_LR = 91440
CELL_MARGIN_TB = 45720
TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for normal text, on any fill
# Footers and slide numbers are the template's quiet grey (3.6:1 in the default template): only a
# colour that would all but vanish (under 3:1, as a dark master's black footer on navy) is replaced.
FOOTER_CONTRAST = 3.0
TABLE_SIZES = {4: 12.0, 6: 11.0, 99: 10.0}  # max columns → font size
# shared/deck-design.md, "Type and tables": nothing under 12 pt in the main flow (projected rooms), appendix
# tables at 10 pt or more (read up close); a table that does not fit takes more slides, never a smaller size.
MAIN_FLOOR_PT, APPENDIX_FLOOR_PT = 12.0, 10.0
MIN_CONTINUED_ROWS = 3  # a continuation slide holds at least three rows
# A table of at most this many rows that cannot keep three rows on each continuation is set one row a slide.
MAX_RECORD_ROWS = 6
# The first slide of a table that continues holds at least two rows: one row alone reads as thin as it does
# on a continuation.
MIN_FIRST_ROWS = 2
KICKER_PT = 12.0
# Axis labels, data labels and legends: charts sit in the main flow, so their text keeps its 12 pt floor
# (the chart title, at 14 pt bold, stays above it).
CHART_PT = MAIN_FLOOR_PT
KICKER_GAP_PT = 2.0
TITLE_MIN_PT = 14.0  # a title longer than two lines at the deck's size goes down to this, never below
VISUAL_SHARE = 45  # percent of the content area a visual takes when charts share the slide
LOGO_GAP = int(0.25 * 914400)


# The shape holding placeholder ``idx`` (a title has no idx attribute: it is 0).
_PH_BY_IDX = etree.XPath(
    "./p:cSld/p:spTree/*[*/p:nvPr/p:ph[@idx = $idx or ($idx = 0 and not(@idx))]]",
    namespaces={"p": "http://schemas.openxmlformats.org/presentationml/2006/main"},
)


def _paragraphs(cell: Cell) -> list[measure.Paragraph]:
    """Return a cell's paragraphs as ``measure`` sizes them: runs with their style, bullets indented."""
    out = []
    for p in cell.paras:
        runs = tuple((r.text, r.bold, r.italic) for r in p.runs)
        if p.kind == "number":
            runs = ((f"{p.number}. ", False, False),) + runs
        out.append(measure.Paragraph(runs, (p.level + (1 if p.kind else 0)) * BULLET_INDENT))
    return out


def _bold_paragraph(text: str) -> measure.Paragraph:
    """Return a header cell's text as a bold paragraph to measure."""
    return measure.Paragraph(((text, True, False),))


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
                   rows=[[r[c] for c in keep if c < len(r)] for r in table.rows], widths=widths,
                   group=keep.index(table.group) if table.group in keep else None)


def _balance(heights: list[int], room: int, min_rows: int = 1, first_rows: int = 1) -> list[tuple[int, int]] | None:
    """Return [start, end) row ranges over the fewest pages of height ``room``, the row counts as even as can be.

    Rows are whole (each must fit ``room``) and keep their order; 10 rows that need two pages
    go 5 + 5, not 9 + 1 (shared/deck-design.md, "Type and tables": a continuation keeps rows).
    Every page after the first holds at least ``min_rows`` rows and the first, when there are more,
    ``first_rows``; None when no such split exists (rows too tall for a slide, or too few to fill them).
    """
    n = len(heights)
    if not n or max(heights) > room:
        return None
    fewest, used = 1, 0
    for h in heights:  # greedy filling gives the fewest pages
        if used + h > room:
            fewest, used = fewest + 1, 0
        used += h
    prefix = [0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    inf = float("inf")
    # More pages than the fewest may be needed for every continuation to keep min_rows (tall rows bunched).
    for pages in range(fewest, max(fewest, (n - 1) // max(min_rows, 1) + 1) + 1):
        target = n / pages
        # cost[j][i]: the least sum of squared deviations from ``target`` of i rows on j pages.
        cost = [[inf] * (n + 1) for _ in range(pages + 1)]
        cut = [[0] * (n + 1) for _ in range(pages + 1)]
        cost[0][0] = 0.0
        for j in range(1, pages + 1):
            least = min_rows if j > 1 else first_rows if pages > 1 else 1
            for i in range(j, n + 1):
                for a in range(i - least, j - 2, -1):
                    if prefix[i] - prefix[a] > room:
                        break
                    c = cost[j - 1][a] + (i - a - target) ** 2
                    if c < cost[j][i]:
                        cost[j][i], cut[j][i] = c, a
        if cost[pages][n] == inf:
            continue
        ranges, i = [], n
        for j in range(pages, 0, -1):
            a = cut[j][i]
            ranges.append((a, i))
            i = a
        return ranges[::-1]
    return None


def _page_table(table: Table, rows: list[list[Cell]]) -> Table:
    """Return the part of ``table`` one slide shows: ``rows``, without the columns empty on every one of them.

    A grouping column (``table.group``) shows a value once for the rows that repeat it, from the slide's top.

    The kept columns keep their relative widths and share the dropped ones' (EMU widths in, EMU widths out),
    so no row grows taller than it was measured.
    """
    g = table.group
    if g is not None:
        # A grouping column's value shows once a group, and again at the top of each slide.
        rows = [r if n == 0 or g >= len(r) or g >= len(rows[n - 1]) or r[g].text != rows[n - 1][g].text
                else r[:g] + [Cell([], r[g].status)] + r[g + 1:] for n, r in enumerate(rows)]
    cols = len(table.widths)
    keep = [c for c in range(cols) if any(c < len(r) and r[c].text.strip() not in EMPTY_CELL for r in rows)]
    if not rows or not keep or len(keep) == cols:
        return replace(table, rows=rows)
    total = sum(table.widths)
    kept = sum(table.widths[c] for c in keep)
    widths = [table.widths[c] * total // kept for c in keep]
    widths[-1] += total - sum(widths)
    header = [table.header[c] for c in keep] if table.header else []
    return Table(header, [[r[c] for c in keep if c < len(r)] for r in rows], widths,
                 keep.index(g) if g in keep else None)


_A_SOLIDFILL, _A_SRGBCLR = qn("a:solidFill"), qn("a:srgbClr")
_A_TR, _A_TC, _A_TCPR, _A_TXBODY = (qn(t) for t in ("a:tr", "a:tc", "a:tcPr", "a:txBody"))
_A_TBLGRID, _A_GRIDCOL = qn("a:tblGrid"), qn("a:gridCol")
_A_R, _A_FLD, _A_RPR, _A_LN = qn("a:r"), qn("a:fld"), qn("a:rPr"), qn("a:ln")


def _color_runs(el, rgb: str) -> None:
    """Set the text colour of every run and field (the slide number) under ``el``."""
    for run in el.iter(_A_R, _A_FLD):
        rpr = run.find(_A_RPR)
        if rpr is None:
            rpr = etree.Element(_A_RPR)
            run.insert(0, rpr)
        for old in rpr.findall(_A_SOLIDFILL):
            rpr.remove(old)
        fill = etree.Element(_A_SOLIDFILL)
        etree.SubElement(fill, _A_SRGBCLR).set("val", rgb)
        # In a:rPr the fill follows an outline (a:ln) and comes before everything else.
        rpr.insert(1 if len(rpr) and rpr[0].tag == _A_LN else 0, fill)


# ----------------------------------------------------------------- the renderer


@dataclass
class _Page:
    slide: Slide
    title: str
    body: list[Para]
    left: list[Para]
    right: list[Para]
    table: Table | None  # the part of the slide's table this page shows, widths in EMU
    size: float
    visual: object = None  # the part of the slide's visual this page draws
    index: int = 0  # 0 on a slide's first page, n on its n-th continuation


def _within_budget(pages: list[tuple[bool, _Page]], budget: int) -> list[tuple[bool, _Page]]:
    """Return (appendix, page) pairs with main-flow continuations moved behind the divider past ``budget``.

    On a small or 4:3 slide a main-flow visual may need a continuation slide the default template does not;
    shared/deck-design.md keeps the main flow within its budget ("move detail to the appendix"): the
    continuations go to the start of the appendix, the main flow's last ones first, until the main flow fits.
    A deck without an appendix divider, or whose main flow cannot fit that way, is left as it is.
    """
    divider = next((n for n, (appendix, _) in enumerate(pages) if appendix), None)
    if not budget or divider is None or divider <= budget:
        return pages
    main, rest = pages[:divider], pages[divider:]
    moved: set[int] = set()
    for n in range(len(main) - 1, 0, -1):
        if len(main) - len(moved) <= budget:
            break
        if main[n][1].index > 0:
            moved.add(n)
    if len(main) - len(moved) > budget:
        return pages
    kept = [p for n, p in enumerate(main) if n not in moved]
    later = [(True, p) for n, (_, p) in enumerate(main) if n in moved]
    return kept + rest[:1] + later + rest[1:]


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
        # The lint's numbering: LibreOffice's placeholders have no idx of their own.
        number_placeholders(self.prs)
        masters = list(self.prs.slide_masters)
        self.layouts = {name: masters[r.master].slide_layouts[r.layout_index] for name, r in template.roles.items()}
        sizes = template.text_sizes
        self.title_pt = float(sizes.get("title", 28))
        self.body_pt = float(sizes.get("body", 18))
        self.body_min = float(sizes.get("body_min", 11))
        self.palette = Palette.of(template)
        self.appendix = False  # True from the appendix divider on (the first section slide after the cover)
        self.title_line_pt = self._one_title_size()

    def render(self, deck: Deck) -> list[tuple[str, bytes]]:
        """Return the deck drawn into the template, as the package's zip entries (name, bytes)."""
        self.deck = deck
        # The appendix starts at the first section slide after the cover; each page keeps the part it is in.
        self.appendix = False
        pages = []
        for n, s in enumerate(deck.slides):
            self.appendix = self.appendix or (n > 0 and s.role == "section")
            # Every page after a view slide's first continues it (a table's rows, a visual's rest, a record).
            pages += [(self.appendix, replace(page, index=k)) for k, page in enumerate(self.paginate(s))]
        pages = _within_budget(pages, deck.budget)
        # Every slide a title of its own (screen readers and the slide list go by titles): a slide
        # continued, or a title met again (a KPI in the main flow and in the appendix), is numbered:
        # "KPI details", "KPI details (2 of 3)", …
        totals = Counter(page.title for _a, page in pages if page.title.strip())
        seen: Counter = Counter()
        numbered = []
        for appendix, page in pages:
            title = page.title
            if totals[title] > 1:
                seen[title] += 1
                if seen[title] > 1:
                    page = replace(page, title=page.slide.continued.format(title=title, number=seen[title],
                                                                           total=totals[title]))
            numbered.append((appendix, page))
        # One title size for the deck, measured on the titles as numbered.
        self.title_line_pt = self._deck_title_size([page for _, page in numbered])
        for self.appendix, page in numbered:
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
            yield from self._paginate_table(s)
        else:
            yield _Page(s, s.title, s.body, s.left, s.right, None, self.body_pt)

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
            yield _Page(s, self._continued(s, n), [], [], [], None, size, visual=part, index=n)

    def _continued(self, s: Slide, n: int) -> str:
        # Continuations are numbered once the slide's pages are known (render()).
        return s.title

    def _paginate_text(self, s: Slide, sub: str):
        box = self._box("content", sub)
        size = measure.fit_font_size([p.text for p in s.body] or [""], box.width, box.height, self.body_pt,
                                     self.body_min)
        if size is not None and paras_height(s.body, box.width, size, measure.DEFAULT_INSET_LR,
                                             measure.DEFAULT_INSET_TB) <= box.height:
            yield _Page(s, s.title, s.body, [], [], None, size)
            return
        size = self._fit(s.body, box)
        rest, n = list(s.body), 0
        while rest:
            head, rest = split_paras(rest, box.width, size, box.height, measure.DEFAULT_INSET_LR,
                                     measure.DEFAULT_INSET_TB)
            if not head:  # cannot happen with a positive box, but never loop forever
                head, rest = rest[:1], rest[1:]
            yield _Page(s, self._continued(s, n), head, [], [], None, size)
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
            yield _Page(s, self._continued(s, n), [], lhead, rhead, None, size)
            n += 1

    def _widths(self, table: Table, total: int, size: float, unbroken: bool = True) -> list[int] | None:
        """Return the columns' widths in EMU from their measured text (no word wider than its column), else None."""
        header = [[_bold_paragraph(h)] for h in table.header]
        count = max([len(table.header)] + [len(r) for r in table.rows])  # a record table has no header row
        columns = [[_paragraphs(r[c]) for r in table.rows if c < len(r)] for c in range(count)]
        return measure.column_widths(columns, total, size, headers=header or None, inset=2 * CELL_MARGIN_LR,
                                     unbroken=unbroken)

    def _row_height(self, cells: list[Cell], widths: list[int], size: float, bold: bool = False) -> int:
        h = 0
        for c, w in zip(cells, widths):
            paras = c.paras if not bold else [replace(p, runs=tuple(replace(r, bold=True) for r in p.runs))
                                              for p in c.paras]
            h = max(h, paras_height(paras or [Para((Run(" "),))], w, size, CELL_MARGIN_LR, CELL_MARGIN_TB,
                                    space_pt=2))
        return h

    def _header_cells(self, table: Table) -> list[Cell]:
        return [Cell([Para((Run(h, bold=True),))]) for h in table.header]

    def _paginate_table(self, s: Slide):
        """Yield a table's pages: measured column widths, whole rows balanced over slides, three or more a slide.

        shared/deck-design.md, "Type and tables": a column empty in every row is dropped (and on a slide,
        a column empty in every row of that slide); text stays at the part's size; a table whose rows
        cannot keep three on every continuation slide shows one row a slide, as a field/value table
        titled by the row's first cell (up to MAX_RECORD_ROWS rows; a longer one shows its columns in two
        halves in turn, when that keeps three rows a slide).
        """
        area = self.t.role("table").content_area
        table = _drop_empty_columns(s.table)
        floor = APPENDIX_FLOOR_PT if self.appendix else MAIN_FLOOR_PT
        size = max(floor, _table_size(len(table.header)))
        widths = self._widths(table, area.width, size)
        if widths is None:
            # The longest words do not fit side by side: the columns go on slides of their own, in turn,
            # each with the first (naming) column, rather than below the floor or broken mid-word.
            yield from self._paginate_column_groups(s, table, size, area.width)
            return
        pages = list(self._table_pages(replace(table, widths=widths), size, area.height))
        if len(pages) > 1:
            # Short values kept on one line must not cost a slide: wrapped, they may let the rows fit on fewer.
            wrapped = self._widths(table, area.width, size, unbroken=False)
            fewer = list(self._table_pages(replace(table, widths=wrapped), size, area.height))
            if len(fewer) < len(pages):
                widths, pages = wrapped, fewer
        table = replace(table, widths=widths)
        if len(pages) > 1 and len(table.rows) <= MAX_RECORD_ROWS and not self._balanced(pages):
            yield from self._paginate_records(s, table, size, area)
            return
        if len(pages) > 1 and not self._balanced(pages):
            # Too many rows too tall to keep three a slide (a narrow or short slide): the columns in two halves,
            # each with the naming column, make the rows shorter (shared/deck-design.md: move columns, then rows).
            halves = self._column_halves(s, table, size, area)
            if halves is not None:
                yield from halves
                return
        for n, part in enumerate(pages):
            yield _Page(s, self._continued(s, n), [], [], [], part, size)

    def _column_halves(self, s: Slide, table: Table, size: float, area: Box) -> list[_Page] | None:
        """Return the table's pages as two column groups in turn, each starting with the first column, or None.

        The split that takes the fewest slides while every group keeps three rows a continuation; None when
        the table has too few columns or no split keeps its slides balanced.
        """
        cols = len(table.header)
        best = None
        for k in range(2, cols):
            parts = []
            for group in (list(range(k)), [0, *range(k, cols)]):
                part = Table([table.header[c] for c in group], [[r[c] for c in group if c < len(r)] for r in table.rows],
                             group=group.index(table.group) if table.group in group else None)
                widths = self._widths(part, area.width, size)
                if widths is None:
                    break
                parts += self._table_pages(replace(part, widths=widths), size, area.height)
            else:
                # Every slide after the first continues the table, the second group's first one too.
                if self._balanced(parts) and (best is None or len(parts) < len(best)):
                    best = parts
        if best is None:
            return None
        return [_Page(s, self._continued(s, n), [], [], [], part, size) for n, part in enumerate(best)]

    def _balanced(self, pages: list[Table]) -> bool:
        """Return True when a table's slides hold enough rows each (one slide always does)."""
        return len(pages) == 1 or (len(pages[0].rows) >= MIN_FIRST_ROWS
                                   and all(len(p.rows) >= MIN_CONTINUED_ROWS for p in pages[1:]))

    def _table_pages(self, table: Table, size: float, height: int):
        """Yield the parts of ``table`` (widths in EMU) that fit on slides ``height`` high, one a slide."""
        header_h = self._row_height(self._header_cells(table), table.widths, size, bold=True) if table.header else 0
        room = height - header_h
        heights = [self._row_height(list(r), table.widths, size) for r in table.rows]
        if sum(heights) <= room:
            yield _page_table(table, [list(r) for r in table.rows])
            return
        ranges = _balance(heights, room, MIN_CONTINUED_ROWS, MIN_FIRST_ROWS) or _balance(heights, room)
        if ranges:
            # Every row fits a slide: balance whole rows over the fewest slides that hold them.
            for a, b in ranges:
                yield _page_table(table, [list(r) for r in table.rows[a:b]])
            return
        pending = [list(r) for r in table.rows]
        page: list[list[Cell]] = []
        used = 0
        while pending:
            row = pending.pop(0)
            h = self._row_height(row, table.widths, size)
            if used + h <= room:
                page.append(row)
                used += h
                continue
            if page and h <= room:  # the row fits on a fresh page: start one
                yield _page_table(table, page)
                page, used = [row], h
                continue
            # The row is taller than what is left: split its cells at the page end.
            head, tail = [], []
            for c, w in zip(row, table.widths):
                a, b = split_paras(c.paras, w, size, room - used, CELL_MARGIN_LR, CELL_MARGIN_TB, space_pt=2)
                head.append(Cell(a, c.status))
                tail.append(Cell(b, c.status))
            if any(c.paras for c in head):
                page.append(head)
            yield _page_table(table, page)
            page, used = [], 0
            if any(c.paras for c in tail):
                pending.insert(0, tail)
        if page:
            yield _page_table(table, page)

    def _paginate_records(self, s: Slide, table: Table, size: float, area: Box):
        """Yield one slide a row: the row as a field/value table (header cells as the fields), titled by its name.

        For a few rows too tall to keep three on a slide (use cases with their stories, process changes):
        a designer shows each as a card of its own rather than a continuation slide of one or two rows.
        """
        for row in table.rows:
            fields = [[Cell([Para((Run(h, bold=True),))]), c] for h, c in zip(table.header, row)
                      if c.text.strip() not in EMPTY_CELL]
            record = Table([], fields)
            # The field names on one line where they take at most a quarter of the slide, as on a form.
            names = measure.column_needs([[_paragraphs(f[0]) for f in fields]], size, inset=2 * CELL_MARGIN_LR)[0]
            if names.natural <= area.width // 4:
                widths = [names.natural, area.width - names.natural]
            else:
                widths = self._widths(record, area.width, size)
            if widths is None:  # a word wider than the slide: the values get what the fields leave
                widths = [area.width // 4, area.width - area.width // 4]
            name = next((p.text for p in row[0].paras if p.text.strip()), "") if row else ""
            title = s.record.format(title=s.title, name=name) if name else s.title
            for n, part in enumerate(self._table_pages(replace(record, widths=widths), size, area.height)):
                yield _Page(s, title, [], [], [], part, size)

    def _paginate_column_groups(self, s: Slide, table: Table, size: float, total: int):
        """Yield the table in column groups that fit side by side, each repeating the first column, in turn."""
        header = [[_bold_paragraph(h)] for h in table.header]
        columns = [[_paragraphs(r[c]) for r in table.rows if c < len(r)] for c in range(len(table.header))]
        needs = measure.column_needs(columns, size, headers=header, inset=2 * CELL_MARGIN_LR)
        groups, current = [], [0]
        for c in range(1, len(needs)):
            if current != [0] and sum(needs[i].minimum for i in current) + needs[c].minimum > total:
                groups.append(current)
                current = [0]
            current.append(c)
        groups.append(current)
        n = 0
        for cols in groups:
            part = Table([table.header[c] for c in cols], [[r[c] for c in cols if c < len(r)] for r in table.rows],
                         group=cols.index(table.group) if table.group in cols else None)
            widths = self._widths(part, total, size)
            if widths is None:  # one column wider than the slide: as wide as the slide, its words cut
                widths = [total // len(cols)] * len(cols)
                widths[-1] += total - sum(widths)
            for page in self._table_pages(replace(part, widths=widths), size, self.t.role("table").content_area.height):
                yield _Page(s, self._continued(s, n), [], [], [], page, size)
                n += 1

    # ------------------------------------------------------------- drawing

    def _new_slide(self, role: str):
        """Return a new, empty slide of ``role``: python-pptx's for a layout's first, copies of it after."""
        # Every slide of one layout starts as the same XML (its placeholders,
        # footer and slide number); add_slide() rebuilds it shape by shape.
        layout = self.layouts[role]
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
            ink = self._ink(role, sub, FOOTER_CONTRAST)
            if ink is not None:
                _color_runs(el, str(ink))

    def _placeholder(self, slide, role: str, sub: str):
        # By XPath: python-pptx's placeholders collection runs an XPath per
        # shape per lookup, a tenth of the whole render on a 50-slide deck.
        idx = self.t.placeholder_idx(role, sub)
        if idx is None:
            return None
        found = _PH_BY_IDX(slide.element, idx=idx)
        return oxml.shape_of(slide, found[0]) if found else None

    def _kicker_room(self, box: Box, kicker: str = "Kicker") -> tuple[int, int]:
        """Return the kicker's height (with its gap) and the room left for the title below it in ``box``."""
        lead = Para((Run(kicker),))
        extra = paras_height([lead], box.width, KICKER_PT, measure.DEFAULT_INSET_LR, 0) + round(
            KICKER_GAP_PT * measure.EMU_PER_PT)
        top = max(box.top - extra, 0)
        return extra, box.height - (extra - (box.top - top))

    def _one_title_size(self) -> float:
        """Return the one size of every slide title: the template's, or smaller so two lines fit every title box.

        shared/deck-design.md: one title size across the deck; a title may take
        two lines, never three; never shrink per slide. The size depends on the
        template only, so every deck in it has the same titles.
        """
        rooms = []
        for role in ("content", "table", "chart", "two_column"):
            try:
                box = self._box(role, "title")
            except KeyError:
                continue
            if box is not None:
                rooms.append((box.width, min(box.height, self._kicker_room(box)[1])))
        if not rooms:
            return self.title_pt

        def two_lines(size: float) -> bool:
            return all(measure.text_height(["A", "A"], width, size, bold=True) <= room for width, room in rooms)

        return measure.largest_fitting_size(self.title_pt, TITLE_MIN_PT, two_lines) or TITLE_MIN_PT

    def _deck_title_size(self, pages: list[_Page]) -> float:
        """Return the deck's one title size: the template's, or the largest at which every title takes two lines.

        On a narrow (4:3) or small slide a title written for the default template's width may need three
        lines at the template's size; the whole deck's titles go down together (to TITLE_MIN_PT at most)
        rather than that one slide's alone (shared/deck-design.md: one title size across the deck).
        """
        rooms = []
        for page in pages:
            role = "chart" if page.slide.visual is not None else page.slide.role
            if role in ("title", "section"):
                continue
            box = self._box(role, "title")
            if box is None:
                continue
            room = self._kicker_room(box, page.slide.kicker)[1] if page.slide.kicker else box.height
            rooms.append((page.title, box.width, room))

        def every_title_fits(size: float) -> bool:
            return all(measure.text_height(text, width, size, bold=True) <= room for text, width, room in rooms)

        return measure.largest_fitting_size(self._one_title_size(), TITLE_MIN_PT, every_title_fits) or TITLE_MIN_PT

    def _title_size(self, text: str, width: int, room: int) -> float:
        """Return the deck's one title size; only a title that cannot take it in ``room`` is set smaller.

        The views keep titles short enough for two lines; a longer one still
        fits here rather than overflow, and the lint reports it (lint.title-size).
        """
        if measure.text_height(text, width, self.title_line_pt, bold=True) <= room:
            return self.title_line_pt
        return measure.fit_font_size(text, width, room, self.title_line_pt, TITLE_MIN_PT, bold=True) or TITLE_MIN_PT

    def _background(self, role: str) -> str:
        """Return the slide background of ``role``'s layout (RRGGBB)."""
        return self.t.backgrounds.get(role, "FFFFFF")

    def _ink(self, role: str, sub: str, ratio: float = TEXT_CONTRAST) -> RGBColor | None:
        """Return the text colour to write into ``sub`` of ``role``, or None where the template's own reads.

        The template's colour for the placeholder is kept (a dark cover keeps its light title); where it
        does not reach 4.5:1 on the layout's background (LibreOffice exports some layouts with another
        master's colours), the next colour the template sets for that text, else a readable variant.
        """
        choices = self.t.text_colors.get(role, {}).get(sub, ())
        background = self._background(role)
        if not choices or shapes.contrast(choices[0], background) >= ratio:
            return None
        good = next((c for c in choices if shapes.contrast(c, background) >= ratio), None)
        return RGBColor.from_string(good or readable(choices[0], background, ratio))

    def _title(self, slide, role: str, text: str, kicker: str = "") -> None:
        ph = self._placeholder(slide, role, "title")
        if ph is None:
            return
        box = self._box(role, "title")
        frame_insets(ph.text_frame)
        if kicker:
            self._kicker_title(ph, box, text, kicker, role)
            return
        if role in ("title", "section"):
            # The cover's and dividers' titles are display type: as large as fits.
            size = measure.fit_font_size(text, box.width, box.height, self.title_pt, TITLE_MIN_PT, bold=True) or \
                TITLE_MIN_PT
        else:
            size = self._title_size(text, box.width, box.height)
        write_paras(ph.text_frame, [Para((Run(text),))], size, space_pt=0, color=self._ink(role, "title"))

    def _kicker_title(self, ph, box: Box, text: str, kicker: str, role: str) -> None:
        """Write the section name small above the title, in the title placeholder grown upwards to make room."""
        # Growing the box keeps the title's own room (one title size across the deck).
        lead = Para((Run(kicker),))
        extra, room = self._kicker_room(box, kicker)
        top = max(box.top - extra, 0)
        size = self._title_size(text, box.width, room)
        ph.left, ph.top, ph.width, ph.height = box.left, top, box.width, box.bottom - top
        write_paras(ph.text_frame, [lead, Para((Run(text),))], size, space_pt=KICKER_GAP_PT,
                    color=self._ink(role, "title"))
        color = RGBColor.from_string(readable(self.palette.accent, self._background(role)))
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
            write_paras(ph.text_frame, page.body, page.size, color=self._ink("content", "body"))
        elif role == "two_column":
            for sub, paras in (("left", page.left), ("right", page.right)):
                ph = self._placeholder(slide, "two_column", sub)
                frame_insets(ph.text_frame)
                write_paras(ph.text_frame, paras, page.size, color=self._ink("two_column", sub))
        elif role == "table":
            self._draw_table(slide, page.table, page.size)
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
            write_paras(sub.text_frame, paras, self._fit(paras, box) if paras else self.body_pt, space_pt=4,
                        color=self._ink(role, "subtitle"))
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

    def _draw_table(self, slide, table: Table, size: float) -> None:
        """Draw one slide's part of a table (widths in EMU; no header row when the header is empty)."""
        area = self.t.role("table").content_area
        widths = table.widths
        header = self._header_cells(table)
        all_rows = ([header] if header else []) + table.rows
        heights = [self._row_height(r, widths, size, bold=bool(header) and i == 0) for i, r in enumerate(all_rows)]
        # One row from python-pptx, the others copies of it: every new row is
        # the same XML but for its height, which is set below anyway.
        shape = slide.shapes.add_table(1, len(widths), area.left, area.top, area.width, sum(heights))
        shape.name = "Table"
        tbl = shape.table
        tbl.first_row = bool(header)
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
        data = oxml.chart_data(ch.number_format)
        data.categories = ch.categories
        if ch.category_format:
            # Date categories: python-pptx writes a c:dateAx, spaced by the days between them.
            data.categories.number_format = ch.category_format
        for series in ch.series:
            data.add_series(series.name, series.values)
        kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
                "stacked": XL_CHART_TYPE.COLUMN_STACKED, "line": XL_CHART_TYPE.LINE_MARKERS,
                "doughnut": XL_CHART_TYPE.DOUGHNUT}[ch.kind]
        frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, data)
        frame.name = "Chart"
        describe_shape(frame.element, ch.description)
        chart = frame.chart
        oxml.positive_axis_ids(chart)
        chart.has_title = True
        chart.chart_title.text_frame.text = ch.title
        for p in chart.chart_title.text_frame.paragraphs:
            for r in p.runs:
                r.font.size = Pt(14)
                r.font.bold = True
        chart.font.size = Pt(CHART_PT)
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
            plot.data_labels.font.size = Pt(CHART_PT)
            if ch.kind == "stacked":
                # Labels sit inside the stacked segments: light or dark, whichever reads on the segment's fill.
                for series in plot.series:
                    labels = series.data_labels
                    labels.number_format = ch.number_format
                    labels.number_format_is_linked = False
                    labels.show_value = True
                    labels.font.size = Pt(CHART_PT)
                    fill = str(series.format.fill.fore_color.rgb)
                    labels.font.color.rgb = RGBColor.from_string(readable("FFFFFF", fill))
        if ch.category_format:
            _time_axis(chart, ch.categories)
        if ch.kind != "doughnut":
            chart.value_axis.tick_labels.number_format = ch.axis_format or ch.number_format
            chart.value_axis.tick_labels.number_format_is_linked = False
            chart.value_axis.has_major_gridlines = True
            axis = chart.value_axis
            minimum = 0.0 if ch.minimum is None and ch.kind in ("bar", "column", "stacked") else ch.minimum
            if minimum is not None:
                axis.minimum_scale = minimum
            if ch.maximum is not None:
                axis.maximum_scale = ch.maximum


TIME_LABELS = 6  # labels on a time axis, at most: whole months apart


def _time_axis(chart, dates: list) -> None:
    """Label a chart's date axis every few whole months (about TIME_LABELS labels), horizontally.

    Left alone, the axis labels every base unit, a day, and the labels pile up.
    """
    axis = oxml.chart_xml(chart).find(".//" + qn("c:dateAx"))
    if axis is None or not dates:
        return
    span = (max(dates).year - min(dates).year) * 12 + max(dates).month - min(dates).month
    step = max(1, -(-span // TIME_LABELS))
    base = axis.find(qn("c:baseTimeUnit"))
    for tag, value in (("c:majorTimeUnit", "months"), ("c:majorUnit", str(step))):
        el = etree.Element(qn(tag))
        el.set("val", value)
        base.addnext(el)
    axis.find(qn("c:minorTickMark")).set("val", "none")


def render_deck(deck: Deck, template: Template, template_bytes: bytes) -> list[tuple[str, bytes]]:
    """Return ``deck`` rendered into the template, as pptx members (name, bytes) for the write stage to zip."""
    return DeckRenderer(template, template_bytes).render(deck)
