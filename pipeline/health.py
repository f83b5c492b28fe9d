"""Customer health score arithmetic (docs/domain.md §4), as pure functions over the content model.

overall = Σ subjective (points / scale max × field weight)
        + objective share × Σ objective (points / scale max × component weight / 100)

With the seed's model (ten fields at 2 %, an 80 % objective part) that runs
from 10 to 100. Every number is a Decimal so a score equals its hand
calculation exactly; views round for display only. Bands are intervals whose
bounds may be open or closed; for whole-number inputs (counts) they are
compared on the integers, so ``0–1`` and ``2–3`` leave no gap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from pipeline.model.health import (
    Band, Component, HealthFile, HealthModelFile, HealthPeriod, Offer, ScoreField, is_quarter, quarter_key,
)

HUNDRED = Decimal(100)


# ----------------------------------------------------------------- bands as intervals

@dataclass(frozen=True)
class Bound:
    """One end of an interval: a value, included or not."""

    value: Decimal
    inclusive: bool


@dataclass(frozen=True)
class Interval:
    """A range of values; a missing bound is open-ended."""

    lower: Bound | None
    upper: Bound | None

    @property
    def empty(self) -> bool:
        """Return True when no value lies in the interval."""
        if self.lower is None or self.upper is None:
            return False
        lo, hi = self.lower, self.upper
        return lo.value > hi.value or (lo.value == hi.value and not (lo.inclusive and hi.inclusive))


def interval(band: Band, whole: bool = False) -> Interval:
    """Return the values a band covers; on whole numbers, as closed integer bounds."""
    lower = Bound(band.min, True) if band.min is not None else Bound(band.above, False) \
        if band.above is not None else None
    upper = Bound(band.max, True) if band.max is not None else Bound(band.below, False) \
        if band.below is not None else None
    if whole:
        if lower is not None:
            n = math.ceil(lower.value) if lower.inclusive else math.floor(lower.value) + 1
            lower = Bound(Decimal(n), True)
        if upper is not None:
            n = math.floor(upper.value) if upper.inclusive else math.ceil(upper.value) - 1
            upper = Bound(Decimal(n), True)
    return Interval(lower, upper)


def contains(iv: Interval, value: Decimal) -> bool:
    """Return True when ``value`` lies in ``iv``."""
    lo, hi = iv.lower, iv.upper
    if lo is not None and (value < lo.value or (value == lo.value and not lo.inclusive)):
        return False
    if hi is not None and (value > hi.value or (value == hi.value and not hi.inclusive)):
        return False
    return True


def _intersection(a: Interval, b: Interval) -> Interval:
    def tighter_lower(x, y):
        """Return the higher of two lower bounds (the closed one when they are equal and both are)."""
        if x is None or y is None:
            return x or y
        if x.value != y.value:
            return x if x.value > y.value else y
        return Bound(x.value, x.inclusive and y.inclusive)

    def tighter_upper(x, y):
        """Return the lower of two upper bounds."""
        if x is None or y is None:
            return x or y
        if x.value != y.value:
            return x if x.value < y.value else y
        return Bound(x.value, x.inclusive and y.inclusive)

    return Interval(tighter_lower(a.lower, b.lower), tighter_upper(a.upper, b.upper))


def _lower_key(iv: Interval):
    if iv.lower is None:
        return (0, Decimal(0), 0)
    return (1, iv.lower.value, 0 if iv.lower.inclusive else 1)


def band_for(component: Component, value: Decimal) -> Band | None:
    """Return the band of ``component`` that ``value`` falls into, or None."""
    for band in component.bands:
        if contains(interval(band, component.whole), value):
            return band
    return None


def overlaps(component: Component) -> list[tuple[int, int, Interval]]:
    """Return (i, j, shared values) for every pair of bands that share a value."""
    ivs = [interval(b, component.whole) for b in component.bands]
    out = []
    for i in range(len(ivs)):
        for j in range(i + 1, len(ivs)):
            if ivs[i].empty or ivs[j].empty:
                continue
            common = _intersection(ivs[i], ivs[j])
            if not common.empty:
                out.append((i, j, common))
    return out


def gaps(component: Component) -> list[tuple[int, int, Interval]]:
    """Return (i, j, uncovered values) for each gap between band i and the next band j, in value order."""
    ivs = [(i, interval(b, component.whole)) for i, b in enumerate(component.bands)]
    ivs = sorted(((i, iv) for i, iv in ivs if not iv.empty), key=lambda x: _lower_key(x[1]))
    out = []
    reach: tuple[int, Interval] | None = None  # the band reaching furthest up so far
    for i, iv in ivs:
        if reach is not None:
            r_i, r_iv = reach
            hi, lo = r_iv.upper, iv.lower
            if hi is None:
                break
            if lo is not None:
                gap = Interval(Bound(hi.value, not hi.inclusive), Bound(lo.value, not lo.inclusive))
                if component.whole:
                    gap = Interval(Bound(hi.value + 1, True), Bound(lo.value - 1, True))
                if not gap.empty:
                    out.append((r_i, i, gap))
        if reach is None or iv.upper is None or (reach[1].upper is not None and (
                iv.upper.value, iv.upper.inclusive) > (reach[1].upper.value, reach[1].upper.inclusive)):
            reach = (i, iv)
    return out


def number_text(value: Decimal) -> str:
    """Return a Decimal as written (2 not 2.0, 10 not 1E+1), for messages."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe_interval(iv: Interval, fmt: Callable[[Decimal], str] = number_text) -> str:
    """Return an interval in locale-neutral notation, e.g. "x ≥ 90", "0 < x ≤ 40", "x = 50"."""
    lo, hi = iv.lower, iv.upper
    if lo is not None and hi is not None and lo.value == hi.value and lo.inclusive and hi.inclusive:
        return f"x = {fmt(lo.value)}"
    text = "x"
    if lo is not None:
        text = f"{fmt(lo.value)} {'≤' if lo.inclusive else '<'} {text}"
    if hi is not None:
        text = f"{text} {'≤' if hi.inclusive else '<'} {fmt(hi.value)}"
    if lo is not None and hi is None:
        text = f"x {'≥' if lo.inclusive else '>'} {fmt(lo.value)}"
    return text if text != "x" else "any x"


