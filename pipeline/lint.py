"""Design lint of built decks: the rules of shared/deck-design.md a machine can check.

``csplan lint FILE.pptx…`` (and ``csplan build --lint``) reads a finished
.pptx, not the content it came from, so it judges what the audience sees:
whatever the renderer, a hand edit or a corporate template did to it. Each
finding is a :class:`~pipeline.problems.Problem` located at the deck's path,
line = slide number, field = the shape's name (``table r2c3`` for a cell).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.chart.plot import BarPlot, LinePlot
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_COLOR_TYPE, MSO_FILL
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from pipeline import measure
from pipeline.problems import Problem
from pipeline.view.common import unit_spaces
from pipeline.view.storyline import BUDGETS  # the main-flow budgets the renderer keeps to

__all__ = ["BUDGETS", "CODES", "LintError", "deck_kind", "lint_deck", "section_layout", "contrast_ratio"]

CODES = ("lint.thin-continuation", "lint.empty-column", "lint.small-text", "lint.word-too-wide", "lint.contrast",
         "lint.one-point-line", "lint.axis-not-zero", "lint.raw-code", "lint.budget", "lint.unit-space",
         "lint.title-size")
# shared/deck-design.md, "Type and tables": projected rooms need 12 pt; appendix tables are read up close.
MAIN_FLOOR_PT, APPENDIX_FLOOR_PT = 12.0, 10.0
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
MIN_CONTINUED_ROWS = 3
EMPTY_CELL = frozenset({"", "—", "–", "-"})

# Shapes whose own fill is behind their text (a placeholder's or picture's is not drawn behind it).
_FILLED = (MSO_SHAPE_TYPE.AUTO_SHAPE, MSO_SHAPE_TYPE.TEXT_BOX)
_SECTION_LAYOUT = "Section"  # the default template's section role, when no template is given
# A continuation slide's title is the previous title plus a parenthesized suffix in any locale:
# "(2 of 3)", "(2 z 3)", "(2 av 3)", "(2 из 3)" (the catalogs' "{title} ({number} of {total})").
_CONTINUED = re.compile(r"^(?P<base>.+) \([^()]+\)$", re.S)
_SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
# Two letters or more before the first hyphen, so "e-post" and "x-ray" are words, not ids.
_ID = re.compile(r"[a-z]{2,}(?:-[a-z0-9]+)+")
# Break opportunities as measure.wrap sees them: spaces, zero-width space, after a dash unless a word
# joiner follows it (NBSP glues).
_WORDS = re.compile(r"(?:[^ \u200b\n\v\t\-\u2010\u2013\u2014]|[\-\u2010\u2013\u2014]+\u2060)+"
                    r"[\-\u2010\u2013\u2014]*")


class LintError(Exception):
    """A file that cannot be linted (missing, not a .pptx)."""


@dataclass
class _Finder:
    """Collects the problems of one deck, each located at a slide and a shape."""

    path: str
    found: list[Problem]
    labels: dict = field(default_factory=dict)  # shape element -> its name, numbered when the slide repeats it
    locales: tuple[str, ...] = ()  # whose unit words, month names and quarters the no-break check knows

    def start(self, slide) -> None:
        """Name the slide's shapes: their own name, with " 1", " 2"… where several share it."""
        shapes = list(_shapes(slide.shapes))
        counts = Counter(s.name for s in shapes)
        seen = Counter()
        self.labels = {}
        for shape in shapes:
            seen[shape.name] += 1
            repeated = counts[shape.name] > 1
            self.labels[shape.element] = f"{shape.name} #{seen[shape.name]}" if repeated else shape.name

    def label(self, shape) -> str:
        """Return the name a problem of ``shape`` is reported at."""
        return self.labels.get(shape.element, shape.name)

    def add(self, slide: int, shape: str, message: str, code: str) -> None:
        """Record one problem at slide ``slide``, shape ``shape``."""
        self.found.append(Problem(self.path, slide, 0, shape, message, code))


# ----------------------------------------------------------------- helpers


def deck_kind(path: str | os.PathLike) -> str | None:
    """Return the deck artifact ("cs-plan", "qbr", "ebr") whose output file name ``path`` matches, else None."""
    from pipeline.registry import artifacts

    name = Path(path).name
    for artifact in artifacts().values():
        if artifact.format != "pptx":
            continue
        # The output pattern's file part, its {fields} made wildcards: "{customer}-qbr-{period}-{locale}{variant}.pptx".
        pattern = Path(artifact.output).name
        regex = "".join(".*?" if part.startswith("{") else re.escape(part)
                        for part in re.split(r"(\{[a-z]+\})", pattern) if part)
        if re.fullmatch(regex, name):
            return artifact.name
    return None


