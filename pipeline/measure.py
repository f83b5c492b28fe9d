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
import os
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
    "use_font",
    "choose_font",
    "font_warning",
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
# e.g. "10 000 zł" or "p. 5" together, in PowerPoint as here. A word joiner (U+2060) after a dash
# forbids the break there ("3-\u2060й кв.", see view.common.keep_together).
_SEGMENT = re.compile(r"(?:[^ \u200b\-\u2010\u2013\u2014]|[\-\u2010\u2013\u2014]+\u2060)*"
                      r"(?:[ \u200b]+|[\-\u2010\u2013\u2014]+[ \u200b]*|$)")

_STYLE_KEYS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bolditalic"}


def _metrics() -> dict:
    """Return the metrics of the font text is measured with now (Carlito's until a template names another)."""
    if _ACTIVE["metrics"] is None:
        _ACTIVE["metrics"] = _carlito()
    return _ACTIVE["metrics"]


@lru_cache(maxsize=1)
def _carlito() -> dict:
    """Return Carlito's metrics from the committed JSON (Calibri's widths; no fontTools needed)."""
    return _prepare(json.loads(METRICS_PATH.read_text(encoding="utf-8")))


def _prepare(raw: dict) -> dict:
    """Return a metrics document (the JSON's shape) with per-style code point → advance dicts."""
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


# ----------------------------------------------------------------- the template's fonts
# Text is measured with the font the template draws body text in. Calibri
# (and Carlito, its metric twin) use the committed JSON; any other font is
# found beside the template (a fonts/ folder) or through fontconfig, and its
# advance widths are read once with fontTools and cached by the files' hash.

_ACTIVE: dict = {"key": ("Carlito",), "metrics": None, "family": "Carlito"}
# Fonts that metric-compatible free fonts stand in for: LibreOffice draws them
# with the twin, PowerPoint with the original, at the same widths.
METRIC_TWINS = {"calibri": "carlito", "arial": "liberation sans", "helvetica": "liberation sans",
                "times new roman": "liberation serif", "courier new": "liberation mono", "cambria": "caladea"}
_FONT_STYLES = {"regular": (False, False), "bold": (True, False), "italic": (False, True),
                "bolditalic": (True, True)}
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
# Part of every cache key: a change to how metrics are read makes new cache entries.
_CACHE_FORMAT = b"csplan-font-metrics/1.2em/1.01\0"
_ROUNDING_SLACK = 1.01


@dataclass(frozen=True)
class FontChoice:
    """The files text set in ``family`` is measured with, and what stands in when it is not found."""

    family: str  # what the template asks for
    used: str  # the family measured (the same, its metric twin, or a substitute)
    files: tuple[tuple[str, str], ...] = ()  # (style, path) of the files measured; () for the Carlito JSON
    found: bool = True  # False: a substitute that does not share the family's widths


def _face_names(path: Path) -> list[tuple[str, bool, bool]]:
    """Return (family, bold, italic) of each face in a font file (fontTools), [] when unreadable."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        fonts = TTCollection(str(path)).fonts if path.suffix.lower() == ".ttc" else [TTFont(str(path), lazy=True)]
    except Exception:  # noqa: BLE001 - a damaged file is skipped like an unrelated one
        return []
    out = []
    for font in fonts:
        names = font["name"]
        family = names.getDebugName(16) or names.getDebugName(1) or ""
        selection = font["OS/2"].fsSelection if "OS/2" in font else 0
        out.append((family, bool(selection & 0x20), bool(selection & 0x01)))
    return out


def _from_folder(family: str, folder: Path | None) -> dict[str, str]:
    """Return style → file of ``family`` in ``folder`` (a template's fonts/), {} when absent."""
    if folder is None or not folder.is_dir():
        return {}
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _FONT_SUFFIXES:
            continue
        for face, bold, italic in _face_names(path):
            if face.casefold() == family.casefold():
                style = {v: k for k, v in _FONT_STYLES.items()}[(bold, italic)]
                found.setdefault(style, str(path))
    return found


def _fc_match(pattern: str) -> tuple[str, str] | None:
    """Return (file, family) fontconfig picks for ``pattern``, None without fontconfig."""
    import shutil
    import subprocess

    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}\n%{family[0]}\n", pattern], capture_output=True, text=True,
                             timeout=20, check=False).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return None
    return (out[0], out[1]) if len(out) >= 2 and out[0] else None


