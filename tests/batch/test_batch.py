"""Batch builds: every target, in parallel, rebuilding only what changed (pipeline/batch.py)."""

from __future__ import annotations

import json
import re
import shutil
from hashlib import sha256
from pathlib import Path

import pytest

from conftest import copy_fixture
from pipeline.batch import all_targets, build_all, parse_shard
from pipeline.registry import Target
from pipeline.project import Project, UsageError
from deck_helpers import ROOT, run_csplan


@pytest.fixture
def project(tmp_path) -> Project:
    """Return a project with two clean customers (alpha, beta: en + pl) and one broken."""
    for name in ("templates", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    copy_fixture("valid/minimal", tmp_path, "alpha")
    copy_fixture("valid/minimal", tmp_path, "beta")
    copy_fixture("broken/bad-date", tmp_path, "broken")
    return Project(tmp_path)


def statuses(report) -> dict[str, str]:
    return {o.target.key: o.status for o in report.outcomes}


def mtimes(project: Project) -> dict[str, int]:
    return {p.relative_to(project.build_dir).as_posix(): p.stat().st_mtime_ns
            for p in project.build_dir.rglob("*.pptx")}


CLEAN = ["alpha/cs-plan/en", "alpha/cs-plan/pl", "beta/cs-plan/en", "beta/cs-plan/pl"]


def test_first_run_builds_everything_and_one_broken_customer_fails_alone(project):
    report = build_all(project, artifacts=["cs-plan"], jobs=2)
    st = statuses(report)
    assert [k for k in CLEAN if st[k] == "built"] == CLEAN
    assert {o.target.key for o in report.failed} == {"broken/cs-plan/en", "broken/cs-plan/pl"}
    for failed in report.failed:
        assert re.match(r"content/broken/\S+\.yaml:\d+:\d+: .* \[[a-z._-]+\]$", failed.error), failed.error
    manifest = json.loads((project.build_dir / "manifest.json").read_text())
    rows = manifest["artifacts"]
    assert [(r["customer"], r["locale"]) for r in rows] == [("alpha", "en"), ("alpha", "pl"), ("beta", "en"),
                                                             ("beta", "pl")]
    for r in rows:
        assert r["artifact"] == "cs-plan" and r["period"] is None and len(r["inputs"]) == 64
        assert sha256((project.build_dir / r["path"]).read_bytes()).hexdigest() == r["sha256"]
    # Names for the published index page: the customers' (as in customer.yaml), and no partner folder here.
    assert manifest["customers"] == {"alpha": "Minimal Logistics", "beta": "Minimal Logistics",
                                     "broken": "Minimal Logistics"}
    assert manifest["partner"] is None


def test_second_run_renders_nothing(project):
    build_all(project, artifacts=["cs-plan"], jobs=2)
    before = mtimes(project)
    report = build_all(project, artifacts=["cs-plan"], jobs=2)
    st = statuses(report)
    assert [st[k] for k in CLEAN] == ["up-to-date"] * 4
    assert st["broken/cs-plan/en"] == "failed"  # broken content is retried, never recorded
    assert mtimes(project) == before


def test_a_changed_policy_checks_every_target_again(project):
    build_all(project, artifacts=["cs-plan"], jobs=1)
    (project.root / "csplan.toml").write_text('[severity]\n"plan.stale" = "error"\n')
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert [st[k] for k in CLEAN] == ["built"] * 4


def test_editing_one_customer_rebuilds_only_that_customer(project):
    build_all(project, artifacts=["cs-plan"], jobs=1)
    outcomes = project.content / "alpha" / "outcomes.yaml"
    outcomes.write_text(outcomes.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert {k: st[k] for k in CLEAN} == {"alpha/cs-plan/en": "built", "alpha/cs-plan/pl": "built",
                                         "beta/cs-plan/en": "up-to-date", "beta/cs-plan/pl": "up-to-date"}


def test_editing_a_catalog_rebuilds_only_that_locale(project):
    build_all(project, artifacts=["cs-plan"], jobs=1)
    po = project.locales / "pl" / "LC_MESSAGES" / "csplan.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n# reviewed by the translator\n", encoding="utf-8")
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert {k: st[k] for k in CLEAN} == {"alpha/cs-plan/en": "up-to-date", "alpha/cs-plan/pl": "built",
                                         "beta/cs-plan/en": "up-to-date", "beta/cs-plan/pl": "built"}


def test_editing_the_template_rebuilds_every_deck(project):
    build_all(project, artifacts=["cs-plan"], jobs=1)
    mapping = project.templates / "pptx" / "default.yaml"
    mapping.write_text(mapping.read_text(encoding="utf-8") + "# tuned\n", encoding="utf-8")
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert [st[k] for k in CLEAN] == ["built"] * 4


def test_force_and_a_deleted_output_rebuild(project):
    build_all(project, artifacts=["cs-plan"], jobs=1)
    (project.build_dir / "beta" / "beta-cs-plan-pl.pptx").unlink()
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert [k for k in CLEAN if st[k] == "built"] == ["beta/cs-plan/pl"]
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1, force=True))
    assert [st[k] for k in CLEAN] == ["built"] * 4


