"""Rules of quarterly reviews: file names, references into the plan, and dates.

A review is named for its quarter and looks back at it, so it is held in or
after that quarter, and what it agrees (actions, asks, roadmap) falls after
it. Every reference (attendees, outcomes, KPIs, barriers, owners) must name
an id of the plan.
"""

from __future__ import annotations

from pipeline.asof import latest_held_review, review_as_of
from pipeline.model import Plan, Status
from pipeline.model.health import is_quarter, quarter_key, quarter_start
from pipeline.model.review import REVIEWS_DIR, ReviewFile
from pipeline.problems import Problems
from pipeline.validate import _named, today
from pipeline.validate.health import Reporter, number_text

P, O, K, B = "stakeholder", "outcome", "KPI", "barrier"
SP, OP, BP = "stakeholders.yaml", "outcomes.yaml", "barriers.yaml"


def _ids(plan: Plan) -> dict:
    """Return the plan's ids by kind (None where the section did not load, so references are not checked)."""
    s = plan.sections
    people = {p.id: p for p in reversed(s["stakeholders"].stakeholders)} if "stakeholders" in s else None
    outcomes = kpis = None
    if "outcomes" in s:
        outcomes = {o.id: o for o in reversed(s["outcomes"].outcomes)}
        kpis = {k.id: k for o in reversed(s["outcomes"].outcomes) for i in reversed(o.initiatives)
                for k in reversed(i.kpis)}
    barriers = {b.id: b for b in reversed(s["barriers"].barriers)} if "barriers" in s else None
    return {"people": people, "outcomes": outcomes, "kpis": kpis, "barriers": barriers}


def _updates(c, sec: str, field: str, noun: str, ids: list, known, *ref_args) -> None:
    """Check each update of a review list names a known item, and no item twice."""
    seen: set = set()
    for i, ref in enumerate(ids):
        c.ref(sec, (field, i, noun), ref, known, *ref_args)
        if ref in seen:
            c.report(sec, (field, i, noun), f"{noun} {ref!r} is updated twice in this review", "review.duplicate")
        seen.add(ref)


