"""Helpers of the Word document tests: tmp projects with referenced customers and a partner, csplan runs.

:func:`docx_project` makes two tiny referenced customers and a tiny partner,
:func:`repo_project` a copy of the example project (examples/, templates and
locales). Kept out of the test modules so a test module in any folder imports
them by this one name.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EPOCH_2026_11_22, FIXTURES, REPO, SHARED_DIRS, copy_examples, copy_fixture
from pipeline.project import Project


def copy_shared(root: Path) -> None:
    """Copy the repository's templates/ and locales/ into the project at ``root``."""
    for name in SHARED_DIRS:
        shutil.copytree(REPO / name, root / name)


def docx_project(root: Path, partner: str = "minimal", references=("alpha", "beta"),
                 reference_fixture: str = "valid/referenced") -> Project:
    """Return a tmp project: each of ``references`` a copy of ``reference_fixture``, plus fixtures/partner/<partner>."""
    for name in references:
        copy_fixture(reference_fixture, root, name)
    shutil.copytree(FIXTURES / "partner" / partner, root / "content" / "_partner")
    copy_shared(root)
    return Project(root)


def repo_project(root: Path) -> Project:
    """Return a tmp copy of the example project (examples/ as content/, templates/, locales/)."""
    return copy_examples(root)


def run_csplan(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``python -m pipeline --root ROOT ARGS…`` with a fixed date, no colour."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "SOURCE_DATE_EPOCH": str(EPOCH_2026_11_22)}
    return subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), *args], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=300)


# ----------------------------------------------------------------- built documents and their PDF pages

A4_MARGIN_PT = 2.2 / 2.54 * 72  # templates/docx/make_template.py: 2.2 cm on every side
FOOTER_ZONE_PT = A4_MARGIN_PT - 4  # the footer line sits in the bottom margin


def build_documents(root: Path, targets: list[tuple[str, str, str]]) -> list[Path]:
    """Build (artifact, customer, locale) documents from a tmp copy of the repository; return their paths."""
    from pipeline.build import build
    from pipeline.registry import Target, partner_target

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH_2026_11_22)
    try:
        project = repo_project(root)
        paths = []
        for artifact, name, locale in targets:
            result = build(project, partner_target(artifact, locale) if artifact == "questionnaire"
                           else Target(name, artifact, locale))
            assert result.ok, "\n".join(p.format() for p in result.problems)
            paths += result.written
        return paths
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def soffice_pdfs(documents: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert ``documents`` to PDF in one LibreOffice run (private profile); return the PDFs in order."""
    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    res = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                          "--outdir", str(outdir), *map(str, documents)], capture_output=True, text=True, timeout=600)
    pdfs = [outdir / (d.stem + ".pdf") for d in documents]
    assert res.returncode == 0 and all(p.is_file() for p in pdfs), res.stdout + res.stderr
    return pdfs


def pdf_lines(pdf: Path) -> list[dict]:
    """Return each page of a PDF as {"height", "width", "blocks": [[(x0, y0, x1, y1, text) per line]]}."""
    import pytest
    from xml.etree import ElementTree

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler (pdftotext) is not installed")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    tree = ElementTree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    h = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in tree.iter(f"{h}page"):
        blocks = []
        for block in page.iter(f"{h}block"):
            lines = []
            for line in block.iter(f"{h}line"):
                text = " ".join(w.text or "" for w in line.iter(f"{h}word"))
                lines.append((*(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), text))
            blocks.append(lines)
        pages.append({"width": float(page.get("width")), "height": float(page.get("height")), "blocks": blocks})
    return pages


def page_flow_problems(pdf: Path) -> list[str]:
    """Return the pages (other than the last) under a third full, and pages that start with a paragraph's last line.

    A page's fill is how far down its text reaches within the text area (the footer left out). A page
    "starts with a paragraph's last line" when its first text block is one line that continues the
    previous page's last line (which ran to the right margin, ending mid-sentence).
    """
    problems = []
    pages = pdf_lines(pdf)
    for n, page in enumerate(pages, 1):
        bottom = page["height"] - FOOTER_ZONE_PT
        body = [ln for b in page["blocks"] for ln in b if ln[3] < bottom]
        area = page["height"] - 2 * A4_MARGIN_PT
        reach = max((ln[3] for ln in body), default=A4_MARGIN_PT) - A4_MARGIN_PT
        if n < len(pages) and reach < area / 3:
            problems.append(f"{pdf.name} page {n}: only {reach / area:.0%} full")
        if n == 1 or not body:
            continue
        blocks = [[ln for ln in b if ln[3] < bottom] for b in page["blocks"]]
        first = min((b for b in blocks if b), key=lambda b: (b[0][1], b[0][0]))
        before = [ln for b in pages[n - 2]["blocks"] for ln in b if ln[3] < pages[n - 2]["height"] - FOOTER_ZONE_PT]
        if not before or len(first) != 1:
            continue
        last = max(before, key=lambda ln: (ln[3], ln[2]))
        right = page["width"] - A4_MARGIN_PT
        if last[2] > right - 40 and not last[4].rstrip().endswith((".", ":", "!", "?")) and \
                first[0][4][:1].islower():
            problems.append(f"{pdf.name} page {n} starts with the last line of a paragraph: {first[0][4]!r}")
    return problems
