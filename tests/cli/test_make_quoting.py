"""Variables on the make command line are data: they never reach a shell unquoted.

``make deck CUSTOMER='x; touch y'`` is refused by csplan (not a customer
name) and creates nothing; the same for a backquote, a ``$(…)`` make would
expand, and every other variable the Makefile passes on (LANG, PERIOD,
AUDIENCE, JOBS, DIST, FROM, TEMPLATE).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from deck_helpers import ROOT, cli_env, copy_project

pytestmark = pytest.mark.cli  # runs make and csplan in subprocesses; `make test-fast` leaves it out


def make(root, *args: str) -> subprocess.CompletedProcess:
    """Run make in the repository with csplan pointed at the tmp project ``root``; never reinstall the venv."""
    exe = shutil.which("make")
    if exe is None:
        pytest.skip("make is not installed")
    env = {**cli_env(), "MAKEFLAGS": ""}
    return subprocess.run([exe, "--no-print-directory", "-o", ".venv/.installed-stamp", "-o", ".venv/.compiled-stamp",
                           *args, f"CSPLAN={sys.executable} -m pipeline --root {root}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("customer", ["x; touch {y}", "x`touch {y}`", "x$$(touch {y})", "$(shell touch {y})",
                                      "x' ; touch {y}; echo '"])
def test_make_deck_refuses_a_customer_that_would_run_a_command(project, tmp_path, customer):
    y = tmp_path / "y"
    res = make(project, "deck", "CUSTOMER=" + customer.format(y=y))
    assert res.returncode == 2, res.stdout + res.stderr
    assert "is not a customer name" in res.stderr
    assert not y.exists()
    assert not (project / "build").exists()
    assert not (ROOT / "y").exists()


@pytest.mark.parametrize(("target", "variable"), [
    ("deck", "LANG"), ("deck", "AUDIENCE"), ("qbr", "PERIOD"), ("all", "JOBS"), ("publish", "DIST"),
    ("publish", "FROM"), ("publish", "NO_STALE"), ("check", "CUSTOMER"), ("reference", "LANG"),
    ("deck", "TEMPLATE"), ("all", "TEMPLATE"),
])
def test_no_variable_reaches_the_shell_unquoted(project, tmp_path, target, variable):
    y = tmp_path / "y"
    args = [f"{variable}=x; touch {y}"]
    if variable != "CUSTOMER":
        args.append("CUSTOMER=acme")
    res = make(project, target, *args)
    assert res.returncode != 0, res.stdout + res.stderr
    assert not y.exists(), res.stderr
    assert "Traceback" not in res.stderr


def test_make_deck_template_builds_into_another_template_and_leaves_default_alone(project, tmp_path):
    from conftest import TESTS

    corp = tmp_path / "corp dir" / "corp.pptx"  # a space in the path: one quoted word
    corp.parent.mkdir()
    for suffix in (".pptx", ".yaml"):
        shutil.copyfile(TESTS / "fixtures" / "templates" / "pptx" / f"lo-4x3{suffix}", corp.with_suffix(suffix))
    default = (project / "templates" / "pptx" / "default.pptx").read_bytes()
    res = make(project, "deck", "CUSTOMER=acme", "LANG=en", f"TEMPLATE={corp}")
    assert res.returncode == 0, res.stdout + res.stderr
    from pptx import Presentation

    deck = Presentation(str(project / "build" / "acme" / "acme-cs-plan-en.pptx"))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)  # lo-4x3's 10 x 7.5 in
    assert (project / "templates" / "pptx" / "default.pptx").read_bytes() == default
    missing = make(project, "deck", "CUSTOMER=acme", f"TEMPLATE={tmp_path / 'nope.pptx'}")
    assert missing.returncode == 2 and "--template" in missing.stderr and "no such file" in missing.stderr
