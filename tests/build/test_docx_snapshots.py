"""Golden ``csplan dump`` texts of every customer reference and of the questionnaire, per output locale.

Built once per session, in process, from a tmp copy of the repository
(SOURCE_DATE_EPOCH fixed). A locale whose catalog does not translate the
documents' labels yet is skipped with the build's report as the reason (the
build refuses to mix English into a localized document); once it is
translated, ``pytest --snapshot-update`` records its snapshot.
"""

from __future__ import annotations

import os

import pytest

from conftest import EPOCH_2026_11_22, EXAMPLES, example_customers
from pipeline.dump import dump
from docx_helpers import repo_project

pytestmark = pytest.mark.examples  # builds every example deck: left out of make test-fast

REFERENCED = [name for name in example_customers() if (EXAMPLES / name / "reference.yaml").is_file()]


def _locales(path, key="output_locales") -> list[str]:
    import yaml

    return list(yaml.safe_load(path.read_text(encoding="utf-8"))[key])


def _cases():
    cases = [pytest.param("reference", name, loc, id=f"{name}-reference-{loc}")
             for name in REFERENCED for loc in _locales(EXAMPLES / name / "customer.yaml")]
    cases += [pytest.param("questionnaire", "_partner", loc, id=f"questionnaire-{loc}")
              for loc in _locales(EXAMPLES / "_partner" / "partner.yaml")]
    return cases


@pytest.fixture(scope="session")
def docx_builds(tmp_path_factory):
    """Return {(artifact, customer, locale): Built}, every document built once in one tmp project."""
    from pipeline.build import build
    from pipeline.registry import Target, partner_target

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH_2026_11_22)
    try:
        project = repo_project(tmp_path_factory.mktemp("docx"))
        builds = {}
        for param in _cases():
            artifact, name, locale = param.values
            builds[param.values] = (build(project, Target(name, "reference", locale)) if artifact == "reference"
                                    else build(project, partner_target("questionnaire", locale)))
        return builds
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.mark.parametrize(("artifact", "name", "locale"), _cases())
def test_docx_dump_snapshot(docx_builds, artifact, name, locale, snapshot):
    result = docx_builds[(artifact, name, locale)]
    # Every shipped locale translates every label: an untranslated one fails here.
    assert result.ok, "\n".join(p.format() for p in result.problems)
    [path] = result.written
    assert dump(path) == snapshot
