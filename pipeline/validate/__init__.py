"""Validate stage: rules that look across sections of a plan.

The model checks each file alone; here ids must be unique, references must
resolve, KPIs must be SMART, dates must make sense and the plan must be kept
up to date. Every rule reports at the file, line and field that needs editing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from pipeline import logo as logo_rules
from pipeline.asof import plan_as_of
from pipeline.clock import today  # re-exported: the sub-validators and the tests import it from here
from pipeline.load import field_path
from pipeline.model import Plan, Side, Status, left_out_ids
from pipeline.problems import Problem, Problems, Severity
from pipeline.registry import required_sections

STALE_AFTER_DAYS = 90


class _Checker:
    """Collects problems for one plan, located through the plan's documents."""

    def __init__(self, plan: Plan, content_rel: str):
        self.plan = plan
        self.content_rel = content_rel
        self.problems = Problems()
        # Ids of list items left out of broken sections (model.salvage): their own errors are reported,
        # so a reference to one is not "unknown".
        self.left_out = left_out_ids([item for items in plan.partial.values() for item in items])

    def report(self, section: str, loc: tuple, message: str, code: str, *,
               severity: Severity = Severity.ERROR, key: bool = False) -> None:
        """Record a problem at ``loc`` (the key itself when ``key``) of ``section``'s file."""
        doc = self.plan.documents.get(f"{section}.yaml")
        rel = doc.rel if doc else f"{self.content_rel}/{section}.yaml"
        pos = doc.pos(loc, key=key) if doc else None
        self.problems.add(Problem(rel, pos.line if pos else 0, pos.col if pos else 0,
                                  field_path(doc.original(loc) if doc else loc), message, code, severity))

    def warn(self, section: str, loc: tuple, message: str, code: str) -> None:
        """Record a warning at ``loc`` of ``section``'s file."""
        self.report(section, loc, message, code, severity=Severity.WARNING)

    # -------------------------------------------------------------- references

    def unique(self, section: str, items, loc_of, kind: str, seen: dict) -> None:
        """Report ids used twice; ``seen`` maps id → (section, loc) across calls."""
        for item, loc in zip(items, loc_of):
            if item.id in seen:
                first_section, first_loc = seen[item.id]
                doc = self.plan.documents.get(f"{first_section}.yaml")
                where = f"{first_section}.yaml:{doc.pos(first_loc).line}" if doc else first_section
                self.report(section, loc + ("id",), f"{kind} id {item.id!r} is already used at {where}; "
                            f"ids must be unique", "ref.duplicate-id")
            else:
                seen[item.id] = (section, loc)

    def ref(self, section: str, loc: tuple, value: str | None, known: dict | None, kind: str,
            where: str) -> None:
        """Report ``value`` when it is not an id in ``known`` (skipped when ``known`` is None)."""
        if value is None or known is None or value in known or value in self.left_out:
            return
        close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        self.report(section, loc, f"unknown {kind} {value!r}; {hint}({kind} ids are defined in {where})",
                    "ref.unknown")

    def refs(self, section: str, loc: tuple, values, known, kind: str, where: str) -> None:
        """Report each of ``values`` (a list at ``loc``) that is not an id in ``known``."""
        for i, value in enumerate(values):
            self.ref(section, loc + (i,), value, known, kind, where)


def _first(items) -> dict:
    """Return ``items`` by id; for a duplicated id the first one counts (the later one is reported)."""
    out: dict = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


# What a message calls each kind of id, and where it says such ids are defined.
STAKEHOLDER, OUTCOME, INITIATIVE, KPI, GROUP, MILESTONE = (
    "stakeholder", "outcome", "initiative", "KPI", "group", "milestone")
STAKEHOLDERS_FILE, OUTCOMES_FILE = "stakeholders.yaml", "outcomes.yaml"
GROUPS_LIST, MILESTONES_LIST = "use-cases.yaml groups", "adoption-plan.yaml milestones"


@dataclass(frozen=True)
class Index:
    """The plan's ids by kind (first of a duplicated id wins); None where the section did not load."""

    stakeholders: dict | None = None
    outcomes: dict | None = None
    initiatives: dict | None = None  # id -> (outcome, initiative): a statement must name the right outcome
    kpis: dict | None = None
    groups: dict | None = None
    milestones: dict | None = None
    # (KPI, loc) of every KPI in file order, duplicated ids included: each one is checked where it stands.
    all_kpis: tuple = ()