def test_an_interrupted_run_records_only_what_finished(project):
    seen = []

    def stop_after_first(done, total, outcome):
        seen.append(outcome.target.key)
        if len(seen) == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_all(project, artifacts=["cs-plan"], jobs=1, progress=stop_after_first)
    state = json.loads((project.build_dir / ".csplan" / "state.json").read_text())
    assert list(state["targets"]) == seen
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert st[seen[0]] == "up-to-date"
    assert sorted(k for k in CLEAN if st[k] == "built") == sorted(set(CLEAN) - {seen[0]})


def test_a_damaged_record_means_rebuild_not_crash(project):
    build_all(project, artifacts=["cs-plan"], jobs=1)
    (project.build_dir / ".csplan" / "state.json").write_text("{not json", encoding="utf-8")
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert [st[k] for k in CLEAN] == ["built"] * 4


def test_shards_are_disjoint_and_cover_every_target(project):
    everything = all_targets(project, ["cs-plan"])
    shards = [set(all_targets(project, ["cs-plan"], shard=(k, 3))) for k in (1, 2, 3)]
    assert sum(len(s) for s in shards) == len(everything)
    assert set().union(*shards) == set(everything)


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0"])
def test_bad_shard_is_a_usage_error(text):
    with pytest.raises(UsageError, match="shard"):
        parse_shard(text)


def test_lang_narrows_targets_to_customers_that_speak_it(project):
    targets = all_targets(project, ["cs-plan"], lang="pl")
    assert [t.key for t in targets] == ["alpha/cs-plan/pl", "beta/cs-plan/pl", "broken/cs-plan/pl"]
    assert Target("alpha", "cs-plan", "pl").key == "alpha/cs-plan/pl"


# ----------------------------------------------------------------- through the CLI


@pytest.mark.cli
def test_cli_build_all_prints_plain_lines_and_a_summary_and_exits_1(project):
    r = run_csplan(project.root, "build", "--all", "--artifact", "cs-plan", "-j", "2")
    assert r.returncode == 1, r.stderr
    assert "built      alpha/cs-plan/en" in r.stderr
    assert "broken/cs-plan/en" in r.stdout and "content/broken/" in r.stdout
    assert "4 built, 0 up to date, 2 failed" in r.stdout
    again = run_csplan(project.root, "build", "--all", "--artifact", "cs-plan")
    assert "0 built, 4 up to date, 2 failed" in again.stdout


@pytest.mark.cli
def test_cli_build_all_exits_0_when_everything_is_clean(project):
    shutil.rmtree(project.content / "broken")
    r = run_csplan(project.root, "build", "--all", "--artifact", "cs-plan", "--lang", "en")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 built, 0 up to date, 0 failed" in r.stdout


