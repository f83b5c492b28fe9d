"""Tests for pipeline.scaffold (`csplan new`): a commented folder that `csplan check` explains."""

from __future__ import annotations

import pytest

from pipeline.check import check_customer
from pipeline.cli import main
from pipeline.load import read_file
from pipeline.problems import Problems
from pipeline.project import Project, UsageError
from pipeline.registry import PLAN_SECTIONS
from pipeline.scaffold import scaffold


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)


def test_scaffold_writes_every_section(project):
    files = scaffold(project, "acme")
    folder = project.content / "acme"
    assert [f.name for f in files] == [f"{s}.yaml" for s in PLAN_SECTIONS]
    assert (folder / "assets").is_dir()
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{f.stem}.schema.json\n# ")
        assert "csplan check acme" in text


def test_scaffold_files_are_valid_yaml(project):
    for f in scaffold(project, "acme"):
        problems = Problems()
        doc = read_file(f, f.name, problems)
        assert not problems, [p.format() for p in problems]
        assert isinstance(doc.data, dict)


def test_check_after_new_lists_what_to_fill(project):
    scaffold(project, "acme")
    result = check_customer(project, "acme")
    problems = list(result.problems)
    assert not result.ok
    # Only "fill this in" problems: nothing about the YAML itself and no unknown keys.
    assert {p.code for p in problems} <= {"model.missing", "model.empty", "measurements.empty"}
    files = {p.path.rsplit("/", 1)[-1] for p in problems}
    assert files == {f"{s}.yaml" for s in PLAN_SECTIONS}
    assert all(p.line > 0 and p.col > 0 for p in problems)
    fields = {(p.path.rsplit("/", 1)[-1], p.field) for p in problems}
    assert ("customer.yaml", "name") in fields
    assert ("customer.yaml", "plan.date") in fields
    assert ("outcomes.yaml", "outcomes[0].initiatives[0].kpis[0].baseline.value") in fields
    assert ("stakeholders.yaml", "stakeholders[0].id") in fields


