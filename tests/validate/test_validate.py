"""Tests for pipeline.validate: cross-section rules, each on the minimal customer with one edit."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import copy_fixture
from pipeline.check import check_customer
from pipeline.problems import Severity
from pipeline.validate import STALE_AFTER_DAYS, today


@pytest.fixture
def edit(tmp_path):
    """Return ``run((file, old, new), ...) -> problems`` checking minimal after replacing text."""
    runs = iter(range(1000))

    def run(*edits: tuple[str, str, str], remove: tuple[str, ...] = ()):
        project = copy_fixture("valid/minimal", tmp_path / f"run{next(runs)}")
        folder = project.content / "minimal"
        for name, old, new in edits:
            path = folder / name
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {name}"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        for name in remove:
            (folder / name).unlink()
        return list(check_customer(project, "minimal").problems)

    return run


def one(problems, code=None):
    hits = [p for p in problems if code is None or p.code == code]
    assert len(hits) == 1 and len(problems) == 1, [p.format() for p in problems]
    return hits[0]


def fmt(problems):
    return [p.format() for p in problems]


# ------------------------------------------------------------------ today

def test_today_follows_source_date_epoch(monkeypatch):
    assert today() == date(2026, 11, 22)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")
    assert today() == date(1980, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert today() == date.today()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert today() == date.today()


def test_minimal_is_clean(edit):
    assert edit() == []


# ------------------------------------------------------------------ sections

def test_missing_section(edit):
    p = one(edit(remove=("barriers.yaml",)))
    assert p.format() == ("content/minimal/barriers.yaml: missing section file; create barriers.yaml "
                          "(`csplan new` writes a commented example of every section) [section.missing]")


def test_broken_section_does_not_cascade(edit):
    # stakeholders.yaml is unusable: nobody may be called "unknown stakeholder" because of it.
    problems = edit(("stakeholders.yaml", "stakeholders:", "stakeholders: ["))
    assert [p.code for p in problems] == ["yaml.syntax"]


def test_broken_outcomes_do_not_cascade(edit):
    problems = edit(("outcomes.yaml", "priority: 1", "priority: high"))
    assert [p.code for p in problems] == ["model.number"]


# ------------------------------------------------------------------ ids and references

def test_duplicate_id_first_one_wins(edit):
    problems = edit(("stakeholders.yaml", "  - id: csm-ola\n", "  - id: cfo-anna\n"))
    dup = [p for p in problems if p.code == "ref.duplicate-id"]
    assert fmt(dup) == ["content/minimal/stakeholders.yaml:16:9: stakeholders[2].id: stakeholder id 'cfo-anna' "
                        "is already used at stakeholders.yaml:2; ids must be unique [ref.duplicate-id]"]
    # csm-ola is gone, so references to it are unknown; the sponsor (first cfo-anna) still counts.
    assert {p.code for p in problems} == {"ref.duplicate-id", "ref.unknown"}


def test_outcome_initiative_kpi_share_one_namespace(edit):
    problems = edit(("outcomes.yaml", "      - id: travel\n", "      - id: cost\n"))
    p = next(p for p in problems if p.code == "ref.duplicate-id")
    assert p.field == "outcomes[0].initiatives[0].id"
    assert "outcome/initiative/KPI id 'cost' is already used at outcomes.yaml:3" in p.message


def test_duplicate_kpi_ids_still_get_smart_checks(edit):
    problems = edit(("outcomes.yaml", "          - id: meetings\n", "          - id: travel-spend\n"),
                    ("outcomes.yaml", "target: {value: 400, unit: {en: meetings, pl: {one: spotkanie, few: spotkania, many: spotkań, other: spotkania}},", "target: {value: 400, unit: hours,"),
                    ("measurements.yaml", "{kpi: meetings,", "{kpi: travel-spend,"),
                    ("adoption-plan.yaml", "kpis: [meetings]", "kpis: [travel-spend]"))
    assert sorted(p.code for p in problems) == ["kpi.unit", "ref.duplicate-id"]


@pytest.mark.parametrize("file, old, new, field, message", [
    ("customer.yaml", "cs_manager: csm-ola", "cs_manager: csm-ol", "cs_manager",
     "unknown stakeholder 'csm-ol'; did you mean 'csm-ola'? (stakeholder ids are defined in stakeholders.yaml)"),
    ("customer.yaml", "account_team: [csm-ola]", "account_team: [csm-ola, nobody]", "account_team[1]",
     "unknown stakeholder 'nobody'; (stakeholder ids are defined in stakeholders.yaml)"),
    ("solution.yaml", "outcomes: [cost]", "outcomes: [costs]", "solutions[0].outcomes[0]",
     "unknown outcome 'costs'; did you mean 'cost'? (outcome ids are defined in outcomes.yaml)"),
    ("outcomes.yaml", "owner: cfo-anna", "owner: cfo", "outcomes[0].initiatives[0].kpis[0].owner",
     "unknown stakeholder 'cfo'; (stakeholder ids are defined in stakeholders.yaml)"),
    ("use-cases.yaml", "members: [it-piotr]", "members: [it-pjotr]", "groups[0].members[0]",
     "unknown stakeholder 'it-pjotr'; did you mean 'it-piotr'? (stakeholder ids are defined in stakeholders.yaml)"),
    ("use-cases.yaml", "champion: it-piotr", "champion: x", "groups[0].champion", "unknown stakeholder 'x'"),
    ("use-cases.yaml", "groups: [pilot]", "groups: [pilots]", "use_cases[0].groups[0]",
     "unknown group 'pilots'; did you mean 'pilot'? (group ids are defined in use-cases.yaml groups)"),
    ("use-cases.yaml", "people: [it-piotr]", "people: [piotr]", "use_cases[0].people[0]", "unknown stakeholder"),
    ("use-cases.yaml", "outcomes: [cost]", "outcomes: [travel]", "use_cases[0].outcomes[0]",
     "unknown outcome 'travel'"),
    ("use-cases.yaml", "kpis: [travel-spend]", "kpis: [travel-spnd]", "use_cases[0].kpis[0]",
     "unknown KPI 'travel-spnd'; did you mean 'travel-spend'? (KPI ids are defined in outcomes.yaml)"),
    ("barriers.yaml", "owner: it-piotr", "owner: it", "barriers[0].owner", "unknown stakeholder 'it'"),
    ("adoption-plan.yaml", "outcomes: [cost]", "outcomes: [c0st]", "milestones[0].outcomes[0]",
     "unknown outcome 'c0st'; did you mean 'cost'?"),
    ("adoption-plan.yaml", "kpis: [meetings]", "kpis: [meeting]", "milestones[0].kpis[0]",
     "unknown KPI 'meeting'; did you mean 'meetings'?"),
    ("adoption-plan.yaml", "owner: csm-ola", "owner: ola", "tasks[0].owner", "unknown stakeholder 'ola'"),
    ("adoption-plan.yaml", "milestone: pilot-done", "milestone: pilot", "tasks[0].milestone",
     "unknown milestone 'pilot'; did you mean 'pilot-done'? (milestone ids are defined in adoption-plan.yaml "
     "milestones)"),
    ("adoption-plan.yaml", "success_criteria:", "adoption_journeys:\n  - {technology: T, stages: [a], "
     "outcomes: [cost], kpis: [nope]}\nsuccess_criteria:", "adoption_journeys[0].kpis[0]", "unknown KPI 'nope'"),
    ("process-change.yaml", "owner: cfo-anna", "owner: anna", "processes[0].owner", "unknown stakeholder 'anna'"),
    ("process-change.yaml", "validated_with: [cfo-anna]", "validated_with: [cfo-anna, cfo-ana]",
     "processes[0].validated_with[1]", "unknown stakeholder 'cfo-ana'; did you mean 'cfo-anna'?"),
    ("measurements.yaml", "kpi: travel-spend", "kpi: spend", "readings[0].kpi", "unknown KPI 'spend'"),
    ("measurements.yaml", "outcome: cost", "outcome: cots", "statements[0].outcome",
     "unknown outcome 'cots'; did you mean 'cost'?"),
    ("measurements.yaml", "by: cfo-anna", "by: ceo", "statements[0].by", "unknown stakeholder 'ceo'"),
    ("measurements.yaml", "initiative: travel", "initiative: travl", "statements[0].initiative",
     "unknown initiative 'travl'; did you mean 'travel'? (initiative ids are defined in outcomes.yaml)"),
])
def test_unknown_references(edit, file, old, new, field, message):
    p = one(edit((file, old, new)), "ref.unknown")
    assert p.field == field
    assert p.path == f"content/minimal/{file}"
    assert p.message.startswith(message) and p.line > 0 and p.col > 0
    assert p.severity is Severity.ERROR


def test_reference_is_located_at_its_value(edit):
    p = one(edit(("barriers.yaml", "owner: it-piotr", "owner: it-petr")))
    assert (p.line, p.col) == (8, 12)


def test_statement_initiative_of_another_outcome(edit):
    problems = edit(("outcomes.yaml", "  - id: cost\n", "  - id: cost\n    description: x\n"),
                    ("outcomes.yaml", "summary: Travel is the largest controllable cost.\noutcomes:\n",
                     "summary: S\noutcomes:\n  - {id: other, category: security, title: O, priority: 2, initiatives: "
                     "[{id: other-ini, title: OI, kpis: [{id: ok, description: D, baseline: {value: 1, unit: {other: u}, "
                     "date: 2026-01-01}, target: {value: 2, unit: {other: u}, date: 2027-01-01}, how_measured: H, frequency: "
                     "yearly, owner: cfo-anna}]}]}\n"),
                    ("measurements.yaml", "initiative: travel", "initiative: other-ini"))
    p = one(problems, "ref.mismatch")
    assert p.message == "initiative 'other-ini' belongs to outcome 'other', not 'cost'"


# ------------------------------------------------------------------ customer.yaml

def test_cs_manager_not_on_partner_side_is_a_warning(edit):
    p = one(edit(("customer.yaml", "cs_manager: csm-ola", "cs_manager: it-piotr")))
    assert (p.code, p.severity, p.field) == ("ref.side", Severity.WARNING, "cs_manager")


@pytest.mark.parametrize("old, new, field, needle", [
    ("  end: 2027-12-31", "  end: 2026-01-01", "contract.end", "contract ends (2026-01-01) on or before it starts"),
    ("  renewal: 2027-10-01", "  renewal: 2025-10-01", "contract.renewal", "renewal date is before the contract"),
])
def test_contract_dates(edit, old, new, field, needle):
    p = one(edit(("customer.yaml", old, new)), "date.order")
    assert p.field == field and needle in p.message


def test_plan_date_in_future(edit):
    p = one(edit(("customer.yaml", "  date: 2026-11-01", "  date: 2026-11-23")), "date.future")
    assert (p.line, p.col, p.field) == (13, 9, "plan.date")


def test_plan_date_today_is_fine(edit):
    assert edit(("customer.yaml", "  date: 2026-11-01", "  date: 2026-11-22")) == []


def test_stale_plan_boundary(edit):
    assert STALE_AFTER_DAYS == 90
    # 2026-08-24 is 90 days before 2026-11-22: still fresh; one day earlier is stale.
    assert edit(("customer.yaml", "  date: 2026-11-01", "  date: 2026-08-24")) == []
    p = one(edit(("customer.yaml", "  date: 2026-11-01", "  date: 2026-08-23")), "plan.stale")
    assert p.severity is Severity.WARNING
    assert "91 days ago" in p.message


def test_duplicate_output_locale(edit):
    p = one(edit(("customer.yaml", "output_locales: [en, pl]", "output_locales: [en, pl, en]")))
    assert (p.code, p.field) == ("model.duplicate", "output_locales")


@pytest.mark.parametrize("logo, code", [
    ("../../etc/passwd", "asset.outside"), ("/etc/passwd", "asset.outside"), ("logo.png", "asset.outside"),
    ("assets/../../x.png", "asset.outside"), ("assets/missing.png", "asset.missing"),
])
def test_logo_path(edit, logo, code):
    p = one(edit(("customer.yaml", "logo: assets/logo.png", f"logo: {logo}")), code)
    assert (p.line, p.col, p.field) == (19, 7, "logo")


def test_logo_format(make_customer):
    project, folder = make_customer(name="other")
    (folder / "assets" / "logo.svg").write_text("<svg/>")
    text = (folder / "customer.yaml").read_text()
    (folder / "customer.yaml").write_text(text.replace("assets/logo.png", "assets/logo.svg"))
    problems = list(check_customer(project, "other").problems)
    assert [p.code for p in problems] == ["asset.format"]


def test_no_logo_is_fine(edit):
    assert edit(("customer.yaml", "logo: assets/logo.png\n", "")) == []


# ------------------------------------------------------------------ stakeholders.yaml

def test_no_sponsor(edit):
    p = one(edit(("stakeholders.yaml", "    sponsor: true\n", "")))
    assert p.format() == ("content/minimal/stakeholders.yaml:2:3: stakeholders: no customer sponsor; mark the "
                          "customer's sponsor with 'sponsor: true' (and side: customer) [plan.no-sponsor]")


def test_partner_sponsor_does_not_count(edit):
    problems = edit(("stakeholders.yaml", "    sponsor: true\n", ""),
                    ("stakeholders.yaml", "    side: partner\n", "    side: partner\n    sponsor: yes\n"))
    assert [p.code for p in problems] == ["plan.no-sponsor"]


def test_no_end_user_group_warning(edit):
    p = one(edit(("stakeholders.yaml", "    end_user_group: true\n", "")))
    assert (p.code, p.severity) == ("plan.no-end-users", Severity.WARNING)


# ------------------------------------------------------------------ outcomes.yaml: SMART KPIs

def test_target_not_after_baseline(edit):
    problems = edit(("outcomes.yaml", "target: {value: 400, unit: {en: meetings, pl: {one: spotkanie, few: spotkania, many: spotkań, other: spotkania}}, date: 2027-01-31}",
                     "target: {value: 400, unit: {en: meetings, pl: {one: spotkanie, few: spotkania, many: spotkań, other: spotkania}}, date: 2026-01-31}"))
    smart = [p for p in problems if p.code == "kpi.smart"]
    assert fmt(smart) == [
        "content/minimal/outcomes.yaml:22:133: outcomes[0].initiatives[0].kpis[1].target.date: the target is due "
        "2026-01-31, not after the baseline (2026-01-31); a SMART KPI is time-bound [kpi.smart]"]
    assert {p.code for p in problems} == {"kpi.smart", "kpi.overdue"}


def test_unit_mismatch(edit):
    p = one(edit(("outcomes.yaml", "target: {value: 68800, unit: EUR,", "target: {value: 68800, unit: eur,")))
    assert (p.code, p.field, p.line, p.col) == ("kpi.unit", "outcomes[0].initiatives[0].kpis[0].target.unit", 15, 42)
    assert p.message == "unit 'eur' differs from the baseline's 'EUR'; measure both the same way"


def test_target_equals_baseline_is_a_warning(edit):
    p = one(edit(("outcomes.yaml", "target: {value: 68800,", "target: {value: 86000.0,")))
    assert (p.code, p.severity, p.field) == ("kpi.smart", Severity.WARNING,
                                             "outcomes[0].initiatives[0].kpis[0].target.value")


def test_target_before_plan_date_is_a_warning(edit):
    p = one(edit(("outcomes.yaml", "unit: EUR, date: 2026-12-31}", "unit: EUR, date: 2026-10-31}")))
    assert (p.code, p.severity) == ("kpi.overdue", Severity.WARNING)


# ------------------------------------------------------------------ barriers, plan, process, communication

def test_barrier_without_resolution_is_a_warning(edit):
    p = one(edit(("barriers.yaml", "    resolution_path: Equip two rooms per site.\n", "")))
    assert p.format() == ("content/minimal/barriers.yaml:2:5: warning: barriers[0]: barrier 'rooms' has no "
                          "resolution_path; track every barrier with how it will be resolved "
                          "[barrier.no-resolution]")


def test_barrier_timeframe_order(edit):
    p = one(edit(("barriers.yaml", "end: 2026-12-31}", "end: 2026-01-31}")))
    assert (p.code, p.field) == ("date.order", "barriers[0].timeframe.end")


def test_phase_order(edit):
    p = one(edit(("adoption-plan.yaml", "    end: 2026-06-30", "    end: 2026-01-30")))
    assert (p.code, p.field, p.line, p.col) == ("date.order", "phases[0].end", 5, 10)


def test_process_validated_in_future(edit):
    p = one(edit(("process-change.yaml", "validated_on: 2026-03-15", "validated_on: 2026-11-23")))
    assert (p.code, p.field) == ("date.future", "processes[0].validated_on")


def test_activity_completed_before_due(edit):
    p = one(edit(("communication.yaml", "completed: 2026-02-16", "completed: 2026-02-14")))
    assert (p.code, p.field) == ("date.order", "activities[0].completed")


def test_completed_activity_without_date_is_a_warning(edit):
    p = one(edit(("communication.yaml", "    completed: 2026-02-16\n", "")))
    assert (p.code, p.severity, p.field) == ("activity.no-date", Severity.WARNING, "activities[0]")


# ------------------------------------------------------------------ measurements.yaml

def test_reading_before_baseline(edit):
    p = one(edit(("measurements.yaml", "date: 2026-06-30", "date: 2026-01-30")))
    assert p.format() == ("content/minimal/measurements.yaml:2:31: readings[0].date: reading dated 2026-01-30, "
                          "before the KPI's baseline (2026-01-31) [reading.date]")


def test_reading_on_baseline_day_and_today_are_fine(edit):
    assert edit(("measurements.yaml", "date: 2026-06-30", "date: 2026-01-31"),
                ("measurements.yaml", "date: 2026-11-15", "date: 2026-11-22")) == []


def test_reading_in_future(edit):
    p = one(edit(("measurements.yaml", "date: 2026-11-15", "date: 2026-11-23")))
    assert (p.code, p.message) == ("reading.date", "reading dated 2026-11-23, in the future")


def test_second_reading_same_day(edit):
    p = one(edit(("measurements.yaml", "{kpi: meetings, date: 2026-11-15,", "{kpi: travel-spend, date: 2026-06-30,")))
    assert (p.code, p.field) == ("reading.duplicate", "readings[1].date")
    assert "first is readings[0]" in p.message


def test_no_readings_is_a_warning(edit):
    text = "readings: []\n"
    p = one(edit(("measurements.yaml",
                  "readings:\n  - {kpi: travel-spend, date: 2026-06-30, value: 80000, source: finance report}\n"
                  "  - {kpi: meetings, date: 2026-11-15, value: 210}\n", text)))
    assert (p.code, p.severity) == ("measurements.empty", Severity.WARNING)


def test_only_artifact_requirements_are_missing(make_customer):
    project, folder = make_customer()
    (folder / "barriers.yaml").unlink()
    assert [p.code for p in check_customer(project, "minimal").problems] == ["section.missing"]
    assert [p.code for p in check_customer(project, "minimal", artifacts=["cs-plan"]).problems] == \
        ["section.missing"]


def test_a_free_text_unit_without_the_polish_plural_forms_is_a_warning_naming_field_and_locale(edit):
    old = "{en: meetings, pl: {one: spotkanie, few: spotkania, many: spotkań, other: spotkania}}"
    problems = edit(("outcomes.yaml", f"baseline: {{value: 40, unit: {old},", "baseline: {value: 40, unit: meetings,"),
                    ("outcomes.yaml", f"target: {{value: 400, unit: {old},", "target: {value: 400, unit: meetings,"))
    p = one(problems, "kpi.unit-plural")
    assert not p.is_error and p.field == "outcomes[0].initiatives[0].kpis[1].baseline.unit"
    assert "'meetings' has no many form, which the pl deck needs" in p.message
