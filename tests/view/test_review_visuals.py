"""``pipeline.view.review_visuals``: where a KPI, an action, a milestone or a phase stands at a review date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from pipeline.model import Status
from pipeline.view.review_visuals import kpi_state, milestone_state, phase_state, task_state

REVIEW = date(2026, 10, 15)
START, DUE = date(2026, 1, 1), date(2027, 1, 1)  # the review is 287 of 365 days (79 %) along the way


@pytest.mark.parametrize(("value", "state"), [
    (None, "not_started"),  # no reading for the quarter
    (D(45), "done"), (D(40), "done"),  # a falling KPI at or below its target
    (D(150), "late"),  # worse than its baseline: off track
    (D(64), "on_track"),  # 81 % of the way (145 → 45), 79 % of the time gone
    (D(70), "on_track"),  # 75 %: within the 10-point slack
    (D(100), "at_risk"),  # 45 %: behind the pace
])
def test_a_kpi_state_follows_its_way_from_baseline_to_target(value, state):
    assert kpi_state(D(145), START, D(45), DUE, value, REVIEW) == state


def test_a_kpi_past_its_target_date_without_reaching_it_is_late():
    assert kpi_state(D(61), START, D(80), date(2026, 9, 30), D(68), REVIEW) == "late"
    assert kpi_state(D(61), START, D(80), date(2026, 9, 30), D(80), REVIEW) == "done"


@pytest.mark.parametrize(("status", "due", "state"), [
    (Status.NOT_STARTED, date(2026, 12, 1), "not_started"),  # grey: not started and not yet due
    (Status.IN_PROGRESS, date(2026, 12, 1), "on_track"),
    (Status.COMPLETED, date(2026, 9, 1), "done"),
    (Status.IN_PROGRESS, date(2026, 10, 1), "late"),  # overdue at the review date: the late chip
    (Status.NOT_STARTED, date(2026, 10, 14), "late"),
    (Status.NOT_STARTED, REVIEW, "not_started"),  # due on the day of the review: not late yet
])
def test_an_action_overdue_at_the_review_is_late(status, due, state):
    assert task_state(status, due, REVIEW) == state


def test_a_milestone_due_after_the_review_is_not_done_there_whatever_it_says_today():
    assert milestone_state(Status.COMPLETED, date(2027, 1, 31), REVIEW) == "on_track"
    assert milestone_state(Status.NOT_STARTED, date(2027, 1, 31), REVIEW) == "not_started"
    assert milestone_state(Status.COMPLETED, date(2026, 9, 30), REVIEW) == "done"
    assert milestone_state(Status.IN_PROGRESS, date(2026, 9, 30), REVIEW) == "late"


def test_a_phase_is_done_after_its_end_and_in_progress_inside_it():
    assert phase_state(date(2026, 4, 1), date(2026, 9, 30), REVIEW) == "done"
    assert phase_state(date(2026, 10, 1), date(2027, 6, 30), REVIEW) == "on_track"
    assert phase_state(date(2027, 1, 1), date(2027, 6, 30), REVIEW) == "not_started"


def test_an_action_agreed_at_the_review_and_done_later_is_in_progress_in_that_review_s_deck():
    # The file follows the action up until the next review; the deck shows it as of its review's date.
    assert milestone_state(Status.COMPLETED, date(2026, 11, 30), REVIEW) == "on_track"
    assert milestone_state(Status.NOT_STARTED, date(2026, 10, 1), REVIEW) == "late"
