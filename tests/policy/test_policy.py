"""Tests of pipeline.policy: rule severities per repository, and --strict on the examples."""

from __future__ import annotations

import pytest

from conftest import copy_examples, copy_fixture
from pipeline.cli import main
from pipeline.policy import load_policy


def check(root, *args: str) -> int:
    return main(["--root", str(root), "check", *args])


def test_check_strict_passes_on_the_examples(tmp_path, capsys):
    copy_examples(tmp_path, shared=False)
    assert check(tmp_path, "--strict") == 0, capsys.readouterr().out


@pytest.mark.parametrize("policy_file, table", [("csplan.toml", "[severity]"),
                                                 ("pyproject.toml", "[tool.csplan.severity]")])
def test_a_missing_sponsor_as_a_warning(tmp_path, capsys, policy_file, table):
    copy_fixture("broken/no-sponsor", tmp_path)
    assert check(tmp_path) == 1
    capsys.readouterr()
    (tmp_path / policy_file).write_text(f'{table}\n"plan.no-sponsor" = "warning"  # a first draft may lack one\n')
    assert check(tmp_path) == 0
    out = capsys.readouterr().out
    assert f"warning: stakeholders: no customer sponsor; mark the customer's sponsor with 'sponsor: true' (and " \
           f"side: customer) [plan.no-sponsor; warning in {policy_file}]" in out
    assert check(tmp_path, "--strict") == 1


def test_a_warning_made_an_error_fails_the_check(tmp_path, capsys):
    copy_fixture("broken/barrier-without-resolution", tmp_path)
    assert check(tmp_path, "--strict") == 1 and check(tmp_path) == 0
    (tmp_path / "csplan.toml").write_text('[severity]\n"barrier.no-resolution" = "error"\n')
    assert check(tmp_path) == 1
    assert "[barrier.no-resolution; error in csplan.toml]" in capsys.readouterr().out


def test_off_drops_the_rule(tmp_path, capsys):
    copy_fixture("broken/barrier-without-resolution", tmp_path)
    (tmp_path / "csplan.toml").write_text('[severity]\n"barrier.no-resolution" = "off"\n')
    assert check(tmp_path, "--strict") == 0
    assert "no-resolution" not in capsys.readouterr().out


def test_csplan_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.csplan.severity]\n"plan.stale" = "error"\n')
    (tmp_path / "csplan.toml").write_text('[severity]\n"plan.stale" = "off"\n')
    assert load_policy(tmp_path).severity == {"plan.stale": "off"}


def test_mistakes_in_the_policy_are_problems(tmp_path, capsys):
    copy_fixture("valid/minimal", tmp_path)
    (tmp_path / "csplan.toml").write_text('[severity]\n"plan.no-sponsor" = "warn"\nsponsor = "off"\n')
    assert check(tmp_path) == 1
    out = capsys.readouterr().out
    assert "csplan.toml:2: severity.plan.no-sponsor: 'warn' is not a severity; write error, warning, off " \
           "[policy.value]" in out
    assert "csplan.toml:3: severity.sponsor: 'sponsor' is not a problem code" in out
    (tmp_path / "csplan.toml").write_text("[severity\n")
    assert check(tmp_path) == 1
    assert "csplan.toml: not valid TOML" in capsys.readouterr().out
