"""Contact sheets (pipeline/preview.py, ``csplan preview``, and the ones ``csplan publish`` adds).

acme's English CS plan deck is built once per module in a tmp copy of the
project; ``csplan preview`` runs through ``pipeline.cli.main``.

Proves:
  * the sheet is build/acme/preview/acme-cs-plan-en.png, four 320-pixel
    thumbnails wide and as many rows as the deck's slides need;
  * two runs (two LibreOffice conversions) give the same bytes;
  * publish writes the same sheet beside the deck's PDF and lists it as
    ``contact_sheet`` in dist/manifest.json;
  * no decks, a Word artifact or a missing tool is one line and exit 2;
  * --lang and --artifact pick decks by their file names.
"""

from __future__ import annotations

import io
import json
import math
import shutil
from pathlib import Path

import pytest

from conftest import EPOCH_2026_11_22, copy_examples
from pipeline import preview as pv
from pipeline.cli import main
from pipeline.project import Project
from deck_helpers import copy_project, run_csplan, write_manifest

SHEET = "build/acme/preview/acme-cs-plan-en.png"


def require_tools() -> None:
    """Skip the calling test when LibreOffice or poppler is not installed."""
    for tool, package in (("soffice", "LibreOffice"), ("pdftoppm", "poppler")):
        if shutil.which(tool) is None:
            pytest.skip(f"{package} ({tool}) is not installed")


def image_size(data: bytes) -> tuple[int, int]:
    """Return the pixel size of a PNG."""
    from PIL import Image

    return Image.open(io.BytesIO(data)).size


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Return a project root with acme's English CS plan deck built."""
    from pipeline.build import build
    from pipeline.registry import Target

    root = copy_project(tmp_path_factory.mktemp("preview") / "project")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        result = build(Project(root), Target("acme", "cs-plan", "en"))
    assert result.ok, "\n".join(p.format() for p in result.problems)
    return root


@pytest.fixture(scope="module")
def previewed(built) -> tuple[Path, list[bytes], list[str]]:
    """Run ``csplan preview acme`` twice; return the root, the sheet's bytes and stdout of each run."""
    require_tools()
    sheets, outputs = [], []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        for _ in range(2):
            out = io.StringIO()
            mp.setattr("sys.stdout", out)
            assert main(["--root", str(built), "preview", "acme", "--lang", "en", "--artifact", "cs-plan"]) == 0
            outputs.append(out.getvalue())
            sheets.append((built / SHEET).read_bytes())
    return built, sheets, outputs


# ----------------------------------------------------------------- the real thing: LibreOffice, poppler


@pytest.mark.libreoffice
def test_preview_writes_one_grid_of_every_slide(previewed):
    from pptx import Presentation

    root, sheets, outputs = previewed
    assert outputs[0] == f"wrote {SHEET}\n"
    deck = Presentation(str(root / "build/acme/acme-cs-plan-en.pptx"))
    slides = len(deck.slides)
    thumb = (pv.THUMB_WIDTH, round(pv.THUMB_WIDTH * deck.slide_height / deck.slide_width))
    assert thumb == (320, 180)  # the 16:9 template
    width, height = image_size(sheets[0])
    assert slides > pv.COLUMNS and width == 2 * pv.MARGIN + 4 * 320 + 3 * pv.GAP
    assert (width, height) == pv.grid_size(slides, thumb)
    rows = math.ceil(slides / pv.COLUMNS)
    assert height == 2 * pv.MARGIN + pv.HEADER + rows * (180 + pv.LABEL) + (rows - 1) * pv.GAP


@pytest.mark.libreoffice
def test_preview_is_byte_identical_across_runs(previewed):
    _root, sheets, outputs = previewed
    assert outputs[0] == outputs[1]
    assert sheets[0] == sheets[1]


@pytest.mark.libreoffice
def test_publish_puts_the_same_sheet_beside_the_pdf(previewed, tmp_path):
    root, sheets, _outputs = previewed
    project = Project(shutil.copytree(root, tmp_path / "project"))
    write_manifest(project)
    res = run_csplan(project.root, "publish", "-j", "1")
    assert res.returncode == 0, res.stderr
    row = json.loads((project.root / "dist/manifest.json").read_text("utf-8"))["artifacts"][0]
    assert (row["pdf"], row["contact_sheet"]) == ("acme/acme-cs-plan-en.pdf",
                                                  "acme/acme-cs-plan-en.contact-sheet.png")
    assert (project.root / "dist" / row["contact_sheet"]).read_bytes() == sheets[0]


