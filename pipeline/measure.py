"""Measure text set in Calibri the way PowerPoint and LibreOffice lay it out.

The widths come from ``templates/pptx/fonts/carlito-metrics.json`` (written by
``templates/pptx/make_metrics.py``). Carlito is metric-compatible with
Calibri, so the same numbers hold in PowerPoint (Calibri) and in LibreOffice
(which substitutes Carlito). No fontTools at runtime: the JSON is all we need.

Units: sizes are in points, lengths in EMU (914400 per inch, 12700 per point),
matching python-pptx. Kerning is ignored; it only ever narrows Latin text, so
the estimates err on the side of "needs more room".
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "EMU_PER_PT",
    "EMU_PER_INCH",
    "DEFAULT_INSET_LR",
    "DEFAULT_INSET_TB",
    "text_width",
    "line_height",
    "wrap",
    "text_height",
    "largest_fitting_size",
    "fit_font_size",
    "Paragraph",
    "ColumnNeed",
    "column_needs",
    "column_widths",
]

EMU_PER_INCH = 914400
EMU_PER_PT = 12700
# python-pptx / PowerPoint default text frame insets (bodyPr lIns/rIns, tIns/bIns).
DEFAULT_INSET_LR = 91440  # 0.1 in
DEFAULT_INSET_TB = 45720  # 0.05 in

METRICS_PATH = Path(__file__).resolve().parent.parent / "templates" / "pptx" / "fonts" / "carlito-metrics.json"

# Format characters that take no room on the line (soft hyphen included:
# we never hyphenate, so it never becomes visible).
_ZERO_WIDTH = frozenset({0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF})

# A break opportunity follows a run of spaces, a zero-width space, or a dash.
# NBSP (U+00A0) and narrow NBSP (U+202F) are deliberately absent: they glue
# e.g. "10 000 zł" or "p. 5" together, in PowerPoint as here.
_SEGMENT = re.compile(r"[^ \u200b\-\u2010\u2013\u2014]*(?:[ \u200b]+|[\-\u2010\u2013\u2014]+[ \u200b]*|$)")

_STYLE_KEYS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bolditalic"}


@lru_cache(maxsize=1)
def _metrics() -> dict:
    """Return the parsed metrics JSON with per-style code point → advance dicts."""
    raw = json.loads(METRICS_PATH.read_text(encoding="utf-8"))
    styles = {}
    for name, style in raw["styles"].items():
        widths: dict[int, int] = {}
        for start, advances in style["ranges"]:
            for offset, advance in enumerate(advances):
                if advance is not None:
                    widths[start + offset] = advance
        styles[name] = (widths, style["default"])
    # Keyed by character too: wrapping sums millions of advances, and a
    # str-keyed lookup skips an ord() per character.
    by_char = {name: {chr(cp): advance for cp, advance in widths.items()} for name, (widths, _) in styles.items()}
    return {"upm": raw["unitsPerEm"], "line": raw["lineHeight"], "styles": styles, "by_char": by_char}


@lru_cache(maxsize=65536)
def _units(text: str, bold: bool, italic: bool) -> int:
    """Return the advance width of ``text`` in font units."""
    style = _metrics()["by_char"][_STYLE_KEYS[(bool(bold), bool(italic))]]
    try:
        return sum([style[ch] for ch in text])
    except KeyError:
        return _units_slow(text, bold, italic)


def _units_slow(text: str, bold: bool, italic: bool) -> int:
    """Return the advance width of ``text``, for text with characters the metrics do not list."""
    widths, default = _metrics()["styles"][_STYLE_KEYS[(bool(bold), bool(italic))]]
    total = 0
    for ch in text:
        cp = ord(ch)
        advance = widths.get(cp)
        if advance is None:
            if cp in _ZERO_WIDTH or cp < 0x20:
                continue
            # Tabs: PowerPoint's default tab stop is 1 in; four spaces is a
            # rough stand-in that keeps the estimate on the wide side.
            advance = 4 * widths.get(0x20, default) if ch == "\t" else default
        total += advance
    return total


def _scale(size_pt: float) -> float:
    """Return EMU per font unit at ``size_pt``."""
    return size_pt * EMU_PER_PT / _metrics()["upm"]


def text_width(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> int:
    """Return the width of ``text`` on one line, in EMU (rounded up)."""
    # Rounded up so that ``text_width(line) <= available`` means "fits",
    # the same test wrap() applies to the unrounded value.
    return math.ceil(_units(text, bold, italic) * _scale(size_pt) - 1e-6)


def line_height(size_pt: float) -> int:
    """Return the height of one single-spaced line at ``size_pt``, in EMU."""
    return round(size_pt * EMU_PER_PT * _metrics()["line"] / _metrics()["upm"])


def _split_long(word: str, limit: float, bold: bool, italic: bool) -> list[str]:
    """Return ``word`` cut into pieces no wider than ``limit`` font units (≥1 char each)."""
    pieces: list[str] = []
    current, width = "", 0
    for ch in word:
        # Advances add up (no kerning), so the width of current + ch is a sum.
        w = _units(ch, bold, italic)
        if current and width + w > limit:
            pieces.append(current)
            current, width = ch, w
        else:
            current += ch
            width += w
    if current:
        pieces.append(current)
    return pieces


def _wrap_paragraph(text: str, limit: float, bold: bool, italic: bool) -> list[str]:
    """Return the greedy line break of one paragraph (no "\\n" inside)."""
    segments = [s for s in _SEGMENT.findall(text) if s]
    if not segments:
        return [""]
    lines: list[str] = []
    line = ""
    # Widths of the line as it stands and without its trailing spaces: advances
    # add up, so each segment is measured once instead of the line every time.
    full = visible = 0
    for seg in segments:
        word = seg.rstrip(" \u200b")
        word_units = _units(word, bold, italic)
        # Trailing spaces hang past the margin in PowerPoint, so they never
        # force a break.
        candidate = full + word_units if word else visible
        if candidate <= limit:
            line += seg
            full += word_units + _units(seg[len(word):], bold, italic)
            visible = candidate
            continue
        if line:
            lines.append(line.rstrip(" \u200b"))
            line = ""
        if word_units <= limit:
            line = seg
        else:
            pieces = _split_long(word, limit, bold, italic)
            lines.extend(pieces[:-1])
            line = pieces[-1] + seg[len(word):]
        full = _units(line, bold, italic)
        visible = _units(line.rstrip(" \u200b"), bold, italic)
    lines.append(line.rstrip(" \u200b"))
    return lines


def wrap(text: str, width_emu: int, size_pt: float, bold: bool = False, italic: bool = False) -> list[str]:
    """Return ``text`` broken into the lines PowerPoint shows in a ``width_emu`` wide line box.

    ``width_emu`` is the usable line width, i.e. already net of insets and
    indents. Lines break after spaces and dashes; a word wider than the line
    is cut between characters; "\\n" starts a new line; an empty paragraph
    still yields one (empty) line, as it does on the slide.
    """
    limit = max(width_emu, 0) / _scale(size_pt)
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").split("\n"):
        lines.extend(_wrap_paragraph(paragraph, limit, bold, italic))
    return lines


def _as_list(paragraphs: str | Iterable[str]) -> list[str]:
    """Return paragraphs as a list, accepting a single string too."""
    return [paragraphs] if isinstance(paragraphs, str) else list(paragraphs)


def text_height(
    paragraphs: str | Iterable[str],
    width_emu: int,
    size_pt: float,
    bold: bool = False,
    italic: bool = False,
    *,
    inset_left: int = DEFAULT_INSET_LR,
    inset_right: int = DEFAULT_INSET_LR,
    inset_top: int = DEFAULT_INSET_TB,
    inset_bottom: int = DEFAULT_INSET_TB,
    indent_emu: int = 0,
    space_before_pt: float = 0.0,
    line_spacing: float = 1.0,
) -> int:
    """Return the height in EMU a text frame ``width_emu`` wide needs for ``paragraphs``.

    ``width_emu`` is the shape width; the insets (python-pptx defaults) and a
    paragraph indent such as a bullet's marL are subtracted before wrapping.
    The result includes the top and bottom insets. ``space_before_pt`` is
    added between paragraphs (PowerPoint ignores it above the first one);
    ``line_spacing`` is the multiple of single spacing (lnSpc spcPct).
    """
    paras = _as_list(paragraphs)
    usable = width_emu - inset_left - inset_right - indent_emu
    lines = sum(len(wrap(p, usable, size_pt, bold, italic)) for p in paras)
    body = lines * line_height(size_pt) * line_spacing
    gaps = max(len(paras) - 1, 0) * space_before_pt * EMU_PER_PT
    return round(inset_top + inset_bottom + body + gaps)


def largest_fitting_size(
    max_pt: float, min_pt: float, fits: Callable[[float], bool], *, step_pt: float = 0.5
) -> float | None:
    """Return the largest size from ``max_pt`` down to ``min_pt`` (in ``step_pt`` steps) for which ``fits``, else None.

    ``fits(size)`` says whether the text fits at ``size`` points; callers
    measure their own way (plain paragraphs here, the renderer's bulleted
    paragraphs and cells). Sizes are tried from the top, so a larger box
    never gets a smaller size.
    """
    if step_pt <= 0:
        raise ValueError("step_pt must be positive")
    candidates = [float(max_pt)]
    # Snap onto the step grid below max_pt so sizes stay "round" (e.g. 17.5).
    size = (int(max_pt / step_pt + 1e-9)) * step_pt
    if size >= max_pt:
        size -= step_pt
    while size >= min_pt - 1e-9:
        candidates.append(round(size, 4))
        size -= step_pt
    if not candidates or candidates[-1] > min_pt:
        candidates.append(float(min_pt))
    for size in candidates:
        if size < min_pt - 1e-9:
            break
        if fits(size):
            return size
    return None


def fit_font_size(
    paragraphs: str | Iterable[str],
    width_emu: int,
    height_emu: int,
    max_pt: float,
    min_pt: float,
    bold: bool = False,
    italic: bool = False,
    *,
    step_pt: float = 0.5,
    **frame,
) -> float | None:
    """Return the largest size from ``max_pt`` down to ``min_pt`` (in ``step_pt`` steps) that fits, else None.

    Fitting means a total height (see ``text_height``; ``frame`` takes its
    keyword arguments: insets, indent_emu, space_before_pt, line_spacing) no
    taller than ``height_emu``. Sizes are tried from the top, so a larger box
    never gets a smaller size.
    """
    paras = _as_list(paragraphs)
    return largest_fitting_size(
        max_pt, min_pt, lambda size: text_height(paras, width_emu, size, bold, italic, **frame) <= height_emu,
        step_pt=step_pt)


# ----------------------------------------------------------------- table columns


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a table cell to measure: its runs as (text, bold, italic) and its indent in EMU."""

    runs: tuple[tuple[str, bool, bool], ...]
    indent: int = 0


