"""Rules of the health score: the shared model's weights and bands, and each customer's inputs.

Weights that do not add up and overlapping bands are errors (a score would
be wrong); a gap between bands is a warning naming it (only a value inside
the gap would fail, and then as an error at that value).
"""

from __future__ import annotations

import difflib

from pipeline.fields import Localized
from pipeline.health import (
    answer_key, band_for, describe_band, describe_interval, gaps, interval, number_text, offer_for, overlaps,
)
from pipeline.load import field_path
from pipeline.model import Plan
from pipeline.model.health import HEALTH_MODEL, HealthFile, HealthModelFile, is_quarter, quarter_start
from pipeline.problems import Problem, Problems, Severity
from pipeline.project import PARTNER_DIR
from pipeline.validate import _Checker, today

PARTNER = f"{PARTNER_DIR}/"
MODEL = PARTNER + HEALTH_MODEL
MODEL_FILE = f"content/{MODEL}.yaml"  # for messages
HEALTH = "health"


def label(text) -> str:
    """Return a content text for a message: its English version when it has one."""
    if isinstance(text, Localized):
        return text.get("en") or next(iter(text.values()))
    return str(text)


class Reporter(_Checker):
    """The plan checker, also locating problems in the shared files (sections named ``_partner/<name>``)."""

    def report(self, section: str, loc: tuple, message: str, code: str, *,
               severity: Severity = Severity.ERROR, key: bool = False) -> None:
        """Record a problem at ``loc`` of a section file of the customer or of the partner folder."""
        if section.startswith(PARTNER):
            partner = self.plan.partner
            name = section.removeprefix(PARTNER)
            doc = partner.documents.get(f"{name}.yaml") if partner else None
            rel = partner.file(name) if partner else f"{section}.yaml"
        else:
            doc = self.plan.documents.get(f"{section}.yaml")
            rel = doc.rel if doc else f"{self.content_rel}/{section}.yaml"
        pos = doc.pos(loc, key=key) if doc else None
        self.problems.add(Problem(rel, pos.line if pos else 0, pos.col if pos else 0, field_path(loc), message,
                                  code, severity))

    def duplicates(self, section: str, items, loc_of, kind: str) -> None:
        """Report an id used twice within one list."""
        seen: dict = {}
        for item, loc in zip(items, loc_of):
            if item.id in seen:
                self.report(section, loc + ("id",), f"{kind} id {item.id!r} is already used at "
                            f"{seen[item.id]}; ids must be unique", "ref.duplicate-id")
            else:
                seen[item.id] = f"{'.'.join(str(x) for x in loc[:-1])}[{loc[-1]}]"


def uses_health(plan: Plan) -> bool:
    """Return True when the customer has health inputs or reviews (both need the health model)."""
    return (plan.health is not None or HEALTH in plan.broken or bool(plan.reviews)
            or any(b.startswith("reviews/") for b in plan.broken))


def check_model(c: Reporter, m: HealthModelFile) -> None:
    """Report weights that do not add up, scores off the scale, bad, overlapping or missing bands."""
    if m.split.subjective + m.split.objective != 100:
        c.report(MODEL, ("split",), f"the split adds up to {number_text(m.split.subjective + m.split.objective)} %, "
                 f"not 100 %; change subjective or objective so that they do", "health.weights")
    if m.scale.min >= m.scale.max:
        c.report(MODEL, ("scale",), "scale.min must be below scale.max (the seed scores 1–10)", "health.scale")
    in_scale = f"between {number_text(m.scale.min)} and {number_text(m.scale.max)} (the scale)"
    fields = m.subjective.fields
    c.duplicates(MODEL, fields, [("subjective", "fields", i) for i in range(len(fields))], "scorecard field")
    total = sum(f.weight for f in fields)
    if total != m.split.subjective:
        c.report(MODEL, ("subjective", "fields"), f"the weights of the {len(fields)} subjective fields add up to "
                 f"{number_text(total)} %, but split.subjective is {number_text(m.split.subjective)} %; "
                 f"change a weight or the split", "health.weights")
    keys: dict = {}
    for key, points in m.subjective.answers.items():
        if not m.scale.min <= points <= m.scale.max:
            c.report(MODEL, ("subjective", "answers", key), f"{key!r} scores {number_text(points)}; answers score "
                     f"{in_scale}", "health.scale")
        if answer_key(key) in keys:
            c.report(MODEL, ("subjective", "answers", key), f"{key!r} is the same answer as {keys[answer_key(key)]!r}",
                     "health.answer", key=True)
        keys.setdefault(answer_key(key), key)
    if m.thresholds and m.thresholds.amber > m.thresholds.green:
        c.report(MODEL, ("thresholds", "amber"), "the amber threshold is above the green one", "health.thresholds")
    c.duplicates(MODEL, m.offers, [("offers", i) for i in range(len(m.offers))], "offer")
    for i, offer in enumerate(m.offers):
        comps = offer.components
        c.duplicates(MODEL, comps, [("offers", i, "components", j) for j in range(len(comps))], "component")
        weight = sum(x.weight for x in comps)
        if weight != 100:
            c.report(MODEL, ("offers", i, "components"), f"the weights of the {len(comps)} objective components of "
                     f"{offer.id!r} add up to {number_text(weight)} %, not 100 %; they divide the objective part "
                     f"({number_text(m.split.objective)} % of the score) between them", "health.weights")
        for j, comp in enumerate(comps):
            check_bands(c, ("offers", i, "components", j), comp, in_scale, m)


