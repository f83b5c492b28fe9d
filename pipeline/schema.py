"""The content files' documentation, from the one source: the model's field descriptions.

``csplan schema`` writes one JSON Schema per kind of content file (pydantic's
``model_json_schema``, with each field's meaning and how it is written) for
editors (yaml-language-server, which VS Code's YAML extension uses), and
docs/content-reference.md; ``csplan new`` (pipeline.scaffold) writes its
commented files from the same fields.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import typing
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from pipeline.load import field_path
from pipeline.problems import Problem, Problems
from pipeline.registry import PLAN_SECTIONS

SCHEMA_DIR = "schemas"
REFERENCE_DOC = "docs/content-reference.md"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class ContentFile:
    """One kind of content file: its schema's name, model, title and where such files are."""

    name: str
    model_path: str  # "module:Class", imported on use
    title: str
    pattern: str  # relative to the project root, as a glob

    @property
    def model(self) -> type[BaseModel]:
        """Return the model class."""
        module, cls = self.model_path.split(":")
        return getattr(import_module(module), cls)

    @property
    def schema_file(self) -> str:
        """Return the schema's file name."""
        return f"{self.name}.schema.json"


_SECTION_CLASSES = ("CustomerFile", "SolutionFile", "OutcomesFile", "StakeholdersFile", "UseCasesFile",
                    "BarriersFile", "AdoptionPlanFile", "ProcessChangeFile", "CommunicationFile",
                    "MeasurementsFile")
_SECTION_TITLES = ("Customer profile and plan edition", "S1 Products & solution sold",
                   "S2 Business outcomes → initiatives → S4 KPIs", "S3 Stakeholder mapping",
                   "S5 Use cases & personas", "S6 Adoption barriers", "S7 Adoption plan & strategy",
                   "S8 Business process integration – change management", "S9 Communication & training",
                   "S10 Measurement results")

CONTENT_FILES: tuple[ContentFile, ...] = (
    *(ContentFile(section, f"pipeline.model:{cls}", title, f"content/*/{section}.yaml")
      for section, cls, title in zip(PLAN_SECTIONS, _SECTION_CLASSES, _SECTION_TITLES, strict=True)),
    ContentFile("review", "pipeline.model.review:ReviewFile", "Quarterly or executive business review",
                "content/*/reviews/*.yaml"),
    ContentFile("health", "pipeline.model.health:HealthFile", "Health score inputs per quarter",
                "content/*/health.yaml"),
    ContentFile("reference", "pipeline.model.reference:ReferenceFile", "Customer reference (case study)",
                "content/*/reference.yaml"),
    ContentFile("partner", "pipeline.model.partner:PartnerFile", "The partner's answers to the CX questionnaire",
                "content/_partner/partner.yaml"),
    ContentFile("health-model", "pipeline.model.health:HealthModelFile", "The shared health score model",
                "content/_partner/health-model.yaml"),
)


def content_file(name: str) -> ContentFile:
    """Return the content file kind called ``name``."""
    return next(c for c in CONTENT_FILES if c.name == name)


def json_schema(kind: ContentFile) -> dict:
    """Return the JSON Schema of one kind of content file."""
    schema = kind.model.model_json_schema()
    return {"$schema": DIALECT, "title": kind.title, **{k: v for k, v in schema.items() if k != "title"}}


def schema_text(kind: ContentFile) -> str:
    """Return the schema as the text written to its file (stable: same code, same bytes)."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def modeline(yaml_file: Path, kind: ContentFile, root: Path) -> str:
    """Return the yaml-language-server line that points ``yaml_file`` at its schema under ``root``/schemas/."""
    target = os.path.relpath(root / SCHEMA_DIR / kind.schema_file, yaml_file.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"


def write_schemas(dest: Path) -> list[Path]:
    """Write every content file's schema into ``dest`` and return the files written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in CONTENT_FILES:
        path = dest / kind.schema_file
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


# ----------------------------------------------------------------- validating files as an editor does