@pytest.mark.cli
def test_cli_build_all_without_customers_is_a_usage_error(tmp_path):
    (tmp_path / "content").mkdir()
    r = run_csplan(tmp_path, "build", "--all")
    assert r.returncode == 2 and "no customers in content/" in r.stderr
    assert not (tmp_path / "build").exists()


@pytest.mark.cli
@pytest.mark.parametrize("args, message", [
    (("build", "--all", "alpha"), "drop the customer name"),
    (("build",), "name a customer"),
    (("build", "alpha", "--force"), "go with --all"),
    (("build", "--all", "--shard", "5/2"), "--shard"),
    (("build", "--all", "-j", "0"), "-j"),
    (("build", "--all", "--artifact", "deck"), "unknown artifact"),
    (("build", "--all", "--period", "2026-Q3"), "--period"),
])
def test_cli_build_usage_errors_are_one_line(project, args, message):
    r = run_csplan(project.root, *args)
    assert r.returncode == 2
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


# ----------------------------------------------------------------- the example project, end to end


@pytest.mark.cli
def test_make_all_on_the_examples_is_incremental_and_isolates_a_broken_customer(tmp_path):
    from deck_helpers import copy_project

    root = copy_project(tmp_path / "p")
    build = root / "build"
    first = run_csplan(root, "build", "--all", "-j", "2")
    assert first.returncode == 0, first.stdout + first.stderr
    manifest = json.loads((build / "manifest.json").read_text())
    files = {r["path"] for r in manifest["artifacts"]}
    kinds = {r["artifact"] for r in manifest["artifacts"]}
    assert kinds == {"cs-plan", "qbr", "ebr", "reference", "questionnaire"}
    assert files == {p.relative_to(build).as_posix() for p in build.rglob("*.pp*x")} | \
        {p.relative_to(build).as_posix() for p in build.rglob("*.docx")}

    def stamp():
        return {p: (build / p).stat().st_mtime_ns for p in files}

    before = stamp()
    again = run_csplan(root, "build", "--all")
    assert f"0 built, {len(manifest['artifacts'])} up to date, 0 failed" in again.stdout
    assert stamp() == before  # nothing rendered, nothing rewritten

    # acme is one of the questionnaire's two references.
    outcomes = root / "content" / "acme" / "outcomes.yaml"
    outcomes.write_text(outcomes.read_text("utf-8") + "# reviewed with the COO\n", "utf-8")
    edited = run_csplan(root, "build", "--all")
    rebuilt = {line.split()[1].split("/")[0] for line in edited.stderr.splitlines() if line.startswith("built ")}
    assert rebuilt == {"acme", "_partner"}, edited.stderr

    customer = root / "content" / "wisla-foods" / "customer.yaml"
    customer.write_text(customer.read_text("utf-8").replace("date: 2026-", "date: 2026-13-", 1), "utf-8")
    wisla = {p: (build / p).read_bytes() for p in files if p.startswith("wisla-foods/")}
    broken = run_csplan(root, "build", "--all")
    assert broken.returncode == 1
    failed = [line for line in broken.stdout.splitlines() if line.startswith("wisla-foods/")]
    assert failed and all("content/wisla-foods/customer.yaml:" in line for line in failed), broken.stdout
    assert all(not line.startswith(("acme/", "nordvik-energi/", "volga-bank/", "_partner/"))
               for line in broken.stdout.splitlines())
    assert {p: (build / p).read_bytes() for p in wisla} == wisla  # the previous files are untouched


def test_a_no_op_run_reads_no_content_file_and_a_changed_one_is_read_again(project, monkeypatch):
    import pipeline.batch as batch

    build_all(project, artifacts=["cs-plan"], jobs=1)
    read = []
    real = batch.customer_facts
    monkeypatch.setattr(batch, "customer_facts", lambda p, name: read.append(name) or real(p, name))
    build_all(project, artifacts=["cs-plan"], jobs=1)
    assert read == []  # the targets come from the record: no YAML parsed for an unchanged customer
    customer = project.content / "beta" / "customer.yaml"
    customer.write_text(customer.read_text("utf-8").replace("output_locales: [en, pl]", "output_locales: [en]"),
                        "utf-8")
    st = statuses(build_all(project, artifacts=["cs-plan"], jobs=1))
    assert read == ["beta"]
    assert "beta/cs-plan/pl" not in st and st["beta/cs-plan/en"] == "built"


