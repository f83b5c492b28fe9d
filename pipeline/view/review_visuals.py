"""Where a KPI, an action, a milestone or a phase stands at a review date, as one of the deck's STATUSES.

Pure functions over numbers and dates (no translation, no formatting), so the
review view and its tests share one rule per status. The colours these
statuses get are the same in every deck (shared/deck-design.md, "Colour and
status"): grey not started and not yet due, green on track or done, amber at
risk, red late or off track.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pipeline.model import Status
from pipeline.model.review import Rag

NOT_STARTED, ON_TRACK, DONE, AT_RISK, LATE = "not_started", "on_track", "done", "at_risk", "late"

# A KPI this far (a share of the way from baseline to target) behind the straight
# line from its baseline date to its target date is at risk, not on track.
SLACK = Decimal("0.1")

RAG_STATE = {Rag.GREEN: ON_TRACK, Rag.AMBER: AT_RISK, Rag.RED: LATE}
# The RAG colour of a table cell showing a state (a grey state has no fill).
CELL_COLOR = {ON_TRACK: "green", DONE: "green", AT_RISK: "amber", LATE: "red", NOT_STARTED: None}


def direction(baseline: Decimal, target: Decimal) -> int:
    """Return +1 when the KPI should rise, -1 when it should fall, 0 when the target is the baseline."""
    return 1 if target > baseline else -1 if target < baseline else 0


def progress(baseline: Decimal, target: Decimal, value: Decimal) -> Decimal | None:
    """Return the share (0 = baseline, 1 = target) of the way ``value`` has come, or None without a way."""
    if target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def elapsed(start: date, end: date, when: date) -> Decimal:
    """Return the share of the time from ``start`` to ``end`` that has passed at ``when`` (0 to 1)."""
    span = (end - start).days
    if span <= 0:
        return Decimal(1)
    return min(Decimal(1), max(Decimal(0), Decimal((when - start).days) / span))


def kpi_state(baseline: Decimal, baseline_date: date, target: Decimal, target_date: date, value: Decimal | None,
              when: date) -> str:
    """Return where a KPI stands at ``when``.

    No reading: not started. Target reached: done. Worse than the baseline,
    or the target date passed: late (off track). Else on track while its
    progress keeps up with the straight line from baseline to target date
    (less ``SLACK``), at risk when it falls behind.
    """
    if value is None:
        return NOT_STARTED
    way = direction(baseline, target)
    if (way and (value - target) * way >= 0) or (not way and value == target):
        return DONE
    if when > target_date or (way and (value - baseline) * way < 0):
        return LATE
    share = progress(baseline, target, value)
    if share is None:
        return AT_RISK
    return ON_TRACK if share >= elapsed(baseline_date, target_date, when) - SLACK else AT_RISK


def task_state(status: Status, due: date, when: date) -> str:
    """Return where an action, task or milestone stands at ``when``: done, late when past due, else as it says."""
    if status is Status.COMPLETED:
        return DONE
    if due < when:
        return LATE
    return ON_TRACK if status is Status.IN_PROGRESS else NOT_STARTED


def milestone_state(status: Status, when_due: date, when: date) -> str:
    """Return a milestone's or an action's state at a review: one due after the review is not done yet there.

    The plan records where a milestone stands now, and a review file follows
    its actions up until the next review, both possibly after the review
    date; something due later than the review shows as in progress or not
    started at that review (the deck's as-of date), whatever its status today.
    """
    if when_due > when:
        return NOT_STARTED if status is Status.NOT_STARTED else ON_TRACK
    return task_state(status, when_due, when)


def phase_state(start: date, end: date, when: date) -> str:
    """Return a phase's state at ``when``: done after its end, in progress inside it, not started before."""
    if end < when:
        return DONE
    return ON_TRACK if start <= when else NOT_STARTED