class Yaml12Loader(yaml.SafeLoader):
    """Read YAML as an editor's YAML 1.2 (core schema) parser does: dates and yes/no stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
     r"|\.nan|\.NaN|\.NAN)$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def kind_of_file(project, path: Path) -> ContentFile | None:
    """Return the kind of content file ``path`` is (by where it is in the project), or None."""
    try:
        rel = path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return None
    return next((k for k in CONTENT_FILES if fnmatch.fnmatchcase(rel, k.pattern)), None)


def validate_files(project, paths: list[Path]) -> list[Problem]:
    """Return where ``paths`` break their schema, located like every problem (files of no known kind are skipped)."""
    try:
        import jsonschema
    except ImportError:
        from pipeline.project import UsageError

        raise UsageError("--validate needs the jsonschema package (pip install jsonschema; the pre-commit hook "
                         "installs it); csplan check checks everything without it") from None
    from pipeline.load import read_file

    problems: list[Problem] = []
    for path in paths:
        kind = kind_of_file(project, path)
        if kind is None:
            continue
        rel = project.rel(path.resolve())
        found = Problems()
        doc = read_file(path, rel, found)
        problems += list(found)
        if doc is None:
            continue
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader
        checker = jsonschema.Draft202012Validator(json_schema(kind))
        for error in sorted(checker.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            loc = tuple(error.absolute_path)
            pos = doc.pos(loc)
            message = "is empty; write a value or remove the key" if error.instance is None else error.message
            problems.append(Problem(rel, pos.line, pos.col, field_path(loc), message, f"schema.{error.validator}"))
    return problems


# ----------------------------------------------------------------- the fields, walked

@dataclass(frozen=True)
class FieldDoc:
    """One field of a content file, documented: where it is, whether it is required, what it takes."""

    path: str
    required: bool
    kind: str
    description: str
    examples: tuple


def _inner(annotation: Any) -> Any:
    """Return the model inside Optional / list / dict wrappers, or None when there is none."""
    from pipeline.model import _unwrap

    inner = _unwrap(annotation)
    origin = typing.get_origin(inner)
    if origin is list:
        inner = _unwrap(typing.get_args(inner)[0])
    elif origin is dict:
        inner = _unwrap(typing.get_args(inner)[1])
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _container(annotation: Any) -> str:
    """Return "[]" for a list, "{}" for a mapping of names, "" otherwise (after Optional)."""
    from pipeline.model import _unwrap

    origin = typing.get_origin(_unwrap(annotation))
    return "[]" if origin is list else "{}" if origin is dict else ""


def walk(model: type[BaseModel], prefix: str = "") -> list[FieldDoc]:
    """Return every field of ``model`` and of the models inside it, in file order."""
    from pipeline.model import _field_annotation, field_kind

    out = []
    for name, info in model.model_fields.items():
        annotation = _field_annotation(info)
        path = f"{prefix}{name}"
        out.append(FieldDoc(path, info.is_required(), field_kind(annotation), info.description or "",
                            tuple(info.examples or ())))
        inner = _inner(annotation)
        if inner is not None:
            suffix = {"[]": "[].", "{}": ".*."}.get(_container(annotation), ".")
            out += walk(inner, path + suffix)
    return out


def flow(value: Any) -> str:
    """Return ``value`` written as YAML in one line (flow style), for examples."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    text = str(value)
    plain = text and not any(c in text for c in ":#{}[],&*!|>'\"%@`") and text == text.strip()
    return text if plain else json.dumps(text, ensure_ascii=False)


# ----------------------------------------------------------------- docs/content-reference.md

def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference_markdown() -> str:
    """Return docs/content-reference.md: every content file, every field, from the model."""
    lines = [
        "# Content reference",
        "",
        "<!-- Generated by `csplan schema --reference docs/content-reference.md` (make schema) from the field",
        "     descriptions in pipeline/model/; edit those, not this file. -->",
        "",
        "Every file of a customer folder and of `content/_partner/`, every field, what it means and how it is",
        "written. A path like `outcomes[].initiatives[].kpis[].target` names a key inside list items;",
        "`periods.*.objective` a key inside each entry of a mapping. *Required* fields must be present and",
        "filled; the others may be left out. Texts may be given per language (`{en: …, pl: …}`) where the",
        "table says so. Editors that read JSON Schema complete and check these fields: see README,",
        "\"Editor support\".",
        "",
    ]
    for kind in CONTENT_FILES:
        where = kind.pattern.replace("/reviews/*", "/reviews/<YYYY-Qn>").replace("*", "<customer>")
        lines += [f"## `{where}`: {kind.title}", ""]
        doc = (kind.model.__doc__ or "").strip().splitlines()[0]
        lines += [doc, "", "| field | required | written as | meaning | example |", "|---|---|---|---|---|"]
        for f in walk(kind.model):
            example = f"`{flow(f.examples[0])}`" if f.examples else ""
            lines.append(f"| `{f.path}` | {'yes' if f.required else ''} | {_cell(f.kind)} | "
                         f"{_cell(f.description)} | {_cell(example)} |")
        lines.append("")
    return "\n".join(lines)
