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
    Bool, Currency, Date, Id, Int, Locale, Number, Plain, Prose, Rank, Ref, Text, UnitField, Url, choice, describe,
)
from pipeline.load import Document, Source, field_path
from pipeline.problems import Problem, Problems
from pipeline.registry import PLAN_SECTIONS


class Model(BaseModel):
    """Base of every content model: strict about keys, lenient about spelling of choices."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


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

    amount: Number
    currency: Currency
    period: choice(MoneyPeriod) | None = None


class Measure(Model):
    """A KPI value with its unit and the date it holds for."""

    value: Number
    unit: UnitField = Field(description="%, a currency code (EUR), a CLDR unit id formatted with its plural forms in "
                                        "every locale (hour, day, week, minute, second), free text (tickets/month), "
                                        "or free text per plural category ({one: godzina, few: godziny, many: "
                                        "godzin, other: godziny}) or per locale ({en: …, pl: …})")
    date: Date


class DateRange(Model):
    """A start and end date."""

    start: Date
    end: Date


# ----------------------------------------------------------------- customer.yaml

class PlanInfo(Model):
    """Version and date of this edition of the plan."""

    version: Plain
    date: Date


class Contract(Model):
    """Contract term and renewal."""

    start: Date
    end: Date
    renewal: Date | None = None
    value: Money | None = None


class CustomerFile(Model):
    """customer.yaml: who the customer is and who serves them."""

    name: Plain
    industry: Text
    region: Text
    segment: choice(Segment)
    size: Text | None = None
    website: Url | None = None
    source_language: Locale
    output_locales: list[Locale] = Field(min_length=1)
    cs_manager: Ref
    account_team: list[Ref] = []
    plan: PlanInfo
    contract: Contract
    logo: Plain | None = Field(None, description="path under the customer's assets/ folder")
    summary: Prose


# ----------------------------------------------------------------- solution.yaml

class License(Model):
    """A licensed SKU and its quantity."""

    sku: Plain
    quantity: Int
    description: Text | None = None


class ServiceContract(Model):
    """Service contract coverage of a solution."""

    status: choice(ContractStatus)
    coverage: Text | None = None
    until: Date | None = None


class Solution(Model):
    """One product or solution sold (docs/domain.md §3 S1)."""

    id: Id
    solution: Text
    url: Url | None = None
    business_case: Prose
    outcomes: list[Ref] = []
    components: list[Text] = []
    bom: list[Text] = []
    licenses: list[License] = []
    serial_numbers: list[Plain] = []
    software_version: Plain | None = None
    service_contract: ServiceContract | None = None
    so_po_refs: list[Plain] = []
    third_party_dependencies: list[Text] = []
    practices_to_adopt: list[Text] = []
    practices_to_stop: list[Text] = []


class SolutionFile(Model):
    """solution.yaml."""

    summary: Prose | None = None
    solutions: list[Solution] = Field(min_length=1)


# ----------------------------------------------------------------- outcomes.yaml

class KPI(Model):
    """A SMART key performance indicator of an initiative (docs/domain.md §3 S4)."""

    id: Id
    description: Text
    baseline: Measure
    target: Measure
    how_measured: Text
    frequency: choice(Frequency)
    owner: Ref
    data_kind: choice(DataKind) = DataKind.OBJECTIVE
    evidence: list[Text] = []
    success_factors: Text | None = None


class Initiative(Model):
    """A strategic priority that serves a business outcome."""

    id: Id
    title: Text
    description: Prose | None = None
    kpis: list[KPI] = Field(min_length=1)


class SuccessFactor(Model):
    """A critical success factor and where it stands."""

    name: Text
    problem: Text | None = None
    status: Text | None = None


class Outcome(Model):
    """A business outcome agreed with the customer (docs/domain.md §3 S2)."""

    id: Id
    category: choice(Category)
    title: Text
    description: Prose | None = None
    priority: Rank
    status: choice(Status) = Status.NOT_STARTED
    critical_success_factors: list[SuccessFactor] = []
    initiatives: list[Initiative] = Field(min_length=1)


class OutcomesFile(Model):
    """outcomes.yaml: business outcomes → initiatives → KPIs."""

    summary: Prose
    outcomes: list[Outcome] = Field(min_length=1)


# ----------------------------------------------------------------- stakeholders.yaml

class Stakeholder(Model):
    """A person on the customer, partner or vendor side (docs/domain.md §3 S3)."""

    id: Id
    name: Plain
    title: Text
    group: Text
    role: Text
    responsibility: Text | None = None
    side: choice(Side)
    sponsor: Bool = False
    champion: Bool = False
    end_user_group: Bool = False
    contact: Plain | None = None


class StakeholdersFile(Model):
    """stakeholders.yaml."""

    stakeholders: list[Stakeholder] = Field(min_length=1)


# ----------------------------------------------------------------- use-cases.yaml

class UserGroup(Model):
    """A group to identify for adoption: pilot group, department, region."""

    id: Id
    name: Text
    members: list[Ref] = []
    champion: Ref | None = None
    adoption_lead: Ref | None = None


class UseCase(Model):
    """A persona's user story, optionally with its own outcomes and KPIs (docs/domain.md §3 S5)."""

    id: Id
    persona: Text
    persona_type: choice(PersonaType) = PersonaType.INTERNAL
    want: Text = Field(description="the capability: 'As a <persona>, I want …'")
    so_that: Text = Field(description="the benefit: '… so that …'")
    groups: list[Ref] = []
    people: list[Ref] = []
    outcomes: list[Ref] = []
    kpis: list[Ref] = []