def section_layout(template_path: str | os.PathLike) -> str:
    """Return the name of the layout playing the section role in the deck template (the default's when unreadable)."""
    from pipeline.template import TemplateError, load_template

    try:
        return load_template(template_path).layout_name("section")
    except (TemplateError, OSError, KeyError):
        return _SECTION_LAYOUT


def _relative_luminance(rgb: RGBColor) -> float:
    """Return the WCAG 2.1 relative luminance of an sRGB colour."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: RGBColor, b: RGBColor) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(color_format) -> RGBColor | None:
    """Return an explicit RGB colour of a python-pptx ColorFormat, None for theme/inherited colours."""
    try:
        return color_format.rgb if color_format.type == MSO_COLOR_TYPE.RGB else None
    except (AttributeError, TypeError, ValueError):
        return None


def _solid_fill(fill) -> RGBColor | None:
    """Return the RGB colour of a solid fill, None for any other fill."""
    try:
        return _rgb(fill.fore_color) if fill.type == MSO_FILL.SOLID else None
    except (AttributeError, TypeError, ValueError):
        return None


def _run_size(run, paragraph) -> float | None:
    """Return a run's explicit size in points (the run's own, else the paragraph's default), None when inherited."""
    if run.font.size is not None:
        return run.font.size.pt
    ppr = paragraph._p.pPr
    defrpr = ppr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr") if ppr is not None else None
    if defrpr is not None and defrpr.get("sz"):
        return int(defrpr.get("sz")) / 100
    return None


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _chart_sizes(shape) -> list[float]:
    """Return every explicit text size in points of a chart shape's part (its c:txPr defaults and c:rich runs).

    Axis labels, data labels and the legend take the size of their own c:txPr, else the chart's; only sizes
    written down are judged, as for runs (an inherited size is the application's business).
    """
    if not (getattr(shape, "has_chart", False) and shape.has_chart):
        return []
    space = shape.chart._chartSpace
    return [int(el.get("sz")) / 100 for tag in ("defRPr", "rPr") for el in space.iter(_A + tag) if el.get("sz")]


def _shapes(shapes) -> Iterator:
    """Yield every shape, group members included (depth first)."""
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shapes(shape.shapes)


def _frames(shape, name: str) -> Iterator[tuple[str, object, object]]:
    """Yield (label, text frame, cell or None) of a shape called ``name``: its own frame, or each table cell's."""
    if getattr(shape, "has_table", False) and shape.has_table:
        for r, row in enumerate(shape.table.rows):
            for c, cell in enumerate(row.cells):
                if not cell.is_spanned:
                    yield f"{name} r{r + 1}c{c + 1}", cell.text_frame, cell
    elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        yield name, shape.text_frame, None


def _title(slide) -> str:
    """Return a slide's title, its paragraphs (kicker and takeaway) joined by " / "."""
    shape = slide.shapes.title
    if shape is None:
        return ""
    return " / ".join(p.text.strip() for p in shape.text_frame.paragraphs if p.text.strip())


def _tables(slide) -> list:
    """Return the slide's table shapes."""
    return [s for s in _shapes(slide.shapes) if getattr(s, "has_table", False) and s.has_table]


def _cell_text(cell) -> str:
    """Return a cell's text with its lines joined by spaces."""
    return " ".join(cell.text.split())


# ----------------------------------------------------------------- rules


def _check_tables(finder: _Finder, number: int, slide, continued: bool) -> None:
    """Report thin continuation slides, empty columns and words wider than their cell."""
    for shape in _tables(slide):
        table = shape.table
        body = list(table.rows)[1:] if table.first_row else list(table.rows)
        if continued and len(body) < MIN_CONTINUED_ROWS:
            rows = f"{len(body)} body row{'s' * (len(body) != 1)}"
            finder.add(number, finder.label(shape), f"continuation slide holds {rows}; a continued table keeps at "
                       f"least {MIN_CONTINUED_ROWS} (balance the rows across the slides)", "lint.thin-continuation")
        for c, column in enumerate(table.columns):
            texts = [_cell_text(row.cells[c]) for row in body]
            if texts and all(t in EMPTY_CELL for t in texts):
                header = _cell_text(table.rows[0].cells[c]) if table.first_row else ""
                label = f"column {c + 1}" + (f" ({header!r})" if header else "")
                finder.add(number, finder.label(shape), f"{label} is empty in every body row ({len(texts)}); drop it",
                           "lint.empty-column")
        _check_word_widths(finder, number, shape)


