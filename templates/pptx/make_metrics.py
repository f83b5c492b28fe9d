"""Write templates/pptx/fonts/carlito-metrics.json from the Carlito TTFs.

Dev tool, not a runtime dependency: needs fontTools
(``.venv/bin/pip install fonttools``). Run it again only when the covered
code-point ranges change; the JSON it writes is committed so that
``pipeline.measure`` can measure text without fontTools.

Carlito is metric-compatible with Calibri (same advance widths and vertical
metrics), so the numbers are exact for PowerPoint (Calibri) and for
LibreOffice (which substitutes Carlito for Calibri).

Usage: python templates/pptx/make_metrics.py [FONT_DIR] [OUTPUT_JSON]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
DEFAULT_FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
DEFAULT_OUTPUT = HERE / "fonts" / "carlito-metrics.json"

STYLES = {
    "regular": "Carlito-Regular.ttf",
    "bold": "Carlito-Bold.ttf",
    "italic": "Carlito-Italic.ttf",
    "bolditalic": "Carlito-BoldItalic.ttf",
}

# Inclusive code-point ranges. Everything the decks may plausibly contain in
# the supported locales (en, pl, sv, de, fr, ru/uk...) plus typography.
RANGES = [
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x0100, 0x017F, "Latin Extended-A"),
    (0x0180, 0x024F, "Latin Extended-B"),
    (0x02B0, 0x02FF, "Spacing Modifier Letters"),
    (0x0300, 0x036F, "Combining Diacritical Marks"),
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x04FF, "Cyrillic"),
    (0x1E00, 0x1EFF, "Latin Extended Additional"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols"),
    (0x2150, 0x218F, "Number Forms"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes"),
    (0x2600, 0x26FF, "Miscellaneous Symbols"),
    (0x2700, 0x27BF, "Dingbats"),
]

# Characters the font has no glyph for but that PowerPoint lays out exactly
# like another character (the no-break variants of the spaces and hyphen).
ALIASES = {0x00A0: 0x0020, 0x2011: 0x2010, 0x2007: 0x0030}


def style_metrics(font: TTFont) -> dict:
    """Return the advance widths of one font, grouped by range."""
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]

    def advance(cp: int) -> int | None:
        glyph = cmap.get(cp)
        if glyph is None and cp in ALIASES:
            glyph = cmap.get(ALIASES[cp])
        return None if glyph is None else hmtx[glyph][0]

    ranges = []
    for first, last, _name in RANGES:
        widths = [advance(cp) for cp in range(first, last + 1)]
        # Trim missing glyphs at both ends so sparse blocks stay small.
        while widths and widths[-1] is None:
            widths.pop()
        start = first
        while widths and widths[0] is None:
            widths.pop(0)
            start += 1
        if widths:
            ranges.append([start, widths])

    basic = [advance(cp) for cp in range(0x20, 0x7F)]
    basic = [w for w in basic if w is not None]
    return {"default": round(sum(basic) / len(basic)), "ranges": ranges}


def build(font_dir: Path) -> dict:
    """Return the complete metrics document for the four Carlito styles."""
    regular = TTFont(font_dir / STYLES["regular"])
    hhea = regular["hhea"]
    os2 = regular["OS/2"]
    upm = regular["head"].unitsPerEm
    # PowerPoint (Windows GDI) lays lines out with usWinAscent+usWinDescent,
    # LibreOffice with hhea ascender-descender+lineGap; for Carlito/Calibri
    # both give 2500/2048 = 1.2207 em, which is Calibri's familiar ~1.22.
    win_height = os2.usWinAscent + os2.usWinDescent
    hhea_height = hhea.ascent - hhea.descent + hhea.lineGap
    assert win_height == hhea_height, (win_height, hhea_height)
    doc = {
        "font": "Carlito",
        "metric_compatible_with": "Calibri",
        "source": "hmtx advance widths; line height = usWinAscent + usWinDescent",
        "unitsPerEm": upm,
        "ascender": os2.usWinAscent,
        "descender": os2.usWinDescent,
        "lineGap": 0,
        "hhea": {"ascender": hhea.ascent, "descender": -hhea.descent, "lineGap": hhea.lineGap},
        "lineHeight": win_height,
        "styles": {},
    }
    for style, filename in STYLES.items():
        font = TTFont(font_dir / filename)
        assert font["head"].unitsPerEm == upm
        doc["styles"][style] = style_metrics(font)
    return doc


def main(argv: list[str]) -> int:
    """Return the exit status after writing the metrics JSON."""
    font_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_FONT_DIR
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    doc = build(font_dir)
    output.parent.mkdir(parents=True, exist_ok=True)
    # One range per line: compact, yet diffs stay readable.
    lines = [json.dumps({k: v for k, v in doc.items() if k != "styles"}, separators=(",", ":"))[:-1]]
    lines.append(',"styles":{')
    style_chunks = []
    for style, data in doc["styles"].items():
        rng = ",\n".join(json.dumps(r, separators=(",", ":")) for r in data["ranges"])
        style_chunks.append(f'"{style}":{{"default":{data["default"]},"ranges":[\n{rng}]}}')
    lines.append(",\n".join(style_chunks))
    lines.append("}}\n")
    text = "\n".join(lines)
    assert json.loads(text) == doc
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
