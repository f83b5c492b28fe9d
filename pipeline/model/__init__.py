"""Model stage: the content of a customer folder as typed pydantic objects.

One model class per section file, with the fields of docs/domain.md. Unknown keys
are errors (``extra="forbid"``) so that nothing a user writes is silently
ignored, and every pydantic error is turned into a located :class:`Problem`.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.fields import (
    Bool, Currency, Date, DateOrPeriod, Id, Int, Locale, Number, Plain, Prose, Rank, Ref, Text, UnitField, Url,
    choice, describe,
)
from pipeline.load import Document, Source, field_path
from pipeline.problems import Problem, Problems
from pipeline.registry import PLAN_SECTIONS


def _document_fields(schema: dict, cls: type[BaseModel]) -> None:
    """Give each property of a model's JSON Schema its field's meaning and how it is written (editor hovers)."""
    for name, prop in schema.get("properties", {}).items():
        info = cls.model_fields.get(name)
        if info is None:
            continue
        prop.pop("title", None)  # the key itself says it
        kind = field_kind(_field_annotation(info))
        if kind == "mapping":  # the keys inside say the rest
            prop["description"] = info.description or ""
        else:
            prop["description"] = f"{info.description} ({kind})" if info.description else kind


class Model(BaseModel):
    """Base of every content model: strict about keys, lenient about spelling of choices.

    Every field carries a ``description`` (what it means, what an id refers
    to, the unit) and, where it helps, ``examples``: the one source of the
    commented files ``csplan new`` writes, the JSON Schemas of ``csplan
    schema`` and docs/content-reference.md.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False,
                              json_schema_extra=_document_fields)


# ----------------------------------------------------------------- choices

class Status(str, Enum):
    """Progress of an outcome, barrier, task or activity (docs/domain.md §2)."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


class Segment(str, Enum):
    """Customer segment by touch model (docs/domain.md §11)."""

    LOW_TOUCH = "low_touch"
    MIDDLE_TOUCH = "middle_touch"
    HIGH_TOUCH = "high_touch"


class Side(str, Enum):
    """Which organisation a person belongs to."""

    CUSTOMER = "customer"
    PARTNER = "partner"
    VENDOR = "vendor"


class Category(str, Enum):
    """Business outcome categories named in the seeds (docs/domain.md §3 S2)."""

    COST_EFFICIENCY = "cost_efficiency"
    BUSINESS_GROWTH = "business_growth"
    SECURITY = "security"
    RISK_MANAGEMENT = "risk_management"
    EMPLOYEE_SATISFACTION = "employee_satisfaction"
    CORPORATE_REPUTATION = "corporate_reputation"
    TIME_TO_MARKET = "time_to_market"


class Frequency(str, Enum):
    """How often a KPI is measured."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class DataKind(str, Enum):
    """Where a KPI's numbers come from."""

    OBJECTIVE = "objective"
    SUBJECTIVE = "subjective"


class BarrierType(str, Enum):
    """Kind of adoption barrier."""

    TECHNICAL = "technical"
    BUSINESS = "business"


class PersonaType(str, Enum):
    """Whether a persona is inside or outside the customer."""

    INTERNAL = "internal"
    EXTERNAL = "external"


class ContractStatus(str, Enum):
    """Service contract coverage status."""

    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NONE = "none"


class MoneyPeriod(str, Enum):
    """Period a recurring amount is quoted for."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class ActivityKind(str, Enum):
    """A communication or a training activity."""

    COMMUNICATION = "communication"
    TRAINING = "training"


class KeyWinKind(str, Enum):
    """Key win types of docs/domain.md §3 S8."""

    POLICY_GOVERNANCE = "policy_governance"
    EXPAND_OPPORTUNITY = "expand_opportunity"
    CUSTOMER_CELEBRATION = "customer_celebration"
    END_OF_LIFE = "end_of_life"
    CUSTOMER_ADVOCATES = "customer_advocates"
    CASE_STUDIES = "case_studies"


# ----------------------------------------------------------------- shared shapes

class Money(Model):
    """An amount in a currency, optionally per period."""

    amount: Number = Field(description="the amount, in the currency's units", examples=["120000"])
    currency: Currency = Field(description="the currency", examples=["EUR"])
    period: choice(MoneyPeriod) | None = Field(None, description="what the amount is quoted per, when it recurs")


class Measure(Model):
    """A KPI value with its unit and the date it holds for."""

    value: Number = Field(description="the measured or targeted value, in the unit below", examples=["86000"])
    unit: UnitField = Field(description="%, a currency code (EUR), a CLDR unit id formatted with its plural forms in "
                                        "every locale (hour, day, week, minute, second), free text (tickets/month), "
                                        "or free text per plural category ({one: godzina, few: godziny, many: "
                                        "godzin, other: godziny}) or per locale ({en: …, pl: …})",
                            examples=["%", "EUR", "hour", "tickets/month"])
    date: Date = Field(description="the day the value holds for")


class Baseline(Measure):
    """A KPI's value before the plan, dated by a day or by the whole month or year it holds for."""

    date: DateOrPeriod = Field(
        description="the day the value holds for, or the month (YYYY-MM) or year (YYYY) it was measured over",
        examples=["2026-01-31", "2025"])


