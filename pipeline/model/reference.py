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

    use: choice(ConsentUse) = Field(
        description="what the customer approved: internal use, external use, or anonymized")
    approved_by: Ref = Field(description="stakeholder id of the person at the customer who approved it")
    date: Date = Field(description="the day consent was given")
    until: Date = Field(description="the last day consent holds")
    withdrawn: Date | None = Field(None, description="the day the customer withdrew its consent")
    anonymized_as: Text | None = Field(
        None, description="how the customer is named when use is anonymized, e.g. 'a Polish logistics company'")
    anonymized_region: Text | None = Field(None, description="the region shown when use is anonymized "
                                                                "(default: none), e.g. 'Northern Europe'")
    hide: list[Plain] = Field([], description="other spellings of the customer's name that must not appear")
    note: Text | None = Field(None, description="a remark on the consent")


class Profile(Model):
    """What the reference adds to customer.yaml's profile."""

    summary: Prose | None = Field(None, description="the customer in a few sentences")
    products: list[Ref] = Field([], description="solution ids from solution.yaml (default: all)")
    service_tier: Text | None = Field(None, description="the CS service tier, e.g. Premium")


class Challenge(Model):
    """The customer's pain points and why they bought."""

    pain_points: Prose = Field(description="the customer's problems before the project")
    why_they_bought: Prose = Field(description="why the customer chose the solution")


class SolutionPart(Model):
    """The products and services sold, by reference to solution.yaml."""

    summary: Prose | None = Field(None, description="the solution in a few sentences")
    solutions: list[Ref] = Field([], description="solution ids from solution.yaml (default: all)")
    services: list[Text] = Field([], description="services delivered")


class Execution(Model):
    """How the CS plan was run: everything by id into the plan, plus the prose only told here."""

    summary: Prose = Field(description="how the project was run")
    lifecycle_stages: list[Text] = Field([], description="the lifecycle stages the project went through")
    outcomes: list[Ref] = Field(min_length=1, description="outcome ids from outcomes.yaml")
    stakeholders: list[Ref] = Field([], description="ids of people in stakeholders.yaml")
    use_cases: list[Ref] = Field([], description="ids of use cases in use-cases.yaml")
    barriers: list[Ref] = Field([], description="barrier ids from barriers.yaml that were overcome")
    change_management: Prose | None = Field(None, description="how the change was managed")
    processes: list[Ref] = Field([], description="process ids from process-change.yaml")
    communication_training: Prose | None = Field(None, description="how users were informed and trained")


class Results(Model):
    """Results with numbers from measurements.yaml: KPIs named by id, never retyped."""

    summary: Prose | None = Field(None, description="the results in a few sentences")
    kpis: list[Ref] = Field(min_length=1, description="KPI ids; baseline from outcomes.yaml, achieved from "
                                                      "the latest reading in measurements.yaml")


class Quote(Model):
    """An executive statement with its speaker: a stakeholder id, or a name and title."""

    text: Prose = Field(description="the customer's words")
    by: Ref | None = Field(None, description="who said it: id of a person in stakeholders.yaml")
    name: Plain | None = Field(None, description="the speaker's name, when not in stakeholders.yaml")
    title: Text | None = Field(None, description="the speaker's job title, when not in stakeholders.yaml")


class ReferenceFile(Model):
    """reference.yaml."""

    title: Text | None = Field(None, description="headline of the case study")
    profile: Profile = Field(Profile(), description="what the reference adds to customer.yaml's profile")
    challenge: Challenge = Field(description="the customer's situation before")
    solution: SolutionPart = Field(SolutionPart(), description="what was sold and delivered")
    execution: Execution = Field(description="how it was delivered")
    results: Results = Field(description="the KPIs achieved")
    quote: Quote = Field(description="a quote of the customer")
    next_steps: Prose | None = Field(None, description="what comes next")
    consent: Consent = Field(description="who at the customer approved the reference, for what use and until when")
    allow_fallback: Bool = Field(False, description="true lets the vendor-facing questionnaire show this "
                                                    "reference's texts in the language they were written in where "
                                                    "they have no version in the questionnaire's language")
