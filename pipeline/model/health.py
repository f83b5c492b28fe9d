"""Model of the customer health score (docs/domain.md §4): the shared model and a customer's inputs.

``content/_partner/health-model.yaml`` says how a score is made: the
subjective scorecard (fields, the points of each answer, weights), the
objective components of each offer (a measured input, bands that map it to
points, weights) and the split between the two parts. Nothing of it is in
code, so a team changes the model by editing the file.

``content/<customer>/health.yaml`` holds the inputs per quarter, so the
score has a history. The rules that look across the two files (weights,
bands, answers) live in :mod:`pipeline.validate.health`; the arithmetic in
:mod:`pipeline.health`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from pipeline.fields import Bool, Date, Id, Number, Percent, Plain, Prose, Text, describe
from pipeline.load import Document, Source
from pipeline.model import Model, validate_document
from pipeline.problems import Problems

HEALTH_MODEL = "health-model"
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")


# ----------------------------------------------------------------- quarters

def _quarter(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and _QUARTER.fullmatch(text):
        return text.upper()
    raise PydanticCustomError(
        "quarter", "{got} is not a quarter; write YYYY-Qn (e.g. 2026-Q3)", {"got": describe(value)})


Quarter = Annotated[str, PlainValidator(_quarter), WithJsonSchema(
    {"type": "string", "pattern": r"^\s*[0-9]{4}-[Qq][1-4]\s*$", "description": "YYYY-Qn"})]


def is_quarter(text: str) -> bool:
    """Return True when ``text`` is written as a quarter, e.g. 2026-Q3."""
    return bool(_QUARTER.fullmatch(text.strip()))


def quarter_key(period: str) -> tuple[int, int]:
    """Return (year, quarter) of a period such as 2026-Q3, for sorting."""
    m = _QUARTER.fullmatch(period.strip())
    return int(m.group(1)), int(m.group(2))


def quarter_start(period: str) -> date:
    """Return the first day of a quarter."""
    year, q = quarter_key(period)
    return date(year, 3 * q - 2, 1)


def quarter_end(period: str) -> date:
    """Return the last day of a quarter."""
    year, q = quarter_key(period)
    following = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return following - timedelta(days=1)


# ----------------------------------------------------------------- health-model.yaml

class Split(Model):
    """How the overall score divides between the two parts, in % (e.g. 20/80)."""

    subjective: Percent = Field(description="share of the scorecard part of the score, in %")
    objective: Percent = Field(description="share of the measured part of the score, in %")


class Scale(Model):
    """The points scale every answer and band scores on (the seed uses 1–10)."""

    min: Number = Field(description="the lowest score")
    max: Number = Field(description="the highest score")


class ScoreField(Model):
    """One field of the subjective scorecard, answered by the CSM each period."""

    id: Id = Field(
        description="short id of the scorecard field, answered in each customer's health.yaml",
        examples=["stakeholders-identified"])
    name: Text = Field(description="the question of the scorecard")
    weight: Percent = Field(description="share of the overall score, in %")
    description: Text | None = Field(None, description="more about the field")


class Subjective(Model):
    """The subjective scorecard: the same for every offer."""

    answers: dict[str, Number] = Field(min_length=1, description="points per answer, e.g. yes: 10")
    fields: list[ScoreField] = Field(min_length=1, description="the scorecard fields")


class Band(Model):
    """A range of measured values and the points it scores; unset bounds are open."""

    min: Number | None = Field(None, description="lowest value in the band")
    above: Number | None = Field(None, description="the band starts just above this value")
    max: Number | None = Field(None, description="highest value in the band")
    below: Number | None = Field(None, description="the band ends just below this value")
    score: Number = Field(description="points for a value in the band")
    label: Text | None = Field(None, description="name of the band")


class AcceptedGap(Model):
    """A gap between bands the model keeps on purpose, with the reason: csplan check stops warning about it."""

    between: list[Number] = Field(
        min_length=2, max_length=2, description="the gap's lowest and highest value, as the warning names them",
        examples=[[89, 90]])
    reason: Text = Field(description="why the gap is kept (who decided, and why no value falls there)")


class Component(Model):
    """An objective component: a measured input mapped to points by bands."""

    id: Id = Field(
        description="short id of the component, measured in each customer's health.yaml", examples=["cucm-kw-ratio"])
    name: Text = Field(description="name of the component")
    input: Text = Field(description="what is measured, and how")
    unit: Plain | None = Field(None, description="unit of the input", examples=["%"])
    whole: Bool = Field(False, description="true when the input is a count (whole numbers only)")
    weight: Percent = Field(description="share of the objective part, in %")
    bands: list[Band] = Field(min_length=1, description="bands that map the input to points")
    accepted_gaps: list[AcceptedGap] = Field(
        [], description="gaps between the bands that are known and kept, each with its reason")


class Offer(Model):
    """The objective components of one offer (an offer's telemetry differs from another's)."""

    id: Id = Field(description="short id of the offer, named by health.yaml's offer", examples=["uc-suite"])
    name: Text = Field(description="name of the offer")
    applies_when: Text | None = Field(None, description="which customers the offer's components apply to")
    components: list[Component] = Field(min_length=1, description="the measured components of the offer")


class Thresholds(Model):
    """Overall scores at or above which a customer counts as green or amber (below amber: red)."""

    green: Percent = Field(description="lowest score shown green, in % of the scale")
    amber: Percent = Field(description="lowest score shown amber, in % of the scale")


class HealthModelFile(Model):
    """content/_partner/health-model.yaml: how a health score is computed."""

    name: Text = Field(description="name of the health model")
    description: Prose | None = Field(None, description="how the model works, in words")
    scale: Scale = Field(description="the range of the score")
    split: Split = Field(description="how the score divides between the scorecard and the measured part")
    thresholds: Thresholds | None = Field(None, description="where green and amber start")
    subjective: Subjective = Field(description="the scorecard: its fields and the points of each answer")
    offers: list[Offer] = Field(min_length=1, description="the measured components of each offer")


# ----------------------------------------------------------------- <customer>/health.yaml

class HealthPeriod(Model):
    """The inputs of one quarter: scorecard answers and measured objective values."""

    date: Date | None = Field(None, description="when the inputs were assessed")
    subjective: dict[str, Plain] = Field(default_factory=dict, description="field id: answer")
    objective: dict[str, Number] = Field(default_factory=dict, description="component id: measured value")
    note: Text | None = Field(None, description="a remark on the quarter's inputs")


class HealthFile(Model):
    """health.yaml: a customer's health inputs per quarter."""

    offer: Id | None = Field(None, description="offer id in _partner/health-model.yaml (needed when it has several)")
    periods: dict[str, HealthPeriod] = Field(min_length=1, description="quarter (YYYY-Qn): inputs")


