"""Builders of the drawn visuals (pipeline/view/__init__.py) from the plan, shared by the deck views.

Every builder takes the view (a :class:`~pipeline.view.cs_plan.PlanView`, or a
subclass such as the review view) for its translator, formatter and content
texts, and the deck's as-of date (``today``: the plan date) for every status
that depends on time. Statuses follow one meaning in every deck
(shared/deck-design.md, "Colour and status"):

* ``done``: completed, or a KPI that reached its target;
* ``on_track``: under way and not behind its dates;
* ``at_risk``: behind the straight path from baseline to target, or not started
  though it should have (its start has passed, or it is due within two weeks);
* ``late``: past its due date and not completed, or a KPI that moved away from
  its target (off track);
* ``not_started``: not started and not yet due.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.model import Status
from pipeline.view import (
    Bar, Chip, Milestone, PeopleGroup, Person, Quote, Roadmap, ScoreRow, Scorecard, StakeholderMap, Tile,
)
from pipeline.view.common import keep_together

if TYPE_CHECKING:
    from pipeline.view.cs_plan import PlanView

# How far a KPI may lag the straight line from baseline to target and still be on track:
# adoption curves start slowly, so three quarters of the expected progress is on track.
ON_TRACK_SHARE = Decimal("0.75")
# A step not started within this many days of its due date is at risk.
AT_RISK_DAYS = 14
# Order of concern: the worst status of several is the one shown for all.
SEVERITY = {"done": 0, "not_started": 1, "on_track": 2, "at_risk": 3, "late": 4}
GOOD = ("on_track", "done")


def worst(statuses) -> str | None:
    """Return the most concerning of ``statuses`` (None when there are none)."""
    statuses = list(statuses)
    return max(statuses, key=SEVERITY.__getitem__) if statuses else None


def chip(v: PlanView, status: str, label: str | None = None) -> Chip:
    """Return the chip of a status with its word (``label`` replaces the usual word)."""
    return Chip(status, label or chip_labels(v)[status])


def chip_labels(v: PlanView) -> dict[str, str]:
    """Return the word of each status chip, translated."""
    _ = v._
    return {
        # TRANSLATORS: status chips (a coloured dot and this word): not started and not yet due (grey).
        "not_started": _("Not started"),
        # TRANSLATORS: status chip (green): under way and not behind its dates.
        "on_track": _("On track"),
        # TRANSLATORS: status chip (green): done.
        "done": _("Completed"),
        # TRANSLATORS: status chip (amber): behind its plan or about to be late.
        "at_risk": _("At risk"),
        # TRANSLATORS: status chip (red): past its due date and not done.
        "late": _("Late"),
    }


# ----------------------------------------------------------------- statuses


def step_status(status: Status, due: date | None, today: date, start: date | None = None) -> str:
    """Return the chip status of a task, milestone, activity or barrier from its progress and dates."""
    if status is Status.COMPLETED:
        return "done"
    if due is not None and due < today:
        return "late"
    if status is Status.IN_PROGRESS:
        return "on_track"
    if start is not None and start < today:
        return "at_risk"
    if due is not None and (due - today).days <= AT_RISK_DAYS:
        return "at_risk"
    return "not_started"


def activity_status(status: Status, when: date, today: date) -> str:
    """Return the chip status of a communication or training activity: ``when`` is the day it starts.

    An activity under way (a newsletter, a training series) is on track whatever its start date;
    one not started by its date is late.
    """
    return step_status(status, None if status is Status.IN_PROGRESS else when, today)


def kpi_progress(kpi, value: Decimal | None) -> Decimal | None:
    """Return how far ``value`` has come from the KPI's baseline to its target (0 = baseline, 1 = target)."""
    if value is None:
        return None
    span = kpi.target.value - kpi.baseline.value
    if span == 0:
        return Decimal(1) if value == kpi.target.value else Decimal(0)
    return (value - kpi.baseline.value) / span


