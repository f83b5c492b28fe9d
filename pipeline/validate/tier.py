"""One CS service tier per customer, named as partner.yaml names it (docs/domain.md §11).

The tiers a partner sells are listed once, in ``content/_partner/partner.yaml``
(``lifecycle.service_tiers``). A customer's tier is written in its reference
(``profile.service_tier``, shown in the reference and the questionnaire) and
told in the prose of ``solution.yaml`` (the summary, a service contract's
coverage), which the plan deck shows. The reference's tier must be one of the
partner's (``ref.tier``, with a did-you-mean); prose that names another of the
partner's tiers than the customer's is a warning (``ref.tier-mismatch``): a
customer has one tier, and the decks must not disagree about it.

The segment (low/middle/high touch) needs no rule here: it is written once,
in customer.yaml, as a choice the model already checks.
"""

from __future__ import annotations

import difflib
import re

from pipeline.load import field_path
from pipeline.model import Plan
from pipeline.problems import Problems
from pipeline.project import PARTNER_DIR
from pipeline.validate import _Checker

WHERE = f"content/{PARTNER_DIR}/partner.yaml lifecycle.service_tiers"


def _variants(value) -> list[tuple[str | None, str]]:
    """Return (language or None, text) for each spelling of a text (a plain string, or one per language)."""
    if isinstance(value, dict):
        return [(lang, text) for lang, text in value.items() if isinstance(text, str)]
    return [(None, value)] if isinstance(value, str) else []


def tier_names(plan: Plan) -> list[list[str]]:
    """Return the partner's service tiers, each as its names (one per language); [] without partner.yaml.

    partner.yaml is read as written: its own check (``csplan check``, the partner) reports what is wrong in it.
    """
    partner = plan.partner
    doc = partner.documents.get("partner.yaml") if partner is not None else None
    data = doc.data if doc is not None else None
    lifecycle = data.get("lifecycle") if isinstance(data, dict) else None
    tiers = lifecycle.get("service_tiers") if isinstance(lifecycle, dict) else None
    if not isinstance(tiers, list):
        return []
    return [names for t in tiers if isinstance(t, dict)
            if (names := [text for _, text in _variants(t.get("name"))])]


def _mentioned(value, tiers: list[list[str]]) -> list[int]:
    """Return the index of every tier that a text names as a whole word, in the order of the tiers."""
    texts = [text for _, text in _variants(value)]
    return [i for i, names in enumerate(tiers)
            if any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names for text in texts)]


def validate_tiers(plan: Plan, content_rel: str) -> Problems:
    """Return the problems of the customer's service tier against the partner's tiers."""
    c = _Checker(plan, content_rel)
    tiers = tier_names(plan)
    if not tiers:
        return c.problems
    names = [name for t in tiers for name in t]
    listed = ", ".join(t[0] for t in tiers)
    own: tuple[int, str] | None = None  # the customer's tier and where it is named

    ref = plan.sections.get("reference")
    value = ref.profile.service_tier if ref is not None else None
    for lang, text in _variants(value):
        if text in names:
            continue
        close = [n for n in names if n.casefold() == text.casefold()] or difflib.get_close_matches(
            text, names, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        loc = ("profile", "service_tier") + ((lang,) if lang else ())
        c.report("reference", loc, f"unknown CS service tier {text!r}; {hint}(the partner's tiers are {listed}, "
                 f"in {WHERE})", "ref.tier")
    if (known := _mentioned(value, tiers)) and all(text in names for _, text in _variants(value)):
        own = (known[0], "reference.yaml profile.service_tier")

    sol = plan.sections.get("solution")
    if sol is None:
        return c.problems
    texts = [(("summary",), sol.summary)] + [
        (("solutions", i, "service_contract", "coverage"), s.service_contract.coverage)
        for i, s in enumerate(sol.solutions) if s.service_contract is not None]
    for loc, text in texts:
        named = _mentioned(text, tiers)
        if not named:
            continue
        if own is None:
            if len(named) == 1:  # the first text naming one tier says which is the customer's
                own = (named[0], f"solution.yaml {field_path(loc)}")
            continue
        if own[0] not in named:
            c.warn("solution", loc, f"names the {tiers[named[0]][0]} CS service tier, but {own[1]} names "
                   f"{tiers[own[0]][0]}; a customer has one tier: name the same one everywhere (tiers: {WHERE})",
                   "ref.tier-mismatch")
    return c.problems
