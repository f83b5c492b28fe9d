"""One spelling variant per document (pipeline/validate/spelling.py): British spelling in English content warns."""

from __future__ import annotations

import pytest

from conftest import copy_fixture
from pipeline.check import check_customer
from pipeline.validate.spelling import american


@pytest.mark.parametrize(("word", "us"), [
    ("optimise", "optimize"), ("Optimise", "Optimize"), ("organisations", "organizations"),
    ("prioritised", "prioritized"), ("Analyse", "Analyze"), ("colour", "color"), ("centres", "centers"),
])
def test_british_spellings_get_their_american_form(word, us):
    assert american(word) == us


@pytest.mark.parametrize("word", ["enterprise", "premises", "promised", "exercise", "advertising", "otherwise",
                                  "surprises", "supervised", "expertise", "size", "rises", "analysis", "basis"])
def test_words_spelled_ise_in_american_english_too_are_left_alone(word):
    assert american(word) is None


def test_british_spelling_in_english_content_is_a_located_warning(tmp_path):
    project = copy_fixture("valid/minimal", tmp_path, "alpha")
    path = project.content / "alpha" / "customer.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  Cut travel costs with video meetings within 12 months.",
        "  Cut travel costs with video meetings within 12 months; optimise the organisation."), encoding="utf-8")
    checked = check_customer(project, "alpha")
    [warning] = [p for p in checked.problems if p.code == "text.spelling"]
    assert checked.ok and warning.path.endswith("alpha/customer.yaml") and warning.line == 20
    assert "'optimise', 'organisation'" in warning.message and "'optimize', 'organization'" in warning.message