class DateRange(Model):
    """A start and end date."""

    start: Date = Field(description="first day")
    end: Date = Field(description="last day")


# ----------------------------------------------------------------- customer.yaml

class PlanInfo(Model):
    """Version and date of this edition of the plan."""

    version: Plain = Field(
        description="edition of the plan; bump it at every review with the customer", examples=["0.1"])
    date: Date = Field(description="date of this edition: the deck shows the plan as of this day")


class Contract(Model):
    """Contract term and renewal."""

    start: Date = Field(description="first day of the contract")
    end: Date = Field(description="last day of the contract")
    renewal: Date | None = Field(None, description="renewal date, when it differs from the end")
    value: Money | None = Field(
        None, description="contract value (shown only in the internal variant)",
        examples=[{"amount": 120000, "currency": "EUR", "period": "year"}])


class CustomerFile(Model):
    """customer.yaml: who the customer is and who serves them."""

    name: Plain = Field(description="the customer's name as it appears on the cover", examples=["Acme Logistics"])
    industry: Text = Field(description="the customer's industry", examples=["Logistics"])
    region: Text = Field(description="where the customer is served", examples=["EMEA / Poland"])
    segment: choice(Segment) = Field(description="touch model of the account (shown only in the internal variant)")
    size: Text | None = Field(None, description="size of the customer", examples=["2,400 employees"])
    website: Url | None = Field(None, description="the customer's website", examples=["https://acme.example"])
    source_language: Locale = Field(description="the language the texts of this folder are written in")
    output_locales: list[Locale] = Field(
        min_length=1, description="the languages to build the decks in", examples=[["en", "pl"]])
    cs_manager: Ref = Field(description="the CS manager: id of a person in stakeholders.yaml")
    account_team: list[Ref] = Field([], description="the account team: ids of people in stakeholders.yaml")
    plan: PlanInfo = Field(description="version and date of this edition of the plan")
    contract: Contract = Field(description="contract term, renewal and value")
    logo: Plain | None = Field(
        None, description="the customer's logo: a path under this folder's assets/", examples=["assets/logo.png"])
    summary: Prose = Field(
        description="2–3 paragraphs: the main stages and goals of the plan (the executive summary)")


# ----------------------------------------------------------------- solution.yaml

class License(Model):
    """A licensed SKU and its quantity."""

    sku: Plain = Field(description="the licensed SKU", examples=["A-FLEX-3"])
    quantity: Int = Field(description="number of licences")
    description: Text | None = Field(None, description="what the SKU is")


class ServiceContract(Model):
    """Service contract coverage of a solution."""

    status: choice(ContractStatus) = Field(description="whether the service contract is in force")
    coverage: Text | None = Field(None, description="coverage hours", examples=["24x7"])
    until: Date | None = Field(None, description="last day of coverage")


class Solution(Model):
    """One product or solution sold (docs/domain.md §3 S1)."""

    id: Id = Field(description="short id of the solution, used by reference.yaml", examples=["webex"])
    solution: Text = Field(description="product or solution name", examples=["Webex Calling"])
    url: Url | None = Field(None, description="link to the product page")
    business_case: Prose = Field(description="why the customer bought it and which outcome it drives")
    outcomes: list[Ref] = Field([], description="the business outcomes it drives: ids of outcomes in outcomes.yaml")
    components: list[Text] = Field([], description="the components adoption focuses on")
    bom: list[Text] = Field([], description="bill of materials lines")
    licenses: list[License] = Field([], description="licensed SKUs and quantities")
    serial_numbers: list[Plain] = Field([], description="serial numbers of the installed products")
    software_version: Plain | None = Field(None, description="software version in use", examples=["14.2"])
    service_contract: ServiceContract | None = Field(None, description="service contract coverage")
    so_po_refs: list[Plain] = Field([], description="sales and purchase order numbers")
    third_party_dependencies: list[Text] = Field([], description="third-party products it depends on")
    practices_to_adopt: list[Text] = Field([], description="working practices the customer adopts with it")
    practices_to_stop: list[Text] = Field([], description="working practices the customer stops with it")


