"""Model of ``content/_partner/partner.yaml``: the partner's own answers to the CX questionnaire.

Everything the CX Specialization questionnaire asks (docs/domain.md §9) that is
about the partner rather than a customer: company and value proposition,
lifecycle methodology (stages, RACI per stage, hand-offs, tools, service
tiers; docs/domain.md §5, §6, §11), offices, organisation, industry focus,
business plan, and which two customers are its references.
"""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from pipeline.fields import Bool, Date, Id, Int, Locale, Percent, Plain, Prose, Ref, Text, Url, choice
from pipeline.model import Model


class HandoffKind(str, Enum):
    """Group to group at a stage change (generic) or person to person on a trigger (specific)."""

    GENERIC = "generic"
    SPECIFIC = "specific"


class MetricArea(str, Enum):
    """What a practice metric measures (docs/domain.md §9, Q6)."""

    BUSINESS = "business"
    TEAM = "team"
    CUSTOMER = "customer"


class Person(Model):
    """A named person of the partner."""

    name: Plain = Field(description="full name")
    title: Text = Field(description="job title")
    email: Plain | None = Field(None, description="e-mail address")


class Edition(Model):
    """Version and date of these answers."""

    version: Plain = Field(description="edition of the answers")
    date: Date = Field(description="date of this edition")


class Company(Model):
    """Q1: who the partner is and its unique value proposition."""

    overview: Prose = Field(description="the company in a few paragraphs")
    value_proposition: Prose = Field(description="what the company offers its customers")
    founded: Int | None = Field(None, description="year founded")
    employees: Int | None = Field(None, description="number of employees")
    certifications: list[Text] = Field([], description="certifications held")


class Methodology(Model):
    """One of the four required methodologies (sales, delivery, customer success, renewal)."""

    name: Text = Field(description="name of the methodology")
    description: Text = Field(description="what it is")


class Stage(Model):
    """A partner lifecycle stage with its activities and deliverables."""

    id: Id = Field(description="short id of the lifecycle stage", examples=["onboard"])
    name: Text = Field(description="name of the stage")
    market_model: Text = Field(description="e.g. Land, Adopt, Renew, Expand")
    vendor_stages: list[Text] = Field([], description="the vendor's stages it matches")
    activities: list[Text] = Field(min_length=1, description="activities of the stage")
    deliverables: list[Text] = Field([], description="deliverables of the stage")


class Role(Model):
    """A column of the RACI: AM, Architect, CSM, …"""

    id: Id = Field(description="short id of the role, used by the RACI", examples=["csm"])
    name: Text = Field(description="name of the role")


class RaciRow(Model):
    """One activity of a stage with a RACI letter per role id."""

    stage: Ref = Field(description="id of a lifecycle stage")
    activity: Text = Field(description="the activity")
    roles: dict[str, Plain] = Field(description="role id: R, A, C, I or R/A")


class HandoffRoles(Model):
    """Who is Responsible, Accountable, Consulted and Informed in a hand-off (free role labels)."""

    r: list[Text] = Field(min_length=1, description="responsible")
    a: list[Text] = Field(min_length=1, description="accountable")
    c: list[Text] = Field([], description="consulted")
    i: list[Text] = Field([], description="informed")


class Step(Model):
    """A numbered step of a hand-off's execution plan, with sub-steps."""

    step: Text = Field(description="a step of the execution plan")
    substeps: list[Text] = Field([], description="its sub-steps")


class Handoff(Model):
    """A hand-off process (docs/domain.md §6), its fields in the template's order."""

    id: Id = Field(description="short id of the hand-off", examples=["sales-to-cs"])
    name: Text = Field(description="from → to, e.g. Sales → Customer Success transfer")
    kind: choice(HandoffKind) = Field(
        description="generic (group to group at a stage change) or specific (person to person on a trigger)")
    stage: Ref | None = Field(None, description="id of the lifecycle stage it belongs to")
    objective: Text = Field(description="what the hand-off achieves")
    roles: HandoffRoles = Field(description="who is responsible, accountable, consulted and informed")
    execution_plan: list[Step] = Field(min_length=1, description="the steps of the hand-off")
    next_steps: list[Text] = Field([], description="what follows")
    customer_audience: list[Text] = Field([], description="who at the customer takes part")
    trigger: Text = Field(description="what starts it")
    scope: Text = Field(description="what it covers")
    key_resources: list[Text] = Field([], description="resources needed")
    success_criteria: list[Text] = Field(min_length=1, description="how success is judged")


class Tool(Model):
    """A tool of the practice and the stages it is used in."""

    name: Text = Field(description="name of the tool")
    purpose: Text = Field(description="what it is used for")
    used_by: list[Text] = Field([], description="who uses it")
    stages: list[Ref] = Field([], description="ids of the lifecycle stages it is used in")
    vendor_data: Text | None = Field(None, description="input data taken from the vendor's tools")