@dataclass(frozen=True)
class ColumnNeed:
    """What a table column's text asks of its width, in EMU, cell insets and indents included.

    ``minimum``: its longest word fits on one line; ``natural``: its longest
    paragraph fits on one line (no cell wraps); ``demand``: the unwrapped
    width of all its body text, the share of the table's width it asks for.
    """

    minimum: int
    natural: int
    demand: int


def _paragraph(p: str | Paragraph) -> Paragraph:
    """Return ``p`` as a Paragraph (a plain string is one regular run)."""
    return p if isinstance(p, Paragraph) else Paragraph(((p, False, False),))


def _runs_width(spans: list[tuple[int, int, bool, bool]], text: str, start: int, end: int) -> float:
    """Return the width in font units of ``text[start:end]``, each stretch measured in its run's style."""
    total = 0
    for a, b, bold, italic in spans:
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            total += _units(text[lo:hi], bold, italic)
    return total


def _paragraph_widths(p: Paragraph) -> tuple[float, float]:
    """Return (widest word, whole paragraph) of one paragraph in font units, "\n" starting new lines.

    Words are what ``wrap`` keeps together (broken after spaces and dashes,
    never at a no-break space), measured run by run in each run's style.
    """
    text = "".join(t for t, _b, _i in p.runs)
    spans, pos = [], 0
    for t, bold, italic in p.runs:
        spans.append((pos, pos + len(t), bool(bold), bool(italic)))
        pos += len(t)
    word = line = 0.0
    start = 0
    for piece in re.split(r"(\r\n|[\n\r\v])", text):
        if piece in ("\r\n", "\n", "\r", "\v"):
            start += len(piece)
            continue
        offset = start
        for seg in _SEGMENT.findall(piece):
            if not seg:
                continue
            visible = len(seg.rstrip(" \u200b"))
            word = max(word, _runs_width(spans, text, offset, offset + visible))
            offset += len(seg)
        line = max(line, _runs_width(spans, text, start, start + len(piece.rstrip(" \u200b"))))
        start += len(piece)
    return word, line