class SolutionFile(Model):
    """solution.yaml."""

    summary: Prose | None = Field(None, description="overview of the solution sold")
    solutions: list[Solution] = Field(min_length=1, description="the products and solutions sold, one item each")


# ----------------------------------------------------------------- outcomes.yaml

class KPI(Model):
    """A SMART key performance indicator of an initiative (docs/domain.md §3 S4)."""

    id: Id = Field(
        description="short id of the KPI, used by measurements, use cases, milestones and reviews",
        examples=["travel-spend"])
    description: Text = Field(description="what is counted, per which period", examples=["Travel spend per month"])
    baseline: Baseline = Field(
        description="the value before the plan, with its unit and date",
        examples=[{"value": 86000, "unit": "EUR", "date": "2026-01-31"}])
    target: Measure = Field(
        description="the value to reach, with its unit and due date (after the baseline's)",
        examples=[{"value": 68800, "unit": "EUR", "date": "2026-12-31"}])
    how_measured: Text = Field(description="source or method of measurement", examples=["finance reports"])
    frequency: choice(Frequency) = Field(description="how often it is measured")
    owner: Ref = Field(description="who reports it: id of a person in stakeholders.yaml")
    data_kind: choice(DataKind) = Field(
        DataKind.OBJECTIVE, description="objective (telemetry, reports) or subjective (survey)")
    evidence: list[Text] = Field([], description="where the readings can be checked (reports, dashboards)")
    success_factors: Text | None = Field(None, description="what must hold for the target to be met")


class Initiative(Model):
    """A strategic priority that serves a business outcome."""

    id: Id = Field(description="short id of the initiative", examples=["travel"])
    title: Text = Field(
        description="the strategic priority, with its measurable target",
        examples=["Replace 30% of trips with video meetings"])
    description: Prose | None = Field(None, description="more about the initiative")
    kpis: list[KPI] = Field(min_length=1, description="the SMART KPIs that measure it")


class SuccessFactor(Model):
    """A critical success factor and where it stands."""

    name: Text = Field(description="the critical success factor", examples=["Easy access to meetings"])
    problem: Text | None = Field(None, description="what stands in its way today")
    status: Text | None = Field(None, description="where it stands")


class Outcome(Model):
    """A business outcome agreed with the customer (docs/domain.md §3 S2)."""

    id: Id = Field(description="short id of the business outcome, used everywhere else", examples=["cost"])
    category: choice(Category) = Field(description="kind of business outcome")
    title: Text = Field(
        description="the outcome as agreed with the customer", examples=["Cut travel costs by 20% within 12 months"])
    description: Prose | None = Field(None, description="more about the outcome")
    priority: Rank = Field(description="the customer's priority")
    status: choice(Status) = Field(Status.NOT_STARTED, description="progress of the outcome")
    critical_success_factors: list[SuccessFactor] = Field([], description="what must go right for the outcome")
    initiatives: list[Initiative] = Field(min_length=1, description="the strategic priorities that serve it")


class OutcomesFile(Model):
    """outcomes.yaml: business outcomes → initiatives → KPIs."""

    summary: Prose = Field(description="2–3 paragraphs agreed with the customer's project team")
    outcomes: list[Outcome] = Field(min_length=1, description="the business outcomes, each with initiatives and KPIs")


# ----------------------------------------------------------------- stakeholders.yaml

class Stakeholder(Model):
    """A person on the customer, partner or vendor side (docs/domain.md §3 S3)."""

    id: Id = Field(description="short id of the person, used everywhere else", examples=["anna-k"])
    name: Plain = Field(description="full name", examples=["Anna Kowalska"])
    title: Text = Field(description="job title", examples=["Head of Travel"])
    group: Text = Field(
        description="the group the person belongs to", examples=["Project Team", "LoB", "IT", "Account team"])
    role: Text = Field(description="role in the plan", examples=["IT Project Manager"])
    responsibility: Text | None = Field(None, description="what the person is responsible for in the plan")
    side: choice(Side) = Field(description="which organisation the person belongs to")
    sponsor: Bool = Field(False, description="true for the customer's executive sponsor")
    champion: Bool = Field(False, description="true for a champion of the adoption")
    end_user_group: Bool = Field(False, description="true when the person stands for end users who benefit")
    contact: Plain | None = Field(None, description="e-mail or phone", examples=["anna.kowalska@acme.example"])


class StakeholdersFile(Model):
    """stakeholders.yaml."""

    stakeholders: list[Stakeholder] = Field(
        min_length=1,
        description="every person of the plan: core project team, IT, account team, a customer sponsor, end users")


