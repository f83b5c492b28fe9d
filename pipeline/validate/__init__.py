"""Validate stage: rules that look across sections of a plan.

The model checks each file alone; here ids must be unique, references must
resolve, KPIs must be SMART, dates must make sense and the plan must be kept
up to date. Every rule reports at the file, line and field that needs editing.
"""

from __future__ import annotations

import difflib
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
        doc = self.plan.documents.get(f"{section}.yaml")
        rel = doc.rel if doc else f"{self.content_rel}/{section}.yaml"
        pos = doc.pos(loc, key=key) if doc else None
        self.problems.add(Problem(rel, pos.line if pos else 0, pos.col if pos else 0,
                                  field_path(loc), message, code, severity))

    def warn(self, section: str, loc: tuple, message: str, code: str) -> None:
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
        for i, value in enumerate(values):
            self.ref(section, loc + (i,), value, known, kind, where)


def _first(items) -> dict:
    """Return ``items`` by id; for a duplicated id the first one counts (the later one is reported)."""
    out: dict = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


def validate(plan: Plan, content_rel: str, artifacts=None) -> Problems:
    """Return every cross-section problem of ``plan`` for the given artifacts (default: all)."""
    c = _Checker(plan, content_rel)
    s = plan.sections

    # ---- required sections, as the artifact registry declares them
    for section in required_sections(artifacts):
        if f"{section}.yaml" not in plan.documents:
            c.report(section, (), f"missing section file; create {section}.yaml "
                     f"(`csplan new` writes a commented example of every section)", "section.missing")

    stakeholders = outcomes = initiatives = kpis = groups = milestones = None
    all_kpis: list = []  # every KPI with its loc, duplicated ids included
    ids: dict = {}
    if "stakeholders" in s:
        people = s["stakeholders"].stakeholders
        c.unique("stakeholders", people, [("stakeholders", i) for i in range(len(people))], "stakeholder", {})
        stakeholders = _first(people)
    if "outcomes" in s:
        outcomes, initiatives, kpis = {}, {}, {}
        items, locs, ilist, ilocs, klist, klocs = [], [], [], [], [], []
        for i, o in enumerate(s["outcomes"].outcomes):
            outcomes.setdefault(o.id, o)
            items.append(o)
            locs.append(("outcomes", i))
            for j, ini in enumerate(o.initiatives):
                initiatives.setdefault(ini.id, (o, ini))
                ilist.append(ini)
                ilocs.append(("outcomes", i, "initiatives", j))
                for k, kpi in enumerate(ini.kpis):
                    kpis.setdefault(kpi.id, (o, ini, kpi, ("outcomes", i, "initiatives", j, "kpis", k)))
                    all_kpis.append((kpi, ("outcomes", i, "initiatives", j, "kpis", k)))
                    klist.append(kpi)
                    klocs.append(("outcomes", i, "initiatives", j, "kpis", k))
        # One namespace for outcomes, initiatives and KPIs: references name them without saying which.
        c.unique("outcomes", items + ilist + klist, locs + ilocs + klocs, "outcome/initiative/KPI", ids)
    if "use-cases" in s:
        g = s["use-cases"].groups
        c.unique("use-cases", g, [("groups", i) for i in range(len(g))], "group", {})
        groups = _first(g)
        u = s["use-cases"].use_cases
        c.unique("use-cases", u, [("use_cases", i) for i in range(len(u))], "use case", {})
    if "adoption-plan" in s:
        m = s["adoption-plan"].milestones
        c.unique("adoption-plan", m, [("milestones", i) for i in range(len(m))], "milestone", {})
        milestones = _first(m)
    for section, attr, kind in (("solution", "solutions", "solution"), ("barriers", "barriers", "barrier"),
                                ("process-change", "processes", "process")):
        if section in s:
            items = getattr(s[section], attr)
            c.unique(section, items, [(attr, i) for i in range(len(items))], kind, {})

    P, O, K = "stakeholder", "outcome", "KPI"
    SP, OP = "stakeholders.yaml", "outcomes.yaml"
    today_ = today()

    # ---- customer.yaml
    cust = s.get("customer")
    if cust:
        c.ref("customer", ("cs_manager",), cust.cs_manager, stakeholders, P, SP)
        if stakeholders and cust.cs_manager in stakeholders and stakeholders[cust.cs_manager].side is not Side.PARTNER:
            c.warn("customer", ("cs_manager",), f"{cust.cs_manager!r} is not on the partner side in {SP}; "
                   f"the CS manager usually is", "ref.side")
        c.refs("customer", ("account_team",), cust.account_team, stakeholders, P, SP)
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
    if stakeholders is not None:
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
            c.refs("solution", ("solutions", i, "outcomes"), sol.outcomes, outcomes, O, OP)

    # ---- outcomes.yaml: SMART KPIs
    if kpis:
        plan_date = cust.plan.date if cust else None
        for kpi, loc in all_kpis:
            c.ref("outcomes", loc + ("owner",), kpi.owner, stakeholders, P, SP)
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
            c.refs("use-cases", loc + ("members",), grp.members, stakeholders, P, SP)
            c.ref("use-cases", loc + ("champion",), grp.champion, stakeholders, P, SP)
            c.ref("use-cases", loc + ("adoption_lead",), grp.adoption_lead, stakeholders, P, SP)
        for i, uc in enumerate(s["use-cases"].use_cases):
            loc = ("use_cases", i)
            c.refs("use-cases", loc + ("groups",), uc.groups, groups, "group", "use-cases.yaml groups")
            c.refs("use-cases", loc + ("people",), uc.people, stakeholders, P, SP)
            c.refs("use-cases", loc + ("outcomes",), uc.outcomes, outcomes, O, OP)
            c.refs("use-cases", loc + ("kpis",), uc.kpis, kpis, K, OP)

    # ---- barriers.yaml
    if "barriers" in s:
        for i, b in enumerate(s["barriers"].barriers):
            loc = ("barriers", i)
            c.ref("barriers", loc + ("owner",), b.owner, stakeholders, P, SP)
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
            c.refs("adoption-plan", ("milestones", i, "outcomes"), m.outcomes, outcomes, O, OP)
            c.refs("adoption-plan", ("milestones", i, "kpis"), m.kpis, kpis, K, OP)
        for i, t in enumerate(ap.tasks):
            c.ref("adoption-plan", ("tasks", i, "owner"), t.owner, stakeholders, P, SP)
            c.ref("adoption-plan", ("tasks", i, "milestone"), t.milestone, milestones, "milestone",
                  "adoption-plan.yaml milestones")
        for i, j in enumerate(ap.adoption_journeys):
            c.refs("adoption-plan", ("adoption_journeys", i, "outcomes"), j.outcomes, outcomes, O, OP)
            c.refs("adoption-plan", ("adoption_journeys", i, "kpis"), j.kpis, kpis, K, OP)

    # ---- process-change.yaml
    if "process-change" in s:
        for i, pc in enumerate(s["process-change"].processes):
            c.ref("process-change", ("processes", i, "owner"), pc.owner, stakeholders, P, SP)
            c.refs("process-change", ("processes", i, "validated_with"), pc.validated_with, stakeholders, P, SP)
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
            c.ref("measurements", loc + ("kpi",), r.kpi, kpis, K, OP)
            if (r.kpi, r.date) in seen:
                c.report("measurements", loc + ("date",), f"a second reading of {r.kpi!r} on {r.date} "
                         f"(first is readings[{seen[(r.kpi, r.date)]}])", "reading.duplicate")
            seen.setdefault((r.kpi, r.date), i)
            if kpis and r.kpi in kpis:
                kpi = kpis[r.kpi][2]
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
            c.ref("measurements", loc + ("outcome",), st.outcome, outcomes, O, OP)
            c.ref("measurements", loc + ("by",), st.by, stakeholders, P, SP)
            if st.initiative is not None and initiatives is not None and st.outcome in outcomes:
                if st.initiative not in initiatives:
                    c.ref("measurements", loc + ("initiative",), st.initiative, initiatives, "initiative", OP)
                elif initiatives[st.initiative][0].id != st.outcome:
                    c.report("measurements", loc + ("initiative",), f"initiative {st.initiative!r} belongs to "
                             f"outcome {initiatives[st.initiative][0].id!r}, not {st.outcome!r}", "ref.mismatch")

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
