"""Tests for pipeline.model: pydantic errors become located problems in the user's terms."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SECTIONS
from pipeline.check import check_customer
from pipeline.load import Document, load_customer, parse_yaml
from pipeline.model import (
    SECTION_MODELS, CustomerFile, OutcomesFile, Plan, Segment, Status, StakeholdersFile, build_plan,
    validate_document,
)
from pipeline.problems import Problems
from pipeline.registry import PLAN_SECTIONS


def kpi(kid: str, *, baseline: bool = True) -> str:
    base = "baseline: {value: 1, unit: u, date: 2026-01-01}, " if baseline else ""
    return (f"{{id: {kid}, description: D, {base}target: {{value: 2, unit: u, date: 2027-01-01}}, "
            f"how_measured: H, frequency: monthly, owner: p}}")


OUTCOMES = f"""\
summary: S
outcomes:
  - id: a
    category: security
    title: A
    priority: 1
    initiatives:
      - {{id: ia, title: IA, kpis: [{kpi("k0")}]}}
  - id: b
    category: security
    title: B
    priority: 2
    initiatives:
      - id: ib
        title: IB
        kpis:
          - {kpi("k1")}
          - {kpi("k2")}
          - id: k3
            description: D
            target: {{value: 2, unit: u, date: 2027-01-01}}
            how_measured: H
            frequency: monthly
            owner: p
