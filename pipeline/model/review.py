"""Model of quarterly reviews (docs/domain.md §7): ``content/<customer>/reviews/<period>.yaml``.

One file per review, named for its quarter. A review refers to the plan by
id (attendees, outcomes, KPIs, barriers, owners) instead of copying it, so
the deck can compare it with the plan and with the previous review; the
rules that check those references live in :mod:`pipeline.validate.review`.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from pipeline.fields import Date, Number, Prose, Ref, Text, choice
from pipeline.load import Source
from pipeline.model import Model, Plan, Status, salvage, validate_document
from pipeline.model.health import HealthFile, Quarter
from pipeline.problems import Problems

REVIEWS_DIR = "reviews"
HEALTH_FILE = "health.yaml"


class ReviewKind(str, Enum):
    """A quarterly business review, or its executive cut."""

    QBR = "qbr"
    EBR = "ebr"


class Rag(str, Enum):
    """Red/amber/green: off track, at risk, on track."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class OutcomeUpdate(Model):
    """Where a business outcome stands at this review."""

    outcome: Ref = Field(description="id of an outcome in outcomes.yaml")
    rag: choice(Rag) = Field(description="red (off track), amber (at risk) or green (on track)")
    status: choice(Status) | None = Field(None, description="progress of the outcome at the review")
    note: Text | None = Field(None, description="a remark")
    value: Prose | None = Field(None, description="value delivered so far, in the customer's words")


class ReviewReading(Model):
    """A KPI reading shown in the review: new here, or (without value) the one in measurements.yaml."""

    kpi: Ref = Field(description="id of a KPI in outcomes.yaml")
    date: Date = Field(
        description="names a reading of measurements.yaml by its date (or the day of a value given here)")
    value: Number | None = Field(None, description="a value measured only for the review, in the KPI's unit")
    source: Text | None = Field(None, description="where the value comes from")
    note: Text | None = Field(None, description="a remark")


class BarrierUpdate(Model):
    """A barrier or risk discussed at the review, with its status at the review."""

    barrier: Ref = Field(description="id of a barrier in barriers.yaml")
    status: choice(Status) = Field(description="progress of the barrier at the review")
    note: Text | None = Field(None, description="a remark")


class RoadmapItem(Model):
    """What comes next: a new service, feature or phase, by quarter."""

    item: Text = Field(description="a new service, feature or phase", examples=["Rollout to the warehouses"])
    when: Quarter = Field(description="the quarter it comes in", examples=["2026-Q4"])
    description: Prose | None = Field(None, description="more about it")
    outcomes: list[Ref] = Field([], description="ids of outcomes in outcomes.yaml it serves")


class Renewal(Model):
    """Renewal and commercial status."""

    status: choice(Rag) = Field(description="how likely the renewal is: red, amber or green")
    date: Date | None = Field(None, description="defaults to contract.renewal in customer.yaml")
    summary: Prose | None = Field(None, description="where the renewal stands")
    opportunities: list[Text] = Field([], description="upsell and expansion opportunities (internal variant only)")


class Ask(Model):
    """Something the team asks of the customer."""

    ask: Text = Field(description="what the customer is asked for", examples=["Name a business sponsor"])
    of: Ref | None = Field(None, description="the stakeholder asked")
    due: Date | None = Field(None, description="by when")


class Action(Model):
    """An action item agreed at the review: always with an owner and a due date."""

    action: Text = Field(description="the action agreed at the review")
    owner: Ref = Field(description="who does it: id of a person in stakeholders.yaml")
    due: Date = Field(description="due date")
    status: choice(Status) = Field(Status.NOT_STARTED, description="progress of the action")


class ReviewFile(Model):
    """reviews/<period>.yaml: one quarterly (QBR) or executive (EBR) business review."""

    period: Quarter = Field(description="the quarter reviewed (the file's name)", examples=["2026-Q3"])
    kind: choice(ReviewKind) = Field(description="qbr (quarterly business review) or ebr (executive business review)")
    date: Date = Field(description="the day of the review: its deck shows the plan as of this day")
    attendees: list[Ref] = Field(min_length=1, description="ids of people in stakeholders.yaml")
    summary: Prose | None = Field(None, description="the review in a few sentences")
    highlights: list[Text] = Field([], description="highlights of the quarter")
    wins: list[Text] = Field([], description="wins of the quarter")
    outcomes: list[OutcomeUpdate] = Field([], description="RAG status per business outcome")
    readings: list[ReviewReading] = Field([], description="the KPI readings shown")
    barriers: list[BarrierUpdate] = Field([], description="barrier status at the review")
    roadmap: list[RoadmapItem] = Field([], description="what comes next, by quarter")
    renewal: Renewal | None = Field(None, description="renewal status and opportunities (internal variant only)")
    asks: list[Ask] = Field([], description="what the customer is asked for")
    actions: list[Action] = Field([], description="action items, each with an owner and a due date")
    next_review: Date | None = Field(None, description="the day of the next review")


def is_review_file(sub: str) -> bool:
    """Return True for a file of the customer's reviews/ folder."""
    return sub.startswith(f"{REVIEWS_DIR}/")


def model_review_files(plan: Plan, source: Source, problems: Problems) -> set[str]:
    """Model health.yaml and reviews/*.yaml into ``plan``; return the files handled here.

    Reviews are keyed by their file name without '.yaml' (``2026-Q3``); the
    validate stage checks that the name is the review's period.
    """
    handled = set()
    for sub, doc in source.documents.items():
        if sub == HEALTH_FILE:
            handled.add(sub)
            value = validate_document(HealthFile, doc, problems) if doc.data is not None else None
            if value is None:
                plan.broken.add("health")
            else:
                plan.health = value
        elif is_review_file(sub):
            handled.add(sub)
            key = sub.removeprefix(f"{REVIEWS_DIR}/").removesuffix(".yaml")
            value = validate_document(ReviewFile, doc, problems) if doc.data is not None else None
            if value is None:
                plan.broken.add(sub.removesuffix(".yaml"))
                # Its valid part is still checked against the plan (model.salvage): all problems in one run.
                saved = salvage(ReviewFile, doc) if doc.data is not None else None
                if saved is not None:
                    plan.reviews[key], plan.documents[sub], plan.partial[sub.removesuffix(".yaml")] = saved
            else:
                plan.reviews[key] = value
    return handled
