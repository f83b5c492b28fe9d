"""reference.yaml as a model: fields, choices and located errors (pipeline/model/reference.py)."""

from __future__ import annotations

from datetime import date

from conftest import copy_fixture
from pipeline.load import load_customer
from pipeline.model import build_plan
from pipeline.model.reference import ConsentUse


def plan_of(tmp_path, fixture: str, edit=None):
    project = copy_fixture(fixture, tmp_path, "alpha")
    folder = project.content / "alpha"
    if edit:
        path = folder / "reference.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    source = load_customer(folder, "alpha", project.root)
    plan, problems = build_plan(source)
    problems.extend(source.problems)
    return plan, problems


def test_reference_is_modelled_next_to_the_plan(tmp_path):
    plan, problems = plan_of(tmp_path, "valid/referenced")
    assert not problems
    ref = plan.sections["reference"]
    assert ref.consent.use is ConsentUse.EXTERNAL
    assert (ref.consent.date, ref.consent.until) == (date(2026, 10, 1), date(2027, 9, 30))
    assert ref.results.kpis == ["travel-spend", "meetings"]
    assert ref.quote.by == "cfo-anna"
    assert ref.profile.products == [] and ref.solution.solutions == []  # default: every solution


def test_misspelled_consent_key_is_located(tmp_path):
    plan, problems = plan_of(tmp_path, "valid/referenced", lambda t: t.replace("  until:", "  untill:"))
    assert [p.format() for p in problems] == [
        "content/alpha/reference.yaml:20:3: consent.untill: unknown key 'untill'; did you mean 'until'? (known keys: "
        "use, approved_by, date, until, withdrawn, anonymized_as, anonymized_region, hide, note) [model.unknown-key]",
    ]
    assert "reference" not in plan.sections


def test_consent_use_must_be_a_known_use(tmp_path):
    _plan, problems = plan_of(tmp_path, "valid/referenced", lambda t: t.replace("use: external", "use: public"))
    assert [(p.location(), p.code) for p in problems] == [("content/alpha/reference.yaml:17:8", "model.choice")]
    assert "internal, external, anonymized" in problems.items[0].message


def test_characters_office_cannot_hold_are_refused_with_file_line_and_field(tmp_path):
    _plan, problems = plan_of(tmp_path, "references/control-char-in-reference")
    assert [p.format() for p in problems] == [
        "content/alpha/reference.yaml:14:9: quote.text: U+0007 control character (from an escape sequence) cannot "
        "be stored in an Office file; remove it [text.control-char]",
    ]
