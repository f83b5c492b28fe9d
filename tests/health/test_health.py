"""``pipeline.health``: bands as intervals, gaps and overlaps, and the score against hand calculations.

The worked examples use the repository's content/_partner/health-model.yaml,
which reproduces the seed's model (domain.md §4): ten scorecard fields at 2 %
(Yes 10, In progress 5, No 1), an 80 % objective part with CUCM/KW ratio 25 %,
version compliance 20 %, feature activation 35 % and value index 20 %.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES
from pipeline.health import (
    answer_key, band_for, describe_interval, gaps, history, interval, overlaps, previous, rating, score_period,
)
from pipeline.load import read_file
from pipeline.model import validate_document
from pipeline.model.health import Band, Component, HealthFile, HealthModelFile, HealthPeriod
from pipeline.problems import Problems

D = Decimal


def load(model, path: Path):
    problems = Problems()
    doc = read_file(path, path.name, problems)
    value = validate_document(model, doc, problems)
    assert not list(problems), list(problems)
    return value


@pytest.fixture(scope="module")
def seed() -> HealthModelFile:
    return load(HealthModelFile, EXAMPLES / "_partner" / "health-model.yaml")


def component(seed: HealthModelFile, cid: str, offer: str = "uc-suite") -> Component:
    return next(c for o in seed.offers if o.id == offer for c in o.components if c.id == cid)


def comp(bands, whole=False) -> Component:
    return Component(id="c", name="C", input="x", weight=100, whole=whole,
                     bands=[Band(**{k: D(str(v)) for k, v in b.items()}) for b in bands])


def inputs(answers: dict, objective: dict) -> HealthPeriod:
    return HealthPeriod(subjective=answers, objective={k: D(str(v)) for k, v in objective.items()})


FIELDS = ("stakeholders-identified", "business-objective", "key-features-aligned", "persona-use-cases-aligned",
          "business-objective-kpis", "kpi-measured", "kpis-reported-to-exec", "adoption-barriers-resolved",
          "embedded-product-capabilities", "prior-product-removed")


# ----------------------------------------------------------------- the seed's model


def test_the_default_model_is_the_seeds(seed):
    assert [f.id for f in seed.subjective.fields] == list(FIELDS)
    assert {f.weight for f in seed.subjective.fields} == {D(2)}
    assert {k: v for k, v in seed.subjective.answers.items()} == {"yes": 10, "in_progress": 5, "no": 1}
    assert (seed.split.subjective, seed.split.objective) == (20, 80)
    uc = next(o for o in seed.offers if o.id == "uc-suite")
    assert [(c.id, c.weight) for c in uc.components] == [
        ("cucm-kw-ratio", 25), ("version-compliance", 20), ("feature-activation", 35), ("value-index", 20)]


@pytest.mark.parametrize(("cid", "value", "points"), [
    ("cucm-kw-ratio", 0, 1), ("cucm-kw-ratio", "0.5", 3), ("cucm-kw-ratio", 40, 3), ("cucm-kw-ratio", "40.01", 7),
    ("cucm-kw-ratio", "88.99", 7), ("cucm-kw-ratio", 90, 10), ("cucm-kw-ratio", 100, 10),
    ("version-compliance", "49.9", 1), ("version-compliance", "50.1", 10),
    ("feature-activation", 0, 1), ("feature-activation", 1, 1), ("feature-activation", 2, 4),
    ("feature-activation", 5, 6), ("feature-activation", 6, 8), ("feature-activation", 7, 10),
    ("feature-activation", 12, 10), ("value-index", 7, 7), ("value-index", 15, 10),
])
def test_seed_bands_score_as_the_seed_says(seed, cid, value, points):
    band = band_for(component(seed, cid), D(str(value)))
    assert band is not None and band.score == points


@pytest.mark.parametrize(("cid", "value"), [("cucm-kw-ratio", "89"), ("cucm-kw-ratio", "89.5"),
                                              ("version-compliance", "50")])
def test_the_seeds_gaps_score_nothing(seed, cid, value):
    assert band_for(component(seed, cid), D(value)) is None


def test_the_seeds_gaps_are_found_and_named(seed):
    assert [(i, j, describe_interval(g)) for i, j, g in gaps(component(seed, "cucm-kw-ratio"))] == [
        (2, 3, "89 ≤ x < 90")]
    assert [(i, j, describe_interval(g)) for i, j, g in gaps(component(seed, "version-compliance"))] == [
        (0, 1, "x = 50")]
    for offer in seed.offers:
        for c in offer.components:
            assert overlaps(c) == [], c.id
            if c.id not in ("cucm-kw-ratio", "version-compliance"):
                assert gaps(c) == [], (offer.id, c.id)


def test_a_worked_example_from_the_seed(seed):
    # Every field answered Yes: 10 points × 2 % each = 20.
    # Objective: ratio 95 % → 10, compliance 60 % → 10, 6 features → 8, value index 7 → 7:
    #   80 × (10/10 × 25 + 10/10 × 20 + 8/10 × 35 + 7/10 × 20) / 100 = 80 × 87 / 100 = 69.6
    uc = next(o for o in seed.offers if o.id == "uc-suite")
    s = score_period(seed, uc, "2026-Q3", inputs(dict.fromkeys(FIELDS, "yes"), {
        "cucm-kw-ratio": 95, "version-compliance": 60, "feature-activation": 6, "value-index": 7}))
    assert (s.subjective, s.objective, s.total) == (D("20"), D("69.6"), D("89.6"))
    assert [c.points for c in s.components] == [10, 10, 8, 7]
    assert [c.contribution for c in s.components] == [D("20"), D("16"), D("22.4"), D("11.2")]


def test_the_score_runs_from_10_to_100(seed):
    uc = next(o for o in seed.offers if o.id == "uc-suite")
    low = score_period(seed, uc, "2026-Q1", inputs(dict.fromkeys(FIELDS, "No"), {
        "cucm-kw-ratio": 0, "version-compliance": 0, "feature-activation": 0, "value-index": 0}))
    high = score_period(seed, uc, "2026-Q1", inputs(dict.fromkeys(FIELDS, "Yes"), {
        "cucm-kw-ratio": 100, "version-compliance": 100, "feature-activation": 9, "value-index": 12}))
    assert (low.total, high.total) == (D(10), D(100))


def test_acme_history_equals_the_hand_calculation(seed):
    health = load(HealthFile, EXAMPLES / "acme" / "health.yaml")
    scores = history(seed, health)
    assert [s.period for s in scores] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    # Q1: answers 10+10+5+10+10+5+1+5+1+1 = 58 points × 0.2 = 11.6;
    #     ratio 18 → 3, compliance 35 → 1, 3 features → 4, value index 2 → 2:
    #     80 × (0.3×25 + 0.1×20 + 0.4×35 + 0.2×20) / 100 = 80 × 27.5 / 100 = 22
    # Q2: 6 × 10 + 4 × 5 = 80 points → 16; ratio 64 → 7, compliance 72 → 10, 5 features → 6, index 5 → 5:
    #     80 × (17.5 + 20 + 21 + 10) / 100 = 54.8
    # Q3: 8 × 10 + 2 × 5 = 90 points → 18; ratio 92 → 10, compliance 88 → 10, 6 features → 8, index 7 → 7:
    #     80 × (25 + 20 + 28 + 14) / 100 = 69.6
    assert [(s.subjective, s.objective, s.total) for s in scores] == [
        (D("11.6"), D("22"), D("33.6")), (D("16"), D("54.8"), D("70.8")), (D("18"), D("69.6"), D("87.6"))]
    assert previous(scores, "2026-Q3") is scores[1]
    assert previous(scores, "2026-Q1") is None
    assert [rating(seed, s.total) for s in scores] == ["red", "amber", "green"]


def test_a_missing_answer_or_an_unscorable_value_gives_no_score(seed):
    uc = next(o for o in seed.offers if o.id == "uc-suite")
    values = {"cucm-kw-ratio": 95, "version-compliance": 60, "feature-activation": 6, "value-index": 7}
    answers = dict.fromkeys(FIELDS, "yes")
    assert score_period(seed, uc, "2026-Q3", inputs({**answers, "kpi-measured": "maybe"}, values)) is None
    assert score_period(seed, uc, "2026-Q3", inputs(answers, {**values, "cucm-kw-ratio": "89.5"})) is None
    assert score_period(seed, uc, "2026-Q3", inputs(answers, {**values, "feature-activation": "6.5"})) is None


@pytest.mark.parametrize(("written", "key"), [("Yes", "yes"), ("In progress", "in_progress"),
                                              ("in-progress", "in_progress"), (" NO ", "no")])
def test_answers_are_compared_the_way_choices_are(written, key):
    assert answer_key(written) == key


# ----------------------------------------------------------------- intervals


def test_open_and_closed_bounds():
    iv = interval(Band(above=D(0), max=D(40), score=D(3)))
    assert describe_interval(iv) == "0 < x ≤ 40"
    assert describe_interval(interval(Band(below=D(50), score=D(1)))) == "x < 50"
    assert describe_interval(interval(Band(min=D(90), score=D(10)))) == "x ≥ 90"


def test_whole_numbers_leave_no_gap_between_neighbouring_counts():
    c = comp([{"min": 0, "max": 1, "score": 1}, {"min": 2, "max": 3, "score": 4}], whole=True)
    assert gaps(c) == [] and overlaps(c) == []
    real = comp([{"min": 0, "max": 1, "score": 1}, {"min": 2, "max": 3, "score": 4}])
    assert [describe_interval(g) for _i, _j, g in gaps(real)] == ["1 < x < 2"]


def test_whole_number_gaps_are_named_in_counts():
    c = comp([{"min": 0, "max": 1, "score": 1}, {"min": 4, "score": 4}], whole=True)
    assert [describe_interval(g) for _i, _j, g in gaps(c)] == ["2 ≤ x ≤ 3"]


def test_overlaps_name_the_shared_values():
    c = comp([{"min": 0, "max": 40, "score": 1}, {"min": 40, "max": 60, "score": 5},
              {"min": 50, "score": 10}])
    assert [(i, j, describe_interval(g)) for i, j, g in overlaps(c)] == [
        (0, 1, "x = 40"), (1, 2, "50 ≤ x ≤ 60")]


def test_bands_meeting_at_one_value_neither_overlap_nor_leave_a_gap():
    c = comp([{"max": 40, "score": 1}, {"above": 40, "score": 5}])
    assert overlaps(c) == [] and gaps(c) == []


def test_a_band_nested_in_a_wider_one_hides_no_gap():
    c = comp([{"min": 0, "max": 100, "score": 1}, {"min": 10, "max": 20, "score": 5}, {"min": 50, "score": 9}])
    assert gaps(c) == []


@given(st.lists(st.tuples(st.integers(-5, 30), st.integers(0, 10), st.booleans(), st.booleans()),
                min_size=1, max_size=5), st.integers(-10, 45))
def test_a_value_inside_the_bands_range_but_in_no_band_lies_in_a_reported_gap(raw, value):
    from pipeline.health import Bound, Interval, contains

    bands = [{"above" if lo_open else "min": lo, "below" if hi_open else "max": lo + width, "score": 1}
             for lo, width, lo_open, hi_open in raw]
    c = comp(bands)
    ivs = [interval(b) for b in c.bands if not interval(b).empty]
    v = D(value)
    if not ivs or band_for(c, v) is not None:
        return
    # The range the bands span, from the lowest lower bound to the highest upper bound.
    lo = min((iv.lower for iv in ivs), key=lambda b: (b.value, not b.inclusive))
    hi = max((iv.upper for iv in ivs), key=lambda b: (b.value, b.inclusive))
    if contains(Interval(Bound(lo.value, lo.inclusive), Bound(hi.value, hi.inclusive)), v):
        assert any(contains(g, v) for _i, _j, g in gaps(c)), (bands, value)
