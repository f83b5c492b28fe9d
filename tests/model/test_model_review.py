"""``pipeline.model.review`` and ``pipeline.model.health``: review and health files as typed models.

Values are read as typed, errors are located at the key to fix, and the
review and health files are modelled next to the plan's section files.
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from conftest import FIXTURES, copy_fixture
from pipeline.load import load_customer, parse_yaml
from pipeline.model import build_plan, validate_document
from pipeline.model.health import HealthFile, HealthModelFile, quarter_end, quarter_key, quarter_start
from pipeline.model.review import Rag, ReviewFile, ReviewKind
from pipeline.problems import Problems


def model(cls, text: str):
    problems = Problems()
    doc = parse_yaml(text, "f.yaml", problems)
    value = validate_document(cls, doc, problems)
    return value, [p.format() for p in problems]


REVIEW = """\
period: 2026-q3
kind: EBR
date: 2026-10-12
attendees: [cfo-anna]
outcomes:
  - {outcome: cost, rag: Amber}
actions:
  - {action: Plan it, owner: csm-ola, due: 2026-11-30}
"""


def test_a_review_reads_its_choices_and_normalises_the_quarter():
    r, problems = model(ReviewFile, REVIEW)
    assert problems == []
    assert (r.period, r.kind, r.outcomes[0].rag) == ("2026-Q3", ReviewKind.EBR, Rag.AMBER)
    assert r.actions[0].status.value == "not_started"


@pytest.mark.parametrize(("change", "expected"), [
    (("period: 2026-q3", "period: Q3 2026"), "f.yaml:1:9: period: 'Q3 2026' is not a quarter; write YYYY-Qn "
                                             "(e.g. 2026-Q3) [model.quarter]"),
    (("kind: EBR", "kind: qbrr"), "f.yaml:2:7: kind: 'qbrr' is not one of: qbr, ebr; did you mean 'qbr'? "
                                  "[model.choice]"),
    (("owner: csm-ola, ", ""), "f.yaml:8:5: actions[0].owner: required; add owner: … [model.missing]"),
    (("outcomes:", "outcome:"), "f.yaml:5:1: outcome: unknown key 'outcome'; did you mean 'outcomes'?"),
])
def test_review_mistakes_are_located(change, expected):
    _r, problems = model(ReviewFile, REVIEW.replace(*change))
    assert any(p.startswith(expected) for p in problems), problems


def test_health_inputs_keep_answers_as_typed_and_values_as_decimals():
    h, problems = model(HealthFile, "periods:\n  2026-Q1:\n    subjective: {a: yes, b: No}\n"
                                    "    objective: {c: '89.5', d: 3}\n")
    assert problems == []
    period = h.periods["2026-Q1"]
    assert period.subjective == {"a": "yes", "b": "No"}
    assert period.objective == {"c": Decimal("89.5"), "d": Decimal(3)}


def test_weights_may_be_written_with_a_percent_sign():
    text = (FIXTURES / "health-models" / "clean" / "health-model.yaml").read_text("utf-8")
    m, problems = model(HealthModelFile, text.replace("weight: 60", "weight: 60%"))
    assert problems == [] and m.offers[0].components[0].weight == 60


def test_a_band_with_an_unknown_bound_is_refused():
    text = (FIXTURES / "health-models" / "clean" / "health-model.yaml").read_text("utf-8")
    bad = text.replace("{min: 0, below: 50, score: 1}", "{from: 0, below: 50, score: 1}")
    _m, problems = model(HealthModelFile, bad)
    assert any("unknown key 'from'" in p and "known keys: min, above, max, below, score, label" in p
               for p in problems), problems


def test_quarters():
    assert (str(quarter_start("2026-Q1")), str(quarter_end("2026-Q1"))) == ("2026-01-01", "2026-03-31")
    assert str(quarter_start("2026-Q4")) == "2026-10-01" and str(quarter_end("2026-Q4")) == "2026-12-31"
    assert str(quarter_end("2024-Q1")) == "2024-03-31" and str(quarter_end("2026-Q2")) == "2026-06-30"
    assert sorted(["2026-Q3", "2025-Q4", "2026-Q1"], key=quarter_key) == ["2025-Q4", "2026-Q1", "2026-Q3"]


def test_reviews_health_and_the_partner_model_join_the_plan(tmp_path):
    project = copy_fixture("valid/reviewed", tmp_path)
    shutil.copytree(FIXTURES / "health-models" / "clean", project.content / "_partner")
    source = load_customer(project.content / "reviewed", "reviewed", project.root)
    assert {"reviews/2026-Q2.yaml", "reviews/2026-Q3.yaml", "health.yaml"} <= set(source.documents)
    assert set(source.partner.documents) == {"health-model.yaml"}
    plan, problems = build_plan(source)
    assert list(problems) == []
    assert sorted(plan.reviews) == ["2026-Q2", "2026-Q3"]
    assert plan.health.periods["2026-Q3"].note == "Every site uses its rooms weekly."
    assert plan.partner.health_model.name == "Test health model"
    assert plan.partner.file("health-model") == "content/_partner/health-model.yaml"


def test_other_partner_files_are_left_to_their_own_models(tmp_path):
    project = copy_fixture("valid/reviewed", tmp_path)
    shutil.copytree(FIXTURES / "health-models" / "clean", project.content / "_partner")
    (project.content / "_partner" / "partner.yaml").write_text("name: Nexio\n", "utf-8")
    plan, problems = build_plan(load_customer(project.content / "reviewed", "reviewed", project.root))
    assert list(problems) == []
    assert "partner.yaml" in plan.partner.documents and set(plan.partner.sections) == {"health-model"}


def test_a_broken_review_file_is_reported_once_and_kept_out(tmp_path):
    project = copy_fixture("valid/reviewed", tmp_path)
    (project.content / "reviewed" / "reviews" / "2026-Q3.yaml").write_text("period: [\n", "utf-8")
    source = load_customer(project.content / "reviewed", "reviewed", project.root)
    plan, problems = build_plan(source)
    assert [p.code for p in source.problems] == ["yaml.syntax"] and list(problems) == []
    assert sorted(plan.reviews) == ["2026-Q2"] and "reviews/2026-Q3" in plan.broken
