"""``csplan new``: a customer folder with every section file, commented for a CS manager.

The files are generated from the model (pipeline/model/): every field, with
its description, how it is written and an example as a comment above it, so
the scaffold, the JSON Schemas and docs/content-reference.md never disagree.
Required values are left empty on purpose: ``csplan check`` on an untouched
scaffold then lists exactly what is still to fill in. Optional fields are
written commented out, ready to be switched on.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from pipeline.project import CUSTOMER_NAME, Project, UsageError

HEADER = """\
{modeline}
# {title}
# Fill in the empty values, then run: {command} check {customer}
# The comment above each key says what it means and how it is written.
# Lines "# key: …" are optional fields: remove the "# " to use one.
# Dates are YYYY-MM-DD. Long texts may use Markdown (**bold**, _italic_, lists, links).
# Any text may be given per language instead: {{en: "Travel costs", pl: "Koszty podróży"}}.
"""

# Starting values of a few required fields, where one answer fits most customers.
START = {
    ("CustomerFile", "source_language"): "en",
    ("CustomerFile", "output_locales"): "[en]",
    ("PlanInfo", "version"): '"0.1"',
    # A file needs one key that is not commented out: measurements.yaml starts with no readings.
    ("MeasurementsFile", "readings"): "[]",
}

# A rendered line: (indent, kind, text); kind is "doc" (a field's comment),
# "key" (a key to fill in) or "off" (an optional key, commented out).
Line = tuple[int, str, str]


def _doc(info, kind: str) -> str:
    """Return a field's comment: its meaning, how it is written, an example."""
    from pipeline.schema import flow

    text = f"{info.description} ({kind})" if kind != "mapping" else info.description
    if info.examples:
        text += f"; e.g. {flow(info.examples[0])}"
    return text


def _value(info, owner: str, name: str, required: bool) -> str:
    """Return what follows ``key:`` on a field's line (empty: still to fill in, or a block follows)."""
    from pipeline.model import _field_annotation
    from pipeline.schema import _container, _inner, flow

    annotation = _field_annotation(info)
    if (owner, name) in START:
        return START[(owner, name)]
    if _inner(annotation) is not None:
        return ""  # a mapping or list of mappings: its fields follow
    if not required:
        if info.examples:
            return flow(info.examples[0])
        default = info.get_default(call_default_factory=True)
        if default is not None and default is not PydanticUndefined:
            return flow(getattr(default, "value", default))
    return _container(annotation)


def render(model: type[BaseModel], depth: int = 0, off: bool = False, values: dict | None = None,
           docs: bool = True) -> list[Line]:
    """Return every field of ``model`` as scaffold lines, each key under its comment.

    Required fields get an empty value; optional ones (and everything inside
    them) are commented out with an example or their default; a list of
    mappings gets one item with all its fields. ``values`` pre-fills fields
    (one list item per value given); ``docs=False`` leaves the comments out
    (the second and later items of a pre-filled list) and the optional fields
    no value was given for.
    """
    from pipeline.model import _field_annotation, field_kind
    from pipeline.schema import _container, _inner

    values = values or {}
    lines: list[Line] = []
    for name, info in model.model_fields.items():
        annotation = _field_annotation(info)
        started = (model.__name__, name) in START
        given = name in values
        key_off = off or not (info.is_required() or started or given)
        if not docs and key_off:
            continue
        if docs:
            lines.append((depth, "doc", _doc(info, field_kind(annotation))))
        kind = "off" if key_off else "key"
        inner, container = _inner(annotation), _container(annotation)
        if given:
            lines += _given(name, values[name], inner, container, depth, kind, docs)
            continue
        value = _value(info, model.__name__, name, info.is_required())
        lines.append((depth, kind, f"{name}: {value}".rstrip()))
        if inner is None:
            continue
        if started:
            lines.append((depth + 2, "doc", "replace [] with items like this one:"))
        if container == "[]":
            lines += _item(render(inner, depth + 4, key_off or started))
        elif container == "{}":
            lines.append((depth + 2, "doc", "one entry per key, e.g. per quarter: 2026-Q3:"))
            lines.append((depth + 2, "off", "KEY:"))
            lines += render(inner, depth + 4, True)
        else:
            lines += render(inner, depth + 2, key_off)
    return lines


