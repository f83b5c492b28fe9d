"""Validate ``content/_partner/partner.yaml``: ids, the RACI, the org chart and the two references."""

from __future__ import annotations

import difflib

from pipeline.load import Document
from pipeline.model import Plan
from pipeline.model.health import HEALTH_MODEL
from pipeline.model.partner import LOOKALIKES, PartnerFile, raci_letter
from pipeline.problems import Problems
from pipeline.project import PARTNER_DIR
from pipeline.validate import _Checker, _first, _logo, today

P = "partner"
REFERENCES_NEEDED = 2


def validate_partner(partner: PartnerFile, doc: Document, customers: dict[str, bool],
                     has_health_model: bool = True, assets: dict | None = None) -> Problems:
    """Return every problem of ``partner``.

    ``customers`` maps each customer to whether it has reference.yaml;
    ``has_health_model`` says whether content/_partner/health-model.yaml describes the health score.
    """
    c = _Checker(Plan(PARTNER_DIR, documents={"partner.yaml": doc}, assets=assets or {}), doc.rel.rsplit("/", 1)[0])
    lc = partner.lifecycle
    if partner.logo is not None:
        _logo(c, partner.logo, P, "partner")

    for attr, items, kind in (("stages", lc.stages, "stage"), ("roles", lc.roles, "role"),
                              ("handoffs", lc.handoffs, "hand-off")):
        c.unique(P, items, [("lifecycle", attr, i) for i in range(len(items))], kind, {})
    units = partner.organization.units
    c.unique(P, units, [("organization", "units", i) for i in range(len(units))], "unit", {})
    stages, roles, by_unit = _first(lc.stages), _first(lc.roles), _first(units)
    where_stages, where_roles = "partner.yaml lifecycle.stages", "partner.yaml lifecycle.roles"

    # ---- RACI: known stage and roles, valid letters, exactly one A per activity
    for i, row in enumerate(lc.raci):
        loc = ("lifecycle", "raci", i)
        c.ref(P, loc + ("stage",), row.stage, stages, "stage", where_stages)
        accountable = []
        for role, raw in row.roles.items():
            c.ref(P, loc + ("roles", role), role, roles, "role", where_roles)
            letter = raci_letter(raw)
            if letter is None:
                c.report(P, loc + ("roles", role), f"{raw!r} is not a RACI letter; write R, A, C, I or R/A",
                         "raci.letter")
                continue
            odd = [ch for ch in raw if ch in LOOKALIKES]
            if odd:
                c.warn(P, loc + ("roles", role), f"{raw!r} holds a character that only looks like {letter} "
                       f"(U+{ord(odd[0]):04X}); it is read as {letter}, retype it in plain ASCII",
                       "raci.lookalike")
            if "A" in letter:
                accountable.append(role)
        if len(accountable) != 1:
            named = ", ".join(accountable)
            what = f"{len(accountable)} accountable roles ({named})" if accountable else "no accountable role"
            c.report(P, loc + ("roles",), f"activity {_one_text(row.activity)!r} has {what}; a RACI has exactly "
                     f"one A (or R/A) per activity", "raci.accountable")

    if not has_health_model and lc.health_score is None:
        c.report(P, ("lifecycle",), f"question 2 asks for the health score model: add content/{PARTNER_DIR}/"
                 f"{HEALTH_MODEL}.yaml, or describe it here in lifecycle.health_score", "partner.no-health-model")
    for i, h in enumerate(lc.handoffs):
        c.ref(P, ("lifecycle", "handoffs", i, "stage"), h.stage, stages, "stage", where_stages)
    for i, tool in enumerate(lc.tools):
        c.refs(P, ("lifecycle", "tools", i, "stages"), tool.stages, stages, "stage", where_stages)

    # ---- organisation: the chart is a tree and holds the CS organisation
    for i, unit in enumerate(units):
        c.ref(P, ("organization", "units", i, "reports_to"), unit.reports_to, by_unit, "unit",
              "partner.yaml organization.units")
        seen, up = {unit.id}, unit.reports_to
        while up in by_unit:
            if up in seen:
                c.report(P, ("organization", "units", i, "reports_to"), f"unit {unit.id!r} reports to itself "
                         f"through {up!r}; the org chart must be a tree", "org.cycle")
                break
            seen.add(up)
            up = by_unit[up].reports_to
    if not any(u.customer_success for u in units):
        c.report(P, ("organization", "units"), "no Customer Success unit; the questionnaire asks for an org chart "
                 "including the CS organisation (mark it customer_success: true)", "org.no-cs")
    if not any(o.headquarters for o in partner.offices):
        c.warn(P, ("offices",), "no office is marked headquarters: true", "office.no-hq")
    shares = [ind.share for ind in partner.industries if ind.share is not None]
    if sum(shares) > 100:
        c.report(P, ("industries",), f"industry shares add up to {sum(shares)}%, more than 100%", "industry.share")
    if len(set(partner.output_locales)) != len(partner.output_locales):
        c.report(P, ("output_locales",), "a locale is listed twice", "model.duplicate")
    if partner.edition.date > today():
        c.report(P, ("edition", "date"), f"edition date {partner.edition.date} is in the future", "date.future")

    # ---- the two references
    refs = partner.references
    if len(refs) != REFERENCES_NEEDED:
        c.report(P, ("references",), f"name exactly {REFERENCES_NEEDED} customers as references (found "
                 f"{len(refs)}); the questionnaire asks for two", "partner.references")
    seen_refs: set = set()
    for i, name in enumerate(refs):
        loc = ("references", i)
        if name in seen_refs:
            c.report(P, loc, f"{name!r} is named twice; the two references must be different customers",
                     "partner.references")
        seen_refs.add(name)
        if name not in customers:
            close = difflib.get_close_matches(name, list(customers), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            c.report(P, loc, f"no customer {name!r}; {hint}(customers are the folders of content/: "
                     f"{', '.join(customers) or 'none yet'})", "ref.unknown")
        elif not customers[name]:
            c.report(P, loc, f"customer {name!r} has no reference.yaml; write content/{name}/reference.yaml "
                     f"(with the customer's consent) or name another customer", "reference.missing")
    return c.problems


def _one_text(value) -> str:
    """Return a text field as one string for a message (the first translation of a localized text)."""
    return value if isinstance(value, str) else next(iter(value.values()))
