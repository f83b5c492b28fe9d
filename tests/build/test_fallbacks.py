"""Content that falls back to the language it was written in: announced by customer-facing builds, marked in the
dump, refused by the vendor-facing questionnaire unless the reference allows it."""

from __future__ import annotations

import pytest

from conftest import EPOCH_2026_11_22
from docx_helpers import docx_project
from pipeline.build import build
from pipeline.dump import dump
from pipeline.i18n_fallback import ANNOUNCE_EACH
from pipeline.registry import Target, partner_target


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))


def _write_in_swedish(project, name: str) -> None:
    """Make ``name``'s content Swedish: its plain texts then have no English version."""
    path = project.content / name / "customer.yaml"
    path.write_text(path.read_text("utf-8").replace("source_language: en", "source_language: sv"), "utf-8")


def test_the_english_questionnaire_refuses_a_reference_written_in_swedish(tmp_path):
    project = docx_project(tmp_path)
    _write_in_swedish(project, "alpha")
    result = build(project, partner_target("questionnaire", "en"))
    refused = [p for p in result.problems.errors if p.code == "i18n.fallback-refused"]
    assert refused and not result.written
    p = refused[0]
    assert p.path == "content/alpha/reference.yaml" and p.line > 0
    assert "no en text; the en questionnaire, which goes to the vendor, would show the sv text" in p.message
    assert "allow_fallback: true" in p.message


def test_allow_fallback_lets_the_questionnaire_show_the_swedish_text_tagged_swedish(tmp_path):
    project = docx_project(tmp_path)
    _write_in_swedish(project, "alpha")
    ref = project.content / "alpha" / "reference.yaml"
    ref.write_text(ref.read_text("utf-8") + "allow_fallback: true\n", "utf-8")
    result = build(project, partner_target("questionnaire", "en"))
    assert result.ok, [p.message for p in result.problems.errors]
    [docx] = result.written
    assert "⟦sv: " in dump(docx)  # the dump marks the fallback text with its language


def test_a_customer_facing_build_announces_its_fallbacks(tmp_path):
    project = docx_project(tmp_path)
    _write_in_swedish(project, "alpha")
    result = build(project, Target("alpha", "reference", "en"))
    assert result.ok
    notes = [p for p in result.problems.warnings if p.code == "i18n.fallback"]
    if len(notes) == 1 and "texts have no en version" in notes[0].message:
        assert notes[0].path == "content/alpha"
        assert "list them with: csplan check --lang en alpha" in notes[0].message
        assert "(sv)" in notes[0].message
    else:  # a few: one line each, at the text
        assert 0 < len(notes) <= ANNOUNCE_EACH and all(p.line for p in notes)


def test_a_build_in_the_source_language_announces_nothing(tmp_path):
    project = docx_project(tmp_path)
    result = build(project, Target("alpha", "reference", "en"))
    assert result.ok and not [p for p in result.problems if p.code.startswith("i18n.fallback")]