def _item(lines: list[Line]) -> list[Line]:
    """Return a mapping's lines as a list item: a dash before its first key."""
    first = next(i for i, line in enumerate(lines) if line[1] != "doc")
    depth, kind, text = lines[first]
    return [*lines[:first], (depth - 2, kind, "- " + text), *lines[first + 1:]]


def _given(name: str, value, inner, container: str, depth: int, kind: str, docs: bool) -> list[Line]:
    """Return the lines of a pre-filled field: a value, a mapping, or one list item per element."""
    from pipeline.schema import flow

    if value is None:
        return [(depth, kind, f"{name}:")]
    if inner is None and not (container == "{}" and isinstance(value, dict)):
        return [(depth, kind, f"{name}: {flow(value)}")]
    if isinstance(value, (list, dict)) and not value:
        return [(depth, kind, f"{name}: {'[]' if container == '[]' else '{}'}")]
    lines = [(depth, kind, f"{name}:")]
    if inner is None:  # a mapping of names to values, e.g. a quarter's scorecard answers
        return lines + [(depth + 2, kind, f"{k}: {'' if v is None else flow(v)}".rstrip()) for k, v in value.items()]
    if container == "[]":
        for n, item in enumerate(value):
            lines += _item(render(inner, depth + 4, kind == "off", item, docs and n == 0))
    elif container == "{}":
        for key, item in value.items():
            lines.append((depth + 2, kind, f"{key}:"))
            lines += render(inner, depth + 4, kind == "off", item, docs)
    else:
        lines += render(inner, depth + 2, kind == "off", value, docs)
    return lines


def model_text(model: type[BaseModel], values: dict | None = None) -> str:
    """Return the YAML body (without header) of a model's commented file, pre-filled with ``values``."""
    out = []
    for depth, kind, text in render(model, values=values):
        out.append(" " * depth + ("" if kind == "key" else "# ") + text)
    return "\n".join(out) + "\n"


def scaffold(project: Project, name: str) -> list[Path]:
    """Write a new customer folder and return the files created."""
    from pipeline.registry import PLAN_SECTIONS
    from pipeline.schema import content_file, modeline

    if not CUSTOMER_NAME.fullmatch(name):
        project.customer_dir(name)  # raises the standard message
    folder = project.content / name
    if folder.exists():
        raise UsageError(f"{project.rel(folder)}/ already exists; pick another name or edit the files there")
    (folder / "assets").mkdir(parents=True)
    written = []
    for section in PLAN_SECTIONS:
        kind = content_file(section)
        path = folder / f"{section}.yaml"
        header = HEADER.format(modeline=modeline(path, kind, project.root), title=kind.title, customer=name,
                               command=project.command)
        path.write_text(header + model_text(kind.model), encoding="utf-8")
        written.append(path)
    (folder / "assets" / ".gitkeep").write_text("")
    return written


def missing_schemas(project: Project) -> list[Path]:
    """Write the JSON Schemas the scaffold's yaml-language-server lines point at, where missing; return them.

    A repository started with ``csplan new`` has no schemas/ yet, so an editor's first look at a new file
    would find none: the files that are there are left as they are (a team may pin them).
    """
    from pipeline.schema import CONTENT_FILES, SCHEMA_DIR, schema_text

    dest = project.root / SCHEMA_DIR
    written = []
    for kind in CONTENT_FILES:
        path = dest / kind.schema_file
        if not path.exists():
            dest.mkdir(parents=True, exist_ok=True)
            path.write_text(schema_text(kind), encoding="utf-8")
            written.append(path)
    return written


# ----------------------------------------------------------------- the other files of a customer folder


def _write(project: Project, path: Path, kind_name: str, customer: str, values: dict) -> Path:
    """Write one commented file for ``customer`` at ``path`` (refusing to overwrite) and return it."""
    from pipeline.schema import content_file, modeline

    if path.exists():
        raise UsageError(f"{project.rel(path)} already exists; edit it, or move it away to start again")
    kind = content_file(kind_name)
    header = HEADER.format(modeline=modeline(path, kind, project.root), title=kind.title, customer=customer,
                           command=project.command)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + model_text(kind.model, values), encoding="utf-8")
    return path