@lru_cache(maxsize=32)
def choose_font(family: str, folder: str | None = None) -> FontChoice:
    """Return the files that measure ``family``: beside the template, else fontconfig's match."""
    family = family.strip() or "Calibri"
    if family.casefold() in ("calibri", "carlito"):
        return FontChoice(family, "Carlito")
    files = _from_folder(family, Path(folder) if folder else None)
    if "regular" in files:
        return FontChoice(family, family, tuple(sorted(files.items())))
    matched = {}
    for style, (bold, italic) in _FONT_STYLES.items():
        pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
        hit = _fc_match(pattern)
        if hit is None:
            return FontChoice(family, "Carlito", found=False)
        matched[style] = hit
    used = matched["regular"][1]
    same = used.casefold() in (family.casefold(), METRIC_TWINS.get(family.casefold(), ""))
    if used.casefold() in ("carlito",):
        return FontChoice(family, "Carlito", found=same)
    return FontChoice(family, used, tuple(sorted((s, f) for s, (f, _) in matched.items())), found=same)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "csplan" / "font-metrics"


def _font_metrics(files: tuple[tuple[str, str], ...]) -> dict:
    """Return the metrics document of a family's files, from the cache when these exact files were read before."""
    import hashlib

    digest = hashlib.sha256(_CACHE_FORMAT)
    for style, path in files:
        digest.update(style.encode() + b"\0" + Path(path).read_bytes())
    cached = _cache_dir() / f"{digest.hexdigest()}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    doc = _read_font_files(dict(files))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError:
        pass  # an unwritable cache only costs reading the fonts again
    return doc


def _read_font_files(files: dict[str, str]) -> dict:
    """Return the metrics document of a family (the committed JSON's shape), read with fontTools."""
    from fontTools.ttLib import TTCollection, TTFont

    def open_font(path: str):
        return TTCollection(path).fonts[0] if path.lower().endswith(".ttc") else TTFont(path)

    regular = open_font(files["regular"])
    upm = regular["head"].unitsPerEm
    hhea, os2 = regular["hhea"], regular["OS/2"]
    # PowerPoint lays lines out with the Windows ascent + descent, LibreOffice with hhea's; the larger errs on
    # the room side. LibreOffice sets imported PowerPoint text at no less than 1.2 em a line whatever the font
    # (28.8 pt at 24 pt for Liberation Sans, DejaVu Sans and Carlito alike), which the font's own may be under.
    line = max(os2.usWinAscent + os2.usWinDescent, hhea.ascent - hhea.descent + hhea.lineGap, math.ceil(1.2 * upm))
    styles = {}
    for style in _FONT_STYLES:
        font = open_font(files.get(style) or files["regular"])
        # LibreOffice places each glyph at a rounded position: a line of Liberation Sans came out 0.3% wider
        # than its advance widths, enough to push a last word that just fitted onto another line. One
        # percent more keeps the measure on the "needs more room" side (Carlito's JSON needs none).
        scale = upm / font["head"].unitsPerEm * _ROUNDING_SLACK
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        widths = {}
        for cp, glyph in cmap.items():
            if cp <= 0x2FFF:  # the scripts decks are written in; CJK falls back to the average
                widths[cp] = round(hmtx[glyph][0] * scale)
        for alias, target in ((0x00A0, 0x0020), (0x2011, 0x2010), (0x2007, 0x0030)):
            if alias not in widths and target in widths:
                widths[alias] = widths[target]
        basic = [widths[cp] for cp in range(0x20, 0x7F) if cp in widths]
        styles[style] = {"default": round(sum(basic) / len(basic)) if basic else upm // 2,
                         "ranges": [[cp, [w]] for cp, w in sorted(widths.items())]}
    return {"unitsPerEm": upm, "lineHeight": line, "styles": styles}