# ----------------------------------------------------------------- use-cases.yaml

class UserGroup(Model):
    """A group to identify for adoption: pilot group, department, region."""

    id: Id = Field(description="short id of the group", examples=["pilot"])
    name: Text = Field(description="name of the group", examples=["Pilot group"])
    members: list[Ref] = Field([], description="ids of people in stakeholders.yaml")
    champion: Ref | None = Field(None, description="the group's champion: id of a person in stakeholders.yaml")
    adoption_lead: Ref | None = Field(
        None, description="who leads adoption in the group: id of a person in stakeholders.yaml")


class UseCase(Model):
    """A persona's user story, optionally with its own outcomes and KPIs (docs/domain.md §3 S5)."""

    id: Id = Field(description="short id of the use case", examples=["remote-meetings"])
    persona: Text = Field(description="who benefits", examples=["Retail store manager"])
    persona_type: choice(PersonaType) = Field(
        PersonaType.INTERNAL, description="whether the persona is inside or outside the customer")
    want: Text = Field(
        description="the capability: 'As a <persona>, I want …'", examples=["to meet suppliers by video"])
    so_that: Text = Field(description="the benefit: '… so that …'", examples=["I travel less"])
    groups: list[Ref] = Field([], description="ids of user groups above")
    people: list[Ref] = Field([], description="ids of people in stakeholders.yaml")
    outcomes: list[Ref] = Field([], description="ids of outcomes in outcomes.yaml")
    kpis: list[Ref] = Field([], description="ids of KPIs in outcomes.yaml")


class UseCasesFile(Model):
    """use-cases.yaml."""

    groups: list[UserGroup] = Field(
        [], description="groups to identify for adoption: pilot group, department, region")
    use_cases: list[UseCase] = Field(min_length=1, description="the personas' user stories")


# ----------------------------------------------------------------- barriers.yaml

class Barrier(Model):
    """An adoption barrier and how it will be resolved (docs/domain.md §3 S6)."""

    id: Id = Field(description="short id of the barrier", examples=["no-sponsor"])
    barrier: Text = Field(description="what stands in the way", examples=["No business sponsor"])
    type: choice(BarrierType) = Field(description="technical or business barrier")
    status: choice(Status) = Field(description="progress of its resolution")
    timeframe: DateRange | None = Field(
        None, description="when it is worked on", examples=[{"start": "2026-02-01", "end": "2026-04-30"}])
    resolution_path: Prose | None = Field(None, description="how it will be resolved (always track this)")
    owner: Ref | None = Field(None, description="who resolves it: id of a person in stakeholders.yaml")


class BarriersFile(Model):
    """barriers.yaml."""

    barriers: list[Barrier] = Field(min_length=1, description="the adoption barriers and how each will be resolved")


# ----------------------------------------------------------------- adoption-plan.yaml

class Phase(Model):
    """A timeframe of the adoption plan."""

    name: Text = Field(description="name of the phase", examples=["Pilot"])
    start: Date = Field(description="first day of the phase")
    end: Date = Field(description="last day of the phase")
    description: Text | None = Field(None, description="what happens in the phase")


class Milestone(Model):
    """A measurable checkpoint on the customer journey."""

    id: Id = Field(description="short id of the milestone, named by tasks", examples=["pilot-live"])
    name: Text = Field(description="name of the milestone", examples=["Pilot live"])
    date: Date = Field(description="due date")
    checkpoint: Text = Field(description="the measurable checkpoint on the customer journey")
    status: choice(Status) = Field(Status.NOT_STARTED, description="progress of the milestone")
    outcomes: list[Ref] = Field([], description="ids of outcomes in outcomes.yaml it serves")
    kpis: list[Ref] = Field([], description="ids of KPIs in outcomes.yaml it moves")


class Task(Model):
    """A step of the adoption plan with its owner and due date."""

    task: Text = Field(description="what is to be done", examples=["Train the champions"])
    side: choice(Side) = Field(description="which organisation does it")
    owner: Ref = Field(description="who does it: id of a person in stakeholders.yaml")
    due: Date = Field(description="due date")
    status: choice(Status) = Field(Status.NOT_STARTED, description="progress of the task")
    milestone: Ref | None = Field(None, description="the milestone it leads to: id of a milestone above")
    knowledge_gap: Text | None = Field(None, description="a knowledge gap the task closes")


class Journey(Model):
    """The adoption journey of one technology, linked to outcomes and KPIs."""

    technology: Text = Field(description="the technology adopted", examples=["Webex"])
    stages: list[Text] = Field(
        min_length=1, description="the stages of its adoption journey", examples=[["Onboard", "Use", "Adopt"]])
    outcomes: list[Ref] = Field([], description="ids of outcomes in outcomes.yaml")
    kpis: list[Ref] = Field([], description="ids of KPIs in outcomes.yaml")