def _check_word_widths(finder: _Finder, number: int, shape) -> None:
    """Report each cell holding a word wider than the cell's text width (widest word per cell)."""
    table = shape.table
    widths = [col.width for col in table.columns]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell.is_spanned:
                continue
            span = cell.span_width if cell.is_merge_origin else 1
            room = sum(widths[c:c + span]) - cell.margin_left - cell.margin_right
            worst = None
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    # PowerPoint's own table text default, when the deck sets no size.
                    size = _run_size(run, paragraph) or 18.0
                    for word in _WORDS.findall(run.text):
                        width = measure.text_width(word, size, bool(run.font.bold), bool(run.font.italic))
                        if width > room and (worst is None or width > worst[1]):
                            worst = (word, width, size)
            if worst:
                word, width, size = worst
                finder.add(number, f"{finder.label(shape)} r{r + 1}c{c + 1}",
                           f"word \"{word}\" is {Emu(width).inches:.2f} in wide at {size:g} pt; the cell holds "
                           f"{Emu(room).inches:.2f} in", "lint.word-too-wide")


def _check_text(finder: _Finder, number: int, slide, floor: float, part: str) -> None:
    """Report runs and chart text under the size floor (one problem a slide), low contrast and raw codes."""
    sizes: list[tuple[float, str]] = []  # (explicit size, cell or shape) of every run and chart text
    for shape in _shapes(slide.shapes):
        shape_fill = _solid_fill(shape.fill) if shape.shape_type in _FILLED else None
        low = {}  # (text colour, fill) -> [first cell or shape, ratio, the cells]
        breaks: list[tuple[str, str]] = []  # (cell or shape, "45 seconds") with a plain space inside
        sizes += [(size, finder.label(shape)) for size in _chart_sizes(shape)]
        for label, frame, cell in _frames(shape, finder.label(shape)):
            fill = _solid_fill(cell.fill) if cell is not None else shape_fill
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    if not run.text.strip():
                        continue
                    size = _run_size(run, paragraph)
                    if size is not None:
                        sizes.append((size, label))
                    color = _rgb(run.font.color) if fill is not None else None
                    if color is not None:
                        ratio = contrast_ratio(color, fill)
                        if ratio < MIN_CONTRAST:
                            seen = low.setdefault((str(color), str(fill)), [label, ratio, set()])
                            seen[2].add(label)
                _check_raw_code(finder, number, label, paragraph.text)
                breaks += [(label, found) for found in unit_spaces(paragraph.text, *finder.locales)]
        if breaks:
            # One problem a shape: a table column repeats the same kind of value in every row.
            label, found = breaks[0]
            more = f" ({len(breaks)} in this shape)" if len(breaks) > 1 else ""
            finder.add(number, label, f"\"{found}\" breaks at a plain space{more}; a number and its unit, a date, a "
                       f"quarter and a name take no-break spaces", "lint.unit-space")
        # One problem a shape and colour pair: a status column floods many cells with the same pair.
        for (color, fill), (label, ratio, cells) in low.items():
            more = f" ({len(cells)} cells from here)" if len(cells) > 1 else ""
            finder.add(number, label, f"text #{color} on fill #{fill} has contrast {ratio:.2f}:1{more}; text on a "
                       f"fill needs {MIN_CONTRAST}:1", "lint.contrast")
    below = [(size, label) for size, label in sizes if size < floor - 1e-6]
    if below:
        small = len(below)
        smallest, where = min(below, key=lambda found: found[0])  # the first of the smallest
        finder.add(number, where, f"{small} run{'s' * (small != 1)} below the {floor:g} pt floor of the {part}; "
                   f"smallest {smallest:g} pt", "lint.small-text")


def _check_raw_code(finder: _Finder, number: int, label: str, text: str) -> None:
    """Report a line that is nothing but a snake_case code or an id (whole line only: words in prose pass)."""
    for line in text.replace("\v", "\n").split("\n"):
        token = line.strip()
        if _SNAKE.fullmatch(token) or _ID.fullmatch(token):
            finder.add(number, label, f"{token!r} looks like a raw code or id; show its label or name",
                       "lint.raw-code")


def _check_charts(finder: _Finder, number: int, slide) -> None:
    """Report one-point line series and bar/column value axes that do not start at zero."""
    for shape in _shapes(slide.shapes):
        if not (getattr(shape, "has_chart", False) and shape.has_chart):
            continue
        chart = shape.chart
        short = []  # "name (n)" of each line series with fewer than two points
        for plot in chart.plots:
            if isinstance(plot, LinePlot):
                for series in plot.series:
                    points = sum(v is not None for v in series.values)
                    if points < 2:
                        short.append(f"{series.name!r} ({points})")
            elif isinstance(plot, BarPlot):
                try:
                    minimum = chart.value_axis.minimum_scale
                except (ValueError, AttributeError):
                    minimum = None
                if minimum is not None and minimum > 0:
                    finder.add(number, finder.label(shape), f"bar chart's value axis starts at {minimum:g}; bars "
                               f"start at zero", "lint.axis-not-zero")
        if short:
            # One problem a chart: its series share the categories, so they are short together.
            finder.add(number, finder.label(shape), f"line series with fewer than two points: {', '.join(short)}; "
                       f"a line needs two (use a tile or a sentence)", "lint.one-point-line")