def use_font(family: str, folder: str | os.PathLike | None = None) -> FontChoice:
    """Measure text in ``family`` from now on (found beside the template in ``folder``, or by fontconfig)."""
    choice = choose_font(family, str(folder) if folder else None)
    key = (choice.used, choice.files)
    if _ACTIVE["key"] != key:
        metrics = _carlito() if not choice.files else _prepare(_font_metrics(choice.files))
        _ACTIVE.update(key=key, metrics=metrics, family=choice.used)
        _units.cache_clear()
    return choice


def font_warning(choice: FontChoice, folder: str | os.PathLike) -> str | None:
    """Return why text set in a font not found is measured with another, and how to fix it; None when found."""
    if choice.found:
        return None
    return (f"font '{choice.family}' is not installed here, so text is measured with '{choice.used}' "
            f"(what LibreOffice draws instead; PowerPoint draws '{choice.family}' and text may run longer); put "
            f"the font's .ttf or .otf files in {folder}/ or install the font")


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


def _cell_lines(cell: Sequence[tuple[str, bool, bool, int, float]], width: int, size_pt: float, inset: int) -> int:
    """Return the lines a cell's paragraphs (see ``_line_items``) wrap to in a column ``width`` wide (one at least)."""
    lines = 0
    scale = _scale(size_pt)
    for text, bold, italic, indent, units in cell:
        usable = width - inset - indent
        if units * scale <= usable and "\n" not in text:
            lines += 1  # fits on one line: no need to wrap it
        else:
            lines += len(wrap(text or " ", usable, size_pt, bold, italic))
    return max(lines, 1)


def _line_items(cell: Sequence[str | Paragraph]) -> list[tuple[str, bool, bool, int, float]]:
    """Return a cell's paragraphs as (text, bold, italic, indent, width in font units) to count lines of."""
    items = []
    for p in cell:
        p = _paragraph(p)
        text = "".join(t for t, _b, _i in p.runs).replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
        # Styled as the renderers measure a paragraph: bold when all of it is, italic when any of it is.
        bold = bool(p.runs) and all(b for _t, b, _i in p.runs)
        italic = any(i for _t, _b, i in p.runs)
        items.append((text, bold, italic, p.indent, _units(text.rstrip(" \u200b"), bold, italic)))
    return items


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
    rows_of = [[_line_items(cell) for cell in col] for col in rows_of]
    cache: dict[tuple[int, int], list[int]] = {}

    def lines(c: int, w: int) -> list[int]:
        key = (c, w)
        if key not in cache:
            cache[key] = [_cell_lines(cell, w, size_pt, inset) for cell in rows_of[c]]
        return cache[key]

    rows = len(rows_of[0])
    total = sum(widths)
    for step in (total // 40, total // 120):
        for _ in range(40):  # a bound, never reached on real tables: each move lowers the line count
            columns = [lines(c, widths[c]) for c in range(n)]
            # The rows' heights first; then, among equally tall tables, the fewest lines in all (a date on
            # one line rather than three beside a three-line cell).
            current = (sum(max(col[r] for col in columns) for r in range(rows)), sum(map(sum, columns)))
            # Per row, the three tallest cells' (lines, column): a move changes two columns, so the row's
            # height is the tallest of the others (first of these not moved) and the two new cells.
            tops = [sorted(((columns[c][r], c) for c in range(n)), reverse=True)[:3] for r in range(rows)]
            best = None
            for b in range(n):
                if widths[b] >= highs[b]:
                    continue  # already on one line a paragraph: more width changes nothing
                wider = lines(b, widths[b] + step)
                for a in range(n):
                    if a == b or widths[a] - step < lows[a]:
                        continue
                    narrower = lines(a, widths[a] - step)
                    h = 0
                    for r in range(rows):
                        rest = next((v for v, c in tops[r] if c != a and c != b), 0)
                        h += max(rest, wider[r], narrower[r])
                    if h > current[0]:
                        continue
                    count = current[1] - sum(columns[a]) - sum(columns[b]) + sum(wider) + sum(narrower)
                    trial = (h, count)
                    if trial < current and (best is None or trial < best[0]):
                        best = (trial, a, b)
            if best is None:
                break
            _, a, b = best
            widths = list(widths)
            widths[a] -= step
            widths[b] += step
    return widths
