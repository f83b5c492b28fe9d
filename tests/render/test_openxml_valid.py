"""Every example artifact is schema-valid Office Open XML (openxml-audit, the Open XML SDK's validator in Python).

PowerPoint and Word offer to "repair" a file the schema rejects. Before
issue 17, 50 of the 74 example artifacts were flagged: python-pptx's
negative chart axis ids in every deck with a chart, and ``w:tcBorders``
after ``w:shd`` in both Word templates' table style.
"""

from __future__ import annotations

import pytest
from openxml_audit import OpenXmlValidator

from deck_helpers import example_artifacts

pytestmark = pytest.mark.examples  # builds every example artifact: left out of make test-fast


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory):
    return example_artifacts(tmp_path_factory)


def test_the_examples_cover_every_artifact_and_variant(artifacts):
    names = list(artifacts)
    for part in ("-cs-plan-", "-qbr-", "-ebr-", "-reference-", "questionnaire"):
        assert any(part in n for n in names), part
    assert any(n.endswith("-internal.pptx") for n in names)
    assert any(n.endswith(".docx") for n in names)


def test_every_example_artifact_is_schema_valid(artifacts):
    validator = OpenXmlValidator(max_errors=20)
    flagged = {}
    for name, path in sorted(artifacts.items()):
        result = validator.validate(path)
        if result.errors:
            flagged[name] = [str(e) for e in result.errors[:3]]
    assert not flagged, f"{len(flagged)} of {len(artifacts)} artifacts flagged:\n" + "\n".join(
        f"{n}: {errs}" for n, errs in flagged.items())