# ----------------------------------------------------------------- the shared partner folder

PARTNER_MODELS: dict[str, type[Model]] = {HEALTH_MODEL: HealthModelFile}


@dataclass
class Partner:
    """The shared files of content/_partner/ that loaded (other files are left to their own models)."""

    rel: str
    documents: dict[str, Document] = field(default_factory=dict)
    sections: dict[str, Model] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)

    @property
    def health_model(self) -> HealthModelFile | None:
        """Return the health model when it loaded cleanly."""
        return self.sections.get(HEALTH_MODEL)

    def file(self, name: str) -> str:
        """Return the project-relative path of a partner file."""
        doc = self.documents.get(f"{name}.yaml")
        return doc.rel if doc else f"{self.rel}/{name}.yaml"


def model_partner(source: Source | None, rel: str, problems: Problems) -> Partner:
    """Return the partner files that have a model here, validated, with every problem recorded."""
    partner = Partner(rel)
    if source is None:
        return partner
    partner.documents = source.documents
    for name, model in PARTNER_MODELS.items():
        doc = source.documents.get(f"{name}.yaml")
        if doc is None:
            continue
        value = validate_document(model, doc, problems) if doc.data is not None else None
        if value is None:
            partner.broken.add(name)
        else:
            partner.sections[name] = value
    return partner
