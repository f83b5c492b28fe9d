"""pipeline.asof: the one as-of date of each deck (the plan date; a review's date), never the clock."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import copy_fixture
from pipeline.asof import plan_as_of, review_as_of
from pipeline.check import check_customer
from pipeline.model import Plan


def test_the_plan_deck_is_as_of_the_plan_date(tmp_path):
    plan = check_customer(copy_fixture("valid/minimal", tmp_path), "minimal").plan
    assert plan_as_of(plan) == plan.customer.plan.date == date(2026, 11, 1)  # the clock says 2026-11-22


def test_a_review_deck_is_as_of_the_review_date(tmp_path):
    plan = check_customer(copy_fixture("valid/reviewed", tmp_path), "reviewed").plan
    assert {period: review_as_of(r) for period, r in plan.reviews.items()} == {
        "2026-Q2": date(2026, 7, 10), "2026-Q3": date(2026, 10, 12)}


def test_a_plan_without_customer_yaml_has_no_as_of_date():
    with pytest.raises(ValueError, match="no valid customer.yaml"):
        plan_as_of(Plan("alpha"))