def kpi_status(kpi, readings, today: date) -> str:
    """Return a KPI's chip status from its latest reading, against the straight path to its target."""
    if not readings:
        return "late" if kpi.target.date < today else "not_started"
    latest = readings[-1]
    progress = kpi_progress(kpi, latest.value)
    if progress >= 1:
        return "done"
    if kpi.target.date < today or progress < 0:
        return "late"
    days = (kpi.target.date - kpi.baseline.date).days
    elapsed = Decimal(max(0, (latest.date - kpi.baseline.date).days)) / days if days > 0 else Decimal(1)
    return "on_track" if progress >= min(elapsed, Decimal(1)) * ON_TRACK_SHARE else "at_risk"


def kpi_chip(v: PlanView, kpi, readings, today: date) -> Chip:
    """Return a KPI's status chip ("Off track" for a KPI that moved away from its target)."""
    status = kpi_status(kpi, readings, today)
    if status == "late" and readings and kpi.target.date >= today:
        # TRANSLATORS: status chip (red) of a KPI whose latest reading moved away from its target.
        return chip(v, status, v._("Off track"))
    return chip(v, status)


def outcome_status(v: PlanView, outcome, today: date) -> str:
    """Return an outcome's chip status: completed, else the most concerning of its KPIs'."""
    if outcome.status is Status.COMPLETED:
        return "done"
    kpis = [kpi_status(k, v.readings(k.id), today) for i in outcome.initiatives for k in i.kpis]
    status = worst(kpis) or "not_started"
    if outcome.status is Status.IN_PROGRESS and status in ("not_started", "done"):
        return "on_track"
    return status


# ----------------------------------------------------------------- KPI texts


_SCALE = re.compile(r"\d\s*[-–—]\s*\d")


def is_scale(unit: str) -> bool:
    """Return True for a rating scale unit such as "score 1-5" (changes are shown as points, not percent)."""
    return bool(_SCALE.search(unit))


def kpi_change(v: PlanView, kpi, value: Decimal) -> tuple[str, str | None, bool | None]:
    """Return the change of ``value`` since the baseline as text, its direction and whether it is good.

    A percentage KPI moves in percentage points, a rating scale in points of
    the scale, anything else in percent of its baseline.
    """
    _ = v._
    f = v.f
    base = kpi.baseline.value
    delta = value - base
    unit = kpi.baseline.unit  # a Unit (stripped when read): measure() needs its plural forms
    direction = None if delta == 0 else ("up" if delta > 0 else "down")
    wanted = kpi.target.value - base
    good = None if delta == 0 or wanted == 0 else (delta > 0) == (wanted > 0)
    if unit == "%":
        # TRANSLATORS: a change of a percentage in percentage points, e.g. "12 pp".
        text = _("{value} pp", value=f.number(abs(delta)))
    elif is_scale(unit) or base == 0:
        text = f.number(abs(delta)) if is_scale(unit) else f.measure(abs(delta), unit)
    else:
        text = f.percent((abs(delta) / abs(base) * 100).quantize(Decimal("1")))
    return text, direction, good