def test_new_then_check_through_the_cli(project, capsys):
    assert main(["--root", str(project.root), "new", "acme"]) == 0
    out = capsys.readouterr().out
    # The command printed works as typed: with --root when csplan was given one.
    assert out == (f"created content/acme/ with 10 section files; fill them in, then run: "
                   f"csplan --root {project.root} check acme\n"
                   f"wrote 15 schemas to schemas/ for editors (yaml-language-server); refresh them with: "
                   f"csplan --root {project.root} schema\n")
    assert main(["--root", str(project.root), "check", "acme"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "content/acme/customer.yaml:9:1: name: is empty; write name: … [model.missing]" in captured.out
    assert captured.out.rstrip().splitlines()[-1].startswith("acme: ")
    assert captured.err.count("\n") == 1 and captured.err.startswith("csplan check: ")


def test_new_writes_the_schemas_its_files_point_at_only_where_missing(project, capsys):
    from pipeline.schema import CONTENT_FILES, schema_text

    (project.root / "schemas").mkdir()
    pinned = project.root / "schemas" / "customer.schema.json"
    pinned.write_text("{}", encoding="utf-8")  # a team's own copy stays as it is
    assert main(["--root", str(project.root), "new", "acme"]) == 0
    assert "wrote 14 schemas to schemas/" in capsys.readouterr().out
    assert pinned.read_text(encoding="utf-8") == "{}"
    outcomes = next(k for k in CONTENT_FILES if k.schema_file == "outcomes.schema.json")
    assert (project.root / "schemas" / "outcomes.schema.json").read_text(encoding="utf-8") == schema_text(outcomes)
    # Every modeline of the new folder points at a file that is there.
    for f in (project.content / "acme").glob("*.yaml"):
        target = f.read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
        assert (f.parent / target).is_file(), target
    # Nothing missing: nothing written, nothing said.
    assert main(["--root", str(project.root), "new", "beta"]) == 0
    assert "wrote" not in capsys.readouterr().out


def test_new_refuses_an_existing_folder(project):
    scaffold(project, "acme")
    (project.content / "acme" / "customer.yaml").write_text("name: Kept\n")
    with pytest.raises(UsageError) as exc:
        scaffold(project, "acme")
    assert str(exc.value) == "content/acme/ already exists; pick another name or edit the files there"
    assert (project.content / "acme" / "customer.yaml").read_text() == "name: Kept\n"


def test_new_refuses_an_existing_file(project):
    project.content.mkdir()
    (project.content / "acme").write_text("x")
    with pytest.raises(UsageError, match="already exists"):
        scaffold(project, "acme")


@pytest.mark.parametrize("name", ["../x", "/etc", "Acme Corp", "", "a/b"])
def test_new_refuses_bad_names(project, name, tmp_path):
    with pytest.raises(UsageError) as exc:
        scaffold(project, name)
    assert "\n" not in str(exc.value) and "is not a customer name" in str(exc.value)
    assert not (tmp_path / "x").exists() and not project.content.exists()


def test_new_cli_refuses_existing(project, capsys):
    assert main(["--root", str(project.root), "new", "acme"]) == 0
    capsys.readouterr()
    assert main(["--root", str(project.root), "new", "acme"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "csplan new: content/acme/ already exists; pick another name or edit the files there\n"


# ----------------------------------------------------------------- reviews, references, health inputs


@pytest.fixture
def examples(tmp_path):
    from conftest import copy_examples

    return copy_examples(tmp_path, shared=False)


def _codes(project, name):
    return {(p.path.rsplit("/", 1)[-1], p.field, p.code) for p in check_customer(project, name).problems}


def test_a_review_is_pre_filled_from_the_plan(examples):
    from pipeline.scaffold import scaffold_review

    path = scaffold_review(examples, "acme", "2026-q4")
    assert path == examples.content / "acme" / "reviews" / "2026-Q4.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/review.schema.json\n")
    data = read_file(path, "x", Problems()).data
    people = read_file(examples.content / "acme" / "stakeholders.yaml", "x", Problems()).data["stakeholders"]
    assert data["period"] == "2026-Q4" and data["attendees"] == [p["id"] for p in people]
    assert [o["outcome"] for o in data["outcomes"]] == ["shipper", "cost", "dispatch", "resilience"]
    assert {r["kpi"] for r in data["readings"]} >= {"answer-time", "travel-spend"}
    q3 = read_file(examples.content / "acme" / "reviews" / "2026-Q3.yaml", "x", Problems()).data
    open_actions = [a["action"] for a in q3["actions"] if a.get("status", "not_started") != "completed"]
    assert [a["action"] for a in data["actions"]] == open_actions and open_actions
    # What is left is exactly what only the review can say: its date and each outcome's RAG status.
    left = _codes(examples, "acme")
    assert left == {("2026-Q4.yaml", "date", "model.missing")} | {
        ("2026-Q4.yaml", f"outcomes[{i}].rag", "model.missing") for i in range(4)}


def test_a_reference_and_health_inputs_are_scaffolded(examples):
    from pipeline.scaffold import scaffold_health, scaffold_reference

    (examples.content / "volga-bank" / "health.yaml").unlink()
    health = scaffold_health(examples, "volga-bank")
    reference = scaffold_reference(examples, "volga-bank")
    assert health.read_text("utf-8").startswith("# yaml-language-server: $schema=../../schemas/health.schema.json")
    data = read_file(reference, "x", Problems()).data
    outcomes = read_file(examples.content / "volga-bank" / "outcomes.yaml", "x", Problems()).data["outcomes"]
    assert data["execution"]["outcomes"] == [o["id"] for o in outcomes]
    left = _codes(examples, "volga-bank")
    assert {code for _f, _field, code in left} <= {"model.missing", "model.empty", "health.offer", "ref.unknown"}
    assert {f for f, _field, _code in left} == {"health.yaml", "reference.yaml"}
    assert ("health.yaml", "periods.2026-Q4.subjective.kpi-measured", "model.missing") in left  # the plan's quarter


def test_new_review_through_the_cli(examples, capsys):
    assert main(["--root", str(examples.root), "new", "acme", "--review", "2026-Q4"]) == 0
    # The first line is the file made (the copied examples have no schemas/: the next line says they were written).
    assert capsys.readouterr().out.splitlines()[0] == (f"created content/acme/reviews/2026-Q4.yaml; fill it in, "
                                                       f"then run: csplan --root {examples.root} check acme")
    assert main(["--root", str(examples.root), "new", "acme", "--review", "2026-Q4"]) == 2
    assert "content/acme/reviews/2026-Q4.yaml already exists" in capsys.readouterr().err
    assert main(["--root", str(examples.root), "new", "acme", "--review", "Q4"]) == 2
    assert "--review 'Q4' is not a quarter" in capsys.readouterr().err
    assert main(["--root", str(examples.root), "new", "nobody", "--reference"]) == 2
