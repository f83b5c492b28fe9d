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

    name: Plain
    title: Text
    email: Plain | None = None


class Edition(Model):
    """Version and date of these answers."""

    version: Plain
    date: Date


class Company(Model):
    """Q1: who the partner is and its unique value proposition."""

    overview: Prose
    value_proposition: Prose
    founded: Int | None = None
    employees: Int | None = None
    certifications: list[Text] = []


class Methodology(Model):
    """One of the four required methodologies (sales, delivery, customer success, renewal)."""

    name: Text
    description: Text


class Stage(Model):
    """A partner lifecycle stage with its activities and deliverables."""

    id: Id
    name: Text
    market_model: Text = Field(description="e.g. Land, Adopt, Renew, Expand")
    vendor_stages: list[Text] = []
    activities: list[Text] = Field(min_length=1)
    deliverables: list[Text] = []


class Role(Model):
    """A column of the RACI: AM, Architect, CSM, …"""

    id: Id
    name: Text


class RaciRow(Model):
    """One activity of a stage with a RACI letter per role id."""

    stage: Ref
    activity: Text
    roles: dict[str, Plain] = Field(description="role id: R, A, C, I or R/A")


class HandoffRoles(Model):
    """Who is Responsible, Accountable, Consulted and Informed in a hand-off (free role labels)."""

    r: list[Text] = Field(min_length=1)
    a: list[Text] = Field(min_length=1)
    c: list[Text] = []
    i: list[Text] = []


class Step(Model):
    """A numbered step of a hand-off's execution plan, with sub-steps."""

    step: Text
    substeps: list[Text] = []


class Handoff(Model):
    """A hand-off process (docs/domain.md §6), its fields in the template's order."""

    id: Id
    name: Text = Field(description="from → to, e.g. Sales → Customer Success transfer")
    kind: choice(HandoffKind)
    stage: Ref | None = None
    objective: Text
    roles: HandoffRoles
    execution_plan: list[Step] = Field(min_length=1)
    next_steps: list[Text] = []
    customer_audience: list[Text] = []
    trigger: Text
    scope: Text
    key_resources: list[Text] = []
    success_criteria: list[Text] = Field(min_length=1)


class Tool(Model):
    """A tool of the practice and the stages it is used in."""

    name: Text
    purpose: Text
    used_by: list[Text] = []
    stages: list[Ref] = []
    vendor_data: Text | None = Field(None, description="input data taken from the vendor's tools")


class ServiceTier(Model):
    """A CS service tier (e.g. Basic, Enhanced, Premium; docs/domain.md §11)."""

    name: Text
    summary: Text | None = None
    initial_response_minutes: Int | None = Field(None, description="first response to a severity 1–2 case")
    business_reviews_per_year: Int = 0
    features: list[Text] = Field(min_length=1)


class Lifecycle(Model):
    """Q2: how lifecycle services set the partner apart, and the CS practice methodology."""

    differentiation: Prose
    methodologies: list[Methodology] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    raci: list[RaciRow] = Field(min_length=1)
    handoffs: list[Handoff] = Field(min_length=1)
    health_score: Prose | None = Field(None, description="how customer health is scored, in words")
    tools: list[Tool] = Field(min_length=1)
    service_tiers: list[ServiceTier] = Field(min_length=1)
    services: list[Text] = Field([], description="the CS service catalogue: paid offers")


class Office(Model):
    """Q3: an office of the partner."""

    city: Text
    country: Text
    headquarters: Bool = False
    staff: Int | None = None
    functions: list[Text] = []


class OrgUnit(Model):
    """Q4: a unit of the organisation; ``reports_to`` builds the org chart."""

    id: Id
    name: Text
    lead: Person | None = None
    headcount: Int | None = None
    reports_to: Ref | None = None
    customer_success: Bool = False
    roles: list[Text] = []


class Organization(Model):
    """Q4: structure of the partner, including the CS organisation."""

    overview: Prose
    units: list[OrgUnit] = Field(min_length=1)


class Industry(Model):
    """Q5: an industry the partner focuses on."""

    name: Text
    share: Percent | None = Field(None, description="share of revenue, 0–100")
    note: Text | None = None


class Metric(Model):
    """Q6: how the practice is measured."""

    area: choice(MetricArea)
    name: Text
    target: Text | None = None
    current: Text | None = None


class Attachment(Model):
    """Q6: a document attached to the application."""

    title: Text
    url: Url | None = None


class BusinessPlan(Model):
    """Q6: the business plan of the CS practice."""

    summary: Prose
    goals: list[Text] = []
    metrics: list[Metric] = []
    attachments: list[Attachment] = []


class PartnerFile(Model):
    """partner.yaml."""

    name: Plain
    website: Url | None = None
    logo: Plain | None = Field(None, description="path under content/_partner/assets/, shown on the documents' covers")
    source_language: Locale
    output_locales: list[Locale] = Field(min_length=1)
    edition: Edition
    contact: Person
    company: Company
    lifecycle: Lifecycle
    offices: list[Office] = Field(min_length=1)
    geographies: list[Text] = Field(min_length=1)
    organization: Organization
    industries: list[Industry] = Field(min_length=1)
    ideal_customer: Prose
    business_plan: BusinessPlan
    references: list[Ref] = Field(description="the two customers (folder names) that are the references")


RACI_LETTERS = ("R", "A", "C", "I", "R/A")
# Letters that look like R/A/C/I in OCR'd or pasted RACI tables (docs/domain.md, "Input hygiene").
LOOKALIKES = {"\u0391": "A", "\u0410": "A", "\u0421": "C", "\u0131": "I", "1": "I", "\u0406": "I", "\u0399": "I"}


def raci_letter(raw: str) -> str | None:
    """Return ``raw`` as one of R, A, C, I, R/A (look-alike characters mapped to ASCII), or None."""
    text = "".join(LOOKALIKES.get(ch, ch) for ch in raw.replace(" ", "")).upper()
    return text if text in RACI_LETTERS else None
