"""Inputs that ``csplan check`` passes build, never exit 70: tests/fixtures/handled/<defect>/, one per class.

Each fixture is an overlay of valid/minimal (with the referenced fixture's
reference.yaml, so the customer reference builds too). For each, check is
clean, the plan deck and the reference both build, the files carry no known
repair cause, and what the class needs holds:

  * long-name-in-properties, long-reference-title: the document property is
    cut to 255 characters with "…"; the slide or page keeps the full text;
  * logo-jpeg-named-png: the real format decides; deck and document embed it;
  * logo-larger-than-shown: deck and document embed the same logo downscaled
    to 1,200 pixels, byte-identical from one build to the next.

And the environment: a file that cannot be written is one problem naming the
path, the artifact and the cause (exit 1, the earlier file untouched).
"""

from __future__ import annotations

import errno
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_fixture
from deck_helpers import repair_causes
from docx_helpers import copy_shared
from pipeline.build import build
from pipeline.check import check_customer
from pipeline.logo import SHOWN_SIDE
from pipeline.problems import format_text
from pipeline.registry import Target

HANDLED = FIXTURES / "handled"
CASES = sorted(p.name for p in HANDLED.iterdir() if p.is_dir())


def project_with(defect: str, root: Path):
    """Return a tmp project whose one customer is the fixture ``defect``, with a reference and a partner."""
    project = copy_fixture(HANDLED / defect, root, defect)
    folder = project.content / defect
    if not (folder / "reference.yaml").exists():
        shutil.copyfile(FIXTURES / "valid" / "referenced" / "reference.yaml", folder / "reference.yaml")
    shutil.copytree(FIXTURES / "partner" / "minimal", project.content / "_partner")
    copy_shared(root)
    return project


def core(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("docProps/core.xml").decode()


def media(path: Path) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n) for n in sorted(z.namelist()) if "/media/" in n]


def built(project, defect: str, artifact: str) -> Path:
    result = build(project, Target(defect, artifact, "en"))
    assert result.ok, format_text(list(result.problems))
    [path] = result.written
    assert repair_causes(path) == []
    return path


def test_every_handled_fixture_is_tested():
    assert CASES == ["logo-jpeg-named-png", "logo-larger-than-shown", "long-name-in-properties",
                     "long-reference-title"]


@pytest.mark.parametrize("defect", CASES)
def test_check_is_clean_and_both_artifacts_build(defect, tmp_path):
    project = project_with(defect, tmp_path)
    assert format_text(list(check_customer(project, defect).problems)) == ""
    deck, doc = built(project, defect, "cs-plan"), built(project, defect, "reference")
    for path in (deck, doc):
        title = core(path).split("<dc:title>")[1].split("</dc:title>")[0]
        assert len(title) <= 255
    if defect.startswith("logo-"):
        # The same verdict and the same bytes in the deck and the document.
        [deck_logo], [doc_logo] = media(deck), media(doc)
        assert deck_logo == doc_logo


def test_a_long_name_is_cut_in_the_property_only(tmp_path):
    from pipeline.dump import dump

    project = project_with("long-name-in-properties", tmp_path)
    deck = built(project, "long-name-in-properties", "cs-plan")
    title = core(deck).split("<dc:title>")[1].split("</dc:title>")[0]
    assert title.endswith("…") and len(title) <= 255
    name = project.content.joinpath("long-name-in-properties", "customer.yaml").read_text("utf-8")
    full = name.split("name: ", 1)[1].split("\n", 1)[0]
    assert full in " ".join(dump(deck).split())


def test_a_large_logo_is_downscaled_the_same_every_time(tmp_path):
    from PIL import Image

    a = built(project_with("logo-larger-than-shown", tmp_path / "a"), "logo-larger-than-shown", "cs-plan")
    b = built(project_with("logo-larger-than-shown", tmp_path / "b"), "logo-larger-than-shown", "cs-plan")
    assert a.read_bytes() == b.read_bytes()
    [logo] = media(a)
    assert Image.open(io.BytesIO(logo)).size == (SHOWN_SIDE, 400)


@pytest.mark.parametrize(("code", "cause"), [(errno.ENOSPC, "No space left on device"),
                                             (errno.EROFS, "Read-only file system"),
                                             (errno.EFBIG, "File too large")])
def test_a_file_that_cannot_be_written_is_one_located_problem(tmp_path, monkeypatch, code, cause):
    import os

    import pipeline.write

    project = project_with("logo-jpeg-named-png", tmp_path)
    out = project.build_dir / "logo-jpeg-named-png" / "logo-jpeg-named-png-cs-plan-en.pptx"
    out.parent.mkdir(parents=True)
    out.write_bytes(b"the last good deck")

    def fail(path, data):
        raise OSError(code, os.strerror(code), str(path) + ".tmp")

    monkeypatch.setattr(pipeline.write, "atomic_write", fail)
    result = build(project, Target("logo-jpeg-named-png", "cs-plan", "en"))
    assert [p.format() for p in result.problems] == [
        f"build/logo-jpeg-named-png/logo-jpeg-named-png-cs-plan-en.pptx: cannot write the cs-plan of "
        f"logo-jpeg-named-png: {cause} [io.write]"]
    assert out.read_bytes() == b"the last good deck"
