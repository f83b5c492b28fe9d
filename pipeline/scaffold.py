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


def render(model: type[BaseModel], depth: int = 0, off: bool = False) -> list[Line]:
    """Return every field of ``model`` as scaffold lines, each key under its comment.

    Required fields get an empty value; optional ones (and everything inside
    them) are commented out with an example or their default; a list of
    mappings gets one item with all its fields.
    """
    from pipeline.model import _field_annotation, field_kind
    from pipeline.schema import _container, _inner

    lines: list[Line] = []
    for name, info in model.model_fields.items():
        annotation = _field_annotation(info)
        started = (model.__name__, name) in START
        key_off = off or not (info.is_required() or started)
        lines.append((depth, "doc", _doc(info, field_kind(annotation))))
        value = _value(info, model.__name__, name, info.is_required())
        lines.append((depth, "off" if key_off else "key", f"{name}: {value}".rstrip()))
        inner = _inner(annotation)
        if inner is None:
            continue
        container = _container(annotation)
        if started:
            lines.append((depth + 2, "doc", "replace [] with items like this one:"))
        if container == "[]":
            item = render(inner, depth + 4, key_off or started)
            first = next(i for i, line in enumerate(item) if line[1] != "doc")
            d, kind, text = item[first]
            item[first] = (d - 2, kind, "- " + text)
            lines += item
        elif container == "{}":
            lines.append((depth + 2, "doc", "one entry per key, e.g. per quarter: 2026-Q3:"))
            lines.append((depth + 2, "off", "KEY:"))
            lines += render(inner, depth + 4, True)
        else:
            lines += render(inner, depth + 2, key_off)
    return lines


def model_text(model: type[BaseModel]) -> str:
    """Return the YAML body (without header) of a model's commented file."""
    out = []
    for depth, kind, text in render(model):
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