class AdoptionPlanFile(Model):
    """adoption-plan.yaml (docs/domain.md §3 S7)."""

    strategy: Prose = Field(description="how the plan reaches the business outcomes")
    phases: list[Phase] = Field(min_length=1, description="the timeframes of the plan")
    milestones: list[Milestone] = Field(min_length=1, description="measurable checkpoints on the customer journey")
    tasks: list[Task] = Field([], description="the steps of the plan, each with its owner and due date")
    success_criteria: list[Text] = Field(min_length=1, description="measurable indicators of success")
    adoption_journeys: list[Journey] = Field([], description="the adoption journey of each technology")


# ----------------------------------------------------------------- process-change.yaml

class ProcessChange(Model):
    """A business process the plan changes, with its owner (docs/domain.md §3 S8)."""

    id: Id = Field(description="short id of the process", examples=["travel-approval"])
    name: Text = Field(description="the business process", examples=["Travel approval"])
    owner: Ref = Field(description="the process owner: id of a person in stakeholders.yaml")
    current_process: Prose = Field(description="how it works today")
    changes: list[Text] = Field(min_length=1, description="the changes within the plan's scope")
    sub_processes: list[Text] = Field([], description="sub-processes affected")
    pilot_group: Text | None = Field(None, description="the group that pilots the change")
    validated_with: list[Ref] = Field([], description="who validated it: ids of people in stakeholders.yaml")
    validated_on: Date | None = Field(None, description="when it was validated")
    status: choice(Status) = Field(Status.NOT_STARTED, description="progress of the change")


class KeyWin(Model):
    """A key win that changed how the customer works."""

    kind: choice(KeyWinKind) = Field(description="kind of key win")
    description: Text = Field(description="the win", examples=["New travel policy requires a video meeting first"])


class ProcessChangeFile(Model):
    """process-change.yaml."""

    processes: list[ProcessChange] = Field(min_length=1, description="the business processes the plan changes")
    key_wins: list[KeyWin] = Field([], description="wins that changed how the customer works")


# ----------------------------------------------------------------- communication.yaml

class CommStrategy(Model):
    """Channels, cadence and materials agreed with the customer."""

    channels: list[Text] = Field(
        min_length=1, description="the channels used", examples=[["email", "intranet", "posters"]])
    agreed_channels: list[Text] = Field([], description="the channels agreed with the customer")
    meeting_cadence: Text | None = Field(
        None, description="how often the teams meet", examples=["weekly project call, quarterly business review"])
    training_materials: list[Text] = Field([], description="training materials provided")


class Activity(Model):
    """A communication or training activity (docs/domain.md §3 S9 and S10c)."""

    activity: Text = Field(description="name of the activity", examples=["Executive message"])
    kind: choice(ActivityKind) = Field(ActivityKind.COMMUNICATION, description="a communication or a training")
    description: Text = Field(description="what it is")
    when: Date = Field(description="the day it takes place")
    audience: Text = Field(description="who it is for", examples=["All staff"])
    objectives: Text = Field(description="what it should achieve")
    developed_by: Text = Field(description="who prepares it")
    delivered_by: Text = Field(description="who delivers it")
    status: choice(Status) = Field(Status.NOT_STARTED, description="progress of the activity")
    evidence: Text | None = Field(None, description="its result", examples=["500 attended"])
    completed: Date | None = Field(None, description="the day it was completed")


class CommunicationFile(Model):
    """communication.yaml."""

    strategy: CommStrategy = Field(description="channels, cadence and materials agreed with the customer")
    activities: list[Activity] = Field(min_length=1, description="communication and training activities")


# ----------------------------------------------------------------- measurements.yaml

class Reading(Model):
    """One measured value of a KPI (docs/domain.md §3 S10b)."""

    kpi: Ref = Field(description="the KPI measured: id of a KPI in outcomes.yaml")
    date: Date = Field(description="the day the value holds for")
    value: Number = Field(description="the measured value, in the KPI's unit")
    source: Text | None = Field(None, description="where the value comes from", examples=["finance report"])
    note: Text | None = Field(None, description="a remark on the reading")


class Statement(Model):
    """An executive statement of an outcome achieved (docs/domain.md §3 S10a)."""

    outcome: Ref = Field(description="the outcome achieved: id of an outcome in outcomes.yaml")
    initiative: Ref | None = Field(None, description="the initiative: id of an initiative in outcomes.yaml")
    statement: Prose = Field(description="the executive's statement, in their words")
    by: Ref | None = Field(None, description="who said it: id of a person in stakeholders.yaml")