def column_needs(cells_by_column: Sequence[Sequence[Sequence[str | Paragraph]]], size_pt: float, *,
                 headers: Sequence[Sequence[str | Paragraph]] | None = None,
                 inset: int = 2 * DEFAULT_INSET_LR, slack: int = EMU_PER_PT) -> list[ColumnNeed]:
    """Return each column's :class:`ColumnNeed` at ``size_pt``: cells are lists of paragraphs (str or Paragraph).

    ``headers`` (one cell a column, measured as given: pass bold runs for a
    bold header) count towards the minimum only: a header wraps at its
    words, so it never makes a column wider than its longest word.
    ``inset`` is a cell's left plus right inset; ``slack`` is added to every
    minimum so that rounding in a renderer never pushes a word over.
    """
    scale = _scale(size_pt)
    needs = []
    for c, cells in enumerate(cells_by_column):
        header = headers[c] if headers is not None and c < len(headers) else []
        minimum = natural = demand = 0.0
        for n, cell in enumerate([header, *cells]):
            for p in cell:
                p = _paragraph(p)
                word, line = _paragraph_widths(p)
                minimum = max(minimum, word * scale + p.indent)
                if n:  # the body only: see the docstring
                    natural = max(natural, line * scale + p.indent)
                    demand += line * scale + p.indent
        low = math.ceil(minimum) + inset + slack
        needs.append(ColumnNeed(low, max(low, math.ceil(natural) + inset + slack), math.ceil(demand)))
    return needs