def _unique_ids(c: _Checker, s: dict, section: str, attr: str, kind: str) -> dict | None:
    """Report ids used twice in list ``attr`` of ``section``; return its items by id (None without the section)."""
    if section not in s:
        return None
    items = getattr(s[section], attr)
    c.unique(section, items, [(attr, i) for i in range(len(items))], kind, {})
    return _first(items)


def _outcome_ids(c: _Checker, s: dict) -> dict:
    """Report ids used twice among outcomes, initiatives and KPIs; return their fields of the index."""
    if "outcomes" not in s:
        return {}
    outcomes = [(o, ("outcomes", i)) for i, o in enumerate(s["outcomes"].outcomes)]
    initiatives = [(o, ini, loc + ("initiatives", j))
                   for o, loc in outcomes for j, ini in enumerate(o.initiatives)]
    kpis = [(kpi, loc + ("kpis", k)) for _, ini, loc in initiatives for k, kpi in enumerate(ini.kpis)]
    # One namespace for outcomes, initiatives and KPIs: references name them without saying which.
    named = outcomes + [(ini, loc) for _, ini, loc in initiatives] + kpis
    c.unique("outcomes", [item for item, _ in named], [loc for _, loc in named], "outcome/initiative/KPI", {})
    by_initiative: dict = {}
    for o, ini, _ in initiatives:
        by_initiative.setdefault(ini.id, (o, ini))
    return {"outcomes": _first(o for o, _ in outcomes), "initiatives": by_initiative,
            "kpis": _first(kpi for kpi, _ in kpis), "all_kpis": tuple(kpis)}


def index(plan: Plan, c: _Checker) -> Index:
    """Return the ids of ``plan`` by kind, reporting through ``c`` every id used twice."""
    s = plan.sections
    # Duplicate ids are reported in the order of these calls.
    stakeholders = _unique_ids(c, s, "stakeholders", "stakeholders", STAKEHOLDER)
    outcome_ids = _outcome_ids(c, s)
    groups = _unique_ids(c, s, "use-cases", "groups", GROUP)
    _unique_ids(c, s, "use-cases", "use_cases", "use case")
    milestones = _unique_ids(c, s, "adoption-plan", "milestones", MILESTONE)
    # No rule here resolves these ids (reference.yaml's rules index them themselves): duplicates only.
    for section, attr, kind in (("solution", "solutions", "solution"), ("barriers", "barriers", "barrier"),
                                ("process-change", "processes", "process")):
        _unique_ids(c, s, section, attr, kind)
    return Index(stakeholders=stakeholders, groups=groups, milestones=milestones, **outcome_ids)


def _as_of(c: _Checker) -> date | None:
    """Return the plan's as-of date (its plan date, see pipeline/asof.py), or None without customer.yaml."""
    return plan_as_of(c.plan) if "customer" in c.plan.sections else None


def _named(c: _Checker, text, limit: int = 60) -> str:
    """Return ``text`` in the plan's source language, on one line and short enough to name an item in a message."""
    if isinstance(text, dict):
        cust = c.plan.sections.get("customer")
        text = text.get(cust.source_language if cust else "") or next(iter(text.values()))
    text = " ".join(str(text).split())
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


# Warnings, not errors: a draft whose statuses are updated before plan.date is bumped, or an item
# done ahead of its date, still builds; `csplan check --strict` fails on them (in CI, say).
def _completed_after(c: _Checker, section: str, loc: tuple, what: str, day: date, as_of: date | None) -> None:
    """Warn when ``what`` is completed yet its date at ``loc`` (``day``) falls after the plan's as-of date."""
    if as_of is None or day <= as_of:
        return
    field = loc[-1] if loc[-2] != "timeframe" else "timeframe.end"
    if field == "completed":
        fix = "bump plan.date in customer.yaml with the update, or correct the date"
        said = f"was completed on {day}"
    else:
        fix = f"if it was done early, set {field} to the day it was done, otherwise change its status"
        said = f"is completed but its {field} is {day}"
    c.warn(section, loc, f"{what} {said}, after the plan date {as_of}; {fix} (the deck shows the plan as of "
           f"{as_of})", "date.completed-after-as-of")


