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
from collections.abc import Callable, Iterable
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
    "words",
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


def words(text: str, slash: bool = False) -> list[str]:
    """Return the unbreakable pieces of ``text``: what wrap() never splits (no-break spaces keep theirs).

    With ``slash``, a piece also ends after "/", where word processors break a line ("PLN/|month").
    """
    pieces = [m.group(0).rstrip(" \u200b") for m in _SEGMENT.finditer(text) if m.group(0).strip(" \u200b")]
    if slash:
        pieces = [p for piece in pieces for p in re.findall(r"[^/]*/|[^/]+", piece)]
    return pieces


# One column's content for column_widths(): its texts, each with its bold and italic flags and optionally
# an indent in EMU (a list item's).
ColumnTexts = Iterable[tuple]


def column_widths(columns: list[ColumnTexts], total: int, size_pt: float, padding: int,
                  weights: list[float] | None = None) -> list[int]:
    """Return widths (EMU) of table columns that add up to ``total``, from their measured content.

    Each column gets at least its widest unbreakable word (a word processor's: "/" ends one) plus ``padding`` (the cell's left and right
    margins), so no word is wider than its column while that is possible; the room left over goes first
    to the columns whose longest line fits in a fair share of it, the rest to the columns that still
    wrap, in proportion to how much more they would use (close to the "auto" layout of HTML tables). A table whose lines all fit spreads the spare room by
    ``weights`` (the view's relative widths; equal when None). When even the words do not fit, the
    columns shrink in proportion to their widest word.
    """
    count = len(columns)
    if count == 0:
        return []
    weights = weights if weights and len(weights) == count else [1.0] * count
    least, most = [], []
    for texts in columns:
        word_w = line_w = 0
        for text, bold, italic, *indent in texts:
            extra = indent[0] if indent else 0
            for line in text.split("\n"):
                line_w = max(line_w, extra + text_width(line.strip(), size_pt, bold, italic))
                for w in words(line, slash=True):
                    word_w = max(word_w, extra + text_width(w, size_pt, bold, italic))
        # +1 pt: layout engines round advances; a word exactly as wide as its column can still wrap.
        least.append(word_w + padding + EMU_PER_PT)
        most.append(max(line_w + padding + EMU_PER_PT, least[-1]))
    if sum(least) >= total:
        widths = [w * total // sum(least) for w in least]
    elif sum(most) <= total:
        spare = total - sum(most)
        widths = [m + int(spare * w / sum(weights)) for m, w in zip(most, weights)]
    else:
        # Water-filling: a column whose longest line fits in its fair share of the spare room gets it whole
        # (a short code or date column stops wrapping), the columns of long text share what is left.
        spare = total - sum(least)
        want = [m - lo for m, lo in zip(most, least)]
        widths = list(least)
        open_ = {n for n in range(count) if want[n] > 0}
        while open_:
            share = spare / len(open_)
            settled = {n for n in open_ if want[n] <= share}
            if not settled:
                break
            for n in settled:
                widths[n] += want[n]
                spare -= want[n]
            open_ -= settled
        rest = sum(want[n] for n in open_)
        for n in open_:
            widths[n] += int(spare * want[n] / rest)
    widths[-1] += total - sum(widths)
    return widths