"""


def check(model, text: str, rel: str = "content/x/outcomes.yaml"):
    problems = Problems()
    doc = parse_yaml(text, rel, problems)
    assert doc is not None and not problems, [p.format() for p in problems]
    return validate_document(model, doc, problems), problems


def lines(problems) -> list[str]:
    return [p.format() for p in problems]


def test_valid_outcomes():
    text = OUTCOMES.replace("            target:", "            baseline: {value: 1, unit: u, date: 2026-01-01}\n"
                                                  "            target:")
    value, problems = check(OutcomesFile, text)
    assert not problems
    k3 = value.outcomes[1].initiatives[0].kpis[2]
    assert k3.baseline.value == Decimal(1) and k3.baseline.date == date(2026, 1, 1)
    assert value.outcomes[0].status is Status.NOT_STARTED


def test_a_baseline_may_be_dated_by_its_year_or_month():
    # docs/domain.md S4's seed row: "2016 spend of $86k/year"; only the baseline takes a period.
    text = OUTCOMES.replace("            target:", "            baseline: {value: 1, unit: u, date: 2025}\n"
                                                  "            target:")
    value, problems = check(OutcomesFile, text)
    assert not problems
    assert value.outcomes[1].initiatives[0].kpis[2].baseline.date == date(2025, 12, 31)
    _, problems = check(OutcomesFile, text.replace("target: {value: 2, unit: u, date: 2027-01-01}\n",
                                                   "target: {value: 2, unit: u, date: 2027}\n"))
    assert [p.code for p in problems] == ["model.date_format"]


def test_missing_field_is_located_at_its_parent_mapping():
    _, problems = check(OutcomesFile, OUTCOMES)
    assert lines(problems) == [
        "content/x/outcomes.yaml:19:13: outcomes[1].initiatives[0].kpis[2].baseline: required; "
        "add baseline: {value: …, unit: …, date: YYYY-MM-DD} [model.missing]"
    ]


def test_missing_field_in_a_flow_mapping():
    text = OUTCOMES.replace(kpi("k0"), kpi("k0", baseline=False))
    _, problems = check(OutcomesFile, text.replace("            target:", "            baseline: "
                                                   "{value: 1, unit: u, date: 2026-01-01}\n            target:"))
    (p,) = problems
    assert (p.line, p.col, p.field) == (8, 36, "outcomes[0].initiatives[0].kpis[0].baseline")


def test_key_without_value_is_located_at_the_key():
    text = "summary: S\noutcomes:\n  - id: a\n    category:\n    title: A\n"
    _, problems = check(OutcomesFile, text)
    by_field = {p.field: p for p in problems}
    p = by_field["outcomes[0].category"]
    assert (p.line, p.col, p.code) == (4, 5, "model.missing")
    assert p.message.startswith("is empty; write category: cost_efficiency|business_growth|…")
    # Absent fields are shown at the item's mapping.
    assert (by_field["outcomes[0].priority"].line, by_field["outcomes[0].priority"].col) == (3, 5)
    assert by_field["outcomes[0].priority"].message == "required; add priority: 1"


def test_unknown_key_did_you_mean_at_the_key():
    text = OUTCOMES.replace("            how_measured: H\n", "            how_mesured: H\n")
    text = text.replace("            target:", "            baseline: {value: 1, unit: u, date: 2026-01-01}\n"
                                              "            target:")
    _, problems = check(OutcomesFile, text)
    unknown = [p for p in problems if p.code == "model.unknown-key"]
    assert len(unknown) == 1
    p = unknown[0]
    assert (p.line, p.col, p.field) == (23, 13, "outcomes[1].initiatives[0].kpis[2].how_mesured")
    assert p.message.startswith("unknown key 'how_mesured'; did you mean 'how_measured'? (known keys: id, ")
    # The misspelled key is the one problem: how_measured is not also reported as missing.
    assert len(problems) == 1


def test_unrelated_unknown_key_does_not_hide_a_missing_field():
    text = OUTCOMES.replace("            how_measured: H\n", "            notes: H\n")
    text = text.replace("            target:", "            baseline: {value: 1, unit: u, date: 2026-01-01}\n"
                                              "            target:")
    _, problems = check(OutcomesFile, text)
    assert sorted((p.code, p.field) for p in problems) == [
        ("model.missing", "outcomes[1].initiatives[0].kpis[2].how_measured"),
        ("model.unknown-key", "outcomes[1].initiatives[0].kpis[2].notes"),
    ]


def test_unknown_key_without_close_match_lists_known_keys():
    _, problems = check(StakeholdersFile, "stakeholders: []\nfoo: 1\n", "s.yaml")
    unknown = [p for p in problems if p.code == "model.unknown-key"]
    assert [p.format() for p in unknown] == ["s.yaml:2:1: foo: unknown key 'foo' (known keys: stakeholders) "
                                             "[model.unknown-key]"]


def test_unknown_top_level_key_typo():
    text = OUTCOMES.replace("summary: S", "sumary: S")
    _, problems = check(OutcomesFile, text)
    unknown = next(p for p in problems if p.code == "model.unknown-key")
    assert (unknown.line, unknown.col) == (1, 1)
    assert "did you mean 'summary'?" in unknown.message


@pytest.mark.parametrize("text, field, code, needle", [
    ("summary: S\noutcomes: x\n", "outcomes", "model.type", "expected a list ('- item' lines or [a, b]), got 'x'"),
    ("summary: S\noutcomes: []\n", "outcomes", "model.empty", "must list at least 1 item"),
    ("summary: S\noutcomes: [x]\n", "outcomes[0]", "model.type", "expected a mapping like {id: …, category: "),
    ("summary: S\noutcomes: {a: 1}\n", "outcomes", "model.type", "got a mapping"),
    ("summary: [a]\noutcomes: []\n", "summary", "model.text_type", "expected text, got a list"),
])
def test_type_errors(text, field, code, needle):
    _, problems = check(OutcomesFile, text)
    p = next(p for p in problems if p.field == field)
    assert p.code == code and needle in p.message, p.format()
    assert p.line == text.count("\n", 0, text.index(field.split("[")[0])) + 1


def test_nested_mapping_expected():
    text = OUTCOMES.replace("            target: {value: 2, unit: u, date: 2027-01-01}",
                            "            baseline: 5\n            target: {value: 2, unit: u, date: 2027-01-01}")
    _, problems = check(OutcomesFile, text)
    (p,) = problems
    assert p.format() == ("content/x/outcomes.yaml:21:23: outcomes[1].initiatives[0].kpis[2].baseline: "
                          "expected a mapping like {value: …, unit: …, date: YYYY-MM-DD}, got '5' [model.type]")


def test_value_errors_are_located_at_the_value():
    text = ("name: N\nindustry: I\nregion: R\nsegment: hi-touch\nsource_language: en\noutput_locales: [en, de]\n"
            "cs_manager: m\nplan: {version: 1, date: 2026-02-30}\ncontract: {start: 2026-01-01, end: 2027}\n"
            "summary: S\n")
    _, problems = check(CustomerFile, text, "c.yaml")
    assert sorted(lines(problems)) == sorted([
        "c.yaml:4:10: segment: 'hi-touch' is not one of: low_touch, middle_touch, high_touch; "
        "did you mean 'high_touch'? [model.choice]",
        "c.yaml:6:22: output_locales[1]: 'de' is not a supported locale; use one of en, ru, pl, sv [model.locale]",
        "c.yaml:8:26: plan.date: '2026-02-30' is not a day of the calendar [model.date_invalid]",
        "c.yaml:9:36: contract.end: '2027' is not a date; write YYYY-MM-DD (e.g. 2026-01-31) [model.date_format]",
    ])


def test_choice_accepts_spelling_variants():
    text = ("name: N\nindustry: I\nregion: R\nsegment: High Touch\nsource_language: en\noutput_locales: [en]\n"
            "cs_manager: m\nplan: {version: 1, date: 2026-01-01}\ncontract: {start: 2026-01-01, end: 2027-01-01}\n"
            "summary: S\n")
    value, problems = check(CustomerFile, text, "c.yaml")
    assert not problems and value.segment is Segment.HIGH_TOUCH


def test_model_is_silent_where_the_loader_already_reported():
    problems = Problems()
    doc = parse_yaml("stakeholders:\n  - &p {id: a, name: A, title: T, group: G, role: R, side: customer}\n"
                     "  - *p\n", "s.yaml", problems)
    assert [p.code for p in problems] == ["yaml.anchor", "yaml.alias"]
    assert validate_document(StakeholdersFile, doc, problems) is None  # the alias is unusable...
    assert [p.code for p in problems] == ["yaml.anchor", "yaml.alias"]  # ...but said only once


def test_every_section_has_a_model():
    assert tuple(SECTION_MODELS) == PLAN_SECTIONS == SECTIONS


def test_plan_attribute_access(make_customer):
    project, folder = make_customer()
    plan, problems = build_plan(load_customer(folder, "minimal", project.root))
    assert not problems
    assert plan.use_cases is plan.sections["use-cases"]
    assert plan.adoption_plan.milestones[0].id == "pilot-done"
    assert Plan("x").barriers is None
    with pytest.raises(AttributeError):
        plan.nonsense  # noqa: B018


def test_build_plan_unknown_files(make_customer):
    project, folder = make_customer()
    (folder / "outcome.yaml").write_text("a: 1\n")
    (folder / "notes.yaml").write_text("a: 1\n")
    (folder / "comms.yaml").write_text("a: 1\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "barriers.yaml").write_text("a: 1\n")
    plan, problems = build_plan(load_customer(folder, "minimal", project.root))
    assert sorted(lines(problems)) == [
        "content/minimal/comms.yaml: unknown file comms.yaml; section files are: adoption-plan.yaml, "
        "barriers.yaml, communication.yaml, customer.yaml, measurements.yaml, outcomes.yaml, "
        "process-change.yaml, solution.yaml, stakeholders.yaml, use-cases.yaml [file.unknown]",
        "content/minimal/notes.yaml: unknown file notes.yaml; section files are: adoption-plan.yaml, "
        "barriers.yaml, communication.yaml, customer.yaml, measurements.yaml, outcomes.yaml, "
        "process-change.yaml, solution.yaml, stakeholders.yaml, use-cases.yaml [file.unknown]",
        "content/minimal/outcome.yaml: unknown file outcome.yaml; did you mean outcomes.yaml? [file.unknown]",
        "content/minimal/sub/barriers.yaml: unknown file sub/barriers.yaml; did you mean barriers.yaml? "
        "[file.unknown]",
    ]
    assert len(plan.sections) == 10


def test_build_plan_marks_broken_sections(make_customer):
    project, folder = make_customer()
    (folder / "barriers.yaml").write_text("barriers: [\n")
    (folder / "outcomes.yaml").write_text("summary: S\noutcomes: []\n")
    plan, problems = build_plan(load_customer(folder, "minimal", project.root))
    assert plan.broken == {"barriers", "outcomes"}
    assert "barriers" not in plan.sections and "outcomes" not in plan.sections
    assert [p.code for p in problems] == ["model.empty"]  # the syntax error is the loader's


def test_yaml11_surprises_stay_as_typed(make_customer):
    project, folder = make_customer("broken/yaml11-surprises")
    result = check_customer(project, "yaml11-surprises")
    assert list(result.problems) == []
    customer = result.plan.customer
    assert customer.region == "NO"
    assert customer.plan.version == "1.10"
    solution = result.plan.solution.solutions[0]
    assert solution.solution == "NO"
    assert solution.serial_numbers == ["012345", "0x1F", "1e3"]
    assert solution.software_version == "1.10"
    assert solution.licenses[0].sku == "012345"
    assert solution.licenses[0].quantity == 500


def test_document_with_no_data_is_not_validated():
    problems = Problems()
    doc = Document(Path("x.yaml"), "x.yaml", {"stakeholders": None})
    assert validate_document(StakeholdersFile, doc, problems) is None
    (p,) = problems
    assert (p.line, p.col, p.code) == (1, 1, "model.missing")
