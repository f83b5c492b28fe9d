"""Drawn visuals: KPI tiles, roadmaps, stakeholder maps, gauges, scorecards, cards and quotes as native shapes.

Each visual is first laid out as plain operations (a text box, a shape, a
line, a group of them) with boxes in EMU, and only then drawn with
python-pptx autoshapes, text boxes and connectors. Laying out is pure, so
the deck renderer asks the same function whether a visual fits its box (and
splits it over continuation slides when it does not) that later draws it:
what was measured is what is drawn. Every text box is as tall as its text
measured with the template font's metrics (``pipeline.render.text``), and
no text is set below 12 pt.

Colours: a status is a dot in the template's status colour with its word
beside it (grey not started, green on track or done, amber at risk, red
late); other fills and lines come from the template's series colours (its
theme accents). Text on a fill is given a colour with at least 4.5:1
contrast against it (WCAG 2.1 AA).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE, MSO_PATTERN
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from pipeline import measure
from pipeline.render.oxml import qn
from pipeline.render.text import paras_height, split_paras, write_paras
from pipeline.template import Box, Template
from pipeline.view import (Band, Card, Cards, Chip, Gauge, Para, Person, Quote, Roadmap, Run, Scorecard, StakeholderMap,
                           StatusLine, Summary, Tile)

__all__ = ["MIN_PT", "Palette", "contrast", "readable", "paginate", "draw", "kind_of"]

IN = 914400
PT = measure.EMU_PER_PT
MIN_PT = 12.0  # the main flow's floor (shared/deck-design.md, "Type and tables")
SIZES = (14.0, 13.0, 12.0)  # body sizes tried before a visual is split over slides
# A few cards on a slide read larger rather than leave its lower half empty (four key wins, two asks).
CARD_PT = (16.0, 15.0, *SIZES)
GAP = int(0.15 * IN)
PAD = int(0.1 * IN)  # inside tiles and cards
INSET_LR = 45720  # text box insets: tighter than the default, the shapes around them give the air
INSET_TB = 18288
ROW_GAP = 4 * PT
WHITE, BLACK = "FFFFFF", "000000"

# Which status colour of the template each status takes (deck-design.md, "Colour and status").
STATUS_COLOR = {"not_started": "grey", "on_track": "green", "done": "green", "at_risk": "amber", "late": "red"}


# ----------------------------------------------------------------- colour


def _channels(color: str) -> tuple[int, int, int]:
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _luminance(color: str) -> float:
    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two RRGGBB colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, t: float) -> str:
    """Return the colour ``t`` of the way from ``a`` to ``b``."""
    return "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(_channels(a), _channels(b)))


@lru_cache(maxsize=1024)
def readable(color: str, background: str, ratio: float = 4.5) -> str:
    """Return ``color``, darkened (or lightened on a dark background) until it reads on ``background``."""
    target = BLACK if _luminance(background) > 0.18 else WHITE
    for step in range(21):
        candidate = mix(color, target, step / 20)
        if contrast(candidate, background) >= ratio:
            return candidate
    return target


@dataclass(frozen=True)
class Palette:
    """The colours visuals use, taken from a template."""

    status: dict[str, str]  # template status colour name (red, amber, green, grey) -> RRGGBB
    accent: str  # lines and rules: the first series colour
    panel: str  # tiles and cards: a light tint of the accent
    zebra: str  # every other roadmap row
    rule: str  # light separators
    ink: str  # text on white and on the panel
    muted: str  # secondary text, still readable on the panel

    @classmethod
    def of(cls, template: Template) -> Palette:
        """Return the palette of ``template``."""
        series = template.series_colors
        accent = series[0]
        panel = mix(accent, WHITE, 0.9)
        # The darkest theme accent as the text colour keeps a corporate palette; black if none reads well enough.
        darkest = min(series, key=_luminance)
        ink = darkest if contrast(darkest, panel) >= 7 else BLACK
        status = dict(template.status_colors)
        status.setdefault("grey", "8A939E")
        return cls(status=status, accent=accent, panel=panel, zebra=mix(accent, WHITE, 0.95),
                   rule=mix(ink, WHITE, 0.8), ink=ink, muted=readable(mix(ink, WHITE, 0.3), panel))

    def of_status(self, status: str) -> str:
        """Return the colour of a view status (one of pipeline.view.STATUSES)."""
        return self.status[STATUS_COLOR.get(status, "grey")]


# ----------------------------------------------------------------- operations


@dataclass(frozen=True)
class Text:
    """A text box, as tall as its measured text."""

    box: Box
    paras: tuple[Para, ...]
    size: float
    color: str
    align: str = "l"  # l, ctr, r
    space_pt: float = 0
    alt: str = ""
    name: str = "Text"


@dataclass(frozen=True)
class Shape:
    """An autoshape without text (kind rect, round, oval, diamond, triangle) or a line (kind line)."""

    kind: str
    box: Box  # a line runs from (left, top) to (right, bottom)
    fill: str | None = None
    line: str | None = None
    line_pt: float = 0.75
    dash: bool = False
    hatch: bool = False  # diagonal hatching in the line colour over the fill
    alt: str = ""
    name: str = "Shape"


@dataclass(frozen=True)
class Group:
    """Shapes that belong together (a card, a tile), grouped so they move as one."""

    name: str
    ops: tuple


def _boxes(ops):
    for op in ops:
        if isinstance(op, Group):
            yield from _boxes(op.ops)
        else:
            yield op.box


def _bottom(ops, default: int) -> int:
    return max((b.bottom for b in _boxes(ops)), default=default)


def fits(ops, box: Box) -> bool:
    """Return True when every operation lies inside ``box``."""
    return all(b.left >= box.left and b.top >= box.top and b.right <= box.right and b.bottom <= box.bottom
               for b in _boxes(ops))


def _para(text: str, bold: bool = False, italic: bool = False) -> Para:
    return Para((Run(text, bold=bold, italic=italic),))


def _height(paras, width: int, size: float, space_pt: float = 0) -> int:
    return paras_height(list(paras), width, size, INSET_LR, INSET_TB, space_pt)


def _one_line(text: str, size: float, bold: bool = False) -> int:
    """Return the width of a box that shows ``text`` on one line, with room for renderers' rounding."""
    return math.ceil(measure.text_width(text, size, bold) * 1.03) + 2 * INSET_LR + PT