def describe_band(band: Band, fmt: Callable[[Decimal], str] = number_text) -> str:
    """Return a band's range as written in the model (not integer-normalised)."""
    return describe_interval(interval(band), fmt)


# ----------------------------------------------------------------- scores

def answer_key(text: str) -> str:
    """Return an answer as the health model's answers are keyed: "In progress" → in_progress."""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())


@dataclass(frozen=True)
class FieldScore:
    """A scorecard field's answer, its points and what it adds to the overall score."""

    field: ScoreField
    answer: str
    points: Decimal
    contribution: Decimal


@dataclass(frozen=True)
class ComponentScore:
    """An objective component's measured value, band, points and contribution."""

    component: Component
    value: Decimal
    band: Band
    points: Decimal
    contribution: Decimal


@dataclass(frozen=True)
class Score:
    """The health score of one quarter and how it is made up."""

    period: str
    subjective: Decimal
    objective: Decimal
    fields: tuple[FieldScore, ...]
    components: tuple[ComponentScore, ...]

    @property
    def total(self) -> Decimal:
        """Return the overall score, 0–100."""
        return self.subjective + self.objective


def offer_for(model: HealthModelFile, health: HealthFile) -> Offer | None:
    """Return the offer whose components a customer is scored on (the only one when the model has one)."""
    if health.offer is None:
        return model.offers[0] if len(model.offers) == 1 else None
    return next((o for o in model.offers if o.id == health.offer), None)


def score_period(model: HealthModelFile, offer: Offer, period: str, inputs: HealthPeriod) -> Score | None:
    """Return the score of one quarter, or None when an input is missing or scores nothing."""
    answers = {answer_key(k): v for k, v in model.subjective.answers.items()}
    given = {k: answer_key(v) for k, v in inputs.subjective.items()}
    top = model.scale.max
    fields = []
    for f in model.subjective.fields:
        answer = given.get(f.id)
        if answer not in answers:
            return None
        points = answers[answer]
        fields.append(FieldScore(f, answer, points, points / top * f.weight))
    components = []
    for c in offer.components:
        value = inputs.objective.get(c.id)
        band = band_for(c, value) if value is not None else None
        if band is None or (c.whole and value != value.to_integral_value()):
            return None
        components.append(ComponentScore(c, value, band, band.score,
                                         band.score / top * c.weight / HUNDRED * model.split.objective))
    return Score(period, sum((f.contribution for f in fields), Decimal(0)),
                 sum((c.contribution for c in components), Decimal(0)), tuple(fields), tuple(components))


def history(model: HealthModelFile, health: HealthFile) -> list[Score]:
    """Return the score of every quarter that can be scored, oldest first."""
    offer = offer_for(model, health)
    if offer is None:
        return []
    out = []
    for period in sorted((p for p in health.periods if is_quarter(p)), key=quarter_key):
        s = score_period(model, offer, period.upper(), health.periods[period])
        if s is not None:
            out.append(s)
    return out


def previous(scores: list[Score], period: str) -> Score | None:
    """Return the latest score before ``period``, or None."""
    before = [s for s in scores if quarter_key(s.period) < quarter_key(period)]
    return before[-1] if before else None


def rating(model: HealthModelFile, total: Decimal) -> str | None:
    """Return green, amber or red for an overall score, or None when the model sets no thresholds."""
    t = model.thresholds
    if t is None:
        return None
    return "green" if total >= t.green else "amber" if total >= t.amber else "red"
