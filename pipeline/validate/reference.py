"""Validate a customer reference against its plan, and the consent gate of the documents that use it.

References in ``reference.yaml`` name the plan's outcomes, KPIs, barriers,
processes and people by id; every one must resolve, every KPI shown as a
result needs a reading, and the consent record must make sense. Whether the
consent allows a given use is decided by :func:`consent_gate` at build time.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import Plan, Side
from pipeline.model.reference import ConsentUse
from pipeline.problems import Problems, Severity
from pipeline.project import PARTNER_DIR
from pipeline.validate import _Checker, today

R = "reference"


def _ids(items) -> dict:
    return {item.id: item for item in items}


def validate_reference(plan: Plan, content_rel: str) -> Problems:
    """Return every problem of ``reference.yaml`` checked against the rest of the plan."""
    ref = plan.sections.get(R)
    c = _Checker(plan, content_rel)
    if ref is None:
        return c.problems
    s = plan.sections
    people = _ids(s["stakeholders"].stakeholders) if "stakeholders" in s else None
    solutions = _ids(s["solution"].solutions) if "solution" in s else None
    outcomes = kpis = None
    if "outcomes" in s:
        outcomes = _ids(s["outcomes"].outcomes)
        kpis = {k.id: k for o in s["outcomes"].outcomes for i in o.initiatives for k in i.kpis}
    use_cases = _ids(s["use-cases"].use_cases) if "use-cases" in s else None
    barriers = _ids(s["barriers"].barriers) if "barriers" in s else None
    processes = _ids(s["process-change"].processes) if "process-change" in s else None
    SP, OP = "stakeholders.yaml", "outcomes.yaml"

    c.refs(R, ("profile", "products"), ref.profile.products, solutions, "solution", "solution.yaml")
    c.refs(R, ("solution", "solutions"), ref.solution.solutions, solutions, "solution", "solution.yaml")
    ex = ref.execution
    c.refs(R, ("execution", "outcomes"), ex.outcomes, outcomes, "outcome", OP)
    c.refs(R, ("execution", "stakeholders"), ex.stakeholders, people, "stakeholder", SP)
    c.refs(R, ("execution", "use_cases"), ex.use_cases, use_cases, "use case", "use-cases.yaml")
    c.refs(R, ("execution", "barriers"), ex.barriers, barriers, "barrier", "barriers.yaml")
    c.refs(R, ("execution", "processes"), ex.processes, processes, "process", "process-change.yaml")
    c.refs(R, ("results", "kpis"), ref.results.kpis, kpis, "KPI", OP)
    if kpis is not None and "measurements" in s:
        measured = {r.kpi for r in s["measurements"].readings}
        for i, kpi in enumerate(ref.results.kpis):
            if kpi in kpis and kpi not in measured:
                c.report(R, ("results", "kpis", i), f"KPI {kpi!r} has no reading in measurements.yaml; a reference "
                         f"shows the achieved value, so add a reading or leave the KPI out", "reference.no-reading")

    q = ref.quote
    if q.by is not None:
        c.ref(R, ("quote", "by"), q.by, people, "stakeholder", SP)
        if q.name is not None or q.title is not None:
            c.report(R, ("quote", "name" if q.name is not None else "title"), "give the speaker either as "
                     "'by: <stakeholder id>' or as 'name' and 'title', not both", "reference.quote-speaker",
                     key=True)
    elif q.name is None or q.title is None:
        missing = "title" if q.name is not None else "name" if q.title is not None else "by"
        c.report(R, ("quote",), f"the quote needs its speaker: add {missing}: … (a stakeholder id in 'by', or "
                 f"'name' and 'title')", "reference.quote-speaker")

    cs = ref.consent
    c.ref(R, ("consent", "approved_by"), cs.approved_by, people, "stakeholder", SP)
    if people and cs.approved_by in people and people[cs.approved_by].side is not Side.CUSTOMER:
        c.report(R, ("consent", "approved_by"), f"{cs.approved_by!r} is not on the customer side in {SP}; "
                 f"consent must come from someone at the customer", "consent.approver")
    if cs.until < cs.date:
        c.report(R, ("consent", "until"), f"consent runs until {cs.until}, before it was given ({cs.date})",
                 "date.order")
    if cs.date > today():
        c.report(R, ("consent", "date"), f"consent date {cs.date} is in the future", "date.future")
    if cs.withdrawn is not None and cs.withdrawn < cs.date:
        c.report(R, ("consent", "withdrawn"), f"withdrawn on {cs.withdrawn}, before consent was given "
                 f"({cs.date})", "date.order")
    if cs.use is ConsentUse.ANONYMIZED and cs.anonymized_as is None:
        c.report(R, ("consent",), "anonymized consent needs the name to show instead of the customer's; add "
                 "anonymized_as: {en: a Polish logistics company, pl: …}", "consent.anonymized-as")
    # Outside a build the gate's verdict is a warning: the plan itself is fine.
    for p in consent_gate(plan, content_rel, "reference"):
        c.problems.add(replace(p, severity=Severity.WARNING))
    return c.problems


def consent_gate(plan: Plan, content_rel: str, purpose: str) -> Problems:
    """Return the errors that forbid using the reference for ``purpose`` ("reference" or "questionnaire")."""
    c = _Checker(plan, content_rel)
    ref = plan.sections.get(R)
    if ref is None:
        return c.problems
    cs = ref.consent
    who = f"customer {plan.name!r}"
    now = today()
    if cs.withdrawn is not None and cs.withdrawn <= now:
        c.report(R, ("consent", "withdrawn"), f"{who} withdrew its consent on {cs.withdrawn}; the reference "
                 f"cannot be used (name another customer in content/{PARTNER_DIR}/partner.yaml references)",
                 "consent.withdrawn")
    elif cs.until < now:
        c.report(R, ("consent", "until"), f"{who}: consent expired on {cs.until}; ask the customer to renew it "
                 f"(update consent.date and consent.until) or name another reference", "consent.expired")
    if purpose == "questionnaire" and cs.use is ConsentUse.INTERNAL:
        c.report(R, ("consent", "use"), f"{who} approved the reference for internal use only; the questionnaire "
                 f"goes to the vendor, so it needs use: external or anonymized (approved by the customer)",
                 "consent.internal")
    return c.problems