def test_a_whole_run_drops_records_of_targets_that_are_gone(project):
    shutil.rmtree(project.content / "broken")
    build_all(project, jobs=1)
    customer = project.content / "beta" / "customer.yaml"
    customer.write_text(customer.read_text("utf-8").replace("output_locales: [en, pl]", "output_locales: [en]"),
                        "utf-8")
    build_all(project, jobs=1)
    paths = [r["path"] for r in json.loads((project.build_dir / "manifest.json").read_text())["artifacts"]]
    assert "beta/beta-cs-plan-pl.pptx" not in paths and "beta/beta-cs-plan-en.pptx" in paths


def _break(project: Project, name: str) -> None:
    """Give ``name`` the bad-date fixture's barriers.yaml (an invalid date: the check fails)."""
    from conftest import BROKEN

    shutil.copyfile(BROKEN / "bad-date" / "barriers.yaml", project.content / name / "barriers.yaml")


def test_a_customer_whose_build_fails_keeps_its_last_good_files_in_the_manifest_marked_stale(project):
    shutil.rmtree(project.content / "broken")
    build_all(project, artifacts=["cs-plan"], jobs=1)
    before = {r["path"]: r for r in json.loads((project.build_dir / "manifest.json").read_text())["artifacts"]}
    files = {p: (project.build_dir / p).read_bytes() for p in before}
    _break(project, "alpha")
    report = build_all(project, artifacts=["cs-plan"], jobs=1)
    assert {o.target.key for o in report.failed} == {"alpha/cs-plan/en", "alpha/cs-plan/pl"}
    rows = {r["path"]: r for r in json.loads((project.build_dir / "manifest.json").read_text())["artifacts"]}
    assert set(rows) == set(before)  # nothing dropped out
    for path, row in rows.items():
        if path.startswith("alpha/"):
            assert row["stale"] is True
            assert re.match(r"content/alpha/barriers\.yaml:\d+:\d+: .* \[model\.date_\w+\]$", row["error"])
            assert {k: v for k, v in row.items() if k not in ("stale", "error")} == before[path]
        else:
            assert row == before[path]
        assert (project.build_dir / path).read_bytes() == files[path]
    # A stale target is never up to date: the next run tries it again, and a fixed customer is fresh again.
    assert statuses(build_all(project, artifacts=["cs-plan"], jobs=1))["alpha/cs-plan/en"] == "failed"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "valid" / "minimal" / "barriers.yaml",
                    project.content / "alpha" / "barriers.yaml")
    assert statuses(build_all(project, artifacts=["cs-plan"], jobs=1))["alpha/cs-plan/en"] == "built"
    rows = json.loads((project.build_dir / "manifest.json").read_text())["artifacts"]
    assert not [r for r in rows if "stale" in r]


def test_a_customer_whose_locales_cannot_be_read_stays_listed_as_stale(project):
    shutil.rmtree(project.content / "broken")
    build_all(project, jobs=1)
    customer = project.content / "beta" / "customer.yaml"
    customer.write_text(customer.read_text("utf-8").replace("output_locales: [en, pl]", "output_locales: [en, pl"),
                        "utf-8")
    build_all(project, jobs=1)
    rows = {r["path"]: r for r in json.loads((project.build_dir / "manifest.json").read_text())["artifacts"]}
    assert rows["beta/beta-cs-plan-pl.pptx"]["stale"] is True
    assert rows["beta/beta-cs-plan-pl.pptx"]["error"].startswith("content/beta/customer.yaml:")
    assert "stale" not in rows["alpha/alpha-cs-plan-pl.pptx"]
