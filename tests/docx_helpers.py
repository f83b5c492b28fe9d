"""Helpers of the Word document tests: tmp projects with referenced customers and a partner, csplan runs.

:func:`docx_project` makes two tiny referenced customers and a tiny partner,
:func:`repo_project` a copy of the example project (examples/, templates and
locales). Kept out of the test modules so a test module in any folder imports
them by this one name.
"""

from __future__ import annotations

import os
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
