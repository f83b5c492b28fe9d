"""``pipeline.validate.review`` and ``pipeline.validate.health``: rules across review, plan and health files.

Each test edits one thing in a copy of tests/fixtures/valid/reviewed (with
the clean health model) and checks the one problem it causes. The defects
with a fixture of their own are in tests/build/test_review_check_snapshots.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, copy_fixture
from pipeline.check import check_customer



@pytest.fixture
def edit(tmp_path):
    """Return ``edit(file, old, new) -> problems`` on a fresh copy of the reviewed customer."""
    project = copy_fixture("valid/reviewed", tmp_path)
    shutil.copytree(FIXTURES / "health-models" / "clean", project.content / "_partner")

    def run(*changes):
        for rel, old, new in changes:
            path = project.content / rel
            text = path.read_text("utf-8")
            assert old in text, (rel, old)
            path.write_text(text.replace(old, new, 1), "utf-8")
        return [p.format() for p in check_customer(project, "reviewed").problems]

    return run


R3, R2, H, M = "reviewed/reviews/2026-Q3.yaml", "reviewed/reviews/2026-Q2.yaml", "reviewed/health.yaml", \
    "_partner/health-model.yaml"


@pytest.mark.parametrize(("change", "expected"), [
    ((R2, "date: 2026-06-30}", "date: 2026-06-30, value: 81000}"),
     "readings[0].value: measurements.yaml has 80000 for 'travel-spend' on 2026-06-30"),
    ((R3, "due: 2026-11-30", "due: 2026-10-01"),
     "actions[0].due: due 2026-10-01, before the review (2026-10-12) that agreed it"),
    ((R3, "when: 2027-Q1", "when: 2026-Q2"),
     "roadmap[0].when: planned for 2026-Q2, before the review's period 2026-Q3; a roadmap looks ahead [review.date]"),
    ((R2, "due: 2026-07-31}", "due: 2026-07-01}"), "asks[0].due: due 2026-07-01, before the review (2026-07-10)"),
    ((R2, "next_review: 2026-10-12", "next_review: 2026-07-10"), "next_review: the next review (2026-07-10) is not "),
    ((R3, "{barrier: rooms,", "{barrier: room,"), "barriers[0].barrier: unknown barrier 'room'; did you mean 'rooms'?"),
    ((R3, "{outcome: cost,", "{outcome: costs,"), "outcomes[0].outcome: unknown outcome 'costs'"),
    ((R3, "of: cfo-anna}", "of: cfo-ana}"), "asks[0].of: unknown stakeholder 'cfo-ana'"),
    ((R3, "date: 2026-09-30, value: 180", "date: 2026-12-30, value: 180"),
     "readings[1].date: reading dated 2026-12-30, after the review (2026-10-12)"),
    ((H, "date: 2026-10-05", "date: 2026-06-05"), "periods.2026-Q3.date: assessed 2026-06-05, before 2026-Q3 began"),
    ((H, "2026-Q2:", "2026Q2:"), "periods.2026Q2: '2026Q2' is not a quarter; write YYYY-Qn (e.g. 2026-Q3) "
                                 "[health.period]"),
    ((H, "rooms: 5}", "rooms: 4.5}"), "periods.2026-Q3.objective.rooms: 4.5 is not a whole number"),
    ((H, "rooms: 5}", "rom: 5}"), "unknown component of 'meetings' 'rom'; did you mean 'rooms'?"),
    ((H, "periods:", "offer: meeting\nperiods:"), "offer: unknown offer 'meeting'; did you mean 'meetings'?"),
    ((M, "split: {subjective: 20, objective: 80}", "split: {subjective: 20, objective: 70}"),
     "split: the split adds up to 90 %, not 100 %"),
    ((M, "{min: 0, below: 50, score: 1}", "{min: 0, above: 1, below: 50, score: 1}"),
     "bands[0].above: give either min (≥) or above (>), not both [health.band]"),
    ((M, "{min: 0, below: 50, score: 1}", "{min: 50, below: 50, score: 1}"),
     "bands[0]: the band 50 ≤ x < 50 holds no value; check its bounds [health.band]"),
    ((M, "{min: 5, score: 10}", "{min: 5, score: 11}"), "bands[2].score: score 11 is off the scale"),
    ((M, "thresholds: {green: 75, amber: 50}", "thresholds: {green: 50, amber: 75}"),
     "thresholds.amber: the amber threshold is above the green one"),
])
def test_one_edit_one_problem(edit, change, expected):
    problems = edit(change)
    assert any(expected in p for p in problems), "\n".join(problems)


def test_a_clean_customer_has_no_problem(edit):
    assert edit() == []


def test_the_offer_must_be_named_when_the_model_has_several(edit):
    text = (FIXTURES / "health-models" / "clean" / "health-model.yaml").read_text("utf-8")
    offer = text[text.index("  - id: meetings"):]
    problems = edit((M, "offers:\n", "offers:\n" + offer.replace("id: meetings", "id: rooms-only", 1)))
    assert any("health.yaml:1:1: name the offer the customer is scored on" in p and "[health.offer]" in p
               for p in problems), problems


def test_inputs_are_checked_against_the_offer_they_name(edit):
    problems = edit((H, "periods:", "offer: meetings\nperiods:"))
    assert problems == []


def _example_model_problems(edit=lambda text: text) -> list:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        project = copy_fixture("valid/reviewed", Path(tmp))
        shutil.copytree(EXAMPLES / "_partner", project.content / "_partner")
        (project.content / "reviewed" / "health.yaml").write_text(
            (EXAMPLES / "acme" / "health.yaml").read_text("utf-8"), "utf-8")
        model = project.content / "_partner" / "health-model.yaml"
        model.write_text(edit(model.read_text("utf-8")), "utf-8")
        problems = check_customer(project, "reviewed").problems
    return [p for p in problems if p.path.endswith("health-model.yaml")]


def test_the_seeds_two_gaps_are_accepted_in_the_examples_model():
    assert _example_model_problems() == []


def test_without_accepted_gaps_the_seeds_two_gaps_are_warned_about():
    import re

    problems = _example_model_problems(lambda text: re.sub(r"        accepted_gaps:\n(          .*\n)+", "", text))
    assert sorted((p.code, p.field) for p in problems) == [
        ("health.band-gap", "offers[0].components[0].bands[3]"),
        ("health.band-gap", "offers[0].components[1].bands[1]")]
    assert "add it to accepted_gaps with between: [89, 90] and a reason" in problems[0].message


def test_an_accepted_gap_that_is_no_gap_is_warned_about():
    problems = _example_model_problems(lambda text: text.replace("between: [89, 90]", "between: [88, 90]"))
    assert sorted((p.code, p.field) for p in problems) == [
        ("health.accepted-gap", "offers[0].components[0].accepted_gaps[0].between"),
        ("health.band-gap", "offers[0].components[0].bands[3]")]
    assert all(not p.is_error for p in problems if p.path.endswith("health-model.yaml"))
