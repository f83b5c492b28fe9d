"""Shared fixtures for the input-side tests.

Fixture folders
---------------
``tests/fixtures/valid/minimal/`` is a complete customer (all ten section
files and ``assets/logo.png``) that checks clean, without warnings, on
2026-11-22 (the date every test runs at, see :func:`_reproducible_today`).

``tests/fixtures/broken/<defect>/`` holds one customer with ONE defect, named
for that defect. To keep them tiny they are *overlays*: a ``BASE`` marker
file says which valid fixture they start from, and every other file in the
folder replaces (or adds to) the base's file of the same path. ``BASE`` is
plain text::

    minimal                 # first non-comment line: the valid fixture to start from
    remove: outcomes.yaml   # optional, repeatable: a base file to delete

A few defects cannot be committed sensibly (a 1 MiB file, a symlink pointing
out of the checkout): their folder holds only ``BASE`` and the test adds the
defect to the copy (see ``GENERATED`` in test_check_snapshots.py).

:func:`copy_fixture` (and the ``make_customer`` fixture around it) copies a
fixture into ``<tmp>/content/<name>/`` and returns the project, so checks run
with the project root at ``<tmp>`` and report paths as ``content/<name>/…``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.registry import PLAN_SECTIONS

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
MINIMAL = VALID / "minimal"

# 2026-11-22 00:00:00 UTC
EPOCH_2026_11_22 = 1795305600

SECTIONS = PLAN_SECTIONS  # the section files of a plan, as the registry lists them

# The example project the suite tests csplan on: examples/ holds the example
# customers and their _partner/ folder, pinned in git and owned by the tests.
# content/ is the team's working copy (seeded from examples/ by make, and
# git-ignored here), which no test reads: adding, editing or removing a customer
# there never changes the result of `make test`. Every test reaches the
# examples through EXAMPLES, example_customers() and copy_examples().
EXAMPLES = REPO / "examples"
# What a project needs besides its content: csplan's own templates and catalogs.
SHARED_DIRS = ("templates", "locales")


def example_customers() -> list[str]:
    """Return the example customers' names (the folders of examples/ that are customers), sorted."""
    return Project(REPO).customers_in(EXAMPLES)


def copy_examples(root: Path, *names: str, shared: bool = True) -> Project:
    """Copy the example project to ``root/content/`` (plus templates/ and locales/) and return it.

    ``names`` limits the copy to those customers (``_partner/`` always comes
    along); ``shared=False`` leaves templates/ and locales/ out.
    """
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for src in sorted(EXAMPLES.iterdir()):
        if src.is_dir() and (not names or src.name in names or src.name.startswith("_")):
            shutil.copytree(src, content / src.name)
    if shared:
        for name in SHARED_DIRS:
            shutil.copytree(REPO / name, root / name)
    return Project(root)


@pytest.fixture(autouse=True)
def _reproducible_today(monkeypatch):
    """Make validate.today() 2026-11-22 in every test (date rules depend on it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))


def read_base(folder: Path) -> tuple[Path, list[str]]:
    """Return the base fixture folder and the files to remove, from ``folder/BASE``."""
    base, remove = None, []
    for raw in (folder / "BASE").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("remove:"):
            remove.append(line.removeprefix("remove:").strip())
        elif base is None:
            base = VALID / line
        else:
            raise ValueError(f"{folder}/BASE: unexpected line {raw!r}")
    if base is None or not base.is_dir():
        raise ValueError(f"{folder}/BASE does not name a folder under {VALID}")
    return base, remove


def copy_fixture(fixture: str | Path, root: Path, name: str | None = None) -> Project:
    """Copy a fixture folder to ``root/content/<name>/`` and return the project at ``root``.

    ``fixture`` is a path, or a name relative to tests/fixtures (e.g.
    "valid/minimal" or "broken/bad-date"). ``name`` defaults to the fixture
    folder's name. Overlay fixtures (with a ``BASE`` marker) are applied on
    top of their base.
    """
    src = Path(fixture)
    if not src.is_absolute():
        src = FIXTURES / src
    dest = root / "content" / (name or src.name)
    if (src / "BASE").exists():
        base, remove = read_base(src)
        shutil.copytree(base, dest)
        for rel in remove:
            (dest / rel).unlink()
        for path in sorted(src.rglob("*")):
            if path.is_file() and path.name != "BASE":
                target = dest / path.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    else:
        shutil.copytree(src, dest)
    return Project(root)


@pytest.fixture
def make_customer(tmp_path):
    """Return ``make(fixture, name=None) -> (project, folder)`` building a project in tmp_path."""

    def make(fixture: str | Path = "valid/minimal", name: str | None = None):
        project = copy_fixture(fixture, tmp_path, name)
        folder = project.content / (name or Path(fixture).name)
        return project, folder

    return make


def assert_codes_at(problems, codes: set[str], location: str | None) -> str:
    """Assert ``problems`` carry exactly ``codes`` and one sits at ``location``; return their report."""
    from pipeline.problems import format_text

    problems = list(problems)
    report = format_text(problems)
    assert {p.code for p in problems} == codes, report
    for code in codes:
        assert f"[{code}]" in report
    if location is not None:
        assert location in [p.location() for p in problems], report
    return report


def broken_fixtures() -> list[str]:
    """Return the names of every broken fixture folder, sorted."""
    return sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