def check_review(c: Reporter, plan: Plan, key: str, r: ReviewFile, ids: dict) -> None:
    """Report the problems of one review file."""
    sec = f"{REVIEWS_DIR}/{key}"
    people, outcomes, kpis, barriers = ids["people"], ids["outcomes"], ids["kpis"], ids["barriers"]
    if not is_quarter(key):
        c.report(sec, ("period",), f"the file name {key}.yaml is not a quarter; name the file after the review's "
                 f"period: {REVIEWS_DIR}/{r.period}.yaml", "review.file-name")
    elif key.upper() != r.period:
        c.report(sec, ("period",), f"period {r.period} does not match the file name {key}.yaml; rename the file "
                 f"or correct the period", "review.period-mismatch")
    start = quarter_start(r.period)
    today_ = today()
    if r.date > today_:
        latest = latest_held_review(plan, today_)
        taken = (f"a build without --period (make deck) takes {latest}, the latest review held by then" if latest
                 else "no review is held by then, so a build without --period takes this one")
        c.warn(sec, ("date",), f"the review is dated {r.date}, after today ({_today_text(today_)}); {taken}",
               "review.future")
    if r.date < start:
        c.report(sec, ("date",), f"the review is dated {r.date}, before its period {r.period} begins ({start}); a "
                 f"review looks back at its quarter, so it is held in or after it", "review.date")
    c.refs(sec, ("attendees",), r.attendees, people, P, SP)

    _updates(c, sec, "outcomes", "outcome", [u.outcome for u in r.outcomes], outcomes, O, OP)

    measured = {}
    if "measurements" in plan.sections:
        measured = {(m.kpi, m.date): m for m in plan.sections["measurements"].readings}
    seen = set()
    for i, rd in enumerate(r.readings):
        loc = ("readings", i)
        c.ref(sec, loc + ("kpi",), rd.kpi, kpis, K, OP)
        if (rd.kpi, rd.date) in seen:
            c.report(sec, loc + ("date",), f"a second reading of {rd.kpi!r} on {rd.date} in this review",
                     "review.duplicate")
        seen.add((rd.kpi, rd.date))
        if rd.date > r.date:
            c.report(sec, loc + ("date",), f"reading dated {rd.date}, after the review ({r.date}); a review shows "
                     f"readings taken before it", "review.date")
        elif rd.date > today_:
            c.report(sec, loc + ("date",), f"reading dated {rd.date}, in the future", "reading.date")
        elif rd.date < start:
            c.warn(sec, loc + ("date",), f"reading dated {rd.date}, before {r.period}; the deck shows it as the "
                   f"{r.period} value", "review.reading-stale")
        if kpis and rd.kpi in kpis and rd.date < kpis[rd.kpi].baseline.date:
            c.report(sec, loc + ("date",), f"reading dated {rd.date}, before the KPI's baseline "
                     f"({kpis[rd.kpi].baseline.date})", "reading.date")
        other = measured.get((rd.kpi, rd.date))
        if rd.value is None and other is None and kpis and rd.kpi in kpis:
            c.report(sec, loc, f"no reading of {rd.kpi!r} on {rd.date} in measurements.yaml; add value: here, or "
                     f"add the reading to measurements.yaml", "review.reading-missing")
        elif rd.value is not None and other is not None and other.value != rd.value:
            c.report(sec, loc + ("value",), f"measurements.yaml has {number_text(other.value)} for {rd.kpi!r} on "
                     f"{rd.date}; write the same value, or leave value out to use that reading",
                     "review.reading-conflict")

    _updates(c, sec, "barriers", "barrier", [u.barrier for u in r.barriers], barriers, B, BP)

    for i, item in enumerate(r.roadmap):
        c.refs(sec, ("roadmap", i, "outcomes"), item.outcomes, outcomes, O, OP)
        if quarter_key(item.when) < quarter_key(r.period):
            c.report(sec, ("roadmap", i, "when"), f"planned for {item.when}, before the review's period "
                     f"{r.period}; a roadmap looks ahead", "review.date")
    if r.renewal and r.renewal.date and r.renewal.date < start:
        c.report(sec, ("renewal", "date"), f"renewal dated {r.renewal.date}, before {r.period} began",
                 "review.date")
    for i, ask in enumerate(r.asks):
        c.ref(sec, ("asks", i, "of"), ask.of, people, P, SP)
        if ask.due and ask.due < r.date:
            c.report(sec, ("asks", i, "due"), f"due {ask.due}, before the review ({r.date}) that asks it",
                     "review.date")
    for i, a in enumerate(r.actions):
        c.ref(sec, ("actions", i, "owner"), a.owner, people, P, SP)
        if a.due < r.date:
            c.report(sec, ("actions", i, "due"), f"due {a.due}, before the review ({r.date}) that agreed it; "
                     f"an action item is due after its review", "review.date")
    if r.next_review and r.next_review <= r.date:
        c.report(sec, ("next_review",), f"the next review ({r.next_review}) is not after this one ({r.date})",
                 "review.date")
    if "health" not in plan.broken:
        periods = {p.upper() for p in plan.health.periods} if plan.health else set()
        if r.period not in periods:
            c.warn(sec, ("period",), f"no health inputs for {r.period} in health.yaml, so the deck shows no health "
                   f"score for this review; add {r.period}: to health.yaml", "review.no-health")


def _today_text(day) -> str:
    """Return today's date as a message shows it, saying when SOURCE_DATE_EPOCH set it."""
    from pipeline.clock import source_date_epoch

    return f"{day}, from SOURCE_DATE_EPOCH" if source_date_epoch() is not None else str(day)


def validate_reviews(plan: Plan, content_rel: str) -> Problems:
    """Return the problems of every review of ``plan``."""
    c = Reporter(plan, content_rel)
    if not plan.reviews:
        return c.problems
    ids = _ids(plan)
    for key in sorted(plan.reviews):
        check_review(c, plan, key, plan.reviews[key], ids)
    _open_actions(c, plan)
    return c.problems


def _open_actions(c: Reporter, plan: Plan) -> None:
    """Warn about an action still open at the next review although it was due before that review.

    An action is agreed at one review (due after it, see ``review.date``) and its status is followed up in
    that review's file until the next one; by the next review's date (that deck's as-of date) it is done,
    or it is overdue there.
    """
    ordered = sorted(plan.reviews.items(), key=lambda kv: (quarter_key(kv[1].period), kv[1].date))
    for (key, r), (_, nxt) in zip(ordered, ordered[1:]):
        as_of = review_as_of(nxt)
        for i, a in enumerate(r.actions):
            if a.status is not Status.COMPLETED and a.due < as_of:
                c.warn(f"{REVIEWS_DIR}/{key}", ("actions", i, "due"), f"action {_named(c, a.action)} was due "
                       f"{a.due} and is still open at the next review ({nxt.period}, {as_of}); mark it completed, "
                       f"or carry it into {nxt.period}'s actions with a new due date", "review.overdue")