def _plan(project: Project, name: str):
    """Return the customer's plan as far as it models (a half-written plan still gives its ids)."""
    from pipeline.check import check_customer

    project.customer_dir(name)  # refuses an unknown customer with the standard message
    return check_customer(project, name).plan


def _kpis(plan) -> list:
    """Return every KPI of the plan, in file order."""
    out = plan.sections.get("outcomes")
    return [k for o in (out.outcomes if out else ()) for i in o.initiatives for k in i.kpis]


def review_values(plan, period: str) -> dict:
    """Return what a new review of ``period`` starts with: the plan's ids and the previous review's open actions."""
    from pipeline.model import Status
    from pipeline.model.health import quarter_key

    people = plan.sections.get("stakeholders")
    outcomes = plan.sections.get("outcomes")
    barriers = plan.sections.get("barriers")
    measurements = plan.sections.get("measurements")
    latest = {}
    for r in measurements.readings if measurements else ():
        latest[r.kpi] = max(latest.get(r.kpi, r.date), r.date)
    earlier = [p for p in plan.reviews if quarter_key(p) < quarter_key(period)]
    previous = plan.reviews[max(earlier, key=quarter_key)] if earlier else None
    values: dict = {
        "period": period, "kind": "qbr",
        "attendees": [p.id for p in people.stakeholders] if people else [],
        "outcomes": [{"outcome": o.id, "rag": None} for o in outcomes.outcomes] if outcomes else [],
        "readings": [{"kpi": k.id, "date": latest.get(k.id)} for k in _kpis(plan)],
        "barriers": [{"barrier": b.id, "status": b.status.value}
                     for b in (barriers.barriers if barriers else ()) if b.status is not Status.COMPLETED],
    }
    if previous is not None:
        values["actions"] = [{"action": a.action, "owner": a.owner, "due": a.due, "status": a.status.value}
                             for a in previous.actions if a.status is not Status.COMPLETED]
    return values


def scaffold_review(project: Project, name: str, period: str) -> Path:
    """Write content/<name>/reviews/<period>.yaml, pre-filled from the plan, and return it."""
    from pipeline.model.health import is_quarter
    from pipeline.model.review import REVIEWS_DIR

    if not is_quarter(period):
        raise UsageError(f"--review {period!r} is not a quarter; write YYYY-Qn, e.g. 2026-Q4")
    period = period.strip().upper()
    plan = _plan(project, name)
    path = project.content / name / REVIEWS_DIR / f"{period}.yaml"
    return _write(project, path, "review", name, review_values(plan, period))


def scaffold_reference(project: Project, name: str) -> Path:
    """Write content/<name>/reference.yaml with the plan's outcome and KPI ids, and return it."""
    plan = _plan(project, name)
    outcomes = plan.sections.get("outcomes")
    people = plan.sections.get("stakeholders")
    sponsor = next((p.id for p in (people.stakeholders if people else ()) if p.sponsor), None)
    values = {
        "execution": {"outcomes": [o.id for o in outcomes.outcomes] if outcomes else []},
        "results": {"kpis": [k.id for k in _kpis(plan)]},
        "quote": {"by": sponsor},
        "consent": {"approved_by": sponsor},
    }
    return _write(project, project.content / name / "reference.yaml", "reference", name, values)


def scaffold_health(project: Project, name: str) -> Path:
    """Write content/<name>/health.yaml with the shared model's fields and components for the plan's quarter."""
    plan = _plan(project, name)
    model = getattr(plan.partner, "health_model", None)
    customer = plan.sections.get("customer")
    day = customer.plan.date if customer else None
    period = f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else "2026-Q1"
    inputs: dict = {"date": None}
    offer = None
    if model is not None:
        offer = model.offers[0].id if len(model.offers) == 1 else None
        inputs["subjective"] = {f.id: None for f in model.subjective.fields}
        if offer is not None:
            inputs["objective"] = {c.id: None for c in model.offers[0].components}
    # With several offers the customer's is to be named (csplan check lists them); with one it is implied.
    values = {"offer": offer, "periods": {period: inputs}} if model is not None else {"periods": {period: inputs}}
    return _write(project, project.content / name / "health.yaml", "health", name, values)
