"""Rules against the as-of date and the CS service tier (pipeline/validate/__init__.py, review.py, tier.py).

The broken fixtures (completed-after-plan-date, next-step-overdue, service-tier-*, review-action-still-open)
show one report each; these tests cover the variants.
"""

from __future__ import annotations

import shutil

from conftest import FIXTURES, copy_fixture
from pipeline.check import check_customer


def edited(tmp_path, fixture: str, file: str, old: str, new: str, partner: str | None = None):
    """Check ``fixture`` as customer alpha with ``old`` replaced by ``new`` in ``file``; return its problems."""
    project = copy_fixture(fixture, tmp_path, "alpha")
    path = project.content / "alpha" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    if fixture == "valid/reviewed":  # reviews need the shared health model
        shutil.copytree(FIXTURES / "health-models" / "clean", project.content / "_partner")
    if partner is not None:
        (project.content / "_partner").mkdir()
        (project.content / "_partner" / "partner.yaml").write_text(partner, encoding="utf-8")
    return [p.format() for p in check_customer(project, "alpha").problems]


def test_an_activity_completed_after_the_plan_date(tmp_path):
    # The plan date is 2026-11-01; the clock (2026-11-22) says nothing against the completion date.
    problems = edited(tmp_path, "valid/minimal", "communication.yaml", "completed: 2026-02-16", "completed: 2026-11-20")
    assert problems == [
        "content/alpha/communication.yaml:12:16: warning: activities[0].completed: activity 'Executive message' was "
        "completed on 2026-11-20, after the plan date 2026-11-01; bump plan.date in customer.yaml with the update, "
        "or correct the date (the deck shows the plan as of 2026-11-01) [date.completed-after-as-of]"]


def test_a_barrier_resolved_before_its_timeframe_ends(tmp_path):
    assert edited(tmp_path, "valid/minimal", "barriers.yaml", "status: in_progress", "status: completed") == [
        "content/alpha/barriers.yaml:6:41: warning: barriers[0].timeframe.end: barrier 'rooms' is completed but its "
        "timeframe.end is 2026-12-31, after the plan date 2026-11-01; if it was done early, set timeframe.end to "
        "the day it was done, otherwise change its status (the deck shows the plan as of 2026-11-01) "
        "[date.completed-after-as-of]"]


def test_a_milestone_due_before_the_plan_date_and_not_completed_is_overdue(tmp_path):
    problems = edited(tmp_path, "valid/minimal", "adoption-plan.yaml", "    status: completed\n    outcomes:",
                      "    status: in_progress\n    outcomes:")
    assert problems == [
        "content/alpha/adoption-plan.yaml:9:11: warning: milestones[0].date: milestone 'pilot-done' was due "
        "2026-06-30, before the plan date 2026-11-01, and is not completed; mark it completed, move its date, or it "
        "shows as overdue in the deck [plan.overdue]"]


def test_an_open_action_of_the_latest_review_is_not_overdue(tmp_path):
    # Its as-of date would be the next review's, and there is none yet.
    assert edited(tmp_path, "valid/reviewed", "reviews/2026-Q3.yaml", "due: 2026-11-30}",
                  "due: 2026-11-30, status: in_progress}") == []


TIERS = "lifecycle:\n  service_tiers:\n    - {name: Enhanced, features: [x]}\n    - {name: Premium, features: [y]}\n"


def test_a_localized_tier_is_checked_per_language(tmp_path):
    problems = edited(tmp_path, "valid/referenced", "reference.yaml", "challenge:",
                      "profile:\n  service_tier: {en: Premium, pl: Premum}\nchallenge:", partner=TIERS)
    where = [p.split(": ", 2)[:2] for p in problems]
    assert where == [["content/alpha/reference.yaml:4:35", "profile.service_tier.pl"]]
    assert "unknown CS service tier 'Premum'; did you mean 'Premium'?" in problems[0]


def test_tiers_are_not_checked_without_partner_yaml(tmp_path):
    assert edited(tmp_path, "valid/referenced", "reference.yaml", "challenge:",
                  "profile:\n  service_tier: Platinum\nchallenge:") == []


def test_prose_naming_the_customers_own_tier_is_fine(tmp_path):
    assert edited(tmp_path, "valid/referenced", "solution.yaml", "solutions:",
                  "summary: From the Enhanced to the Premium tier.\nsolutions:", partner=TIERS) == []
