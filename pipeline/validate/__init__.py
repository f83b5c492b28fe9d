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

from pipeline.clock import today  # re-exported: the sub-validators and the tests import it from here
from pipeline.load import field_path
from pipeline.model import Plan, Side, Status
from pipeline.problems import Problem, Problems, Severity
from pipeline.registry import required_sections

STALE_AFTER_DAYS = 90
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")


def _unreadable_image(path) -> str | None:
    """Return why ``path`` is not a readable image, or None when it is one."""
    import io

    from PIL import Image  # python-pptx's own image reader; imported only when there is a logo

    try:
        # From bytes, so Pillow's messages do not carry this machine's paths.
        with Image.open(io.BytesIO(path.read_bytes())) as im:
            im.verify()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for broken files
        return str(exc).split(" <")[0] or type(exc).__name__
    return None


class _Checker:
    """Collects problems for one plan, located through the plan's documents."""

    def __init__(self, plan: Plan, content_rel: str):
        self.plan = plan
        self.content_rel = content_rel
        self.problems = Problems()

    def report(self, section: str, loc: tuple, message: str, code: str, *,
               severity: Severity = Severity.ERROR, key: bool = False) -> None:
        """Record a problem at ``loc`` (the key itself when ``key``) of ``section``'s file."""
        doc = self.plan.documents.get(f"{section}.yaml")
        rel = doc.rel if doc else f"{self.content_rel}/{section}.yaml"
        pos = doc.pos(loc, key=key) if doc else None
        self.problems.add(Problem(rel, pos.line if pos else 0, pos.col if pos else 0,
                                  field_path(loc), message, code, severity))

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
        if value is None or known is None or value in known:
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


