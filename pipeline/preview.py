"""Contact sheets: every slide of a deck as a numbered thumbnail on one PNG, to review a deck at a glance.

``csplan preview`` draws one for each deck already built in
``build/<customer>/`` into ``build/<customer>/preview/<deck>.png``;
``csplan publish`` draws one next to each published deck's PDF. Both use
publish's LibreOffice run and pdftoppm to get the pages; this module only
lays them out, with Pillow.

The same deck gives the same bytes: LibreOffice's PDF metadata changes from
run to run but the pixels pdftoppm draws do not, the font is a fixed file,
text is laid out without a shaping engine that may or may not be installed,
and Pillow writes no time into a PNG.
"""

from __future__ import annotations

import io
import math
import re
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.problems import Problem, Problems
from pipeline.project import Project, UsageError

COLUMNS = 4
THUMB_WIDTH = 320  # pixels; a 16:9 slide is 320 × 180, enough to recognise it
MARGIN = 24  # around the sheet
GAP = 16  # between two cells
HEADER = 48  # the deck's file name and slide count, above the grid
LABEL = 26  # the slide number, under each thumbnail
HEADER_PX, LABEL_PX = 22, 16  # font sizes
BACKGROUND, INK, MUTED = "#ffffff", "#15243a", "#5b6b80"  # the text colours of publish's index.html
BORDER = "#b8c2cf"  # darker than the index's lines: it must show around a white slide on a white sheet
# Carlito, the metric twin of the decks' Calibri (templates/pptx/make_metrics.py reads the same files).
FONT_DIR = Path("/usr/share/fonts/truetype/crosextra")
PREVIEW_DIR = "preview"
# `make deck` builds these; for any other deck the hint names `csplan build`.
MAKE_DECK_BUILDS = ("cs-plan", "qbr")


@dataclass
class PreviewResult:
    """The contact sheets a preview wrote and the decks it could not draw."""

    written: list[Path] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)


# ----------------------------------------------------------------- drawing


