"""Rules of partner.yaml: RACI, org chart, the two references (pipeline/validate/partner.py via build.check_partner)."""

from __future__ import annotations

import shutil

import pytest

from pipeline.check import check_partner
from conftest import EXAMPLES
from docx_helpers import docx_project


def problems_of(tmp_path, partner: str = "minimal", references=("alpha", "beta")):
    return check_partner(docx_project(tmp_path, partner, references)).problems.items


def test_minimal_partner_checks_clean(tmp_path):
    assert problems_of(tmp_path) == []


# fixture -> (severity:code, "line:col", message fragment)
BROKEN = {
    "raci-two-accountable": ("error:raci.accountable", "22:48",
                             "activity 'Onboard' has 2 accountable roles (am, csm); a RACI has exactly one A"),
    "references-one": ("error:partner.references", "57:13", "name exactly 2 customers as references (found 1)"),
    "reference-unknown-customer": ("error:ref.unknown", "57:21", "no customer 'betta'; did you mean 'beta'?"),
    "raci-lookalike-letter": ("warning:raci.lookalike", "21:49",
                              "'Α' holds a character that only looks like A (U+0391); it is read as A"),
    "org-without-cs": ("error:org.no-cs", "48:5", "no Customer Success unit"),
}


@pytest.mark.parametrize("fixture", sorted(BROKEN))
def test_broken_partner_reports_one_located_problem(tmp_path, fixture):
    code, where, fragment = BROKEN[fixture]
    problems = problems_of(tmp_path, fixture)
    assert [(f"{p.severity.value}:{p.code}", p.path) for p in problems][:1] == [
        (code, "content/_partner/partner.yaml")]
    assert f"{problems[0].line}:{problems[0].col}" == where
    assert fragment in problems[0].message


def test_lookalike_letters_warn_but_still_count(tmp_path):
    problems = problems_of(tmp_path, "raci-lookalike-letter")
    assert [p.code for p in problems] == ["raci.lookalike", "raci.lookalike"]
    assert not [p for p in problems if p.is_error]


def test_a_reference_customer_needs_reference_yaml(tmp_path):
    project = docx_project(tmp_path)
    (project.content / "beta" / "reference.yaml").unlink()
    [problem] = check_partner(project).problems.items
    assert problem.format() == (
        "content/_partner/partner.yaml:58:21: references[1]: customer 'beta' has no reference.yaml; write "
        "content/beta/reference.yaml (with the customer's consent) or name another customer [reference.missing]")


def test_the_health_score_model_must_be_described_somewhere(tmp_path):
    project = docx_project(tmp_path)
    path = project.content / "_partner" / "partner.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  health_score: Ten scorecard fields at 2% each plus telemetry at 80%.\n", ""), encoding="utf-8")
    assert [p.code for p in check_partner(project).problems] == ["partner.no-health-model"]
    shutil.copy(EXAMPLES / "_partner" / "health-model.yaml",
                project.content / "_partner" / "health-model.yaml")
    assert check_partner(project).ok


def test_missing_partner_file_is_one_problem(tmp_path):
    project = docx_project(tmp_path)
    (project.content / "_partner" / "partner.yaml").unlink()
    assert [p.format() for p in check_partner(project).problems] == [
        "content/_partner/partner.yaml: missing; write the partner's answers to the questionnaire there (see README) "
        "[section.missing]"]