def validate(plan: Plan, content_rel: str, artifacts=None) -> Problems:
    """Return every cross-section problem of ``plan`` for the given artifacts (default: all)."""
    c = _Checker(plan, content_rel)
    s = plan.sections

    # ---- required sections, as the artifact registry declares them
    for section in required_sections(artifacts):
        if f"{section}.yaml" not in plan.documents:
            c.report(section, (), f"missing section file; create {section}.yaml "
                     f"(`csplan new` writes a commented example of every section)", "section.missing")

    ix = index(plan, c)
    today_ = today()

    # ---- customer.yaml
    cust = s.get("customer")
    if cust:
        c.ref("customer", ("cs_manager",), cust.cs_manager, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
        people = ix.stakeholders
        if people and cust.cs_manager in people and people[cust.cs_manager].side is not Side.PARTNER:
            c.warn("customer", ("cs_manager",), f"{cust.cs_manager!r} is not on the partner side in "
                   f"{STAKEHOLDERS_FILE}; the CS manager usually is", "ref.side")
        c.refs("customer", ("account_team",), cust.account_team, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
        if cust.contract.end <= cust.contract.start:
            c.report("customer", ("contract", "end"), f"contract ends ({cust.contract.end}) on or before it "
                     f"starts ({cust.contract.start})", "date.order")
        if cust.contract.renewal and cust.contract.renewal < cust.contract.start:
            c.report("customer", ("contract", "renewal"), "renewal date is before the contract start",
                     "date.order")
        if cust.plan.date > today_:
            c.report("customer", ("plan", "date"), f"plan date {cust.plan.date} is in the future", "date.future")
        elif (today_ - cust.plan.date).days > STALE_AFTER_DAYS:
            c.warn("customer", ("plan", "date"), f"the plan was last updated {(today_ - cust.plan.date).days} "
                   f"days ago; review it with the customer and bump plan.version and plan.date", "plan.stale")
        if len(set(cust.output_locales)) != len(cust.output_locales):
            c.report("customer", ("output_locales",), "a locale is listed twice", "model.duplicate")
        if cust.logo is not None:
            logo = PurePosixPath(cust.logo)
            if logo.is_absolute() or ".." in logo.parts or not cust.logo.startswith("assets/"):
                c.report("customer", ("logo",), f"{cust.logo!r} must be a path inside this customer's "
                         f"assets/ folder, e.g. assets/logo.png", "asset.outside")
            elif cust.logo not in plan.assets:
                c.report("customer", ("logo",), f"{cust.logo} does not exist; put the image in the "
                         f"customer's assets/ folder", "asset.missing")
            elif logo.suffix.lower() not in LOGO_SUFFIXES:
                c.report("customer", ("logo",), f"the logo must be a {', '.join(LOGO_SUFFIXES)} image",
                         "asset.format")
            elif (why := _unreadable_image(plan.assets[cust.logo])) is not None:
                c.report("customer", ("logo",), f"{cust.logo} cannot be read as an image ({why}); export it "
                         f"again as PNG or JPEG", "asset.unreadable")

    # ---- stakeholders.yaml
    if ix.stakeholders is not None:
        people = s["stakeholders"].stakeholders  # all of them, duplicated ids included
        if not any(p.sponsor and p.side is Side.CUSTOMER for p in people):
            c.report("stakeholders", ("stakeholders",), "no customer sponsor; mark the customer's sponsor "
                     "with 'sponsor: true' (and side: customer)", "plan.no-sponsor")
        if not any(p.end_user_group for p in people):
            c.warn("stakeholders", ("stakeholders",), "no end-user group; add the end users who benefit "
                   "(end_user_group: true)", "plan.no-end-users")

    # ---- solution.yaml
    if "solution" in s:
        for i, sol in enumerate(s["solution"].solutions):
            c.refs("solution", ("solutions", i, "outcomes"), sol.outcomes, ix.outcomes, OUTCOME, OUTCOMES_FILE)

    # ---- outcomes.yaml: SMART KPIs
    if ix.kpis:
        plan_date = cust.plan.date if cust else None
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

    # ---- use-cases.yaml
    if "use-cases" in s:
        for i, grp in enumerate(s["use-cases"].groups):
            loc = ("groups", i)
            c.refs("use-cases", loc + ("members",), grp.members, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
            c.ref("use-cases", loc + ("champion",), grp.champion, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
            c.ref("use-cases", loc + ("adoption_lead",), grp.adoption_lead, ix.stakeholders, STAKEHOLDER,
                  STAKEHOLDERS_FILE)
        for i, uc in enumerate(s["use-cases"].use_cases):
            loc = ("use_cases", i)
            c.refs("use-cases", loc + ("groups",), uc.groups, ix.groups, GROUP, GROUPS_LIST)
            c.refs("use-cases", loc + ("people",), uc.people, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
            c.refs("use-cases", loc + ("outcomes",), uc.outcomes, ix.outcomes, OUTCOME, OUTCOMES_FILE)
            c.refs("use-cases", loc + ("kpis",), uc.kpis, ix.kpis, KPI, OUTCOMES_FILE)

    # ---- barriers.yaml
    if "barriers" in s:
        for i, b in enumerate(s["barriers"].barriers):
            loc = ("barriers", i)
            c.ref("barriers", loc + ("owner",), b.owner, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
            if b.resolution_path is None:
                c.warn("barriers", loc, f"barrier {b.id!r} has no resolution_path; track every barrier with "
                       f"how it will be resolved", "barrier.no-resolution")
            if b.timeframe and b.timeframe.end < b.timeframe.start:
                c.report("barriers", loc + ("timeframe", "end"), "the timeframe ends before it starts",
                         "date.order")

    # ---- adoption-plan.yaml
    if "adoption-plan" in s:
        ap = s["adoption-plan"]
        for i, ph in enumerate(ap.phases):
            if ph.end < ph.start:
                c.report("adoption-plan", ("phases", i, "end"), "the phase ends before it starts", "date.order")
        for i, m in enumerate(ap.milestones):
            c.refs("adoption-plan", ("milestones", i, "outcomes"), m.outcomes, ix.outcomes, OUTCOME, OUTCOMES_FILE)
            c.refs("adoption-plan", ("milestones", i, "kpis"), m.kpis, ix.kpis, KPI, OUTCOMES_FILE)
        for i, t in enumerate(ap.tasks):
            c.ref("adoption-plan", ("tasks", i, "owner"), t.owner, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
            c.ref("adoption-plan", ("tasks", i, "milestone"), t.milestone, ix.milestones, MILESTONE,
                  MILESTONES_LIST)
        for i, j in enumerate(ap.adoption_journeys):
            c.refs("adoption-plan", ("adoption_journeys", i, "outcomes"), j.outcomes, ix.outcomes, OUTCOME,
                   OUTCOMES_FILE)
            c.refs("adoption-plan", ("adoption_journeys", i, "kpis"), j.kpis, ix.kpis, KPI, OUTCOMES_FILE)

    # ---- process-change.yaml
    if "process-change" in s:
        for i, pc in enumerate(s["process-change"].processes):
            c.ref("process-change", ("processes", i, "owner"), pc.owner, ix.stakeholders, STAKEHOLDER,
                  STAKEHOLDERS_FILE)
            c.refs("process-change", ("processes", i, "validated_with"), pc.validated_with, ix.stakeholders,
                   STAKEHOLDER, STAKEHOLDERS_FILE)
            if pc.validated_on and pc.validated_on > today_:
                c.report("process-change", ("processes", i, "validated_on"), "the validation date is in the "
                         "future", "date.future")

    # ---- communication.yaml
    if "communication" in s:
        for i, a in enumerate(s["communication"].activities):
            if a.completed and a.completed < a.when:
                c.report("communication", ("activities", i, "completed"), f"completed {a.completed}, before "
                         f"it was due ({a.when})", "date.order")
            if a.status is Status.COMPLETED and a.completed is None:
                c.warn("communication", ("activities", i), "the activity is completed but has no "
                       "'completed' date", "activity.no-date")

    # ---- measurements.yaml
    if "measurements" in s:
        ms = s["measurements"]
        seen: dict = {}
        for i, r in enumerate(ms.readings):
            loc = ("readings", i)
            c.ref("measurements", loc + ("kpi",), r.kpi, ix.kpis, KPI, OUTCOMES_FILE)
            if (r.kpi, r.date) in seen:
                c.report("measurements", loc + ("date",), f"a second reading of {r.kpi!r} on {r.date} "
                         f"(first is readings[{seen[(r.kpi, r.date)]}])", "reading.duplicate")
            seen.setdefault((r.kpi, r.date), i)
            if ix.kpis and r.kpi in ix.kpis:
                kpi = ix.kpis[r.kpi]
                if r.date < kpi.baseline.date:
                    c.report("measurements", loc + ("date",), f"reading dated {r.date}, before the KPI's "
                             f"baseline ({kpi.baseline.date})", "reading.date")
            if r.date > today_:
                c.report("measurements", loc + ("date",), f"reading dated {r.date}, in the future",
                         "reading.date")
        if not ms.readings:
            c.warn("measurements", (), "no readings yet; add KPI readings as they are measured",
                   "measurements.empty")
        for i, st in enumerate(ms.statements):
            loc = ("statements", i)
            c.ref("measurements", loc + ("outcome",), st.outcome, ix.outcomes, OUTCOME, OUTCOMES_FILE)
            c.ref("measurements", loc + ("by",), st.by, ix.stakeholders, STAKEHOLDER, STAKEHOLDERS_FILE)
            if st.initiative is not None and ix.initiatives is not None and st.outcome in ix.outcomes:
                if st.initiative not in ix.initiatives:
                    c.ref("measurements", loc + ("initiative",), st.initiative, ix.initiatives, INITIATIVE,
                          OUTCOMES_FILE)
                elif ix.initiatives[st.initiative][0].id != st.outcome:
                    c.report("measurements", loc + ("initiative",), f"initiative {st.initiative!r} belongs to "
                             f"outcome {ix.initiatives[st.initiative][0].id!r}, not {st.outcome!r}",
                             "ref.mismatch")

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
    return c.problems