def _overdue(c: _Checker, section: str, loc: tuple, what: str, day: date, as_of: date | None) -> None:
    """Warn when ``what``, not completed, was due (``day``) before the plan's as-of date."""
    if as_of is not None and day < as_of:
        c.warn(section, loc, f"{what} was due {day}, before the plan date {as_of}, and is not completed; mark it "
               f"completed, move its date, or it shows as overdue in the deck", "plan.overdue")


def _outcomes_and_kpis(c: _Checker, section: str, loc: tuple, item, ix: Index) -> None:
    """Check the ``outcomes`` and ``kpis`` that ``item`` (at ``loc``) aims at."""
    c.refs(section, loc + ("outcomes",), item.outcomes, ix.outcomes, OUTCOME, OUTCOMES_FILE)
    c.refs(section, loc + ("kpis",), item.kpis, ix.kpis, KPI, OUTCOMES_FILE)


# ------------------------------------------------------------------ sections


def _customer(c: _Checker, cust, ix: Index, today: date) -> None:
    """Check customer.yaml: account team, contract and plan dates, locales and logo."""
    people = ix.stakeholders
    c.ref("customer", ("cs_manager",), cust.cs_manager, people, STAKEHOLDER, STAKEHOLDERS_FILE)
    if people and cust.cs_manager in people and people[cust.cs_manager].side is not Side.PARTNER:
        c.warn("customer", ("cs_manager",), f"{cust.cs_manager!r} is not on the partner side in "
               f"{STAKEHOLDERS_FILE}; the CS manager usually is", "ref.side")
    c.refs("customer", ("account_team",), cust.account_team, people, STAKEHOLDER, STAKEHOLDERS_FILE)
    if cust.contract.end <= cust.contract.start:
        c.report("customer", ("contract", "end"), f"contract ends ({cust.contract.end}) on or before it "
                 f"starts ({cust.contract.start})", "date.order")
    if cust.contract.renewal and cust.contract.renewal < cust.contract.start:
        c.report("customer", ("contract", "renewal"), "renewal date is before the contract start", "date.order")
    if cust.plan.date > today:
        c.report("customer", ("plan", "date"), f"plan date {cust.plan.date} is in the future", "date.future")
    elif (today - cust.plan.date).days > STALE_AFTER_DAYS:
        c.warn("customer", ("plan", "date"), f"the plan was last updated {(today - cust.plan.date).days} "
               f"days ago; review it with the customer and bump plan.version and plan.date", "plan.stale")
    if len(set(cust.output_locales)) != len(cust.output_locales):
        c.report("customer", ("output_locales",), "a locale is listed twice", "model.duplicate")
    if cust.logo is not None:
        _logo(c, cust.logo)


def _logo(c: _Checker, logo: str, section: str = "customer", owner: str = "customer") -> None:
    """Check a logo (the customer's, or the partner's): inside assets/, present, an image, readable (first failure)."""
    path = PurePosixPath(logo)
    if path.is_absolute() or ".." in path.parts or not logo.startswith("assets/"):
        c.report(section, ("logo",), f"{logo!r} must be a path inside this {owner}'s assets/ folder, "
                 f"e.g. assets/logo.png", "asset.outside")
    elif logo not in c.plan.assets:
        c.report(section, ("logo",), f"{logo} does not exist; put the image in the {owner}'s assets/ folder",
                 "asset.missing")
    elif path.suffix.lower() not in logo_rules.SUFFIXES:
        c.report(section, ("logo",), f"the logo must be a {', '.join(logo_rules.SUFFIXES)} image", "asset.format")
    elif (found := logo_rules.problem(c.plan.assets[logo].read_bytes(), logo)) is not None:
        c.report(section, ("logo",), *found)


def logo_problem(logo: str, assets: dict) -> bool:
    """Return True when a logo path is unusable (outside assets/, missing, not an image or unreadable)."""
    path = PurePosixPath(logo)
    return (path.is_absolute() or ".." in path.parts or not logo.startswith("assets/") or logo not in assets
            or path.suffix.lower() not in logo_rules.SUFFIXES
            or logo_rules.problem(assets[logo].read_bytes(), logo) is not None)