def kpi_headline(v: PlanView, kpi, readings, today: date) -> str:
    """Return a KPI's takeaway: where it moved since the baseline and whether it will make its target.

    E.g. "Down 63 % to 54 seconds; on track for 45 seconds by 31 Mar 2027".
    """
    _ = v._
    f = v.f
    target = f.measure(kpi.target.value, kpi.target.unit)
    due = f.date(kpi.target.date)
    if not readings:
        # TRANSLATORS: title of a KPI slide without readings; {value} the baseline, {target} and {date} the target.
        return _("No reading yet since the baseline of {value}; target {target} by {date}",
                 value=f.measure(kpi.baseline.value, kpi.baseline.unit), target=target, date=due)
    latest = readings[-1].value
    value = f.measure(latest, kpi.baseline.unit)
    change, direction, _good = kpi_change(v, kpi, latest)
    if direction == "down":
        # TRANSLATORS: start of a KPI's headline: it fell by {change} (e.g. "63 %", "12 pp") to {value}.
        moved = _("Down {change} to {value}", change=change, value=value)
    elif direction == "up":
        # TRANSLATORS: start of a KPI's headline: it rose by {change} to {value}.
        moved = _("Up {change} to {value}", change=change, value=value)
    else:
        # TRANSLATORS: start of a KPI's headline: no change since the baseline.
        moved = _("Unchanged at {value}", value=value)
    status = kpi_status(kpi, readings, today)
    if status == "done":
        # TRANSLATORS: end of a KPI's headline after "Down 63 % to 54 s;".
        where = _("target {target} reached", target=target)
    elif status == "on_track":
        # TRANSLATORS: end of a KPI's headline after "Down 63 % to 54 s;".
        where = _("on track for {target} by {date}", target=target, date=due)
    elif status == "late":
        # TRANSLATORS: end of a KPI's headline: moving away from (or past the date of) its target.
        where = _("off track for {target} by {date}", target=target, date=due)
    else:
        # TRANSLATORS: end of a KPI's headline: behind the path to its target.
        where = _("behind the path to {target} by {date}", target=target, date=due)
    # TRANSLATORS: joins two parts of a headline title, e.g. "Down 63 % to 54 s; on track for 45 s by …".
    return _("{first}; {second}", first=moved, second=where)


def kpi_tile(v: PlanView, kpi, readings, today: date) -> Tile:
    """Return a KPI tile: the latest value, its change since the baseline, the target and a status chip."""
    _ = v._
    f = v.f
    # TRANSLATORS: the target on a KPI tile: a value and the date to reach it by.
    target = _("Target {value} by {date}", value=f.measure(kpi.target.value, kpi.target.unit),
               date=f.date(kpi.target.date))
    label = v.t(kpi.description)
    if not readings:
        return Tile(label, f.measure(kpi.baseline.value, kpi.baseline.unit),
                    # TRANSLATORS: under a KPI tile's value when it is still the baseline (no reading yet).
                    _("Baseline, {date}", date=f.date(kpi.baseline.date)), None, None, target,
                    kpi_chip(v, kpi, readings, today))
    latest = readings[-1].value
    change, direction, good = kpi_change(v, kpi, latest)
    sign = {"up": "+", "down": "−"}.get(direction or "", "")
    # TRANSLATORS: the change on a KPI tile, e.g. "−63 % since baseline" ({change} carries its sign).
    text = _("{change} since baseline", change=sign + change)
    return Tile(label, f.measure(latest, kpi.baseline.unit), text, direction, good, target,
                kpi_chip(v, kpi, readings, today))


# ----------------------------------------------------------------- the plan's visuals


def scorecard(v: PlanView, today: date) -> Scorecard:
    """Return outcome → initiative → KPI rows, each KPI with its latest value and status chip."""
    _ = v._
    rows = []
    for o, i, k in v.kpi_index():
        readings = v.readings(k.id)
        value = v.f.measure(readings[-1].value, k.baseline.unit) if readings else "—"
        rows.append(ScoreRow(v.t(o.title), v.t(i.title), v.t(k.description), value,
                             kpi_chip(v, k, readings, today)))
    return Scorecard([_("Business outcome"), _("Business initiative"), _("KPI"), _("Latest")], rows)


def stakeholder_map(v: PlanView, customer: str) -> StakeholderMap:
    """Return the stakeholders by side (customer, partner, vendor); sponsors and process owners marked key."""
    _ = v._
    plan = v.plan
    owners = {p.owner for p in plan.process_change.processes} if plan.process_change else set()
    groups = []
    for side in ("customer", "partner", "vendor"):
        people = []
        for p in plan.stakeholders.stakeholders:
            if p.side.value != side:
                continue
            marks = [label for on, label in (
                (p.sponsor, _("Sponsor")),
                # TRANSLATORS: a mark on the stakeholder map: the person owns a business process the plan changes.
                (p.id in owners, _("Process owner")),
                (p.champion, _("Champion")),
                (p.end_user_group, _("End users"))) if on]
            # The name as typed: on a card, first name above last name reads like a name badge, and
            # no-break names would widen every card until the map needs a second slide.
            people.append(Person(p.name, v.t(p.title), marks, key=p.sponsor or p.id in owners))
        if people:
            label = customer if side == "customer" else v.enum(next(
                p.side for p in plan.stakeholders.stakeholders if p.side.value == side))
            groups.append(PeopleGroup(label, people))
    # TRANSLATORS: legend of the stakeholder map: who is drawn emphasised.
    return StakeholderMap(groups, _("Emphasised: the sponsor and the decision makers (owners of the processes "
                                    "that change)"))