class MeasurementsFile(Model):
    """measurements.yaml: readings may be empty in a plan's first version."""

    readings: list[Reading] = Field(
        [], description="measured values of the KPIs (may be empty in a plan's first version)")
    statements: list[Statement] = Field([], description="executive statements of outcomes achieved")
    success_story: Prose | None = Field(None, description="the success story so far")


# One model per section file, in the order of registry.PLAN_SECTIONS (the one list of sections).
SECTION_MODELS: dict[str, type[Model]] = dict(zip(PLAN_SECTIONS, (
    CustomerFile, SolutionFile, OutcomesFile, StakeholdersFile, UseCasesFile, BarriersFile, AdoptionPlanFile,
    ProcessChangeFile, CommunicationFile, MeasurementsFile,
), strict=True))


# Files next to the plan that feed other artifacts: name → "module:Class", imported
# on use so this module does not depend on them (they import from it).
OTHER_MODELS: dict[str, str] = {"reference": "pipeline.model.reference:ReferenceFile"}


def _other_model(name: str) -> type[Model]:
    """Return the model class of another artifact's file ``name``."""
    from importlib import import_module

    module, cls = OTHER_MODELS[name].split(":")
    return getattr(import_module(module), cls)


@dataclass
class Plan:
    """A customer's whole plan: one model per section file that loaded cleanly."""

    name: str
    sections: dict[str, Model] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    assets: dict = field(default_factory=dict)
    # Sections whose file exists but did not load or validate.
    broken: set[str] = field(default_factory=set)
    # Broken sections of which a part was still modelled (see salvage): section -> the list items left
    # out, as written. The cross-section rules run on that part, so one run reports everything.
    partial: dict[str, list] = field(default_factory=dict)
    # Quarterly reviews by period, health inputs and the shared partner files (model/review.py, model/health.py).
    reviews: dict = field(default_factory=dict)
    health: Any = None
    partner: Any = None

    def __getattr__(self, name: str):
        key = name.replace("_", "-")
        sections = self.__dict__.get("sections", {})
        if key in sections:
            return sections[key]
        if key in SECTION_MODELS:
            return None
        raise AttributeError(name)


# ----------------------------------------------------------------- errors in the user's terms

def _unwrap(annotation: Any) -> Any:
    """Return the model or list type inside Optional/Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else args[0]
        else:
            return annotation


def _field_annotation(info) -> Any:
    """Return a field's annotation with its Annotated metadata (which pydantic moves into FieldInfo)."""
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _annotation_at(model: type[BaseModel], loc: tuple) -> Any:
    """Return the annotation of the field at ``loc`` inside ``model``, or None."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
            else:
                return None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = _field_annotation(current.model_fields[part])
        else:
            return None
    return current


def _example(annotation: Any, depth: int = 0) -> str:
    """Return how a value of ``annotation`` is written, for "add …" hints."""
    metadata = getattr(annotation, "__metadata__", ())
    for meta in metadata:
        schema = getattr(meta, "json_schema", None)
        if schema:
            kind = schema.get("description", "")
            if "enum" in schema and not kind:  # a choice
                values = schema["enum"]
                return "|".join(values) if len(values) <= 4 else f"{values[0]}|{values[1]}|…"
            if kind.startswith("YYYY-MM-DD"):  # a day, or a day, month or year (a baseline)
                return "YYYY-MM-DD"
            if kind == "true/false":
                return "false"
            if kind == "1 = highest":
                return "1"
            return "…"
    inner = _unwrap(annotation)
    if typing.get_origin(inner) is list:
        return "[…]"
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        if depth > 0:
            return "{…}"
        parts = [f"{name}: {_example(_field_annotation(f), depth + 1)}"
                 for name, f in inner.model_fields.items() if f.is_required()]
        return "{" + ", ".join(parts) + "}"
    return "…"


# How a kind of value (the "description" of a field type's JSON Schema, pipeline.fields) is named in the
# field documentation: schema hovers, the scaffold's comments and docs/content-reference.md.
KINDS = {
    "text, or {en: …, pl: …}": "text, or one per language: {en: …, pl: …}",
    "Markdown, or {en: …, pl: …}": "Markdown, or one per language: {en: …, pl: …}",
    "text": "text",
    "id": "id",
    "YYYY-MM-DD": "date, YYYY-MM-DD",
    "YYYY-MM-DD, YYYY-MM or YYYY": "date, YYYY-MM-DD; or a whole month, YYYY-MM, or year, YYYY",
    "YYYY-Qn": "quarter, YYYY-Qn",
    "number": "number",
    "whole number": "whole number",
    "1 = highest": "whole number, 1 = highest",
    "true/false": "true or false",
    "0–100 %": "percentage, 0–100",
    "http(s):// or mailto: link": "link, https://… or mailto:…",
    "ISO 4217 code": "currency code, e.g. EUR",
    "locale": "locale: en, ru, pl or sv",
}


def field_kind(annotation: Any) -> str:
    """Return how a value of ``annotation`` is written, in words: "id", "one of: a, b", "list of ids", "mapping"."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return field_kind(args[0]) if len(args) == 1 else " or ".join(field_kind(a) for a in args)
    for meta in getattr(annotation, "__metadata__", ()):
        schema = getattr(meta, "json_schema", None)
        if schema:
            kind = schema.get("description")
            if kind:
                return KINDS.get(kind, kind)
            if "enum" in schema:
                return "one of: " + ", ".join(schema["enum"])
    if origin is typing.Annotated:
        return field_kind(typing.get_args(annotation)[0])
    if origin is list:
        item = field_kind(typing.get_args(annotation)[0])
        return "list of mappings" if item == "mapping" else f"list; each: {item}"
    if origin is dict:
        return f"mapping; each value: {field_kind(typing.get_args(annotation)[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping"
    return "text"