def text(left: int, top: int, width: int, content: str | list[Para], size: float, color: str, *,
         bold: bool = False, italic: bool = False, align: str = "l", space_pt: float = 0, alt: str = "",
         name: str = "Text") -> Text:
    """Return a text box at (left, top), ``width`` wide and as tall as its text measures."""
    paras = [_para(content, bold, italic)] if isinstance(content, str) else list(content)
    if bold:
        paras = [replace(p, runs=tuple(replace(r, bold=True) for r in p.runs)) for p in paras]
    return Text(Box(left, top, width, _height(paras, width, size, space_pt)), tuple(paras), size, color, align,
                space_pt, alt, name)


def chip(c: Chip, left: int, top: int, size: float, pal: Palette, background: str = WHITE,
         max_width: int | None = None) -> tuple[list, int, int]:
    """Return a status chip (a dot in the status colour, its word beside it), its width and height."""
    dot = round(size * 0.6 * PT)
    space = round(size * 0.3 * PT)
    word = _one_line(c.label, size)
    if max_width is not None:
        word = max(min(word, max_width - dot - space), 2 * INSET_LR + PT)
    label = text(left + dot + space, top, word, c.label, size, readable(pal.ink, background), alt=c.status,
                 name="Chip")
    first_line = measure.line_height(size) + 2 * INSET_TB
    color = pal.of_status(c.status)
    # A darker ring keeps a light dot (amber, grey) visible on white.
    ring = readable(color, WHITE, 3.0)
    disc = Shape("oval", Box(left, top + (first_line - dot) // 2, dot, dot), fill=color, line=ring, line_pt=0.75,
                 name="Dot")
    return [disc, label], dot + space + word, max(label.box.height, first_line)


def widest_word(texts, size: float, bold: bool = False) -> int:
    """Return the width of a box that holds the widest unbreakable word of ``texts`` (no-break spaces glue)."""
    return max((_one_line(word, size, bold) for t in texts for word in t.split(" ") if word), default=0)


def chip_width(c: Chip | None, size: float) -> int:
    """Return the width a chip needs on one line (0 for no chip)."""
    if c is None:
        return 0
    return round(size * 0.9 * PT) + _one_line(c.label, size)


def _airy(build: Callable[[int], list], rows: int, box: Box, size: float) -> list:
    """Return ``build(pad)`` with the rows' padding as generous as the box allows, up to half a line more."""
    # A short roadmap or scorecard spreads over the slide instead of huddling at its top.
    ops = build(ROW_GAP)
    spare = box.bottom - _bottom(ops, box.top)
    if rows and spare > 0:
        ops = build(ROW_GAP + min(spare // (2 * rows), measure.line_height(size) // 2))
    return ops


def _largest(n: int, ok: Callable[[int], bool]) -> int:
    """Return the largest k in 0..n with ok(k), for an ok that holds up to some k and fails after."""
    k = 0
    while k < n and ok(k + 1):
        k += 1
    return k


def _chunks(items: list, ok: Callable[[list], bool]) -> list[list]:
    """Return ``items`` split into the fewest pages that are ``ok``, as evenly as still fits."""
    pages: list[list] = []
    current: list = []
    for item in items:
        if current and not ok(current + [item]):
            pages.append(current)
            current = []
        current.append(item)
    pages.append(current)
    if len(pages) > 1:
        # Balanced pages read better than a full page and a stub (deck-design.md, "Type and tables").
        k, n = len(pages), len(items)
        sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
        even, at = [], 0
        for s in sizes:
            even.append(items[at:at + s])
            at += s
        if all(ok(p) for p in even):
            return even
    return pages


# ----------------------------------------------------------------- KPI tiles

TILE_MIN_W = int(2.0 * IN)
VALUE_PT = (32.0, 28.0, 24.0, 20.0)


def _tile(t: Tile, left: int, top: int, width: int, size: float, value_pt: float, pal: Palette) -> list:
    fill = pal.panel
    inner, x, y = width - 2 * PAD, left + PAD, top + PAD
    ops: list = []

    def add(op):
        nonlocal y
        ops.append(op)
        y = op.box.bottom

    add(text(x, y, inner, t.label, size, pal.muted, name="Label"))
    add(text(x, y, inner, t.value, value_pt, pal.ink, bold=True, name="Value"))
    if t.change:
        arrow = {"up": "↑\u00a0", "down": "↓\u00a0"}.get(t.direction or "", "")
        tone = {True: "green", False: "red"}.get(t.good, "grey")
        add(text(x, y, inner, arrow + t.change, size, readable(pal.status[tone], fill), bold=True, name="Change"))
    if t.target:
        add(text(x, y, inner, t.target, size, pal.muted, name="Target"))
    if t.chip is not None:
        parts, _w, h = chip(t.chip, x, y + ROW_GAP, size, pal, fill, inner)
        ops.extend(parts)
        y += ROW_GAP + h
    return ops


def _tiles(tiles: list[Tile], left: int, top: int, width: int, size: float, pal: Palette) -> list:
    """Return KPI tiles in rows of equal tiles, every tile of a row as tall as the tallest."""
    if not tiles:
        return []
    tile = max(TILE_MIN_W, widest_word([t.label for t in tiles], size) + 2 * PAD)
    most = max(1, (width + GAP) // (tile + GAP))
    rows = math.ceil(len(tiles) / most)
    per_row = math.ceil(len(tiles) / rows)
    w = (width - (per_row - 1) * GAP) // per_row
    inner = w - 2 * PAD - 2 * INSET_LR
    # One value size for the whole strip: the largest at which every value stays on one line.
    value_pt = next((pt for pt in VALUE_PT if all(_one_line(t.value, pt, True) - 2 * INSET_LR <= inner
                                                   for t in tiles)), VALUE_PT[-1])
    ops: list = []
    y = top
    for r in range(rows):
        row = tiles[r * per_row:(r + 1) * per_row]
        contents = [_tile(t, left + i * (w + GAP), y, w, size, value_pt, pal) for i, t in enumerate(row)]
        h = max(_bottom(c, y) for c in contents) + PAD - y
        for i, (t, c) in enumerate(zip(row, contents)):
            frame = Shape("round", Box(left + i * (w + GAP), y, w, h), fill=pal.panel, name="Tile frame")
            ops.append(Group("Tile", (frame, *c)))
        y += h + GAP
    return ops


# ----------------------------------------------------------------- status lines and the summary


def _status_list(title: str, lines: list[StatusLine], left: int, top: int, width: int, size: float,
                 pal: Palette) -> list:
    ops: list = []
    y = top
    if title:
        head = text(left, y, width, title, size + 2, pal.ink, bold=True, name="Heading")
        ops.append(head)
        y = head.box.bottom
        ops.append(Shape("line", Box(left, y, width, 0), line=pal.accent, line_pt=1.5, name="Rule"))
        y += ROW_GAP
    chip_w = min(max((chip_width(ln.chip, size) for ln in lines), default=0), int(width * 0.45))
    for ln in lines:
        h, parts = 0, []
        if ln.chip is not None:
            parts, _w, h = chip(ln.chip, left, y, size, pal, max_width=chip_w)
        body = text(left + chip_w, y, width - chip_w, ln.text, size, pal.ink, name="Line")
        ops.append(Group("Line", (*parts, body)))
        y += max(h, body.box.height) + ROW_GAP
    return ops


def _summary(v: Summary, box: Box, size: float, pal: Palette) -> list:
    ops: list = []
    y = box.top
    if v.lead:
        lead = text(box.left, y, box.width, v.lead, size + 2, pal.ink, name="Lead")
        ops.append(lead)
        y = lead.box.bottom + GAP
    if v.tiles:
        strip = _tiles(v.tiles, box.left, y, box.width, size, pal)
        ops.extend(strip)
        y = _bottom(strip, y) + GAP
    has_side = bool(v.side or v.side_title)
    left_w = (box.width - GAP) * 55 // 100 if has_side else box.width
    if v.lines or v.lines_title:
        ops.extend(_status_list(v.lines_title, v.lines, box.left, y, left_w, size, pal))
    if has_side:
        ops.extend(_status_list(v.side_title, v.side, box.left + left_w + GAP, y, box.width - left_w - GAP, size,
                                pal))
    return ops


def _split_summary(v: Summary, box: Box, size: float, pal: Palette) -> list[Summary]:
    # The lead and tiles open the first slide; the two lists continue side by side.
    parts: list[Summary] = []
    lines, side, first = list(v.lines), list(v.side), True
    while first or lines or side:
        head = v if first else replace(v, tiles=[], lead="")

        def ok(a: int, b: int) -> bool:
            return fits(_summary(replace(head, lines=lines[:a], side=side[:b]), box, size, pal), box)

        a = _largest(len(lines), lambda k: ok(k, 0))
        b = _largest(len(side), lambda k: ok(0, k))
        if not first and a == 0 and b == 0:  # an item taller than a slide: give it one of its own
            a, b = min(1, len(lines)), min(1, len(side))
        parts.append(replace(head, lines=lines[:a], side=side[:b],
                             lines_title=v.lines_title if first or a else "",
                             side_title=v.side_title if first or b else ""))
        lines, side, first = lines[a:], side[b:], False
    return parts


# ----------------------------------------------------------------- roadmap


def _x(d: date, v: Roadmap, left: int, right: int) -> int:
    span = max((v.end - v.start).days, 1)
    days = min(max((d - v.start).days, 0), span)
    return left + round((right - left) * days / span)


def _bar_style(status: str, pal: Palette) -> dict:
    # Done, in progress, at risk, late and not started differ by fill and outline,
    # not by colour alone; the chip word beside each row says it in words too.
    color = pal.of_status(status)
    if status == "done":
        return {"fill": color, "line": readable(color, WHITE, 3.0), "line_pt": 1.0}
    if status == "late":
        return {"fill": WHITE, "line": readable(color, WHITE, 3.0), "line_pt": 1.5, "hatch": True}
    if status == "not_started":
        return {"fill": WHITE, "line": readable(color, WHITE, 3.0), "line_pt": 1.5, "dash": True}
    return {"fill": mix(color, WHITE, 0.6), "line": readable(color, WHITE, 3.0), "line_pt": 1.5}


def _roadmap(v: Roadmap, box: Box, size: float, pal: Palette) -> list:
    return _airy(lambda pad: _roadmap_rows(v, box, size, pal, pad), len(v.bars) + len(v.milestones), box, size)


def _roadmap_rows(v: Roadmap, box: Box, size: float, pal: Palette, pad: int) -> list:
    rows = [(b.label, b.chip, b) for b in v.bars] + [(m.label, m.chip, m) for m in v.milestones]
    label_w = min(max([_one_line(r[0], size) for r in rows] + [int(1.2 * IN)]), box.width * 24 // 100)
    chip_w = min(max([chip_width(r[1], size) for r in rows] + [0]), box.width * 16 // 100)
    tl_left = box.left + label_w + chip_w + GAP
    tl_right = box.right - PAD

    def x(d: date) -> int:
        return _x(d, v, tl_left, tl_right)


    # Axis labels: each from its tick to the next; one too wide for its span is centred on its tick, but
    # never over the label before it (on a narrow 4:3 slide "2026" centred on Q1 ran into "Q4").
    heads: list = []
    ticks = sorted(v.ticks)
    prev_right = tl_left
    for i, (d, label) in enumerate(ticks):
        x0 = x(d)
        x1 = x(ticks[i + 1][0]) if i + 1 < len(ticks) else tl_right
        w = _one_line(label, size)
        if x1 - max(x0, prev_right) >= w:
            left = max(x0, prev_right)
            heads.append(text(left, box.top, x1 - left, label, size, pal.muted, name="Tick"))
        else:
            left = min(max(x0 - w // 2, prev_right), tl_right - w)
            heads.append(text(left, box.top, min(w, tl_right - left), label, size, pal.muted, name="Tick"))
        prev_right = left + w
    y0 = _bottom(heads, box.top) + ROW_GAP

    line_box = measure.line_height(size) + 2 * INSET_TB
    body: list = []
    bands: list = []
    y = y0
    for n, (label, c, item) in enumerate(rows):
        name = text(box.left, y, label_w, label, size, pal.ink, bold=True, name="Row")
        parts, _w, ch = chip(c, box.left + label_w, y, size, pal, max_width=chip_w)
        h = max(name.box.height, ch, line_box) + 2 * pad
        mid = y + pad + line_box // 2
        if n % 2 == 0:
            bands.append(Shape("rect", Box(box.left, y, box.width, h), fill=pal.zebra, name="Row band"))
        body.append(Group("Row", (replace(name, box=replace(name.box, top=y + pad)),
                                  *[replace(p, box=replace(p.box, top=p.box.top + pad)) for p in parts],
                                  _row_mark(item, x, mid, line_box, pal))))
        y += h
    rows_bottom = y

    grid = [Shape("line", Box(x(d), y0, 0, rows_bottom - y0), line=pal.rule, line_pt=0.75, name="Grid")
            for d, _ in ticks]
    axis = Shape("line", Box(tl_left, y0, tl_right - tl_left, 0), line=pal.muted, line_pt=1.0, name="Axis")
    tx = x(v.today)
    today_color = readable(pal.status["red"], WHITE)
    today = Shape("line", Box(tx, y0 - ROW_GAP, 0, rows_bottom - y0 + 2 * ROW_GAP), line=today_color, line_pt=2.0,
                  alt=f"today {v.today.isoformat()}", name="Today")
    w = min(_one_line(v.today_label, size, True), box.right - tl_left)
    left = min(max(tx - w // 2, tl_left), box.right - w)
    label = text(left, rows_bottom + 2 * ROW_GAP, w, v.today_label, size, today_color, bold=True,
                 align="ctr", name="Today label")
    return [*bands, *grid, *heads, axis, *body, today, label]


def _row_mark(item, x: Callable[[date], int], mid: int, line_box: int, pal: Palette) -> Shape:
    """Return a phase's bar or a milestone's diamond on the time axis."""
    if hasattr(item, "when"):
        d = round(line_box * 0.9)
        # A dash on a shape this small reads as broken corners: a milestone not yet started is a
        # white diamond with a solid outline (still unlike the filled done and tinted in-progress ones).
        style = dict(_bar_style(item.chip.status, pal), dash=False)
        return Shape("diamond", Box(x(item.when) - d // 2, mid - d // 2, d, d), **style,
                     alt=f"{item.label} {item.when.isoformat()} {item.chip.status}", name="Milestone")
    x0, x1 = x(item.start), x(item.end)
    h = round(line_box * 0.8)
    return Shape("round", Box(x0, mid - h // 2, max(x1 - x0, PT * 4), h), **_bar_style(item.chip.status, pal),
                 alt=f"{item.label} {item.start.isoformat()}..{item.end.isoformat()} {item.chip.status}", name="Bar")


def _split_roadmap(v: Roadmap, box: Box, size: float, pal: Palette) -> list[Roadmap]:
    def part(rows: list) -> Roadmap:
        return replace(v, bars=[r for r in rows if not hasattr(r, "when")],
                       milestones=[r for r in rows if hasattr(r, "when")])

    return [part(rows) for rows in _chunks([*v.bars, *v.milestones],
                                           lambda rows: fits(_roadmap(part(rows), box, size, pal), box))]


# ----------------------------------------------------------------- stakeholder map

PERSON_MIN_W = int(1.9 * IN)
GROUP_GAP = int(0.25 * IN)
SUB_GAP = int(0.1 * IN)


def _allocate(groups, width: int, size: float) -> list[int]:
    """Return how many card columns each group gets: one each, the rest to the groups with the most rows."""
    # A card is never narrower than its longest name or word, so no name is cut.
    people = [p for g in groups for p in g.people]
    card = max(PERSON_MIN_W, widest_word([p.name for p in people], size + 1, True) + 2 * PAD,
               widest_word([p.title for p in people], size) + 2 * PAD,
               widest_word([m for p in people for m in p.marks], size, True) + 2 * PAD)
    columns = max(len(groups), (width + SUB_GAP) // (card + SUB_GAP))
    counts = [len(g.people) for g in groups]
    alloc = [1] * len(counts)
    for _ in range(columns - len(counts)):
        rows = [math.ceil(c / a) for c, a in zip(counts, alloc)]
        worst = max(range(len(counts)), key=lambda i: (rows[i], -i))
        if rows[worst] <= 1:
            break
        alloc[worst] += 1
    # Balanced rows (5 people in 3 + 2, not 4 + 1); the columns so freed widen every card.
    return [math.ceil(c / math.ceil(c / a)) for c, a in zip(counts, alloc)]


def _person(p: Person, left: int, top: int, width: int, size: float, pal: Palette) -> list:
    fill = pal.panel if p.key else WHITE
    x, inner = left + PAD, width - 2 * PAD
    ops = [text(x, top + PAD, inner, p.name, size + 1, pal.ink, bold=True, name="Name")]
    if p.title:
        ops.append(text(x, ops[-1].box.bottom, inner, p.title, size, readable(pal.muted, fill), name="Title"))
    if p.marks:
        ops.append(text(x, ops[-1].box.bottom, inner, " · ".join(p.marks), size, readable(pal.accent, fill),
                        bold=True, name="Marks"))
    return ops


def _map_layout(v: StakeholderMap, box: Box, size: float, pal: Palette) -> list:
    groups = [g for g in v.groups if g.people]
    if not groups:
        return []
    n = len(groups)
    alloc = _allocate(groups, box.width, size)
    used = sum(alloc)
    sub_w = (box.width - (n - 1) * GROUP_GAP - (used - n) * SUB_GAP) // used
    ops: list = []
    legend = text(box.left, box.top, box.width - int(size * 1.6 * PT) - SUB_GAP, v.legend, size, pal.muted,
                  name="Legend") if v.legend else None
    x = box.left
    bottom = box.top
    for g, k in zip(groups, alloc):
        width = k * sub_w + (k - 1) * SUB_GAP
        head = text(x, box.top, width, g.label, size + 2, pal.ink, bold=True, name="Group")
        ops.append(head)
        ops.append(Shape("line", Box(x, head.box.bottom, width, 0), line=pal.accent, line_pt=1.5, name="Rule"))
        y = head.box.bottom + GAP // 2
        for r in range(math.ceil(len(g.people) / k)):
            row = g.people[r * k:(r + 1) * k]
            contents = [_person(p, x + i * (sub_w + SUB_GAP), y, sub_w, size, pal) for i, p in enumerate(row)]
            h = max(_bottom(c, y) for c in contents) + PAD - y
            for i, (p, c) in enumerate(zip(row, contents)):
                # Sponsor and decision makers: an accent border and a tinted card.
                frame = Shape("round", Box(x + i * (sub_w + SUB_GAP), y, sub_w, h),
                              fill=pal.panel if p.key else WHITE, line=pal.accent if p.key else pal.rule,
                              line_pt=2.25 if p.key else 0.75, name="Person frame")
                ops.append(Group("Person", (frame, *c)))
            y += h + SUB_GAP
        bottom = max(bottom, y)
        x += width + GROUP_GAP
    if legend is not None:
        # The legend starts with a small card drawn like the emphasised ones, so it names what the colour means.
        swatch = int(size * 1.6 * PT)
        ops.append(Shape("round", Box(box.left, bottom + (legend.box.height - swatch * 2 // 3) // 2, swatch,
                                      swatch * 2 // 3), fill=pal.panel, line=pal.accent, line_pt=2.25,
                         name="Legend key"))
        shift = swatch + SUB_GAP
        ops.append(replace(legend, box=replace(legend.box, left=box.left + shift, top=bottom)))
    return ops


def _split_map(v: StakeholderMap, box: Box, size: float, pal: Palette) -> list[StakeholderMap]:
    # Each slide takes from every group what fits, dropping people from the group with the most rows.
    parts: list[StakeholderMap] = []
    rest = [g for g in v.groups if g.people]
    while rest:
        counts = [len(g.people) for g in rest]
        while True:
            page = [replace(g, people=g.people[:c]) for g, c in zip(rest, counts) if c]
            if fits(_map_layout(replace(v, groups=page), box, size, pal), box) or sum(counts) <= 1:
                break
            live = [i for i, c in enumerate(counts) if c]
            alloc = _allocate([replace(rest[i], people=rest[i].people[:counts[i]]) for i in live], box.width, size)
            rows = {i: math.ceil(counts[i] / a) for i, a in zip(live, alloc)}
            worst = max(live, key=lambda i: (rows[i], counts[i], -i))
            counts[worst] -= 1
        parts.append(replace(v, groups=page))
        rest = [replace(g, people=g.people[c:]) for g, c in zip(rest, counts) if g.people[c:]]
    return parts or [v]


# ----------------------------------------------------------------- gauge

NUMBER_PT = (60.0, 54.0, 48.0, 40.0, 32.0)


def _gauge(v: Gauge, box: Box, size: float, pal: Palette) -> list:
    ops: list = []
    y = box.top
    caption = text(box.left, y, box.width, v.caption, size + 2, pal.ink, bold=True, name="Caption")
    ops.append(caption)
    y = caption.box.bottom
    pt = next((pt for pt in NUMBER_PT if _one_line(v.text, pt, True) <= box.width // 2), NUMBER_PT[-1])
    number = text(box.left, y, min(_one_line(v.text, pt, True), box.width), v.text, pt, pal.ink, bold=True,
                  name="Number")
    ops.append(number)
    current = next((b for b in v.bands if b.low <= v.value <= b.high), None)
    if current is not None:
        # The band the score falls in, as a chip beside the number.
        parts, _w, h = chip(_band_chip(current), number.box.right + GAP, 0, size + 2, pal,
                            max_width=box.right - number.box.right - GAP)
        top = number.box.top + (number.box.height - h) // 2
        ops.extend(replace(p, box=replace(p.box, top=p.box.top + top)) for p in parts)
    y = number.box.bottom + GAP

    marker = int(0.18 * IN)
    # Half a marker of margin: the marker stays inside the box at 0 and at the maximum.
    left, right = box.left + marker // 2, box.right - marker // 2
    bar_top = y + marker
    bar_h = int(0.32 * IN)

    def scale(value: float) -> int:
        return left + round((right - left) * min(max(value / v.maximum, 0), 1)) if v.maximum else left

    ops.append(Shape("rect", Box(left, bar_top, right - left, bar_h), fill=mix(pal.status["grey"], WHITE, 0.7),
                     name="Track"))
    for b in v.bands:
        x0, x1 = scale(b.low), scale(b.high)
        ops.append(Shape("rect", Box(x0, bar_top, max(x1 - x0, 1), bar_h), fill=pal.of_status(b.status),
                         alt=f"{b.label} {b.low:g}..{b.high:g} {b.status}", name="Band"))
    mx = scale(v.value)
    ops.append(Shape("triangle", Box(mx - marker // 2, y, marker, marker), fill=pal.ink, name="Marker",
                     alt=f"{v.value:g} of {v.maximum:g}"))
    ops.append(Shape("line", Box(mx, bar_top - PT, 0, bar_h + 2 * PT), line=pal.ink, line_pt=2.5, name="Needle"))
    y = bar_top + bar_h + ROW_GAP

    # Band labels under their bands when every word fits its band, else a legend of chips.
    labels = []
    for b in v.bands:
        x0, x1 = scale(b.low), scale(b.high)
        words = b.label.split()
        if not words or max(_one_line(w, size) for w in words) > x1 - x0:
            labels = None
            break
        labels.append(text(x0, y, x1 - x0, b.label, size, pal.ink, align="ctr", name="Band label"))
    if labels is not None:
        ops.extend(labels)
    else:
        x = box.left
        for b in v.bands:
            w = chip_width(_band_chip(b), size)
            if x + w > box.right and x > box.left:
                x, y = box.left, _bottom(ops, y) + ROW_GAP
            parts, w, _h = chip(_band_chip(b), x, y, size, pal, max_width=box.right - x)
            ops.extend(parts)
            x += w + GAP
    # Centred in the box: beside a trend chart, the gauge sits level with it.
    shift = max((box.bottom - _bottom(ops, box.top)) // 2, 0)
    return _moved(ops, shift)


def _band_chip(b: Band) -> Chip:
    """Return the chip of a gauge band: its status and label."""
    return Chip(b.status, b.label)


def _moved(ops, dy: int) -> list:
    out = []
    for op in ops:
        if isinstance(op, Group):
            out.append(Group(op.name, tuple(_moved(op.ops, dy))))
        else:
            out.append(replace(op, box=replace(op.box, top=op.box.top + dy)))
    return out


# ----------------------------------------------------------------- scorecard


def _scorecard(v: Scorecard, box: Box, size: float, pal: Palette) -> list:
    return _airy(lambda pad: _score_rows(v, box, size, pal, pad), len(v.rows), box, size)


def _score_rows(v: Scorecard, box: Box, size: float, pal: Palette, pad: int) -> list:
    header = list(v.header) + [""] * (5 - len(v.header))
    chip_w = max([chip_width(r.chip, size) for r in v.rows] + [_one_line(header[4], size, True)])
    value_w = min(max([_one_line(r.value, size, True) for r in v.rows] + [_one_line(header[3], size, True)]),
                  box.width * 16 // 100)
    rest = box.width - chip_w - value_w - GAP
    widths = [rest * 30 // 100, rest * 30 // 100]
    widths.append(rest - sum(widths))
    widths += [value_w, chip_w]
    xs = [box.left]
    for w in widths[:-1]:
        xs.append(xs[-1] + w)
    xs[4] += GAP  # air between a number and its chip
    # Latest values are numbers: right-aligned, like their header.
    align = ["l", "l", "l", "r", "l"]
    heads = [text(x, box.top, w, h, size, pal.ink, bold=True, align=a, name="Header")
             for x, w, h, a in zip(xs, widths, header, align) if h]
    y = _bottom(heads, box.top)
    ops: list = [*heads, Shape("line", Box(box.left, y, box.width, 0), line=pal.accent, line_pt=1.5, name="Rule")]
    y += pad
    # Row heights first: an outcome or initiative name shown once for its run of rows
    # may need more room than those rows; the last row of its run takes the difference.
    shown = []
    for i, r in enumerate(v.rows):
        prev = v.rows[i - 1] if i else None
        new_outcome = prev is None or r.outcome != prev.outcome
        new_initiative = new_outcome or r.initiative != prev.initiative
        shown.append((new_outcome, new_initiative))
    cells = []
    for r, (o, ini) in zip(v.rows, shown):
        kpi = text(xs[2], 0, widths[2], r.kpi, size, pal.ink, name="KPI")
        value = text(xs[3], 0, widths[3], r.value, size, pal.ink, bold=True, align="r", name="Latest")
        parts, _w, ch = chip(r.chip, xs[4], 0, size, pal, max_width=widths[4])
        outcome = text(xs[0], 0, widths[0], r.outcome, size, pal.ink, bold=True, name="Outcome") if o else None
        initiative = text(xs[1], 0, widths[1], r.initiative, size, pal.ink, name="Initiative") if ini else None
        cells.append((outcome, initiative, kpi, value, parts, ch))
    heights = [max(kpi.box.height, value.box.height, ch, ini.box.height if ini else 0) + 2 * pad
               for _o, ini, kpi, value, _p, ch in cells]
    for col in (1, 0):
        starts = [i for i, s in enumerate(shown) if s[col]] + [len(v.rows)]
        for a, b in zip(starts, starts[1:]):
            need = cells[a][col].box.height + 2 * pad
            have = sum(heights[a:b])
            if need > have:
                heights[b - 1] += need - have
    for i, ((outcome, initiative, kpi, value, parts, _ch), h) in enumerate(zip(cells, heights)):
        o, ini = shown[i]
        if i and (o or ini):
            start = box.left if o else xs[1]
            ops.append(Shape("line", Box(start, y, box.right - start, 0), line=pal.rule, line_pt=1.0 if o else 0.75,
                             name="Rule"))
        top = y + pad
        row = [op for op in (outcome, initiative, kpi, value) if op is not None] + parts
        ops.append(Group("Score", tuple(replace(op, box=replace(op.box, top=op.box.top + top)) for op in row)))
        y += h
    return ops


def _split_scorecard(v: Scorecard, box: Box, size: float, pal: Palette) -> list[Scorecard]:
    return [replace(v, rows=rows) for rows in
            _chunks(list(v.rows), lambda rows: fits(_scorecard(replace(v, rows=rows), box, size, pal), box))]


# ----------------------------------------------------------------- cards

CARD_MIN_W = int(2.4 * IN)


def _card(c: Card, left: int, top: int, width: int, height: int | None, size: float, pal: Palette) -> list:
    fill = pal.panel
    ink, muted = readable(pal.ink, fill), readable(pal.muted, fill)
    x, inner = left + PAD, width - 2 * PAD
    ops: list = [text(x, top + PAD, inner, c.title, size + 2, ink, bold=True, name="Card title")]
    if c.lines:
        ops.append(text(x, ops[-1].box.bottom + ROW_GAP, inner, [_para(line) for line in c.lines], size, ink,
                        space_pt=4, name="Card text"))
    y = ops[-1].box.bottom + ROW_GAP
    if c.chip is not None:
        parts, _w, h = chip(c.chip, x, y, size, pal, fill, inner)
        ops.extend(parts)
        y += h
    if c.footer:
        foot = text(x, y, inner, c.footer, size, muted, name="Card footer")
        if height is not None:  # pinned to the card's bottom, level across a row
            foot = replace(foot, box=replace(foot.box, top=max(y, top + height - PAD - foot.box.height)))
        ops.append(foot)
    return ops


def _cards(v: Cards, box: Box, size: float, pal: Palette) -> list:
    if not v.cards:
        return []
    card = max(CARD_MIN_W, widest_word([c.title for c in v.cards], size + 2, True) + 2 * PAD,
               widest_word([line for c in v.cards for line in c.lines], size) + 2 * PAD)
    most = max(1, (box.width + GAP) // (card + GAP))
    rows = math.ceil(len(v.cards) / most)
    cols = math.ceil(len(v.cards) / rows)
    w = (box.width - (cols - 1) * GAP) // cols
    ops: list = []
    y = box.top
    for r in range(rows):
        row = v.cards[r * cols:(r + 1) * cols]
        h = max(_bottom(_card(c, 0, y, w, None, size, pal), y) for c in row) + PAD - y
        for i, c in enumerate(row):
            left = box.left + i * (w + GAP)
            frame = Shape("round", Box(left, y, w, h), fill=pal.panel, line=pal.accent, line_pt=0.75,
                          name="Card frame")
            ops.append(Group("Card", (frame, *_card(c, left, y, w, h, size, pal))))
        y += h + GAP
    return ops


def _split_cards(v: Cards, box: Box, size: float, pal: Palette) -> list[Cards]:
    return [replace(v, cards=cards) for cards in
            _chunks(list(v.cards), lambda cards: fits(_cards(replace(v, cards=cards), box, size, pal), box))]


# ----------------------------------------------------------------- quote

QUOTE_PT = (28.0, 26.0, 24.0, 22.0, 20.0, 18.0, 16.0, 14.0, 13.0, 12.0)
QUOTE_BAR = int(0.08 * IN)
QUOTE_INDENT = int(0.4 * IN)


def _quote(v: Quote, box: Box, size: float, pal: Palette) -> list:
    left = box.left + QUOTE_INDENT
    width = min(box.width - QUOTE_INDENT, box.width * 85 // 100)
    body = text(left, box.top, width, [_para(p) for p in v.text.split("\n") if p.strip()] or [_para("")], size,
                pal.ink, space_pt=size / 2, name="Quote")
    ops: list = [body]
    if v.by:
        by_pt = max(MIN_PT, min(18.0, size * 0.65))
        ops.append(text(left, body.box.bottom + GAP, width, "— " + v.by, by_pt, pal.muted, bold=True, name="By"))
    bottom = _bottom(ops, box.top)
    ops.insert(0, Shape("rect", Box(box.left, box.top, QUOTE_BAR, bottom - box.top), fill=pal.accent,
                        name="Quote bar"))
    return _moved(ops, max((box.bottom - bottom) // 2, 0))


def _split_quote(v: Quote, box: Box, size: float, pal: Palette) -> list[Quote]:
    # A statement longer than a slide at 12 pt: continued like body text, the attribution on the last slide.
    width = min(box.width - QUOTE_INDENT, box.width * 85 // 100)
    room = box.height - (text(0, 0, width, "— " + v.by, MIN_PT, pal.muted, bold=True).box.height + GAP
                         if v.by else 0)
    rest = [_para(p) for p in v.text.split("\n") if p.strip()]
    parts = []
    while rest:
        head, rest = split_paras(rest, width, size, room, INSET_LR, INSET_TB, space_pt=size / 2)
        if not head:
            head, rest = rest[:1], rest[1:]
        parts.append(replace(v, text="\n".join(p.text for p in head), by=""))
    parts[-1] = replace(parts[-1], by=v.by)
    return parts


# ----------------------------------------------------------------- the visual kinds


@dataclass(frozen=True)
class _Kind:
    name: str
    layout: Callable
    split: Callable | None
    sizes: tuple[float, ...] = SIZES


_KINDS = {
    Summary: _Kind("summary", _summary, _split_summary),
    Roadmap: _Kind("roadmap", _roadmap, _split_roadmap),
    StakeholderMap: _Kind("stakeholders", _map_layout, _split_map),
    Gauge: _Kind("gauge", _gauge, None),
    Scorecard: _Kind("scorecard", _scorecard, _split_scorecard),
    Cards: _Kind("cards", _cards, _split_cards, CARD_PT),
    Quote: _Kind("quote", _quote, _split_quote, QUOTE_PT),
}


def kind_of(visual) -> str:
    """Return the name of a visual's kind, e.g. "roadmap"."""
    return _KINDS[type(visual)].name


def layout(visual, box: Box, size: float, pal: Palette) -> list:
    """Return the operations that draw ``visual`` in ``box`` with body text at ``size`` points."""
    return _KINDS[type(visual)].layout(visual, box, size, pal)


def paginate(visual, box: Box, pal: Palette) -> list[tuple[object, float]]:
    """Return the parts of ``visual`` (one per slide) and the text size of each, never below 12 pt."""
    kind = _KINDS[type(visual)]
    for size in kind.sizes:
        if fits(kind.layout(visual, box, size, pal), box):
            return [(visual, size)]
    size = kind.sizes[-1]
    if kind.split is None:
        return [(visual, size)]
    return [(part, size) for part in kind.split(visual, box, size, pal)]


# ----------------------------------------------------------------- drawing

_AUTOSHAPES = {"rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE, "oval": MSO_SHAPE.OVAL,
               "diamond": MSO_SHAPE.DIAMOND, "triangle": MSO_SHAPE.FLOWCHART_MERGE}
_ALIGN = {"l": PP_ALIGN.LEFT, "ctr": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}
_P_STYLE = qn("p:style")
_CNVPR = qn("p:cNvPr")
_GRP_SP_PR, _XFRM, _OFF, _EXT, _CH_OFF, _CH_EXT = (qn(t) for t in (
    "p:grpSpPr", "a:xfrm", "a:off", "a:ext", "a:chOff", "a:chExt"))


def draw(shapes, visual, box: Box, size: float, pal: Palette):
    """Draw ``visual`` into ``box`` of a slide's ``shapes`` as a group named "Visual: <kind>" (None if empty)."""
    ops = layout(visual, box, size, pal)
    if not ops:
        return None
    # python-pptx's turbo-add mode counts shape ids up from the slide's maximum
    # instead of searching the whole slide for it before every shape: the same
    # ids, without a search per shape (a visual adds dozens).
    shapes.turbo_add_enabled = True
    try:
        group = _group(shapes, None, f"Visual: {kind_of(visual)}", ops)
    finally:
        shapes.turbo_add_enabled = False
    _unique_ids(group.element)
    return group


def _unique_ids(group) -> None:
    """Number every shape of ``group`` after the highest id on the rest of its slide.

    python-pptx gives a group the slide's first free id while turbo-add counts
    up from the maximum: once the gaps are used up (a map of 17 people), a
    group and the next shape share an id, which PowerPoint repairs.
    """
    tree = group
    while tree.getparent() is not None:
        tree = tree.getparent()
    inside = set(group.iter(_CNVPR))
    used = [int(e.get("id")) for e in tree.iter(_CNVPR) if e not in inside and e.get("id", "").isdigit()]
    n = max(used, default=1)
    for e in group.iter(_CNVPR):
        n += 1
        e.set("id", str(n))


def _group(shapes, parent, name: str, ops):
    """Add a group of ``ops`` to ``parent`` (an element of the slide's shape tree, None for the tree itself)."""
    # Shapes are added to the slide's tree and then moved into their group:
    # python-pptx recomputes a group's extents, and its parents', on every
    # shape added to it (most of a visual's drawing time); the extents are
    # known from the layout, so they are written once.
    group = shapes.add_group_shape()
    group.name = name
    if parent is not None:
        parent.append(group.element)
    _emit(shapes, group.element, ops)
    boxes = list(_boxes(ops))
    left, top = min(b.left for b in boxes), min(b.top for b in boxes)
    width = max(b.right for b in boxes) - left
    height = max(b.bottom for b in boxes) - top
    xfrm = group.element.find(_GRP_SP_PR).find(_XFRM)
    for tag, x, y in ((_OFF, "x", "y"), (_CH_OFF, "x", "y")):
        el = xfrm.find(tag)
        el.set(x, str(left))
        el.set(y, str(top))
    for tag in (_EXT, _CH_EXT):
        el = xfrm.find(tag)
        el.set("cx", str(width))
        el.set("cy", str(height))
    return group


def _describe(shape, alt: str) -> None:
    if alt:
        # The alt text (cNvPr descr): read out by screen readers, printed by csplan dump.
        shape.element[0][0].set("descr", alt)


def _emit(shapes, parent, ops) -> None:
    """Add ``ops`` to the slide's ``shapes`` and move each into the group element ``parent``."""
    for op in ops:
        if isinstance(op, Group):
            if op.ops:
                _group(shapes, parent, op.name, op.ops)
            continue
        if isinstance(op, Text):
            shape = _emit_text(shapes, op)
        elif op.kind == "line":
            b = op.box
            shape = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, b.left, b.top, b.right, b.bottom)
            _plain(shape)
            _stroke(shape.line, op)
            shape.name = op.name
            _describe(shape, op.alt)
        else:
            shape = _emit_shape(shapes, op)
        parent.append(shape.element)


def _plain(shape) -> None:
    # python-pptx gives new autoshapes and connectors the theme's style (accent
    # fill, an effect that may be a shadow); visuals set every colour themselves.
    style = shape.element.find(_P_STYLE)
    if style is not None:
        shape.element.remove(style)


def _stroke(line, op: Shape) -> None:
    if op.line is None:
        line.fill.background()
        return
    line.color.rgb = RGBColor.from_string(op.line)
    line.width = Pt(op.line_pt)
    if op.dash:
        line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _emit_shape(shapes, op: Shape):
    b = op.box
    shape = shapes.add_shape(_AUTOSHAPES[op.kind], b.left, b.top, b.width, b.height)
    _plain(shape)
    shape.name = op.name
    if op.hatch:
        shape.fill.patterned()
        shape.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
        shape.fill.fore_color.rgb = RGBColor.from_string(op.line or BLACK)
        shape.fill.back_color.rgb = RGBColor.from_string(op.fill or WHITE)
    elif op.fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(op.fill)
    _stroke(shape.line, op)
    if op.kind == "round":
        shape.adjustments[0] = min(0.5, 0.08 * IN / max(min(b.width, b.height), 1))
    _describe(shape, op.alt)
    return shape


def _emit_text(shapes, op: Text):
    b = op.box
    box = shapes.add_textbox(b.left, b.top, b.width, b.height)
    box.name = op.name
    tf = box.text_frame
    tf.margin_left = tf.margin_right = Emu(INSET_LR)
    tf.margin_top = tf.margin_bottom = Emu(INSET_TB)
    tf.vertical_anchor = MSO_ANCHOR.TOP
    write_paras(tf, list(op.paras), op.size, color=RGBColor.from_string(op.color), space_pt=op.space_pt)
    if op.align != "l":
        for p in tf.paragraphs:
            p.alignment = _ALIGN[op.align]
    _describe(box, op.alt)
    return box


# ----------------------------------------------------------------- accessibility

_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CNVPR = f"{{{_P_NS}}}cNvPr"
# Office's "Mark as decorative" (MS-ODRAWXML): screen readers skip the shape, the accessibility checker is satisfied.
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def describe_shape(element, text: str) -> None:
    """Set the alternative text (``descr``) of a shape, picture, chart frame or group ``element``."""
    c_nv_pr = next(element.iter(_CNVPR), None)
    if c_nv_pr is not None and text:
        c_nv_pr.set("descr", text)


def mark_decorative(group) -> None:
    """Mark the shapes of ``group`` that carry no text (dots, bars, rules, diamonds) as decorative."""
    for child in group.iter(f"{{{_P_NS}}}sp", f"{{{_P_NS}}}cxnSp"):
        if any((t.text or "").strip() for t in child.iter(f"{{{_A_NS}}}t")):
            continue
        c_nv_pr = next(child.iter(_CNVPR), None)
        if c_nv_pr is None or c_nv_pr.get("descr") or c_nv_pr.find(f"{{{_A_NS}}}extLst") is not None:
            continue  # a shape with its own description (a roadmap bar, a milestone) is not decorative
        ext_lst = etree.SubElement(c_nv_pr, f"{{{_A_NS}}}extLst")
        ext = etree.SubElement(ext_lst, f"{{{_A_NS}}}ext", uri=_DECORATIVE_URI)
        etree.SubElement(ext, f"{{{_ADEC}}}decorative", nsmap={"adec": _ADEC}, val="1")