def _stakeholders(c: _Checker, st, ix: Index, today: date) -> None:
    """Check stakeholders.yaml: a customer sponsor and end users are named."""
    people = st.stakeholders  # all of them, duplicated ids included
    # People left out for their own errors (model.salvage) may be the sponsor or the end users: say nothing then.
    left_out = [p for p in c.plan.partial.get("stakeholders", []) if isinstance(p, dict)]
    if not any(p.sponsor and p.side is Side.CUSTOMER for p in people) and not any("sponsor" in p for p in left_out):
        c.report("stakeholders", ("stakeholders",), "no customer sponsor; mark the customer's sponsor "
                 "with 'sponsor: true' (and side: customer)", "plan.no-sponsor")
    if not any(p.end_user_group for p in people) and not any("end_user_group" in p for p in left_out):
        c.warn("stakeholders", ("stakeholders",), "no end-user group; add the end users who benefit "
               "(end_user_group: true)", "plan.no-end-users")


def _solution(c: _Checker, sol, ix: Index, today: date) -> None:
    """Check solution.yaml: each solution's outcomes exist."""
    for i, item in enumerate(sol.solutions):
        c.refs("solution", ("solutions", i, "outcomes"), item.outcomes, ix.outcomes, OUTCOME, OUTCOMES_FILE)