def _suggest(model: type[BaseModel], loc: tuple) -> tuple[list[str], str | None]:
    """Return the keys known where the unknown key at ``loc`` is, and the one it most likely means."""
    parent = _unwrap(_annotation_at(model, loc[:-1]) if loc[:-1] else model)
    known = list(parent.model_fields) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
    close = difflib.get_close_matches(str(loc[-1]) if loc else "", known, n=1, cutoff=0.6)
    return known, close[0] if close else None


def _message(model: type[BaseModel], error: dict) -> tuple[str, str, bool]:
    """Return (message, code, located-at-key) for one pydantic error."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        example = _example(_annotation_at(model, loc))
        return f"required; add {name}: {example}", "model.missing", False
    if kind == "extra_forbidden":
        known, close = _suggest(model, loc)
        hint = f"; did you mean {close!r}?" if close else ""
        return (f"unknown key {name!r}{hint} (known keys: {', '.join(known)})", "model.unknown-key", True)
    if value is None and "input" in error:
        example = _example(_annotation_at(model, loc))
        return f"is empty; write {name}: {example}", "model.missing", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        example = _example(_annotation_at(model, loc))
        return f"expected a mapping like {example}, got {describe(value)}", "model.type", False
    if kind == "list_type":
        return f"expected a list ('- item' lines or [a, b]), got {describe(value)}", "model.type", False
    if kind == "too_short":
        n = error.get("ctx", {}).get("min_length", 1)
        return f"must list at least {n} item{'s' if n != 1 else ''}", "model.empty", False
    return error["msg"], f"model.{kind}", False


def validate_document(model: type[BaseModel], doc: Document, problems: Problems) -> BaseModel | None:
    """Return ``doc`` validated as ``model``, or None after recording every problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # A misspelled key is reported once, as "unknown key …; did you mean …?", not also as missing.
        misspelled = set()
        for error in errors:
            if error["type"] == "extra_forbidden":
                loc = tuple(error["loc"])
                close = _suggest(model, loc)[1]
                if close:
                    misspelled.add(loc[:-1] + (close,))
        for error in errors:
            loc = tuple(error["loc"])
            if any(loc[: len(r)] == r for r in doc.reported):
                continue  # the loader already said what is wrong there
            if error["type"] == "missing" and loc in misspelled:
                continue
            message, code, at_key = _message(model, error)
            if code == "model.missing":
                # A key written with no value is shown at the key; an absent one at its parent.
                pos = doc.keys.get(loc) or doc.pos(loc[:-1])
            else:
                pos = doc.pos(loc, key=at_key)
            problems.add(Problem(doc.rel, pos.line, pos.col, field_path(loc), message, code))
        return None


# ----------------------------------------------------------------- the valid part of a broken file

SALVAGE_ROUNDS = 20


def _prune_loc(model: type[BaseModel], loc: tuple) -> tuple | None:
    """Return what to drop for an error at ``loc``: the deepest list item holding it, or an optional top-level key."""
    for i in range(len(loc) - 1, -1, -1):
        if isinstance(loc[i], int):
            return loc[: i + 1]
    if loc and loc[0] in model.model_fields and not model.model_fields[loc[0]].is_required():
        return loc[:1]
    return None