class UseCasesFile(Model):
    """use-cases.yaml."""

    groups: list[UserGroup] = []
    use_cases: list[UseCase] = Field(min_length=1)


# ----------------------------------------------------------------- barriers.yaml

class Barrier(Model):
    """An adoption barrier and how it will be resolved (docs/domain.md §3 S6)."""

    id: Id
    barrier: Text
    type: choice(BarrierType)
    status: choice(Status)
    timeframe: DateRange | None = None
    resolution_path: Prose | None = None
    owner: Ref | None = None


class BarriersFile(Model):
    """barriers.yaml."""

    barriers: list[Barrier] = Field(min_length=1)


# ----------------------------------------------------------------- adoption-plan.yaml

class Phase(Model):
    """A timeframe of the adoption plan."""

    name: Text
    start: Date
    end: Date
    description: Text | None = None


class Milestone(Model):
    """A measurable checkpoint on the customer journey."""

    id: Id
    name: Text
    date: Date
    checkpoint: Text
    status: choice(Status) = Status.NOT_STARTED
    outcomes: list[Ref] = []
    kpis: list[Ref] = []


class Task(Model):
    """A step of the adoption plan with its owner and due date."""

    task: Text
    side: choice(Side)
    owner: Ref
    due: Date
    status: choice(Status) = Status.NOT_STARTED
    milestone: Ref | None = None
    knowledge_gap: Text | None = None


class Journey(Model):
    """The adoption journey of one technology, linked to outcomes and KPIs."""

    technology: Text
    stages: list[Text] = Field(min_length=1)
    outcomes: list[Ref] = []
    kpis: list[Ref] = []


class AdoptionPlanFile(Model):
    """adoption-plan.yaml (docs/domain.md §3 S7)."""

    strategy: Prose
    phases: list[Phase] = Field(min_length=1)
    milestones: list[Milestone] = Field(min_length=1)
    tasks: list[Task] = []
    success_criteria: list[Text] = Field(min_length=1)
    adoption_journeys: list[Journey] = []


# ----------------------------------------------------------------- process-change.yaml

class ProcessChange(Model):
    """A business process the plan changes, with its owner (docs/domain.md §3 S8)."""

    id: Id
    name: Text
    owner: Ref
    current_process: Prose
    changes: list[Text] = Field(min_length=1)
    sub_processes: list[Text] = []
    pilot_group: Text | None = None
    validated_with: list[Ref] = []
    validated_on: Date | None = None
    status: choice(Status) = Status.NOT_STARTED


class KeyWin(Model):
    """A key win that changed how the customer works."""

    kind: choice(KeyWinKind)
    description: Text


class ProcessChangeFile(Model):
    """process-change.yaml."""

    processes: list[ProcessChange] = Field(min_length=1)
    key_wins: list[KeyWin] = []


# ----------------------------------------------------------------- communication.yaml

class CommStrategy(Model):
    """Channels, cadence and materials agreed with the customer."""

    channels: list[Text] = Field(min_length=1)
    agreed_channels: list[Text] = []
    meeting_cadence: Text | None = None
    training_materials: list[Text] = []


class Activity(Model):
    """A communication or training activity (docs/domain.md §3 S9 and S10c)."""

    activity: Text
    kind: choice(ActivityKind) = ActivityKind.COMMUNICATION
    description: Text
    when: Date
    audience: Text
    objectives: Text
    developed_by: Text
    delivered_by: Text
    status: choice(Status) = Status.NOT_STARTED
    evidence: Text | None = None
    completed: Date | None = None


class CommunicationFile(Model):
    """communication.yaml."""

    strategy: CommStrategy
    activities: list[Activity] = Field(min_length=1)


# ----------------------------------------------------------------- measurements.yaml

class Reading(Model):
    """One measured value of a KPI (docs/domain.md §3 S10b)."""

    kpi: Ref
    date: Date
    value: Number
    source: Text | None = None
    note: Text | None = None


class Statement(Model):
    """An executive statement of an outcome achieved (docs/domain.md §3 S10a)."""

    outcome: Ref
    initiative: Ref | None = None
    statement: Prose
    by: Ref | None = None


class MeasurementsFile(Model):
    """measurements.yaml: readings may be empty in a plan's first version."""

    readings: list[Reading] = []
    statements: list[Statement] = []
    success_story: Prose | None = None


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
            if "enum" in schema:
                values = schema["enum"]
                return "|".join(values) if len(values) <= 4 else f"{values[0]}|{values[1]}|…"
            kind = schema.get("description", "")
            if kind == "YYYY-MM-DD":
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


def build_plan(source: Source) -> tuple[Plan, Problems]:
    """Return the plan modelled from a loaded customer folder, with every problem."""
    problems = Problems()
    plan = Plan(source.name, documents=source.documents, assets=source.assets)
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
        else:
            plan.sections[section] = value
    return plan, problems