def check_bands(c: Reporter, loc: tuple, comp, in_scale: str, m: HealthModelFile) -> None:
    """Report the problems of one component's bands."""
    usable = True
    for k, band in enumerate(comp.bands):
        here = loc + ("bands", k)
        if band.min is not None and band.above is not None:
            c.report(MODEL, here + ("above",), "give either min (≥) or above (>), not both", "health.band")
            usable = False
        if band.max is not None and band.below is not None:
            c.report(MODEL, here + ("below",), "give either max (≤) or below (<), not both", "health.band")
            usable = False
        if usable and interval(band, comp.whole).empty:
            c.report(MODEL, here, f"the band {describe_band(band)} holds no value"
                     f"{' (whole numbers only)' if comp.whole else ''}; check its bounds", "health.band")
        if not m.scale.min <= band.score <= m.scale.max:
            c.report(MODEL, here + ("score",), f"score {number_text(band.score)} is off the scale; bands score "
                     f"{in_scale}", "health.scale")
    if not usable:
        return
    for i, j, common in overlaps(comp):
        c.report(MODEL, loc + ("bands", j), f"overlaps bands[{i}] ({describe_band(comp.bands[i])}) for "
                 f"{describe_interval(common)}: such a value would score twice; let the bands meet without "
                 f"sharing a value (e.g. max: 40, then above: 40)", "health.band-overlap")
    accepted = {(g.between[0], g.between[1]): k for k, g in enumerate(comp.accepted_gaps)}
    used = set()
    for i, j, gap in gaps(comp):
        key = (gap.lower.value, gap.upper.value)
        if key in accepted:
            used.add(key)
            continue
        c.warn(MODEL, loc + ("bands", j), f"no band of {comp.id!r} covers {describe_interval(gap)} (between "
               f"bands[{i}] {describe_band(comp.bands[i])} and this one); a value there cannot be scored: add a "
               f"band or widen a neighbour if such a value can occur, or, to keep the gap, add it to "
               f"accepted_gaps with between: [{number_text(key[0])}, {number_text(key[1])}] and a reason",
               "health.band-gap")
    for key, k in accepted.items():
        if key not in used:
            c.warn(MODEL, loc + ("accepted_gaps", k, "between"), f"the bands of {comp.id!r} leave no gap between "
                   f"{number_text(key[0])} and {number_text(key[1])}; remove this accepted gap",
                   "health.accepted-gap")


def bands_text(comp) -> str:
    """Return a component's bands and scores for a message, e.g. "x = 0 → 1, 0 < x ≤ 40 → 3"."""
    return ", ".join(f"{describe_band(b)} → {number_text(b.score)}" for b in comp.bands)


