"""The reference view (pipeline/view/reference.py): tags, numbers from the readings, anonymization, labels."""

from __future__ import annotations

import re

import pytest

from conftest import copy_fixture
from pipeline.check import check_customer
from pipeline.i18n import PSEUDO_LOCALE, Translator
from pipeline.view import Heading, Para, Table
from pipeline.view.reference import reference_tags, reference_view


def view(tmp_path, fixture="valid/referenced", locale="en", edit=None):
    project = copy_fixture(fixture, tmp_path, "alpha")
    if edit:
        path = project.content / "alpha" / "reference.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    checked = check_customer(project, "alpha")
    assert checked.ok, [p.format() for p in checked.problems]
    return reference_view(checked.plan, locale, Translator(locale, pseudo_locale=locale == PSEUDO_LOCALE),
                          "content/alpha", b"logo-bytes")


def texts(blocks) -> list[str]:
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(b.text)
        elif isinstance(b, Para):
            out.append(b.text)
        elif isinstance(b, Table):
            out += b.header + [c.text for row in b.rows for c in row]
    return out


def every_text(doc) -> str:
    parts = [doc.title, doc.author, *doc.fields.values(), *(v for d in doc.dicts.values() for v in d.values())]
    parts += [t for blocks in doc.blocks.values() for t in texts(blocks)]
    return "\n".join(parts)


def test_the_view_provides_exactly_the_declared_tags(tmp_path):
    assert view(tmp_path).tags() == reference_tags()


def test_results_come_from_the_plan_never_retyped(tmp_path):
    doc = view(tmp_path)
    table = next(b for b in doc.blocks["results"] if isinstance(b, Table))
    rows = [[c.text for c in row] for row in table.rows]
    assert rows[0][:5] == ["Travel spend per month\nObjective (telemetry)", "€86,000 (Jan\u00a031,\u00a02026)",
                           "€80,000 (Jun\u00a030,\u00a02026)", "−€6,000 (−7%)", "€68,800"]
    assert rows[1][3] == "+170\u00a0meetings (+425%)"


def test_anonymized_view_hides_names_logo_and_links(tmp_path):
    def anonymize(text: str) -> str:
        text = text.replace("use: external", "use: anonymized\n  anonymized_as: a Polish logistics firm\n"
                            "  hide: [Minimal]")
        return text.replace("Managers drove", "Anna Kowalska and Minimal Logistics' managers drove")

    doc = view(tmp_path, edit=anonymize)
    text = every_text(doc)
    for name in ("Minimal", "Anna Kowalska", "Piotr Nowak", "Ola Svensson", "minimal.example"):
        assert name not in text
    assert "CFO and a Polish logistics firm' managers drove three hours" in text
    assert doc.fields["subtitle"] == "Customer reference · A Polish logistics firm"
    assert doc.blocks["logo"] == []
    links = [r.link for blocks in doc.blocks.values() for b in blocks if isinstance(b, Para) for r in b.runs]
    assert not any(links)


def test_an_external_reference_keeps_names_and_logo(tmp_path):
    doc = view(tmp_path)
    assert "Anna\u00a0Kowalska (CFO)" in every_text(doc)
    assert doc.blocks["logo"][0].data == b"logo-bytes"


def test_every_label_goes_through_the_translator(tmp_path):
    doc = view(tmp_path, locale=PSEUDO_LOCALE)
    for label in doc.dicts["labels"].values():
        assert label.startswith("[") and label.endswith("]"), label
    headers = [h for blocks in doc.blocks.values() for b in blocks if isinstance(b, Table) for h in b.header]
    assert headers and all(re.fullmatch(r"\[.*\]", h) for h in headers), headers
    headings = [b.text for blocks in doc.blocks.values() for b in blocks if isinstance(b, Heading)]
    assert headings and all(h.startswith("[") for h in headings)


@pytest.mark.parametrize(("locale", "date"), [("pl", "31\u00a0sty\u00a02026"), ("sv", "31\u00a0jan.\u00a02026"),
                                              ("ru", "31\u00a0янв.\u00a02026\u202fг.")])
def test_dates_and_numbers_follow_the_locale(tmp_path, locale, date):
    doc = view(tmp_path, locale=locale)
    table = next(b for b in doc.blocks["results"] if isinstance(b, Table))
    assert date in table.rows[0][1].text
    assert "86\u00a0000" in table.rows[0][1].text


def test_the_customer_facing_reference_leaves_out_segment_tier_and_stage_labels(tmp_path):
    project = copy_fixture("valid/referenced", tmp_path, "alpha")
    checked = check_customer(project, "alpha")
    _ = Translator("en")
    customer = "\n".join(texts(reference_view(checked.plan, "en", _, "content/alpha").blocks["profile"]))
    internal = reference_view(checked.plan, "en", _, "content/alpha", audience="internal")
    assert "Segment" not in customer and "CS service tier" not in customer
    assert "Segment" in "\n".join(texts(internal.blocks["profile"]))


def test_the_cover_states_the_computed_headline_and_shows_both_logos(tmp_path):
    project = copy_fixture("valid/referenced", tmp_path, "alpha")
    checked = check_customer(project, "alpha")
    doc = reference_view(checked.plan, "en", Translator("en"), "content/alpha", b"customer-logo",
                         partner=("Nexio", b"partner-logo"))
    assert doc.fields["headline"] == "Travel spend per month down 7% to €80,000"
    assert [p.data for p in doc.blocks["logo"]] == [b"customer-logo", b"partner-logo"]
    assert "Nexio" in "\n".join(texts(doc.blocks["cover"]))
