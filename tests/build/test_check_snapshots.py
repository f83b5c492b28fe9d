"""Golden text reports of `csplan check` for every broken fixture.

Each fixture under tests/fixtures/broken/<defect>/ holds one defect; its
report is snapshotted (tests/build/__snapshots__/) and, independently of the
snapshot, must carry exactly the expected problem codes at the expected
``file:line:col``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BROKEN, assert_codes_at, broken_fixtures, copy_fixture
from pipeline.check import check_customer
from pipeline.load import MAX_FILE_BYTES
from pipeline.problems import format_text


def _oversized(folder: Path, root: Path) -> None:
    # Valid YAML, just too long: only the size may be reported.
    body = "barriers:\n" + "# padding padding padding padding padding padding padding\n" * 20000
    assert len(body.encode()) > MAX_FILE_BYTES
    (folder / "barriers.yaml").write_text(body, encoding="utf-8")


def _symlink_outside(folder: Path, root: Path) -> None:
    outside = root / "shared" / "stakeholders.yaml"
    outside.parent.mkdir()
    outside.write_bytes((folder / "stakeholders.yaml").read_bytes())
    (folder / "stakeholders.yaml").unlink()
    (folder / "stakeholders.yaml").symlink_to(outside)


def _logo_oversized(folder: Path, root: Path) -> None:
    # Refused by its size before it is read: the bytes need not be an image.
    (folder / "assets" / "logo.png").write_bytes(b"\x89PNG" + b"\0" * (11 * 1024 * 1024))


# Defects that are made in the copy, not committed (see conftest).
GENERATED = {"oversized-file": _oversized, "symlink-outside": _symlink_outside, "logo-oversized-file": _logo_oversized}

# defect -> (every problem code the report must hold, and nothing else;
#            "file:line:col" of the defect (just "file" when no line is known))
EXPECTED: dict[str, tuple[set[str], str | None]] = {
    "anchors-aliases": ({"yaml.anchor", "yaml.alias"}, "stakeholders.yaml:12:12"),
    "bad-date": ({"model.date_invalid", "model.date_format"}, "barriers.yaml:6:24"),
    "bad-number": ({"model.number"}, "measurements.yaml:4:12"),
    "barrier-without-resolution": ({"barrier.no-resolution"}, "barriers.yaml:2:5"),
    "broken-yaml-syntax": ({"yaml.syntax"}, "outcomes.yaml:5:16"),
    "completed-after-plan-date": ({"date.completed-after-as-of"}, "adoption-plan.yaml:9:11"),
    "comments-only-file": ({"file.empty"}, "measurements.yaml:1:1"),
    "control-char": ({"text.control-char"}, "barriers.yaml:3:21"),
    "duplicate-id": ({"ref.duplicate-id"}, "stakeholders.yaml:22:9"),
    "duplicate-key": ({"yaml.duplicate-key"}, "stakeholders.yaml:12:5"),
    "empty-file": ({"file.empty"}, "measurements.yaml:1:1"),
    "explicit-tag": ({"yaml.tag"}, "outcomes.yaml:6:15"),
    "kpi-missing-baseline": ({"model.missing"}, "outcomes.yaml:19:13"),
    "logo-not-an-image": ({"asset.unreadable"}, "customer.yaml:19:7"),
    "logo-outside-assets": ({"asset.outside"}, "customer.yaml:19:7"),
    # The real format decides, not the name: the deck and the document take the same three.
    "logo-webp-named-png": ({"asset.format"}, "customer.yaml:19:7"),
    "logo-bmp-named-png": ({"asset.format"}, "customer.yaml:19:7"),
    "logo-too-many-pixels": ({"asset.too-large"}, "customer.yaml:19:7"),
    "logo-oversized-file": ({"asset.too-large"}, "customer.yaml:19:7"),
    # Line breaks YAML sees and editors do not: at their real line and column, by name.
    "line-separator-in-quotes": ({"text.line-separator"}, "barriers.yaml:3:31"),
    "paragraph-separator-in-text": ({"text.line-separator"}, "barriers.yaml:7:47"),
    "nel-escape-sequence": ({"text.line-separator"}, "barriers.yaml:3:14"),
    # More digits than a deck, a chart and a number format hold (was exit 70 in the build).
    "huge-number": ({"model.number_range"}, "measurements.yaml:3:46"),
    "lone-surrogate-escape": ({"text.control-char"}, "barriers.yaml:3:14"),
    "missing-section-file": ({"section.missing"}, "outcomes.yaml"),
    "multi-document": ({"yaml.multi-doc"}, "measurements.yaml:9:1"),
    "nbsp-indentation": ({"yaml.lookalike-space"}, "stakeholders.yaml:4:1"),
    "next-step-overdue": ({"plan.overdue"}, "adoption-plan.yaml:24:10"),
    "no-sponsor": ({"plan.no-sponsor"}, "stakeholders.yaml:2:3"),
    "not-utf8": ({"text.encoding"}, "customer.yaml:4:13"),
    "oversized-file": ({"file.too-large"}, "barriers.yaml"),
    "reading-before-baseline": ({"reading.date"}, "measurements.yaml:2:31"),
    "reading-in-future": ({"reading.date"}, "measurements.yaml:3:27"),
    "service-tier-mismatch": ({"ref.tier-mismatch"}, "solution.yaml:9:50"),
    "service-tier-unknown": ({"ref.tier"}, "reference.yaml:4:17"),
    "stale-plan": ({"plan.stale"}, "customer.yaml:13:9"),
    "symlink-outside": ({"file.outside"}, "stakeholders.yaml"),
    "tab-indentation": ({"yaml.tab"}, "outcomes.yaml:17:1"),
    "target-before-baseline": ({"kpi.smart", "kpi.overdue"}, "outcomes.yaml:15:53"),
    "top-level-list": ({"yaml.not-mapping"}, "stakeholders.yaml:1:1"),
    "unit-mismatch": ({"kpi.unit"}, "outcomes.yaml:15:41"),
    "unknown-enum": ({"model.choice"}, "barriers.yaml:5:13"),
    "unknown-file": ({"file.unknown"}, "outcome.yaml"),
    "unknown-key-typo": ({"model.unknown-key"}, "outcomes.yaml:23:13"),
    "unknown-kpi-reading": ({"ref.unknown"}, "measurements.yaml:3:11"),
    "unknown-stakeholder-ref": ({"ref.unknown"}, "barriers.yaml:8:12"),
    "utf16-file": ({"text.encoding"}, "barriers.yaml:1:1"),
    # Read exactly as typed, so nothing is wrong (values asserted in test_model.py).
    "yaml11-surprises": (set(), None),
    "yml-extension": ({"file.extension"}, "barriers.yml"),
}

# Problems that are only warnings: the rest of each report must be errors.
WARNING_CODES = {"barrier.no-resolution", "plan.stale", "kpi.overdue", "date.completed-after-as-of", "plan.overdue",
                 "ref.tier-mismatch"}


def check_fixture(defect: str, root: Path):
    """Copy the broken fixture into ``root`` as customer ``defect`` and check it.

    A fixture's ``_partner/`` folder (the shared files a rule reads) goes to the project's content/_partner/.
    """
    project = copy_fixture(BROKEN / defect, root, defect)
    partner = project.content / defect / "_partner"
    if partner.is_dir():
        shutil.move(partner, project.content / "_partner")
    if defect in GENERATED:
        GENERATED[defect](project.content / defect, root)
    return check_customer(project, defect)


def test_every_fixture_has_expectations():
    assert sorted(EXPECTED) == broken_fixtures()
    # Generated fixtures exist as folders too, so they are named for their defect.
    assert set(GENERATED) <= set(broken_fixtures())


@pytest.mark.parametrize("defect", broken_fixtures())
def test_report(defect, tmp_path, snapshot):
    result = check_fixture(defect, tmp_path)
    report = format_text(list(result.problems))
    assert str(tmp_path) not in report
    assert report == snapshot


@pytest.mark.parametrize("defect", broken_fixtures())
def test_report_codes_and_location(defect, tmp_path):
    codes, where = EXPECTED[defect]
    result = check_fixture(defect, tmp_path)
    report = assert_codes_at(result.problems, codes, where and f"content/{defect}/{where}")
    if where is None:
        assert report == ""
        return
    assert f"  content/{defect}/{where}: " in report
    for p in result.problems:
        assert p.path.startswith(f"content/{defect}/")
        assert p.is_error == (p.code not in WARNING_CODES), p
        assert p.message and "\n" not in p.message


@pytest.mark.parametrize("defect", broken_fixtures())
def test_report_is_the_same_for_any_tmp_dir(defect, tmp_path):
    a = check_fixture(defect, tmp_path / "a")
    b = check_fixture(defect, tmp_path / "b" / "deeper")
    assert format_text(list(a.problems)) == format_text(list(b.problems))


def test_valid_minimal_is_clean(tmp_path):
    project = copy_fixture("valid/minimal", tmp_path)
    result = check_customer(project, "minimal")
    assert list(result.problems) == []
    assert result.ok
    assert set(result.plan.sections) == {
        "customer", "solution", "outcomes", "stakeholders", "use-cases", "barriers",
        "adoption-plan", "process-change", "communication", "measurements"}