# ----------------------------------------------------------------- without LibreOffice


def fake_pages(folder: Path, count: int, size=(320, 180)) -> list[Path]:
    """Write ``count`` plain slide images and return them in order."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for n in range(count):
        page = folder / f"page-{n + 1:02d}.png"
        Image.new("RGB", size, (20 * n, 90, 140)).save(page)
        pages.append(page)
    return pages


def test_a_short_deck_is_as_wide_as_its_slides(tmp_path):
    data = pv.contact_sheet(fake_pages(tmp_path, 3), "x-cs-plan-en.pptx")
    assert image_size(data) == (2 * pv.MARGIN + 3 * 320 + 2 * pv.GAP, 2 * pv.MARGIN + pv.HEADER + 180 + pv.LABEL)
    assert image_size(pv.contact_sheet(fake_pages(tmp_path / "five", 5), "x")) == pv.grid_size(5, (320, 180))
    assert pv.grid_size(5, (320, 180))[0] == pv.grid_size(4, (320, 180))[0]


def test_a_long_file_name_is_shortened_not_cut_off(tmp_path):
    pages = fake_pages(tmp_path, 1)
    name = "a-customer-with-a-very-long-name-" * 4 + "cs-plan-en.pptx"
    assert pv.contact_sheet(pages, name) == pv.contact_sheet(pages, name)
    font = pv._font(pv.HEADER_PX, bold=True)
    short = pv._fit(name, font, 200)
    assert short.startswith("a-cust") and short.endswith("-en.pptx") and "…" in short
    assert font.getlength(short) <= 200


def decks(root: Path, *names: str) -> Project:
    """Return a project at ``root`` with acme's content and empty stand-ins for its built decks ``names``."""
    copy_examples(root, "acme", shared=False)
    folder = root / "build" / "acme"
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_bytes(b"")
    return Project(root)


def test_lang_and_artifact_pick_decks_by_file_name(tmp_path):
    project = decks(tmp_path, "acme-cs-plan-en.pptx", "acme-cs-plan-pl.pptx", "acme-qbr-2026-Q3-pl.pptx",
                    "acme-ebr-2026-Q3-en.pptx", "acme-reference-en.docx")

    def names(lang=None, artifact=None):
        return [p.name for p in pv.find_decks(project, "acme", lang, artifact)]

    assert names() == ["acme-cs-plan-en.pptx", "acme-cs-plan-pl.pptx", "acme-ebr-2026-Q3-en.pptx",
                       "acme-qbr-2026-Q3-pl.pptx"]
    assert names(lang="pl") == ["acme-cs-plan-pl.pptx", "acme-qbr-2026-Q3-pl.pptx"]
    assert names(artifact="qbr") == ["acme-qbr-2026-Q3-pl.pptx"]
    assert names(lang="en", artifact="ebr") == ["acme-ebr-2026-Q3-en.pptx"]
    assert names(lang="sv") == []


@pytest.mark.parametrize("args, message", [
    ([], "no decks in build/acme/; run `make deck CUSTOMER=acme` first"),
    (["--lang", "pl"], "no pl decks in build/acme/; run `make deck CUSTOMER=acme LANG=pl` first"),
    (["--artifact", "ebr"], "no ebr decks in build/acme/; run `csplan build acme --artifact ebr` first"),
    (["--artifact", "reference"], "reference is a Word document, not a deck; preview draws decks (cs-plan, qbr, ebr)"),
])
def test_nothing_to_draw_is_one_line_exit_2(tmp_path, capsys, args, message):
    decks(tmp_path)
    assert main(["--root", str(tmp_path), "preview", "acme", *args]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"csplan preview: {message}\n")


def test_a_missing_tool_is_named_as_publish_names_it(tmp_path, capsys, monkeypatch):
    decks(tmp_path, "acme-cs-plan-en.pptx")
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    assert main(["--root", str(tmp_path), "preview", "acme"]) == 2
    assert capsys.readouterr().err == ("csplan preview: soffice is not installed; install it with: apt-get install "
                                       "libreoffice-impress libreoffice-writer (bash .ci/run does this)\n")
