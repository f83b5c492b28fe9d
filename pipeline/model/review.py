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
from pipeline.model import Model, Plan, Status, validate_document
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

    outcome: Ref
    rag: choice(Rag)
    status: choice(Status) | None = None
    note: Text | None = None
    value: Prose | None = Field(None, description="value delivered so far, in the customer's words")


class ReviewReading(Model):
    """A KPI reading shown in the review: new here, or (without value) the one in measurements.yaml."""

    kpi: Ref
    date: Date
    value: Number | None = None
    source: Text | None = None
    note: Text | None = None


class BarrierUpdate(Model):
    """A barrier or risk discussed at the review, with its status at the review."""

    barrier: Ref
    status: choice(Status)
    note: Text | None = None


class RoadmapItem(Model):
    """What comes next: a new service, feature or phase, by quarter."""

    item: Text
    when: Quarter
    description: Prose | None = None
    outcomes: list[Ref] = []


class Renewal(Model):
    """Renewal and commercial status."""

    status: choice(Rag)
    date: Date | None = Field(None, description="defaults to contract.renewal in customer.yaml")
    summary: Prose | None = None
    opportunities: list[Text] = []


class Ask(Model):
    """Something the team asks of the customer."""

    ask: Text
    of: Ref | None = Field(None, description="the stakeholder asked")
    due: Date | None = None


class Action(Model):
    """An action item agreed at the review: always with an owner and a due date."""

    action: Text
    owner: Ref
    due: Date
    status: choice(Status) = Status.NOT_STARTED


class ReviewFile(Model):
    """reviews/<period>.yaml: one quarterly (QBR) or executive (EBR) business review."""

    period: Quarter
    kind: choice(ReviewKind)
    date: Date
    attendees: list[Ref] = Field(min_length=1)
    summary: Prose | None = None
    highlights: list[Text] = []
    wins: list[Text] = []
    outcomes: list[OutcomeUpdate] = []
    readings: list[ReviewReading] = []
    barriers: list[BarrierUpdate] = []
    roadmap: list[RoadmapItem] = []
    renewal: Renewal | None = None
    asks: list[Ask] = []
    actions: list[Action] = []
    next_review: Date | None = None


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
            else:
                plan.reviews[key] = value
    return handled
