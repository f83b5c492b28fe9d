"""Tests of pipeline.schema and the scaffold: one schema, from the model, for editors, docs and ``csplan new``."""

from __future__ import annotations

import copy
import re
import typing

import jsonschema
import pytest
import yaml
from pydantic import BaseModel

from conftest import EXAMPLES, REPO
from pipeline.cli import main
from pipeline.project import Project
from pipeline.scaffold import model_text, scaffold
from pipeline.schema import CONTENT_FILES, REFERENCE_DOC, SCHEMA_DIR, Yaml12Loader, content_file, json_schema, \
    reference_markdown, schema_text, walk


def load12(path):
    """Return a YAML file's data as an editor sees it."""
    return yaml.load(path.read_text("utf-8"), Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(content_file(name)))


def example_files():
    """Return (schema name, path) of every content file of the examples."""
    cases = []
    for kind in CONTENT_FILES:
        pattern = kind.pattern.removeprefix("content/")
        cases += [(kind.name, path) for path in sorted(EXAMPLES.glob(pattern))]
    return cases


def models_in(model: type[BaseModel], seen=None) -> dict[str, type[BaseModel]]:
    """Return every model reachable from ``model``, by class name."""
    from pipeline.schema import _inner

    seen = {} if seen is None else seen
    seen[model.__name__] = model
    for info in model.model_fields.values():
        inner = _inner(typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)
        if inner is not None and inner.__name__ not in seen:
            models_in(inner, seen)
    return seen


# ----------------------------------------------------------------- one source


def test_every_field_has_a_description():
    missing = [f"{kind.name}: {f.path}" for kind in CONTENT_FILES for f in walk(kind.model) if not f.description]
    assert not missing


@pytest.mark.parametrize("kind", CONTENT_FILES, ids=lambda k: k.name)
def test_every_model_field_is_in_the_schema_with_its_description(kind):
    schema = json_schema(kind)
    for name, model in models_in(kind.model).items():
        node = schema if model is kind.model else schema["$defs"][name]
        assert list(node["properties"]) == list(model.model_fields), name
        for field, info in model.model_fields.items():
            assert node["properties"][field]["description"].startswith(info.description), (name, field)
        assert node["additionalProperties"] is False


@pytest.mark.parametrize("kind", CONTENT_FILES, ids=lambda k: k.name)
def test_every_model_field_is_in_the_scaffold(kind):
    text = model_text(kind.model)
    keys = [re.sub(r"^(# )?(- )?", "", line.strip()).split(":")[0] for line in text.splitlines()
            if re.match(r"^\s*(# )?(- )?[a-z_]+:( |$)", line)]
    fields = [f.path.rsplit(".", 1)[-1].removesuffix("[]") for f in walk(kind.model)]
    assert keys == fields
    for f in walk(kind.model):
        assert f.description in text, f.path


def test_the_scaffold_starts_with_the_modeline(tmp_path):
    for path in scaffold(Project(tmp_path), "nordic-bank"):
        first = path.read_text("utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{path.stem}.schema.json"


# ----------------------------------------------------------------- the schemas against the examples


@pytest.mark.parametrize(("name", "path"), example_files(), ids=lambda v: str(v).rsplit("examples/", 1)[-1])
def test_the_schema_accepts_every_example_file(name, path):
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(load12(path))]
    assert not errors, errors


def test_the_examples_are_all_covered():
    covered = {path for _name, path in example_files()}
    assert {p for p in EXAMPLES.rglob("*.yaml") if p.name != "decks.yaml"} == covered


def test_the_schema_rejects_a_misspelled_key():
    data = load12(EXAMPLES / "acme" / "outcomes.yaml")
    wrong = copy.deepcopy(data)
    kpi = wrong["outcomes"][0]["initiatives"][0]["kpis"][0]
    kpi["how_mesured"] = kpi.pop("how_measured")
    errors = list(validator("outcomes").iter_errors(wrong))
    messages = " ".join(e.message for e in errors)
    assert "'how_mesured' was unexpected" in messages and "'how_measured' is a required property" in messages


@pytest.mark.parametrize(("path", "value", "ok"), [
    (("plan", "date"), "2026-13", False),
    (("plan", "date"), "2026-01-31", True),
    (("segment",), "high_touch", True),
    (("segment",), "very_high", False),
    (("cs_manager",), "Jan Kowalski", False),
    (("plan", "version"), 1.10, True),  # read as a number by an editor; csplan keeps the text typed
])
def test_the_schema_checks_values_as_csplan_does(path, value, ok):
    data = load12(EXAMPLES / "acme" / "customer.yaml")
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert validator("customer").is_valid(data) is ok


# ----------------------------------------------------------------- generated files are current


def test_the_committed_schemas_and_reference_are_current():
    stale = [kind.schema_file for kind in CONTENT_FILES
             if (REPO / SCHEMA_DIR / kind.schema_file).read_text("utf-8") != schema_text(kind)]
    assert not stale, f"run: make schema ({stale})"
    assert (REPO / REFERENCE_DOC).read_text("utf-8") == reference_markdown(), "run: make schema"
    assert sorted(p.name for p in (REPO / SCHEMA_DIR).iterdir()) == sorted(k.schema_file for k in CONTENT_FILES)


def test_csplan_schema_writes_them(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "schema", "--reference", str(tmp_path / "docs" / "ref.md")]) == 0
    assert capsys.readouterr().out == "wrote 15 schemas to schemas/\nwrote docs/ref.md\n"
    assert (tmp_path / "schemas" / "outcomes.schema.json").read_text("utf-8") == schema_text(content_file("outcomes"))


def test_csplan_schema_validate_locates_what_breaks_the_schema(tmp_path, capsys):
    from conftest import copy_examples

    project = copy_examples(tmp_path, "acme", shared=False)
    outcomes = project.content / "acme" / "outcomes.yaml"
    files = [str(p) for p in sorted((project.content / "acme").rglob("*.yaml"))] + [str(tmp_path / "README.md")]
    assert main(["--root", str(tmp_path), "schema", "--validate", *files]) == 0
    outcomes.write_text(outcomes.read_text("utf-8").replace("how_measured:", "how_mesured:", 1), "utf-8")
    assert main(["--root", str(tmp_path), "schema", "--validate", str(outcomes)]) == 1
    out = capsys.readouterr().out
    assert "content/acme/outcomes.yaml:" in out and "('how_mesured' was unexpected) [schema.additionalProperties]" in out
