"""Cross-file rules of reference.yaml and the consent gate (pipeline/validate/reference.py)."""

from __future__ import annotations

import pytest

from conftest import copy_fixture
from pipeline.check import check_customer
from pipeline.validate.reference import consent_gate


def checked(tmp_path, fixture: str):
    project = copy_fixture(fixture, tmp_path, "alpha")
    return check_customer(project, "alpha")


def test_a_valid_reference_checks_clean(tmp_path):
    result = checked(tmp_path, "valid/referenced")
    assert [p.format() for p in result.problems] == []


# fixture -> every problem `csplan check` reports: (severity:code, "line:col"), and a fragment of the first message
CHECK = {
    "consent-expired": ([("warning:consent.expired", "20:10")],
                        "customer 'alpha': consent expired on 2026-09-30; ask the customer to renew it"),
    "consent-withdrawn": ([("warning:consent.withdrawn", "21:14")],
                          "customer 'alpha' withdrew its consent on 2026-11-15"),
    # Ended before it began, so also expired by now.
    "consent-until-before-date": ([("error:date.order", "20:10"), ("warning:consent.expired", "20:10")],
                                  "consent runs until 2026-09-01, before it was given"),
    "reference-unknown-kpi": ([("error:ref.unknown", "12:24")], "unknown KPI 'meeting'; did you mean 'meetings'?"),
    "quote-without-speaker": ([("error:reference.quote-speaker", "14:3")], "the quote needs its speaker: add by: …"),
    "anonymized-without-name": ([("error:consent.anonymized-as", "17:3")], "anonymized consent needs the name"),
}


@pytest.mark.parametrize("fixture", sorted(CHECK))
def test_broken_reference_reports_located_problems(tmp_path, fixture):
    expected, fragment = CHECK[fixture]
    problems = checked(tmp_path, f"references/{fixture}").problems.items
    assert [(f"{p.severity.value}:{p.code}", f"{p.line}:{p.col}") for p in problems] == expected
    assert {p.path for p in problems} == {"content/alpha/reference.yaml"}
    assert fragment in problems[0].message


def test_internal_consent_is_fine_for_the_reference_itself(tmp_path):
    result = checked(tmp_path, "references/consent-internal-only")
    assert not result.problems
    assert not consent_gate(result.plan, "content/alpha", "reference")


@pytest.mark.parametrize(("fixture", "purpose", "codes"), [
    ("valid/referenced", "questionnaire", []),
    ("references/consent-internal-only", "questionnaire", ["consent.internal"]),
    ("references/consent-expired", "reference", ["consent.expired"]),
    ("references/consent-expired", "questionnaire", ["consent.expired"]),
    ("references/consent-withdrawn", "questionnaire", ["consent.withdrawn"]),
])
def test_consent_gate(tmp_path, fixture, purpose, codes):
    result = checked(tmp_path, fixture)
    gate = consent_gate(result.plan, "content/alpha", purpose)
    assert [p.code for p in gate] == codes
    assert all(p.is_error and p.path == "content/alpha/reference.yaml" for p in gate)


def test_a_result_kpi_needs_a_reading(tmp_path):
    project = copy_fixture("valid/referenced", tmp_path, "alpha")
    ms = project.content / "alpha" / "measurements.yaml"
    ms.write_text(ms.read_text(encoding="utf-8").replace("  - {kpi: meetings, date: 2026-11-15, value: 210}\n", ""),
                  encoding="utf-8")
    problems = [p for p in check_customer(project, "alpha").problems if p.code == "reference.no-reading"]
    assert [p.format() for p in problems] == [
        "content/alpha/reference.yaml:12:24: results.kpis[1]: KPI 'meetings' has no reading in measurements.yaml; "
        "a reference shows the achieved value, so add a reading or leave the KPI out [reference.no-reading]"]


def test_consent_must_come_from_the_customer(tmp_path):
    project = copy_fixture("valid/referenced", tmp_path, "alpha")
    ref = project.content / "alpha" / "reference.yaml"
    ref.write_text(ref.read_text(encoding="utf-8").replace("approved_by: cfo-anna", "approved_by: csm-ola"),
                   encoding="utf-8")
    codes = [p.code for p in check_customer(project, "alpha").problems]
    assert codes == ["consent.approver"]