def check_inputs(c: Reporter, m: HealthModelFile, health: HealthFile) -> None:
    """Report inputs that do not match the model: unknown or missing fields, wrong answers, unscorable values."""
    offers = {o.id: o for o in m.offers}
    c.ref(HEALTH, ("offer",), health.offer, offers, "offer", f"{MODEL_FILE} offers")
    offer = offer_for(m, health)
    if health.offer is None and offer is None:
        c.report(HEALTH, (), f"name the offer the customer is scored on: add offer: with one of "
                 f"{', '.join(offers)} (the health model has several)", "health.offer")
    answers = {answer_key(k): k for k in m.subjective.answers}
    fields = {f.id: f for f in m.subjective.fields}
    written = "|".join(m.subjective.answers)
    today_ = today()
    for period, inputs in health.periods.items():
        loc = ("periods", period)
        if not is_quarter(period):
            c.report(HEALTH, loc, f"{period!r} is not a quarter; write YYYY-Qn (e.g. 2026-Q3)", "health.period",
                     key=True)
            continue
        if inputs.date is not None:
            if inputs.date < quarter_start(period):
                c.report(HEALTH, loc + ("date",), f"assessed {inputs.date}, before {period.upper()} began; date the "
                         f"inputs in or after their quarter", "health.date")
            elif inputs.date > today_:
                c.report(HEALTH, loc + ("date",), f"assessed {inputs.date}, in the future", "health.date")
        for fid, answer in inputs.subjective.items():
            if fid not in fields:
                c.ref(HEALTH, loc + ("subjective", fid), fid, fields, "scorecard field",
                      f"{MODEL_FILE} subjective.fields")
            elif answer_key(answer) not in answers:
                close = difflib.get_close_matches(answer_key(answer), list(answers), n=1, cutoff=0.6)
                hint = f"did you mean {answers[close[0]]!r}? " if close else ""
                c.report(HEALTH, loc + ("subjective", fid), f"{answer!r} is not an answer of the health model; "
                         f"{hint}answer one of: {', '.join(m.subjective.answers)}", "health.answer")
        missing = [f for f in m.subjective.fields if f.id not in inputs.subjective]
        if missing:
            where = loc + ("subjective",) if inputs.subjective else loc
            c.report(HEALTH, where, "no answer for " + ", ".join(f"{f.id!r} ({label(f.name)})" for f in missing)
                     + f"; add {missing[0].id}: {written}", "health.missing", key=True)
        if offer is None:
            continue
        comps = {x.id: x for x in offer.components}
        for cid, value in inputs.objective.items():
            comp = comps.get(cid)
            if comp is None:
                c.ref(HEALTH, loc + ("objective", cid), cid, comps, f"component of {offer.id!r}",
                      MODEL_FILE)
                continue
            if comp.whole and value != value.to_integral_value():
                c.report(HEALTH, loc + ("objective", cid), f"{number_text(value)} is not a whole number; "
                         f"{cid} counts {label(comp.input)}", "health.whole")
            elif band_for(comp, value) is None:
                c.report(HEALTH, loc + ("objective", cid), f"{number_text(value)} falls into no band of {cid} "
                         f"({label(comp.name)}); its bands: {bands_text(comp)}. Check the measurement, or add a "
                         f"band to {MODEL_FILE}", "health.no-band")
        missing_c = [x for x in offer.components if x.id not in inputs.objective]
        if missing_c:
            where = loc + ("objective",) if inputs.objective else loc
            c.report(HEALTH, where, "no value for " + ", ".join(f"{x.id!r} ({label(x.name)})" for x in missing_c)
                     + f"; add {missing_c[0].id}: <measured value> (see its input in "
                     f"{MODEL_FILE})", "health.missing", key=True)


def validate_health(plan: Plan, content_rel: str) -> Problems:
    """Return the problems of the health model and of the customer's health inputs."""
    c = Reporter(plan, content_rel)
    partner = plan.partner
    model = partner.health_model if partner else None
    if model is not None:
        check_model(c, model)
    if not uses_health(plan):
        return c.problems
    if partner is None or f"{HEALTH_MODEL}.yaml" not in partner.documents:
        c.report(MODEL, (), "there is no health model, so no health score and no review deck can be built; "
                 "create this file (the fields, bands and weights of the score; see README, 'Quarterly reviews')",
                 "health.model-missing")
        return c.problems
    if model is not None and plan.health is not None:
        check_inputs(c, model, plan.health)
    return c.problems