@cache
def _font(px: int, bold: bool = False):
    """Return Carlito at ``px`` pixels, or Pillow's own font when Carlito is not installed."""
    from PIL import ImageFont

    path = FONT_DIR / ("Carlito-Bold.ttf" if bold else "Carlito-Regular.ttf")
    try:
        # BASIC layout: raqm, when installed, could place glyphs differently on another machine.
        return ImageFont.truetype(str(path), px, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        return ImageFont.load_default(px)


def grid_size(count: int, cell: tuple[int, int]) -> tuple[int, int]:
    """Return the width and height of the sheet of ``count`` slides drawn ``cell`` (width, height) pixels."""
    columns = max(1, min(COLUMNS, count))
    rows = max(1, math.ceil(count / COLUMNS))
    return (2 * MARGIN + columns * cell[0] + (columns - 1) * GAP,
            2 * MARGIN + HEADER + rows * (cell[1] + LABEL) + (rows - 1) * GAP)


def _fit(text: str, font, width: int) -> str:
    """Return ``text``, shortened with an ellipsis in the middle until it is at most ``width`` pixels wide."""
    if font.getlength(text) <= width:
        return text
    keep = len(text)
    while keep > 1:
        keep -= 1
        short = text[: (keep + 1) // 2] + "…" + text[len(text) - keep // 2:]
        if font.getlength(short) <= width:
            return short
    return "…"


def contact_sheet(pages: list[Path], title: str) -> bytes:
    """Return the PNG of ``pages`` (slide images, in order) in a numbered grid under ``title``."""
    from PIL import Image, ImageDraw

    images = [Image.open(p).convert("RGB") for p in pages]
    # pdftoppm drew every page the same width; the tallest one sets the row height.
    cell = (max(i.width for i in images), max(i.height for i in images))
    sheet = Image.new("RGB", grid_size(len(images), cell), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    count = f"{len(images)} slide{'s' * (len(images) != 1)}"
    head, small = _font(HEADER_PX, bold=True), _font(LABEL_PX)
    count_width = small.getlength(count)
    room = sheet.width - 2 * MARGIN - count_width - GAP
    draw.text((MARGIN, MARGIN + HEADER // 2 - 4), _fit(title, head, room), font=head, fill=INK, anchor="lm")
    draw.text((sheet.width - MARGIN, MARGIN + HEADER // 2 - 4), count, font=small, fill=MUTED, anchor="rm")
    draw.line([(MARGIN, MARGIN + HEADER - 10), (sheet.width - MARGIN - 1, MARGIN + HEADER - 10)], fill=BORDER)
    for n, image in enumerate(images):
        row, col = divmod(n, COLUMNS)
        x = MARGIN + col * (cell[0] + GAP)
        y = MARGIN + HEADER + row * (cell[1] + LABEL + GAP)
        x0, y0 = x + (cell[0] - image.width) // 2, y + (cell[1] - image.height) // 2
        sheet.paste(image, (x0, y0))
        # The border lies on the image's outermost pixels, so white slides stand out from the white sheet.
        draw.rectangle([x0, y0, x0 + image.width - 1, y0 + image.height - 1], outline=BORDER)
        draw.text((x + cell[0] // 2, y + cell[1] + LABEL // 2 + 1), str(n + 1), font=small, fill=INK, anchor="mm")
    # Slides are flat colours and text: 256 colours look the same and take a quarter of the bytes
    # (acme's 49-slide plan: 670 KB → 180 KB). No dithering, whose noise would only cost bytes.
    sheet = sheet.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    sheet.save(out, "PNG", optimize=True)
    return out.getvalue()


def sheet_from_pdf(pdf: Path, title: str, tools: dict[str, str], work: Path) -> bytes | None:
    """Return the contact sheet of every page of ``pdf`` (None when it has no pages); ToolFailed when not drawn."""
    from pipeline.publish import draw_pages

    pages = draw_pages(pdf, work / "page", THUMB_WIDTH, tools)
    return contact_sheet(pages, title) if pages else None


# ----------------------------------------------------------------- csplan preview


def _output_pattern(output: str, customer: str, lang: str | None) -> re.Pattern:
    """Return the pattern of an artifact's ``output`` (e.g. ``{customer}/{customer}-cs-plan-{locale}.pptx``)."""
    values = {"customer": re.escape(customer), "locale": re.escape(lang) if lang else r"[^/]+",
              "period": r"[^/]+", "variant": r"(?:-internal)?"}
    parts = re.split(r"\{(\w+)\}", output)
    # re.split alternates literal text and field names.
    return re.compile("".join(values[p] if i % 2 else re.escape(p) for i, p in enumerate(parts)))


def find_decks(project: Project, customer: str, lang: str | None = None,
               artifact: str | None = None) -> list[Path]:
    """Return the decks built for ``customer``, of ``artifact`` and in ``lang`` when given, sorted by name."""
    from pipeline.registry import artifacts, get

    folder = project.build_dir / customer
    decks = sorted(p for p in folder.glob("*.pptx") if p.is_file()) if folder.is_dir() else []
    if lang or artifact:
        # Match file names as the registry writes them: "acme-qbr-2026-Q3-pl" is a qbr in pl.
        kinds = [get(artifact)] if artifact else [a for a in artifacts().values() if a.format == "pptx"]
        patterns = [_output_pattern(a.output, customer, lang) for a in kinds]
        decks = [d for d in decks if any(p.fullmatch(f"{customer}/{d.name}") for p in patterns)]
    return decks


def _build_hint(customer: str, lang: str | None, artifact: str | None) -> str:
    """Return the command that builds the decks a preview did not find."""
    if artifact and artifact not in MAKE_DECK_BUILDS:
        return f"csplan build {customer} --artifact {artifact}" + (f" --lang {lang}" if lang else "")
    return f"make deck CUSTOMER={customer}" + (f" LANG={lang}" if lang else "")


def preview(project: Project, customer: str, lang: str | None = None, artifact: str | None = None) -> PreviewResult:
    """Write a contact sheet of each of ``customer``'s built decks to build/<customer>/preview/."""
    from pipeline.artifacts import require_locale
    from pipeline.publish import ToolFailed, convert_to_pdf, require_tools
    from pipeline.registry import artifacts, get
    from pipeline.write import atomic_write

    project.customer_dir(customer)  # a bad or unknown name is the usual one-line usage error
    if lang:
        require_locale(lang)
    if artifact and get(artifact).format != "pptx":
        decks = ", ".join(a.name for a in artifacts().values() if a.format == "pptx")
        raise UsageError(f"{artifact} is a Word document, not a deck; preview draws decks ({decks})")
    decks = find_decks(project, customer, lang, artifact)
    if not decks:
        which = " ".join(x for x in (artifact, lang) if x)
        raise UsageError(f"no {which + ' ' if which else ''}decks in {project.rel(project.build_dir / customer)}/; "
                         f"run `{_build_hint(customer, lang, artifact)}` first")
    tools = require_tools()
    result = PreviewResult()
    with tempfile.TemporaryDirectory(prefix="csplan-preview-") as tmp:
        work = Path(tmp)
        pdfs, said = convert_to_pdf(decks, tools, work / "soffice")
        for n, (deck, pdf) in enumerate(zip(decks, pdfs)):
            shown = project.rel(deck)
            if pdf is None:
                result.problems.add(Problem(shown, message=f"LibreOffice could not convert it to PDF ({said}); "
                                            f"open it in LibreOffice to see why", code="preview.pdf"))
                continue
            try:
                data = sheet_from_pdf(pdf, deck.name, tools, work / f"pages-{n}")
            except ToolFailed as exc:
                result.problems.add(Problem(shown, message=str(exc), code="preview.pages"))
                continue
            if data is None:
                result.problems.add(Problem(shown, message="its PDF has no pages: the deck has no slides",
                                            code="preview.empty"))
                continue
            path = project.build_dir / customer / PREVIEW_DIR / f"{deck.stem}.png"
            atomic_write(path, data)
            result.written.append(path)
    return result