def _quarters(start: date, end: date):
    """Yield the first day of every quarter from the one holding ``start`` to the one holding ``end``."""
    d = date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
    while d <= end:
        yield d
        d = date(d.year + (d.month == 10), (d.month + 2) % 12 + 1, 1)


def quarter_ticks(locale: str, start: date, end: date) -> list[tuple[date, str]]:
    """Return a roadmap's axis labels from ``start`` to ``end``: each quarter by its short name, Q1 by its year."""
    from babel.dates import format_date

    from pipeline.i18n import format_locale

    # "Q3, Q4, 2026, Q2, …": the ticks of a two-year plan stay apart even in
    # long quarter names ("III kw.", "3-й кв. 2026 г." would overlap).
    return [(q, str(q.year) if q.month == 1 else keep_together(format_date(q, "QQQ", locale=format_locale(locale))))
            for q in _quarters(start, end)]


def roadmap(v: PlanView, today: date) -> Roadmap:
    """Return the adoption plan's phases as bars and its milestones as diamonds, with today marked."""
    _ = v._
    ap = v.plan.adoption_plan
    bars = []
    for ph in ap.phases:
        inside = [m for m in ap.milestones if ph.start <= m.date <= ph.end]
        states = [step_status(m.status, m.date, today) for m in inside]
        if today > ph.end:
            status = "late" if "late" in states else "done"
        elif today >= ph.start:
            status = "late" if "late" in states else "at_risk" if "at_risk" in states else "on_track"
        else:
            status = "not_started"
        bars.append(Bar(v.t(ph.name), ph.start, ph.end, chip(v, status)))
    milestones = [Milestone(v.t(m.name), m.date, chip(v, step_status(m.status, m.date, today)))
                  for m in sorted(ap.milestones, key=lambda m: m.date)]
    dates = [d for ph in ap.phases for d in (ph.start, ph.end)] + [m.date for m in ap.milestones] + [today]
    start, end = min(dates), max(dates)
    # A little air at both ends, so a diamond on the first or last day is drawn whole.
    air = timedelta(days=max(7, (end - start).days // 50))
    start, end = start - air, end + air
    ticks = quarter_ticks(v.locale, start, end)
    start = min(start, ticks[0][0])
    last = ticks[-1][0]
    end = max(end, date(last.year + (last.month == 10), (last.month + 2) % 12 + 1, 1) - timedelta(days=1))
    # TRANSLATORS: the label of the "today" line on a roadmap; {date} is the deck's as-of date.
    return Roadmap(start, end, today, _("Today · {date}", date=v.f.date(today)), ticks, bars, milestones)


def quote(v: PlanView) -> Quote | None:
    """Return the executive statement to quote (of the highest-priority outcome, with a speaker), or None."""
    ms = v.plan.measurements
    if not ms or not ms.statements:
        return None
    priority = {o.id: o.priority for o in v.plan.outcomes.outcomes}
    s = sorted(ms.statements, key=lambda s: (s.by is None, priority.get(s.outcome, 99)))[0]
    text = " ".join(p.text for p in v.md(s.statement))
    by = ""
    if s.by:
        p = v.people.get(s.by)
        by = f"{v.person(p)}, {v.t(p.title)}" if p else s.by
    return Quote(text, by)


def first_sentence(text: str) -> str:
    """Return the first sentence of a plain text (up to its first full stop, question or exclamation mark)."""
    m = re.search(r"[.!?…][\"”»’)]*(?=\s|$)", text)
    return text[: m.end()].strip() if m else text.strip()
