"""partner.yaml as a model and RACI letters (pipeline/model/partner.py)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, FIXTURES
from pipeline.load import read_file
from pipeline.model import validate_document
from pipeline.model.partner import HandoffKind, PartnerFile, raci_letter
from pipeline.problems import Problems


def model(path):
    problems = Problems()
    doc = read_file(path, "content/_partner/partner.yaml", problems)
    return validate_document(PartnerFile, doc, problems), problems


def test_minimal_partner_models_cleanly():
    partner, problems = model(FIXTURES / "partner" / "minimal" / "partner.yaml")
    assert not problems
    assert partner.references == ["alpha", "beta"]
    assert partner.lifecycle.handoffs[0].kind is HandoffKind.GENERIC
    assert [s.step for s in partner.lifecycle.handoffs[0].execution_plan] == [
        "Gather the kickoff inputs", "Introduce the CSM"]


def test_the_example_partner_models_cleanly():
    partner, problems = model(EXAMPLES / "_partner" / "partner.yaml")
    assert not problems
    assert len(partner.lifecycle.raci) == 14


@pytest.mark.parametrize(("raw", "letter"), [
    ("A", "A"), ("r/a", "R/A"), ("R / A", "R/A"), ("\u0391", "A"), ("\u0410", "A"), ("\u0421", "C"),
    ("\u0131", "I"), ("1", "I"), ("X", None), ("AC", None), ("", None),
])
def test_raci_letters_map_look_alikes_to_ascii(raw, letter):
    assert raci_letter(raw) == letter
