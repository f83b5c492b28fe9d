"""All problems at once: the rules run on the valid part of a broken file (pipeline.model.salvage).

tests/fixtures/sparse-plan/ is a customer rebuilt from a real, sparse plan:
no business sponsor, no adoption plan, a KPI without a target, a half-written
stakeholder, an id used twice, a misspelled owner and a YAML syntax error in
another file. One check reports every one of them.
"""

from __future__ import annotations

from conftest import copy_fixture
from pipeline.check import check_customer
from pipeline.load import Document, Pos
from pipeline.model import StakeholdersFile, salvage


def test_a_sparse_plan_reports_every_problem_in_one_run(tmp_path):
    project = copy_fixture("sparse-plan", tmp_path)
    problems = check_customer(project, "sparse-plan").problems
    found = [(p.location().removeprefix("content/sparse-plan/"), p.field, p.code) for p in problems]
    assert sorted(found) == sorted([
        ("adoption-plan.yaml", "", "section.missing"),
        ("barriers.yaml:8:12", "barriers[0].owner", "ref.unknown"),
        ("barriers.yaml:9:5", "barriers[1]", "barrier.no-resolution"),
        ("measurements.yaml:8:9", "statements[0].by", "ref.unknown"),
        ("outcomes.yaml:18:20", "outcomes[0].initiatives[0].kpis[0].owner", "ref.unknown"),
        ("outcomes.yaml:19:13", "outcomes[0].initiatives[0].kpis[1].target", "model.missing"),
        ("process-change.yaml:7:1", "", "yaml.syntax"),
        # stakeholders.yaml did not validate (a title is missing), yet its rules ran on the rest:
        ("stakeholders.yaml:3:3", "stakeholders", "plan.no-sponsor"),
        ("stakeholders.yaml:16:5", "stakeholders[2].title", "model.missing"),
        ("stakeholders.yaml:21:9", "stakeholders[3].id", "ref.duplicate-id"),
    ]), "\n".join(p.format() for p in problems)
    # Nothing about what was left out: the reading of the KPI without a target, the barrier owned by the
    # half-written stakeholder.
    assert not any("'meetings'" in p.message or "'it-ewa'" in p.message for p in problems)


def _doc(data) -> Document:
    values = {(): Pos(1, 1), ("stakeholders",): Pos(2, 3)}
    for i, _ in enumerate(data["stakeholders"]):
        values[("stakeholders", i)] = Pos(10 * (i + 1), 5)
        values[("stakeholders", i, "id")] = Pos(10 * (i + 1), 9)
    return Document(None, "x/stakeholders.yaml", data, values)


def test_salvage_leaves_out_broken_items_and_keeps_their_positions():
    person = {"name": "A", "title": "T", "group": "G", "role": "R", "side": "customer"}
    data = {"stakeholders": [{"id": "a", **person}, {"id": "b", **person, "side": "alien"},
                             {"id": "c", **person}]}
    value, doc, left_out = salvage(StakeholdersFile, _doc(data))
    assert [p.id for p in value.stakeholders] == ["a", "c"]
    assert [item["id"] for item in left_out] == ["b"]
    assert doc.pos(("stakeholders", 1, "id")) == Pos(30, 9)  # c, the third in the file
    assert doc.original(("stakeholders", 1, "id")) == ("stakeholders", 2, "id")


def test_salvage_gives_up_when_nothing_valid_is_left():
    assert salvage(StakeholdersFile, _doc({"stakeholders": [{"id": "a"}]})) is None


def test_a_review_with_an_error_is_still_checked_against_the_plan(tmp_path):
    project = copy_fixture("valid/reviewed", tmp_path)
    path = project.content / "reviewed" / "reviews" / "2026-Q3.yaml"
    text = path.read_text("utf-8").replace("attendees: [cfo-anna, csm-ola]", "attendees: [cfo-anna, csm-olaa]")
    path.write_text(text.replace("{action: Plan the room booking pilot, owner: csm-ola, due: 2026-11-30}",
                                 "{action: Plan the room booking pilot, due: 2026-11-30}"), "utf-8")
    problems = [p for p in check_customer(project, "reviewed").problems if p.path.endswith("2026-Q3.yaml")]
    found = sorted((p.location().rsplit("/", 1)[-1], p.field, p.code) for p in problems)
    # The action without an owner no longer hides the misspelled attendee.
    assert found == [("2026-Q3.yaml:21:5", "actions[0].owner", "model.missing"),
                     ("2026-Q3.yaml:4:23", "attendees[1]", "ref.unknown")], "\n".join(map(str, problems))
