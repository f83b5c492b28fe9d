"""The questionnaire view (pipeline/view/questionnaire.py): every question answered, the model of health, RACI."""

from __future__ import annotations

from pipeline.check import check_customer, check_partner
from pipeline.i18n import PSEUDO_LOCALE, Translator
from pipeline.view import Heading, Table
from pipeline.view.questionnaire import QUESTIONS, questionnaire_tags, questionnaire_view
from docx_helpers import docx_project, repo_project
from test_view_reference import texts


def document(project, locale="en"):
    checked = check_partner(project)
    assert checked.ok, [p.format() for p in checked.problems]
    partner, health = checked.plan, checked.health_model
    refs = [(check_customer(project, name).plan, f"content/{name}") for name in partner.references]
    return questionnaire_view(partner, refs, locale, Translator(locale, pseudo_locale=locale == PSEUDO_LOCALE),
                              health)


def test_every_question_is_asked_and_answered(tmp_path):
    doc = document(docx_project(tmp_path))
    assert doc.tags() == questionnaire_tags()
    for q in QUESTIONS:
        assert doc.dicts["labels"][q] and doc.dicts["questions"][q]
        assert len(" ".join(texts(doc.blocks[q]))) > 40, q


def test_both_references_are_included_with_lower_headings(tmp_path):
    doc = document(docx_project(tmp_path))
    headings = [(b.level, b.text) for b in doc.blocks["q7"] if isinstance(b, Heading)]
    assert (2, "Reference 1: Minimal Logistics") in headings and (2, "Reference 2: Minimal Logistics") in headings
    assert (3, "Customer profile") in headings and (4, "Pain points") in headings


def test_the_raci_shows_one_column_per_role(tmp_path):
    doc = document(docx_project(tmp_path))
    raci = next(b for b in doc.blocks["q2"] if isinstance(b, Table) and b.header[:2] == ["Stage", "Activity"])
    assert raci.header == ["Stage", "Activity", "AM", "CSM"]
    assert [[c.text for c in row] for row in raci.rows] == [["Land", "Need", "A", "C"], ["Adopt", "Onboard", "A", "R"]]


def test_health_model_comes_from_health_model_yaml(tmp_path):
    doc = document(repo_project(tmp_path))
    text = "\n".join(texts(doc.blocks["q2"]))
    assert "Overall score = 20% subjective scorecard + 80% objective telemetry" in text
    assert "Stakeholders identified" in text and "Prior product removed" in text
    assert "0–1 → 1" in text and "over 40% to under 89% → 7" in text


def test_health_bands_read_as_contiguous_ranges_with_their_gaps_named(tmp_path):
    doc = document(repo_project(tmp_path))
    text = "\n".join(texts(doc.blocks["q2"]))
    # The seed's model leaves 89–90 % of the CUCM/KW ratio unscored: said in its place, between its neighbours.
    assert "over 40% to under 89% → 7\n89% to under 90%: in no band of the model, not scored\n90% and over → 10" in text
    assert "50%: in no band of the model, not scored" in text


def test_every_label_goes_through_the_translator(tmp_path):
    doc = document(docx_project(tmp_path), PSEUDO_LOCALE)
    for d in doc.dicts.values():
        assert all(v.startswith(("[", "1. [", "2. [", "3. [", "4. [", "5. [", "6. [", "7. [")) for v in d.values())
    assert doc.fields["notice"].startswith("[")


def test_the_org_chart_is_drawn_with_every_unit_in_its_alt_text(tmp_path):
    from pipeline.view import OrgChart

    doc = document(repo_project(tmp_path))
    [chart] = [b for b in doc.blocks["q4"] if isinstance(b, OrgChart)]
    names = [u.name for u in chart.units]
    assert names[0] == "Management board" and chart.units[0].parent is None
    cs = names.index("Customer Success practice")
    assert chart.units[cs].highlight and chart.units[names.index("Renewals")].parent == cs
    assert all(name in chart.description for name in names)
    assert "Renewals (Tomasz Nowicki, 6 people), reporting to Customer Success practice" in chart.description


def test_the_raci_merges_stage_cells_and_centres_its_letters_a_in_bold(tmp_path):
    doc = document(repo_project(tmp_path))
    raci = next(b for b in doc.blocks["q2"] if isinstance(b, Table) and b.header[:2] == ["Stage", "Activity"])
    assert raci.group == 0 and all(row[0].text for row in raci.rows)  # repeated, merged by the renderer
    letters = [c for row in raci.rows for c in row[2:] if c.text]
    assert all(c.align == "center" for c in letters)
    assert all(c.paras[0].runs[0].bold == ("A" in c.text) for c in letters)
