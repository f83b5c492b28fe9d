"""A team's own customers under content/ never change `make test`; `make check` is what checks them.

The suite tests csplan on the pinned examples (``conftest.EXAMPLES``, the
repository's examples/), copied into temporary projects; content/ is the
team's working copy. Here a copy of the repository gets a team content/ with
acme under a new name and a half-filled scaffold: the tests collected (and the
ones that once iterated content/) stay the same, and ``make check`` reports
the half-filled customer and passes the copy of acme.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO
from deck_helpers import cli_env

pytestmark = pytest.mark.cli  # runs pytest and make in subprocesses

# What a clone holds that the suite and make need (content/ is the team's, build outputs are not copied).
CLONE = ("pipeline", "tests", "examples", "templates", "locales", "Makefile", "pyproject.toml", "babel.cfg")
# The test the issue saw fail once a team added a customer: it iterated every folder of content/.
ONCE_FAILED = "tests/cli/test_review_decks.py::test_every_example_customer_has_three_reviews_and_one_an_ebr"


def _clone(dest: Path) -> Path:
    """Copy the parts of the checkout a fresh clone has into ``dest`` (no content/, no caches)."""
    dest.mkdir()
    for name in CLONE:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        else:
            shutil.copyfile(src, dest / name)
    return dest


def _pytest(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=root,
                          capture_output=True, text=True, env=cli_env(NO_COLOR="1"), timeout=600)


def _collected(root: Path) -> list[str]:
    run = _pytest(root, "--collect-only", "--snapshot-warn-unused")  # collecting alone uses no snapshot
    assert run.returncode == 0, run.stdout + run.stderr
    return [line for line in run.stdout.splitlines() if "::" in line]


def _make(root: Path, *args: str) -> subprocess.CompletedProcess:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    # make exits 2 when csplan exited non-zero. -o: the copy has no .venv; CSPLAN runs this interpreter's csplan (from the copy's pipeline/).
    return subprocess.run([make, "--no-print-directory", "-o", ".venv/.installed-stamp", "-o", ".venv/.compiled-stamp",
                           *args, f"CSPLAN={sys.executable} -m pipeline"], cwd=root, capture_output=True,
                          text=True, env=cli_env(NO_COLOR="1", PYTHONPATH=str(root), MAKEFLAGS=""), timeout=600)


def _add_team_customers(root: Path) -> None:
    """Give the clone a team content/: the examples, acme as nordic-bank, and a half-filled scaffold."""
    shutil.copytree(EXAMPLES, root / "content")
    shutil.copytree(EXAMPLES / "acme", root / "content" / "nordic-bank")
    new = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), "new", "half-done"], cwd=root,
                         capture_output=True, text=True, env=cli_env(NO_COLOR="1"), timeout=120)
    assert new.returncode == 0, new.stderr
    customer = root / "content" / "half-done" / "customer.yaml"
    text = customer.read_text("utf-8")
    customer.write_text(text.replace("name:", "name: Half Done Ltd", 1), "utf-8")


def test_a_teams_customers_change_no_test_and_make_check_checks_them(tmp_path):
    root = _clone(tmp_path / "clone")
    before = _collected(root)
    assert ONCE_FAILED in before
    _add_team_customers(root)
    assert _collected(root) == before  # no test is parametrized by content/
    again = _pytest(root, ONCE_FAILED)
    assert again.returncode == 0, again.stdout + again.stderr

    copy = _make(root, "check", "CUSTOMER=nordic-bank")
    assert copy.returncode == 0, copy.stdout + copy.stderr
    assert "nordic-bank: " in copy.stdout

    everyone = _make(root, "check")
    assert everyone.returncode == 2 and "csplan check: " in everyone.stderr, everyone.stdout + everyone.stderr
    assert "content/half-done/outcomes.yaml:" in everyone.stdout  # what is still to fill in, located
    assert "half-done: " in everyone.stdout and "error" in everyone.stdout.split("half-done: ")[1].split("\n")[0]
    state = {line.split(": ")[0]: line.split(": ", 1)[1] for line in everyone.stdout.splitlines()
             if line.split(": ")[0] in ("acme", "nordic-bank")}
    assert state["nordic-bank"] == state["acme"] and (state["acme"] == "ok" or "0 errors" in state["acme"]), state


def test_the_first_make_seeds_content_from_the_examples(tmp_path):
    root = _clone(tmp_path / "clone")
    run = _make(root, "check", "CUSTOMER=acme")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "created content/ from examples/" in run.stdout
    assert sorted(p.name for p in (root / "content").iterdir()) == sorted(p.name for p in EXAMPLES.iterdir())
    again = _make(root, "check", "CUSTOMER=acme")
    assert "created content/" not in again.stdout  # seeded once: from then on content/ is the team's
