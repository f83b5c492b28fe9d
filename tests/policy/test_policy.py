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


@pytest.mark.parametrize("policy_file, table", [("csplan.toml", "[severity]"),
                                                 ("pyproject.toml", "[tool.csplan.severity]")])
def test_an_unknown_code_warns_with_a_did_you_mean_at_its_line(tmp_path, policy_file, table):
    (tmp_path / policy_file).write_text(f'{table}\n"plan.stale" = "error"\n"plan.no-sponser" = "warning"\n'
                                        f'"model.missing" = "warning"\n"zzz.qqq" = "off"\n')
    policy = load_policy(tmp_path)
    assert [p.format() for p in policy.problems] == [
        f"{policy_file}:3: warning: {table[1:-1]}.plan.no-sponser: 'plan.no-sponser' is not a code csplan reports, so this "
        f"line changes nothing; did you mean 'plan.no-sponsor'? [policy.unknown-code]",
        f"{policy_file}:5: warning: {table[1:-1]}.zzz.qqq: 'zzz.qqq' is not a code csplan reports, so this line changes "
        f"nothing; codes are the words in [brackets] at the end of a problem [policy.unknown-code]",
    ]
    assert not any(p.is_error for p in policy.problems)


def test_every_code_a_rule_reports_is_known():
    from pipeline.lint import CODES
    from pipeline.policy import known_codes

    assert {"plan.no-sponsor", "plan.stale", "barrier.no-resolution", "yaml.syntax", *CODES} <= known_codes()
    # File names and modules in quotes are not codes.
    assert not {"customer.yaml", "csplan.toml", "pipeline.check"} & known_codes()
