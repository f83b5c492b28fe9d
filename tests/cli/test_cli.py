"""End-to-end tests of the command line, run as a subprocess like a user or CI would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTS, copy_fixture

pytestmark = pytest.mark.cli  # runs csplan in subprocesses; `make test-fast` leaves it out

REPO = TESTS.parent


def csplan(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), *args], capture_output=True,
                          text=True, env=env, cwd=cwd or root, timeout=120)


@pytest.fixture
def root(tmp_path):
    copy_fixture("valid/minimal", tmp_path)
    return tmp_path


def add(root: Path, fixture: str) -> str:
    copy_fixture(f"broken/{fixture}", root)
    return fixture


def no_traceback(run: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in run.stdout + run.stderr


def test_clean_content_exits_0(root):
    run = csplan(root, "check", "minimal")
    assert (run.returncode, run.stdout, run.stderr) == (0, "minimal: ok\n", "")


def test_check_all_customers_by_default(root):
    add(root, "unknown-enum")
    run = csplan(root, "check")
    assert run.returncode == 1
    assert run.stdout.endswith("minimal: ok\nunknown-enum: 1 error, 0 warnings\n")


def test_errors_exit_1(root):
    add(root, "unknown-enum")
    run = csplan(root, "check", "unknown-enum")
    no_traceback(run)
    assert run.returncode == 1
    assert run.stdout == (
        "content/unknown-enum/barriers.yaml\n"
        "  content/unknown-enum/barriers.yaml:5:13: barriers[0].status: 'done' is not one of: completed, "
        "in_progress, not_started; did you mean 'completed'? [model.choice]\n"
        "\n"
        "unknown-enum: 1 error, 0 warnings\n")
    assert run.stderr == "csplan check: 1 error, 0 warnings\n"


def test_paths_are_relative_to_root_not_cwd(root, tmp_path_factory):
    add(root, "unknown-enum")
    run = csplan(root, "check", "unknown-enum", cwd=tmp_path_factory.mktemp("elsewhere"))
    assert "  content/unknown-enum/barriers.yaml:5:13: " in run.stdout
    assert str(root) not in run.stdout


def test_warnings_pass_unless_strict(root):
    add(root, "stale-plan")
    run = csplan(root, "check", "stale-plan")
    assert run.returncode == 0
    assert "warning: plan.date: the plan was last updated 113 days ago" in run.stdout
    assert run.stdout.endswith("stale-plan: 0 errors, 1 warning\n")
    strict = csplan(root, "check", "--strict", "stale-plan")
    assert strict.returncode == 1
    assert strict.stderr == "csplan check: 0 errors, 1 warning\n"
    assert csplan(root, "check", "--strict", "minimal").returncode == 0


@pytest.mark.parametrize("args, needle", [
    (["check", "../etc"], "'../etc' is not a customer name"),
    (["check", "nobody"], "no customer 'nobody'"),
    (["check", "Acme Corp"], "'Acme Corp' is not a customer name"),
    (["check", "/etc"], "'/etc' is not a customer name"),
    (["check", ""], "'' is not a customer name"),
    (["check", "minimal", "nobody"], "no customer 'nobody'"),
    (["new", "../x"], "'../x' is not a customer name"),
    (["new", "minimal"], "content/minimal/ already exists"),
])
def test_usage_errors_exit_2_with_one_line(root, args, needle):
    run = csplan(root, *args)
    no_traceback(run)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and run.stderr.endswith("\n")
    assert run.stderr.startswith(f"csplan {args[0]}: ")
    assert needle in run.stderr


def test_missing_root_is_a_usage_error(tmp_path):
    run = csplan(tmp_path / "nowhere", "check", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == f"csplan check: --root {tmp_path / 'nowhere'}: no such folder\n"


def test_no_customers_is_a_usage_error(tmp_path):
    run = csplan(tmp_path, "check")
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "no customers in content/" in run.stderr


def test_bad_option_is_a_usage_error(root):
    run = csplan(root, "check", "--format", "xml", "minimal")
    no_traceback(run)
    assert run.returncode == 2


def _text_problem_lines(stdout: str) -> list[str]:
    return [line.strip() for line in stdout.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize("fixtures", [["kpi-missing-baseline"], ["unknown-key-typo", "stale-plan", "bad-date"]])
def test_json_has_the_same_problems_as_text(root, fixtures):
    for f in fixtures:
        add(root, f)
    text = csplan(root, "check", *fixtures)
    as_json = csplan(root, "check", "--format", "json", *fixtures)
    assert as_json.returncode == text.returncode
    assert as_json.stderr == ""
    rows = json.loads(as_json.stdout)
    rebuilt = []
    for r in rows:
        loc = r["path"] + (f":{r['line']}" if r["line"] else "") + (f":{r['col']}" if r["line"] and r["col"] else "")
        head = loc + (": warning" if r["severity"] == "warning" else "")
        body = f"{r['field']}: {r['message']}" if r["field"] else r["message"]
        rebuilt.append(f"{head}: {body} [{r['code']}]")
    assert rebuilt == _text_problem_lines(text.stdout)
    assert len(rows) >= len(fixtures)


def test_json_of_clean_content(root):
    run = csplan(root, "check", "--format", "json")
    assert (run.returncode, json.loads(run.stdout)) == (0, [])


def test_github_format(root):
    for f in ("kpi-missing-baseline", "stale-plan", "missing-section-file"):
        add(root, f)
    run = csplan(root, "check", "--format", "github", "kpi-missing-baseline", "stale-plan", "missing-section-file")
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    text = csplan(root, "check", "kpi-missing-baseline", "stale-plan", "missing-section-file")
    assert len(lines) == len(_text_problem_lines(text.stdout)) == 3
    errors = [l for l in lines if l.startswith("::error file=")]
    warnings = [l for l in lines if l.startswith("::warning file=")]
    assert len(errors) == 2 and len(warnings) == 1
    assert ("::error file=content/kpi-missing-baseline/outcomes.yaml,line=19,col=13,title=model.missing::"
            "outcomes[0].initiatives[0].kpis[1].baseline: required; add baseline: {value: …, unit: …, "
            "date: YYYY-MM-DD} [model.missing]") in lines
    assert ("::error file=content/missing-section-file/outcomes.yaml,title=section.missing::missing section "
            "file; create outcomes.yaml (`csplan new` writes a commented example of every section) "
            "[section.missing]") in lines


def test_github_format_of_clean_content_prints_nothing(root):
    run = csplan(root, "check", "--format", "github")
    assert (run.returncode, run.stdout) == (0, "")


def test_new_then_check(tmp_path):
    new = csplan(tmp_path, "new", "acme")
    assert new.returncode == 0 and new.stderr == ""
    assert sorted(p.name for p in (tmp_path / "content" / "acme").iterdir()) == sorted(
        ["assets"] + [f"{s}.yaml" for s in ("customer", "solution", "outcomes", "stakeholders", "use-cases",
                                            "barriers", "adoption-plan", "process-change", "communication",
                                            "measurements")])
    check = csplan(tmp_path, "check", "acme")
    no_traceback(check)
    assert check.returncode == 1
    assert "[model.missing]" in check.stdout
    assert check.stderr.startswith("csplan check: ") and check.stderr.count("\n") == 1


@pytest.mark.parametrize("fixture", ["broken-yaml-syntax", "utf16-file", "not-utf8", "control-char",
                                     "lone-surrogate-escape", "top-level-list", "empty-file"])
def test_broken_files_never_crash(root, fixture):
    add(root, fixture)
    run = csplan(root, "check", fixture)
    no_traceback(run)
    assert run.returncode == 1
    assert "internal error" not in run.stderr


def test_version_and_help(root):
    assert csplan(root, "--version").stdout.startswith("csplan ")
    run = csplan(root)
    assert run.returncode == 2 and "check" in run.stdout


def test_check_takes_the_changed_files_a_pre_commit_hook_passes(root):
    add(root, "unknown-enum")
    # A file of a customer checks that customer; files outside content/ name nobody.
    (root / "README.md").write_text("# our content\n")
    (root / "Makefile").write_text("all:\n")
    run = csplan(root, "check", "content/minimal/outcomes.yaml", "content/minimal/barriers.yaml", "README.md",
                 cwd=root)
    assert run.returncode == 0 and run.stdout.strip().splitlines() == ["minimal: ok"], run.stdout + run.stderr
    run = csplan(root, "check", "content/unknown-enum/barriers.yaml", cwd=root)
    assert run.returncode == 1 and "unknown-enum: 1 error" in run.stdout
    assert csplan(root, "check", "Makefile", cwd=root).stdout == ""  # nothing of content/: nothing to check
    (root / "content" / "_partner").mkdir()
    (root / "content" / "_partner" / "decks.yaml").write_text("cs-plan: {}\n")
    shared = csplan(root, "check", "content/_partner/decks.yaml", cwd=root)  # shared by all: every customer
    assert "minimal: " in shared.stdout and "unknown-enum: " in shared.stdout


def test_the_pre_commit_hooks_are_csplan_commands():
    import yaml

    from pipeline.cli import _parser

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["csplan-check", "csplan-schema", "csplan-i18n-check"]
    for hook in hooks:
        words = hook["entry"].split()
        assert words[0] == "csplan" and hook["language"] == "python"
        files = [] if hook.get("pass_filenames") is False else ["content/acme/outcomes.yaml"]
        _parser().parse_args(words[1:] + files)  # exits (a test error) on a command csplan does not have