# ----------------------------------------------------------------- the deck


def _title_size(slide) -> float | None:
    """Return the size of a slide's title (its largest run: the kicker above it is smaller), None without one."""
    shape = slide.shapes.title
    if shape is None:
        return None
    sizes = [size for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()
             for size in [_run_size(r, p)] if size is not None]
    return max(sizes) if sizes else None


def _check_title_sizes(finder: _Finder, slides: list, section_layout: str) -> None:
    """Report slides whose title size differs from the deck's (the most common one; the cover and dividers aside)."""
    sizes = {number: size for number, slide in enumerate(slides, 1)
             if number > 1 and slide.slide_layout.name != section_layout
             for size in [_title_size(slide)] if size is not None}
    if not sizes:
        return
    # The most common size, the larger on a tie: the size the deck was designed at.
    deck = max(Counter(sizes.values()).items(), key=lambda kv: (kv[1], kv[0]))[0]
    for number, size in sizes.items():
        if abs(size - deck) > 1e-6:
            finder.add(number, "Title", f"title set at {size:g} pt; the deck's titles are {deck:g} pt (one title "
                       f"size across a deck: wrap to two lines or shorten, never shrink)", "lint.title-size")


def _deck_locales(prs) -> tuple[str, ...]:
    """Return the deck's language (its core property) or, when it names none we know, every supported locale."""
    from pipeline.registry import SUPPORTED_LOCALES

    language = (prs.core_properties.language or "").split("-")[0].lower()
    return (language,) if language in SUPPORTED_LOCALES else tuple(SUPPORTED_LOCALES)


def _appendix_start(slides: list, section_layout: str) -> int:
    """Return the index of the appendix divider: the first section-layout slide after the cover (len when none)."""
    for i, slide in enumerate(slides[1:], 1):
        if slide.slide_layout.name == section_layout:
            return i
    return len(slides)


def lint_deck(path: str | os.PathLike, *, display: str | None = None, budget: int | None = None,
              section_layout: str = _SECTION_LAYOUT, fonts: str | os.PathLike | None = None) -> list[Problem]:
    """Return every design problem of the deck at ``path`` (reported at ``display``, default ``path``).

    ``fonts`` is the fonts/ folder beside the deck's template, looked in first for its font, as the build does.
    """
    try:
        prs = Presentation(os.fspath(path))
    except Exception as exc:  # python-pptx surfaces a missing or broken file as many types
        raise LintError(f"{display or path}: cannot read as a .pptx file ({exc})") from None
    from pipeline.template import body_font

    # Words are measured in the font the deck's template sets body text in, as the build measured them.
    measure.use_font(body_font(prs), fonts)
    finder = _Finder(display or os.fspath(path), [], locales=_deck_locales(prs))
    slides = list(prs.slides)
    divider = _appendix_start(slides, section_layout)
    base = None  # the title a run of continuation slides continues
    table_before = False  # the slide before had a table: only then does a numbered title continue a table
    for number, slide in enumerate(slides, 1):
        finder.start(slide)
        title = _title(slide)
        match = _CONTINUED.match(title)
        continued = bool(match and base and match.group("base") == base)
        if not continued:
            base = title
        has_table = bool(_tables(slide))
        # A title met again after a text slide ("Products & solution sold" as prose, then its table, "(2 of 2)")
        # is numbered but starts its table: thin only where the table itself goes on from the slide before.
        _check_tables(finder, number, slide, continued and table_before)
        table_before = has_table
        main = number - 1 < divider
        _check_text(finder, number, slide, MAIN_FLOOR_PT if main else APPENDIX_FLOOR_PT,
                    "main flow" if main else "appendix")
        _check_charts(finder, number, slide)
    _check_title_sizes(finder, slides, section_layout)
    kind = deck_kind(path)
    limit = budget or BUDGETS.get(kind or "")
    if limit and divider > limit:
        finder.add(1, "", f"the main flow has {divider} slides (cover included); the "
                   f"{kind + ' ' if kind and not budget else ''}budget is {limit}; move detail to the appendix",
                   "lint.budget")
    return finder.found