class ServiceTier(Model):
    """A CS service tier (e.g. Basic, Enhanced, Premium; docs/domain.md §11)."""

    name: Text = Field(description="name of the CS service tier, named by reference.yaml", examples=["Premium"])
    summary: Text | None = Field(None, description="the tier in a sentence")
    initial_response_minutes: Int | None = Field(None, description="first response to a severity 1–2 case")
    business_reviews_per_year: Int = Field(0, description="business reviews included per year")
    features: list[Text] = Field(min_length=1, description="what the tier includes")


class Lifecycle(Model):
    """Q2: how lifecycle services set the partner apart, and the CS practice methodology."""

    differentiation: Prose = Field(description="what sets the practice apart")
    methodologies: list[Methodology] = Field(min_length=1, description="methodologies followed")
    stages: list[Stage] = Field(min_length=1, description="stages of the customer lifecycle")
    roles: list[Role] = Field(min_length=1, description="roles of the RACI")
    raci: list[RaciRow] = Field(
        min_length=1, description="who is responsible, accountable, consulted and informed per activity")
    handoffs: list[Handoff] = Field(min_length=1, description="hand-offs between teams")
    health_score: Prose | None = Field(None, description="how customer health is scored, in words")
    tools: list[Tool] = Field(min_length=1, description="tools used")
    service_tiers: list[ServiceTier] = Field(min_length=1, description="the CS service tiers offered")
    services: list[Text] = Field([], description="the CS service catalogue: paid offers")


class Office(Model):
    """Q3: an office of the partner."""

    city: Text = Field(description="city")
    country: Text = Field(description="country")
    headquarters: Bool = Field(False, description="true for the head office")
    staff: Int | None = Field(None, description="number of staff")
    functions: list[Text] = Field([], description="what is done there")


class OrgUnit(Model):
    """Q4: a unit of the organisation; ``reports_to`` builds the org chart."""

    id: Id = Field(description="short id of the unit", examples=["cs"])
    name: Text = Field(description="name of the unit")
    lead: Person | None = Field(None, description="who leads it")
    headcount: Int | None = Field(None, description="number of people")
    reports_to: Ref | None = Field(None, description="id of the unit it reports to")
    customer_success: Bool = Field(False, description="true for a Customer Success unit")
    roles: list[Text] = Field([], description="roles in the unit")


class Organization(Model):
    """Q4: structure of the partner, including the CS organisation."""

    overview: Prose = Field(description="the organisation in a few sentences")
    units: list[OrgUnit] = Field(min_length=1, description="the organisational units")


class Industry(Model):
    """Q5: an industry the partner focuses on."""

    name: Text = Field(description="the industry")
    share: Percent | None = Field(None, description="share of revenue, 0–100")
    note: Text | None = Field(None, description="a remark")


class Metric(Model):
    """Q6: how the practice is measured."""

    area: choice(MetricArea) = Field(description="what the metric measures")
    name: Text = Field(description="name of the metric")
    target: Text | None = Field(None, description="its target")
    current: Text | None = Field(None, description="where it stands")


class Attachment(Model):
    """Q6: a document attached to the application."""

    title: Text = Field(description="title of the attachment")
    url: Url | None = Field(None, description="link to it")


class BusinessPlan(Model):
    """Q6: the business plan of the CS practice."""

    summary: Prose = Field(description="the business plan in a few paragraphs")
    goals: list[Text] = Field([], description="goals of the plan")
    metrics: list[Metric] = Field([], description="how the practice is measured")
    attachments: list[Attachment] = Field([], description="documents attached")


class PartnerFile(Model):
    """partner.yaml."""

    name: Plain = Field(description="the partner company's name")
    website: Url | None = Field(None, description="the company's website")
    logo: Plain | None = Field(None, description="path under content/_partner/assets/, shown on the documents' covers")
    source_language: Locale = Field(description="the language the texts of this file are written in")
    output_locales: list[Locale] = Field(min_length=1, description="the languages to build the questionnaire in")
    edition: Edition = Field(description="version and date of these answers")
    contact: Person = Field(description="who to contact about the answers")
    company: Company = Field(description="the company")
    lifecycle: Lifecycle = Field(description="the customer lifecycle methodology")
    offices: list[Office] = Field(min_length=1, description="offices")
    geographies: list[Text] = Field(min_length=1, description="where the company serves customers")
    organization: Organization = Field(description="how the company is organised")
    industries: list[Industry] = Field(min_length=1, description="industries served")
    ideal_customer: Prose = Field(description="the ideal customer profile")
    business_plan: BusinessPlan = Field(description="the business plan and how the practice is measured")
    references: list[Ref] = Field(description="the two customers (folder names) that are the references")


RACI_LETTERS = ("R", "A", "C", "I", "R/A")
# Letters that look like R/A/C/I in OCR'd or pasted RACI tables (docs/domain.md, "Input hygiene").
LOOKALIKES = {"\u0391": "A", "\u0410": "A", "\u0421": "C", "\u0131": "I", "1": "I", "\u0406": "I", "\u0399": "I"}


def raci_letter(raw: str) -> str | None:
    """Return ``raw`` as one of R, A, C, I, R/A (look-alike characters mapped to ASCII), or None."""
    text = "".join(LOOKALIKES.get(ch, ch) for ch in raw.replace(" ", "")).upper()
    return text if text in RACI_LETTERS else None
