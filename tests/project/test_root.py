"""The project root is found upwards from the current folder, like git (pipeline.project.find_project)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, copy_examples
from deck_helpers import cli_env
from pipeline import __version__
from pipeline.project import find_project, project_root


def test_the_root_is_the_nearest_folder_with_content_or_csplan_toml(tmp_path):
    (tmp_path / "content" / "acme" / "reviews").mkdir(parents=True)
    assert project_root(tmp_path / "content" / "acme" / "reviews") == tmp_path
    assert project_root(tmp_path) == tmp_path
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "csplan.toml").write_text("")
    assert project_root(tmp_path / "sub" / "deeper") == tmp_path / "sub"


def test_without_a_project_the_current_folder_is_the_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert project_root(tmp_path) == tmp_path or (tmp_path / "content").is_dir()
    assert find_project(None).command == "csplan"
    assert find_project(str(tmp_path)).command == f"csplan --root {tmp_path}"


def _csplan(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          env=cli_env(NO_COLOR="1", PYTHONPATH=str(REPO)), timeout=300)


@pytest.mark.cli
def test_from_a_customer_folder_check_and_new_act_on_the_project(tmp_path):
    root = copy_examples(tmp_path / "project").root
    here = root / "content" / "acme"
    check = _csplan(here, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert {"acme: ok", "wisla-foods: ok", "_partner: ok"} <= set(check.stdout.splitlines())
    new = _csplan(here, "new", "nordic-bank")
    assert new.returncode == 0, new.stderr
    assert new.stdout.splitlines()[0] == "created content/nordic-bank/ with 10 section files; fill them in, then " \
                                         "run: csplan check nordic-bank"
    assert (root / "content" / "nordic-bank" / "customer.yaml").is_file()
    assert not (here / "content").exists()
    # The command the message printed works as typed, from where it was typed.
    again = _csplan(here, "check", "nordic-bank")
    assert again.returncode == 1 and "content/nordic-bank/customer.yaml:9:1: name: is empty" in again.stdout


@pytest.mark.cli
def test_version():
    run = _csplan(REPO, "--version")
    assert run.returncode == 0 and run.stdout == f"csplan {__version__}\n"
