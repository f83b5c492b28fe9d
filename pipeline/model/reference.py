"""Model of ``content/<customer>/reference.yaml``: a customer reference (case study, docs/domain.md §8).

A reference tells the story of a plan that already exists, so it points at the
plan's outcomes, KPIs, barriers, processes and people by id instead of
retyping them, and its numbers come from ``measurements.yaml``. Only the
prose that the plan does not hold is written here, plus the consent record
that says whether, how and until when the customer lets the partner use it.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from pipeline.fields import Bool, Date, Plain, Prose, Ref, Text, choice
from pipeline.model import Model


class ConsentUse(str, Enum):
    """What the customer approved the reference for."""

    INTERNAL = "internal"
    EXTERNAL = "external"
    ANONYMIZED = "anonymized"


class Consent(Model):
    """Who at the customer approved the reference, when, until when and for what use."""

    use: choice(ConsentUse)
    approved_by: Ref = Field(description="stakeholder id of the person at the customer who approved it")
    date: Date
    until: Date
    withdrawn: Date | None = Field(None, description="the day the customer withdrew its consent")
    anonymized_as: Text | None = Field(
        None, description="how the customer is named when use is anonymized, e.g. 'a Polish logistics company'")
    anonymized_region: Text | None = Field(None, description="the region shown when use is anonymized "
                                                                "(default: none), e.g. 'Northern Europe'")
    hide: list[Plain] = Field([], description="other spellings of the customer's name that must not appear")
    note: Text | None = None


class Profile(Model):
    """What the reference adds to customer.yaml's profile."""

    summary: Prose | None = None
    products: list[Ref] = Field([], description="solution ids from solution.yaml (default: all)")
    service_tier: Text | None = Field(None, description="the CS service tier, e.g. Premium")


class Challenge(Model):
    """The customer's pain points and why they bought."""

    pain_points: Prose
    why_they_bought: Prose


class SolutionPart(Model):
    """The products and services sold, by reference to solution.yaml."""

    summary: Prose | None = None
    solutions: list[Ref] = Field([], description="solution ids from solution.yaml (default: all)")
    services: list[Text] = []


class Execution(Model):
    """How the CS plan was run: everything by id into the plan, plus the prose only told here."""

    summary: Prose
    lifecycle_stages: list[Text] = []
    outcomes: list[Ref] = Field(min_length=1, description="outcome ids from outcomes.yaml")
    stakeholders: list[Ref] = []
    use_cases: list[Ref] = []
    barriers: list[Ref] = Field([], description="barrier ids from barriers.yaml that were overcome")
    change_management: Prose | None = None
    processes: list[Ref] = Field([], description="process ids from process-change.yaml")
    communication_training: Prose | None = None


class Results(Model):
    """Results with numbers from measurements.yaml: KPIs named by id, never retyped."""

    summary: Prose | None = None
    kpis: list[Ref] = Field(min_length=1, description="KPI ids; baseline from outcomes.yaml, achieved from "
                                                      "the latest reading in measurements.yaml")


class Quote(Model):
    """An executive statement with its speaker: a stakeholder id, or a name and title."""

    text: Prose
    by: Ref | None = None
    name: Plain | None = None
    title: Text | None = None


class ReferenceFile(Model):
    """reference.yaml."""

    title: Text | None = Field(None, description="headline of the case study")
    profile: Profile = Profile()
    challenge: Challenge
    solution: SolutionPart = SolutionPart()
    execution: Execution
    results: Results
    quote: Quote
    next_steps: Prose | None = None
    consent: Consent
    allow_fallback: Bool = Field(False, description="true lets the vendor-facing questionnaire show this "
                                                    "reference's texts in the language they were written in where "
                                                    "they have no version in the questionnaire's language")
