"""The one as-of date of each deck: what "today" means on its slides.

A deck shows its content as of one day, never the day it happens to be
built: the plan deck as of the plan date (``plan.date`` in customer.yaml), a
review deck as of the review's ``date``. Views take their "today" marker and
their overdue logic from here, and the validate stage checks the content
against the same dates (``date.completed-after-as-of``, ``plan.overdue``), so
what the check accepts is what the deck shows. Only the checks of the clock
itself (a date in the future, a stale plan) use :func:`pipeline.clock.today`.
"""

from __future__ import annotations

from datetime import date

from pipeline.model import Plan


def plan_as_of(plan: Plan) -> date:
    """Return the as-of date of ``plan``'s deck: its plan date (customer.yaml ``plan.date``).

    Raises ValueError when customer.yaml did not load (nothing is built then: the check reports why).
    """
    customer = plan.sections.get("customer")
    if customer is None:
        raise ValueError(f"customer {plan.name!r} has no valid customer.yaml, so its plan has no date")
    return customer.plan.date


def review_as_of(review) -> date:
    """Return the as-of date of a review's deck (a :class:`~pipeline.model.review.ReviewFile`): the review's date."""
    return review.date


def latest_held_review(plan: Plan, today: date) -> str | None:
    """Return the period of ``plan``'s latest review held on or before ``today`` (None when none is yet).

    The review a build takes when no period is named: a review dated after
    today (planned, or a typo) is not "the latest review" (``review.future``).
    """
    from pipeline.model.health import quarter_key

    held = [key for key, review in plan.reviews.items() if review_as_of(review) <= today]
    return max(held, key=quarter_key) if held else None