def _outcomes(c: _Checker, out, ix: Index, today: date) -> None:
    """Check outcomes.yaml: every KPI has a known owner and is SMART."""
    plan_date = _as_of(c)
    for kpi, loc in ix.all_kpis:
        c.ref("outcomes", loc + ("owner",), kpi.owner, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
        if kpi.target.date <= kpi.baseline.date:
            c.report("outcomes", loc + ("target", "date"), f"the target is due {kpi.target.date}, not after "
                     f"the baseline ({kpi.baseline.date}); a SMART KPI is time-bound", "kpi.smart")
        if kpi.target.unit != kpi.baseline.unit:
            c.report("outcomes", loc + ("target", "unit"), f"unit {kpi.target.unit!r} differs from the "
                     f"baseline's {kpi.baseline.unit!r}; measure both the same way", "kpi.unit")
        if kpi.target.value == kpi.baseline.value:
            c.warn("outcomes", loc + ("target", "value"), "the target equals the baseline; "
                   "a SMART KPI names the change to reach", "kpi.smart")
        if plan_date and kpi.target.date < plan_date:
            c.warn("outcomes", loc + ("target", "date"), f"the target date {kpi.target.date} is before the "
                   f"plan date {plan_date}; set a new target or close the KPI", "kpi.overdue")


def _use_cases(c: _Checker, uc_file, ix: Index, today: date) -> None:
    """Check use-cases.yaml: the people of each group and the references of each use case."""
    people = ix.stakeholders
    for i, grp in enumerate(uc_file.groups):
        loc = ("groups", i)
        c.refs("use-cases", loc + ("members",), grp.members, people, STAKEHOLDER, STAKEHOLDERS_FILE)
        c.ref("use-cases", loc + ("champion",), grp.champion, people, STAKEHOLDER, STAKEHOLDERS_FILE)
        c.ref("use-cases", loc + ("adoption_lead",), grp.adoption_lead, people, STAKEHOLDER, STAKEHOLDERS_FILE)
    for i, uc in enumerate(uc_file.use_cases):
        loc = ("use_cases", i)
        c.refs("use-cases", loc + ("groups",), uc.groups, ix.groups, GROUP, GROUPS_LIST)
        c.refs("use-cases", loc + ("people",), uc.people, people, STAKEHOLDER, STAKEHOLDERS_FILE)
        _outcomes_and_kpis(c, "use-cases", loc, uc, ix)


def _barriers(c: _Checker, bar, ix: Index, today: date) -> None:
    """Check barriers.yaml: owners, a resolution path and the timeframe of each barrier."""
    as_of = _as_of(c)
    for i, b in enumerate(bar.barriers):
        loc = ("barriers", i)
        c.ref("barriers", loc + ("owner",), b.owner, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
        if b.resolution_path is None:
            c.warn("barriers", loc, f"barrier {b.id!r} has no resolution_path; track every barrier with "
                   f"how it will be resolved", "barrier.no-resolution")
        if b.timeframe and b.timeframe.end < b.timeframe.start:
            c.report("barriers", loc + ("timeframe", "end"), "the timeframe ends before it starts", "date.order")
        elif b.timeframe and b.status is Status.COMPLETED:
            _completed_after(c, "barriers", loc + ("timeframe", "end"), f"barrier {b.id!r}", b.timeframe.end, as_of)


def _adoption_plan(c: _Checker, ap, ix: Index, today: date) -> None:
    """Check adoption-plan.yaml: phase dates, the references of milestones, tasks and journeys, and whether
    each milestone and task is done or due as of the plan date."""
    as_of = _as_of(c)
    for i, ph in enumerate(ap.phases):
        if ph.end < ph.start:
            c.report("adoption-plan", ("phases", i, "end"), "the phase ends before it starts", "date.order")
    for i, m in enumerate(ap.milestones):
        _outcomes_and_kpis(c, "adoption-plan", ("milestones", i), m, ix)
        rule = _completed_after if m.status is Status.COMPLETED else _overdue
        rule(c, "adoption-plan", ("milestones", i, "date"), f"milestone {m.id!r}", m.date, as_of)
    for i, t in enumerate(ap.tasks):
        c.ref("adoption-plan", ("tasks", i, "owner"), t.owner, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
        c.ref("adoption-plan", ("tasks", i, "milestone"), t.milestone, ix.milestones, MILESTONE, MILESTONES_LIST)
        rule = _completed_after if t.status is Status.COMPLETED else _overdue
        rule(c, "adoption-plan", ("tasks", i, "due"), f"task {_named(c, t.task)}", t.due, as_of)
    for i, journey in enumerate(ap.adoption_journeys):
        _outcomes_and_kpis(c, "adoption-plan", ("adoption_journeys", i), journey, ix)


def _process_change(c: _Checker, pc_file, ix: Index, today: date) -> None:
    """Check process-change.yaml: each process's people and its validation date."""
    people = ix.stakeholders
    for i, pc in enumerate(pc_file.processes):
        loc = ("processes", i)
        c.ref("process-change", loc + ("owner",), pc.owner, people, STAKEHOLDER, STAKEHOLDERS_FILE)
        c.refs("process-change", loc + ("validated_with",), pc.validated_with, people, STAKEHOLDER,
               STAKEHOLDERS_FILE)
        if pc.validated_on and pc.validated_on > today:
            c.report("process-change", loc + ("validated_on",), "the validation date is in the future",
                     "date.future")


def _communication(c: _Checker, comm, ix: Index, today: date) -> None:
    """Check communication.yaml: completion dates of the activities."""
    as_of = _as_of(c)
    for i, a in enumerate(comm.activities):
        if a.completed and a.completed < a.when:
            c.report("communication", ("activities", i, "completed"), f"completed {a.completed}, before "
                     f"it was due ({a.when})", "date.order")
        elif a.completed and a.status is Status.COMPLETED:
            _completed_after(c, "communication", ("activities", i, "completed"), f"activity {_named(c, a.activity)}",
                             a.completed, as_of)
        if a.status is Status.COMPLETED and a.completed is None:
            c.warn("communication", ("activities", i), "the activity is completed but has no "
                   "'completed' date", "activity.no-date")


def _unit_forms(c: _Checker, ms, ix: Index) -> None:
    """Warn about a free-text KPI unit without the plural forms its values need in an output locale."""
    from pipeline.units import missing_forms

    customer = c.plan.customer
    if customer is None or not ix.kpis:
        return
    readings: dict[str, list] = {}
    for r in ms.readings:
        readings.setdefault(r.kpi, []).append(r.value)
    for kpi, loc in ix.all_kpis:
        values = [kpi.baseline.value, kpi.target.value, *readings.get(kpi.id, [])]
        for locale in customer.output_locales:
            missing = missing_forms(kpi.baseline.unit, locale, values)
            if missing:
                shown = kpi.baseline.unit.in_locale(locale)
                c.warn("outcomes", loc + ("baseline", "unit"), f"the free-text unit {str(shown)!r} has no "
                       f"{'/'.join(missing)} form, which the {locale} deck needs for its values; use a CLDR unit "
                       f"id (hour, day, week, minute, second) or give the forms, e.g. unit: {{one: …, few: …, "
                       f"many: …, other: …}}", "kpi.unit-plural")


def _measurements(c: _Checker, ms, ix: Index, today: date) -> None:
    """Check measurements.yaml: readings (known KPI, once a day, dated sensibly) and value statements."""
    seen: dict = {}  # (KPI, date) -> index of its first reading
    for i, r in enumerate(ms.readings):
        loc = ("readings", i)
        c.ref("measurements", loc + ("kpi",), r.kpi, ix.kpis, KPI, OUTCOMES_FILE)
        if (r.kpi, r.date) in seen:
            c.report("measurements", loc + ("date",), f"a second reading of {r.kpi!r} on {r.date} "
                     f"(first is readings[{seen[(r.kpi, r.date)]}])", "reading.duplicate")
        seen.setdefault((r.kpi, r.date), i)
        if ix.kpis and r.kpi in ix.kpis and r.date < ix.kpis[r.kpi].baseline.date:
            c.report("measurements", loc + ("date",), f"reading dated {r.date}, before the KPI's "
                     f"baseline ({ix.kpis[r.kpi].baseline.date})", "reading.date")
        if r.date > today:
            c.report("measurements", loc + ("date",), f"reading dated {r.date}, in the future", "reading.date")
    _unit_forms(c, ms, ix)
    if not ms.readings and "measurements" not in c.plan.partial:
        c.warn("measurements", (), "no readings yet; add KPI readings as they are measured", "measurements.empty")
    for i, st in enumerate(ms.statements):
        loc = ("statements", i)
        c.ref("measurements", loc + ("outcome",), st.outcome, ix.outcomes, OUTCOME, OUTCOMES_FILE)
        c.ref("measurements", loc + ("by",), st.by, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
        # The initiative is checked only against a known outcome: otherwise that outcome is the problem.
        if st.initiative is None or ix.initiatives is None or st.outcome not in ix.outcomes:
            continue
        if st.initiative not in ix.initiatives:
            c.ref("measurements", loc + ("initiative",), st.initiative, ix.initiatives, INITIATIVE, OUTCOMES_FILE)
        elif (owner := ix.initiatives[st.initiative][0].id) != st.outcome:
            c.report("measurements", loc + ("initiative",), f"initiative {st.initiative!r} belongs to "
                     f"outcome {owner!r}, not {st.outcome!r}", "ref.mismatch")


# Each section's rules, in the order their problems are reported; each is called with the checker,
# the section's model, the index and today's date (whether it needs them all or not).
SECTION_RULES = (
    ("customer", _customer),
    ("stakeholders", _stakeholders),
    ("solution", _solution),
    ("outcomes", _outcomes),
    ("use-cases", _use_cases),
    ("barriers", _barriers),
    ("adoption-plan", _adoption_plan),
    ("process-change", _process_change),
    ("communication", _communication),
    ("measurements", _measurements),
)


def validate(plan: Plan, content_rel: str, artifacts=None) -> Problems:
    """Return every cross-section problem of ``plan`` for the given artifacts (default: all)."""
    c = _Checker(plan, content_rel)
    for section in required_sections(artifacts):  # as the artifact registry declares them
        if f"{section}.yaml" not in plan.documents:
            c.report(section, (), f"missing section file; create {section}.yaml "
                     f"(`csplan new` writes a commented example of every section)", "section.missing")
    ix = index(plan, c)
    day = today()
    for section, rules in SECTION_RULES:
        if section in plan.sections:
            rules(c, plan.sections[section], ix, day)

    # ---- health.yaml, the shared health model and reviews/*.yaml (imported here: they build on
    # _Checker, and only when there is something to check: a plan deck's build reads neither)
    if (plan.partner is not None or plan.health is not None or plan.reviews
            or any(b == "health" or b.startswith("reviews/") for b in plan.broken)):
        from pipeline.validate.health import validate_health
        from pipeline.validate.review import validate_reviews

        c.problems.extend(validate_health(plan, content_rel))
        c.problems.extend(validate_reviews(plan, content_rel))
    # ---- reference.yaml (the customer reference), when the customer has one
    if "reference" in plan.sections:
        from pipeline.validate.reference import validate_reference

        c.problems.extend(validate_reference(plan, content_rel))
    # ---- the CS service tier, in reference.yaml and solution.yaml, against partner.yaml's tiers
    if plan.partner is not None:
        from pipeline.validate.tier import validate_tiers

        c.problems.extend(validate_tiers(plan, content_rel))
    # ---- one spelling variant: English texts in the catalog's (American) spelling
    from pipeline.validate.spelling import validate_spelling

    c.problems.extend(validate_spelling(plan, content_rel))
    return c.problems