SHORT_COLUMN = 8  # a column no wider than 1/8 of its table on one line is "short": kept unwrapped


def column_widths(cells_by_column: Sequence[Sequence[Sequence[str | Paragraph]]], total_width: int,
                  size_pt: float, *, headers: Sequence[Sequence[str | Paragraph]] | None = None,
                  inset: int = 2 * DEFAULT_INSET_LR, slack: int = EMU_PER_PT,
                  needs: Sequence[ColumnNeed] | None = None, unbroken: bool = True) -> list[int] | None:
    """Return column widths in EMU that add up to ``total_width`` with no word wider than its column, else None.

    Shared by every table a renderer lays out (deck and document tables),
    so that a word never breaks mid-word (shared/deck-design.md, "Type and
    tables"). ``cells_by_column[c]`` is column c's body cells, each a list of
    paragraphs (a str, or a :class:`Paragraph` with styled runs and an
    indent); ``headers``, ``inset`` and ``slack`` as in :func:`column_needs`
    (or pass ``needs`` already measured). Each column gets at least its
    longest word; the rest of the width goes where the text is longest: a
    column's width is its share of all body text (so a row's cells wrap to
    about as many lines each), never below its longest word, and never above
    its longest paragraph while another column still wraps. When no cell
    needs to wrap, the spare width is shared in proportion to the columns'
    natural widths. None when even the longest words do not fit side by side:
    the caller moves columns elsewhere or sets the table on more slides
    (columns in turn), it does not shrink the text below its floor.
    """
    needs = list(needs) if needs is not None else column_needs(
        cells_by_column, size_pt, headers=headers, inset=inset, slack=slack)
    if not needs:
        return []
    lows = [n.minimum for n in needs]
    highs = [n.natural for n in needs]
    if sum(lows) > total_width:
        return None
    # Short values (dates, amounts, a status word) read best unbroken: a column whose longest paragraph
    # takes at most an eighth of the table keeps it on one line, when the table has room for that.
    short = [n.natural if n.natural <= total_width // SHORT_COLUMN else n.minimum for n in needs]
    if unbroken and sum(short) <= total_width:
        lows = short
    if sum(highs) <= total_width:
        # Nothing wraps: widen every column in proportion to its natural width.
        spare = total_width - sum(highs)
        widths = [h + spare * h / sum(highs) for h in highs]
    else:
        # Bisect the width per unit of text (k) at which the clamped shares add up to the total.
        def widths_at(k: float) -> list[float]:
            return [min(max(k * n.demand, lo), hi) for n, lo, hi in zip(needs, lows, highs)]

        lo_k, hi_k = 0.0, 1.0
        while sum(widths_at(hi_k)) < total_width:
            hi_k *= 2
        for _ in range(60):
            mid = (lo_k + hi_k) / 2
            if sum(widths_at(mid)) < total_width:
                lo_k = mid
            else:
                hi_k = mid
        widths = widths_at(hi_k)
    out = [int(w) for w in widths]
    # Rounding leftovers go to the widest column (the first of equals), so the widths add up exactly.
    widest = max(range(len(out)), key=lambda i: (out[i], -i))
    out[widest] += total_width - sum(out)
    if any(w < lo for w, lo in zip(out, lows)):
        return None
    if sum(highs) > total_width and cells_by_column:
        out = _fewer_lines(out, lows, highs, cells_by_column, headers, size_pt, inset)
    return out


def _cell_lines(cell: Sequence[str | Paragraph], width: int, size_pt: float, inset: int) -> int:
    """Return the lines a cell's paragraphs wrap to in a column ``width`` wide (one for an empty cell)."""
    lines = 0
    for p in cell:
        p = _paragraph(p)
        text = "".join(t for t, _b, _i in p.runs)
        # Styled as the renderers measure a paragraph: bold when all of it is, italic when any of it is.
        bold = bool(p.runs) and all(b for _t, b, _i in p.runs)
        italic = any(i for _t, _b, i in p.runs)
        lines += len(wrap(text or " ", width - inset - p.indent, size_pt, bold, italic))
    return max(lines, 1)


def _fewer_lines(widths: list[int], lows: list[int], highs: list[int], cells_by_column, headers, size_pt: float,
                 inset: int) -> list[int]:
    """Return ``widths`` improved by moving width between columns while that lowers the table's line count.

    Shares by text volume leave some rows taller than they need be (narrow columns waste more of each
    line); a row is as tall as its tallest cell, so width moves, a step at a time, from where it does
    not set a row's height to where it does, as long as the sum of the rows' heights drops (or, at equal
    heights, the number of lines in all).
    """
    n = len(widths)
    count = max(len(col) for col in cells_by_column)
    rows_of = [list(col) + [[]] * (count - len(col)) for col in cells_by_column]
    if headers is not None:
        rows_of = [[headers[c] if c < len(headers) else []] + rows_of[c] for c in range(n)]
    cache: dict[tuple[int, int], list[int]] = {}

    def lines(c: int, w: int) -> list[int]:
        key = (c, w)
        if key not in cache:
            cache[key] = [_cell_lines(cell, w, size_pt, inset) for cell in rows_of[c]]
        return cache[key]

    def height(ws: list[int]) -> tuple[int, int]:
        # The rows' heights first; then, among equally tall tables, the fewest lines in all (a date on one
        # line rather than three beside a three-line cell).
        columns = [lines(c, ws[c]) for c in range(n)]
        return (sum(max(col[r] for col in columns) for r in range(len(rows_of[0]))),
                sum(sum(col) for col in columns))

    total = sum(widths)
    current = height(widths)
    for step in (total // 40, total // 120):
        for _ in range(40):  # a bound, never reached on real tables: each move lowers the line count
            best = None
            for b in range(n):
                if widths[b] >= highs[b]:
                    continue  # already on one line a paragraph: more width changes nothing
                for a in range(n):
                    if a == b or widths[a] - step < lows[a]:
                        continue
                    trial = list(widths)
                    trial[a] -= step
                    trial[b] += step
                    h = height(trial)
                    if h < current and (best is None or h < best[0]):
                        best = (h, trial)
            if best is None:
                break
            current, widths = best
    return widths