def _renumber(loc: tuple, dropped: set[tuple]) -> tuple | None:
    """Return ``loc`` after the list items and keys in ``dropped`` are removed (None when it was inside one)."""
    out = []
    for i, part in enumerate(loc):
        here = loc[: i + 1]
        if here in dropped:
            return None
        if isinstance(part, int):
            part -= sum(1 for d in dropped if len(d) == i + 1 and d[:i] == loc[:i] and isinstance(d[i], int)
                        and d[i] < part)
        out.append(part)
    return tuple(out)


def _without(data: Any, dropped: set[tuple]) -> Any:
    """Return a copy of ``data`` without the list items and keys at ``dropped``."""
    def walk(node, loc):
        if isinstance(node, dict):
            return {k: walk(v, loc + (k,)) for k, v in node.items() if loc + (k,) not in dropped}
        if isinstance(node, list):
            return [walk(v, loc + (i,)) for i, v in enumerate(node) if loc + (i,) not in dropped]
        return node

    return walk(data, ())


def _item(data: Any, loc: tuple) -> Any:
    """Return the value at ``loc`` of ``data`` (None when there is none)."""
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def left_out_ids(items: list) -> set[str]:
    """Return the ids written in list items left out of a broken section."""
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def salvage(model: type[BaseModel], doc: Document) -> tuple[BaseModel, Document, list] | None:
    """Return the valid part of a file that failed validation, its document renumbered, and the items left out.

    The list items (and optional top-level keys) that hold an error are left
    out, round by round, until what is left validates; the document's
    positions are renumbered with them, so the rules that run on the part
    still report at the right lines. None when nothing can be saved (an
    error in a required top-level field).
    """
    data, current, left_out = doc.data, doc, []
    for _ in range(SALVAGE_ROUNDS):
        try:
            return model.model_validate(data), current, left_out
        except ValidationError as exc:
            dropped = set()
            for error in exc.errors(include_url=False):
                at = _prune_loc(model, tuple(error["loc"]))
                if at is None:
                    return None
                dropped.add(at)
        left_out += [_item(data, loc) for loc in sorted(dropped, key=str) if isinstance(loc[-1], int)]
        data = _without(data, dropped)
        moved = {k: v for k, v in ((_renumber(loc, dropped), pos) for loc, pos in current.values.items()) if k}
        keys = {k: v for k, v in ((_renumber(loc, dropped), pos) for loc, pos in current.keys.items()) if k}
        reported = {k for k in (_renumber(loc, dropped) for loc in current.reported) if k}
        origins = {new: current.original(loc) for loc in current.values if (new := _renumber(loc, dropped))}
        current = Document(current.path, current.rel, data, moved, keys, reported, origins)
    return None


def build_plan(source: Source) -> tuple[Plan, Problems]:
    """Return the plan modelled from a loaded customer folder, with every problem."""
    problems = Problems()
    plan = Plan(source.name, documents=dict(source.documents), assets=source.assets)
    known = {f"{name}.yaml" for name in SECTION_MODELS}
    # Imported here: these modules build on the classes above.
    # The review and health models are imported only when there is something
    # for them: a plan deck's build reads neither (see build._unneeded).
    handled: set[str] = set()
    if any(sub == "health.yaml" or sub.startswith("reviews/") for sub in source.documents):
        from pipeline.model.review import model_review_files

        handled = model_review_files(plan, source, problems)
    if source.partner is not None or handled:
        from pipeline.model.health import model_partner

        plan.partner = model_partner(source.partner, source.partner_rel, problems)
    for sub, doc in source.documents.items():
        if sub in handled:
            continue
        section = sub.removesuffix(".yaml")
        if section in OTHER_MODELS:
            # A file of another artifact (reference.yaml, …), modelled like a section.
            if doc.data is not None:
                value = validate_document(_other_model(section), doc, problems)
                if value is not None:
                    plan.sections[section] = value
            continue
        if sub not in known:
            # Compare names without '.yaml', which every candidate shares (notes.yaml is not outcomes.yaml).
            stem = sub.rsplit("/", 1)[-1].removesuffix(".yaml")
            close = difflib.get_close_matches(stem, sorted(SECTION_MODELS), n=1, cutoff=0.7)
            hint = f"; did you mean {close[0]}.yaml?" if close else f"; section files are: {', '.join(sorted(known))}"
            problems.error(doc.rel, f"unknown file {sub}{hint}", "file.unknown")
            continue
        if doc.data is None:
            plan.broken.add(section)
            continue
        value = validate_document(SECTION_MODELS[section], doc, problems)
        if value is None:
            plan.broken.add(section)
            saved = salvage(SECTION_MODELS[section], doc)
            if saved is not None:
                plan.sections[section], plan.documents[sub], plan.partial[section] = saved
        else:
            plan.sections[section] = value
    return plan, problems
