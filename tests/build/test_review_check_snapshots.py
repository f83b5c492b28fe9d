"""Golden `csplan check` reports for every broken review or health fixture.

Each folder under tests/fixtures/reviews/<defect>/ is an overlay on
tests/fixtures/valid/reviewed/ (see conftest) holding one defect. The shared
health model comes from tests/fixtures/health-models/clean/, with the files
of the fixture's own ``_partner/`` folder laid over it, and goes to the
project's content/_partner/. Each report is snapshotted and, apart from the
snapshot, must carry exactly the expected codes at the expected place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, assert_codes_at, copy_fixture
from pipeline.check import check_customer
from pipeline.problems import format_text

REVIEWS = FIXTURES / "reviews"
CLEAN_MODEL = FIXTURES / "health-models" / "clean"
# Defects made in the copy: no shared health model at all.
NO_PARTNER = {"health-model-missing"}

# defect -> (every problem code of the report, and "file:line:col" of the defect, relative to content/)
EXPECTED: dict[str, tuple[set[str], str]] = {
    "action-without-owner": ({"model.missing"}, "action-without-owner/reviews/2026-Q3.yaml:21:5"),
    "band-gap": ({"health.band-gap"}, "_partner/health-model.yaml:23:13"),
    "health-bad-answer": ({"health.answer"}, "health-bad-answer/health.yaml:7:54"),
    "health-model-missing": ({"health.model-missing"}, "_partner/health-model.yaml"),
    "health-unknown-field": ({"ref.unknown", "health.missing"}, "health-unknown-field/health.yaml:7:34"),
    "input-outside-bands": ({"health.no-band"}, "input-outside-bands/health.yaml:8:31"),
    "overlapping-bands": ({"health.band-overlap"}, "_partner/health-model.yaml:23:13"),
    "reading-not-in-measurements": ({"review.reading-missing"},
                                    "reading-not-in-measurements/reviews/2026-Q2.yaml:11:5"),
    "review-action-still-open": ({"review.overdue"}, "review-action-still-open/reviews/2026-Q2.yaml:20:57"),
    "review-date-before-period": ({"review.date"}, "review-date-before-period/reviews/2026-Q3.yaml:3:7"),
    "review-file-name": ({"review.file-name"}, "review-file-name/reviews/q3.yaml:1:9"),
    # Not "the latest review" until it is held; Q3's open action is still overdue as of Q4's date.
    "review-in-the-future": ({"review.future", "review.overdue"}, "review-in-the-future/reviews/2026-Q4.yaml:3:7"),
    "review-period-mismatch": ({"review.period-mismatch", "review.no-health", "review.reading-stale"},
                               "review-period-mismatch/reviews/2026-Q3.yaml:1:9"),
    "review-unknown-attendee": ({"ref.unknown"}, "review-unknown-attendee/reviews/2026-Q3.yaml:4:23"),
    "review-unknown-kpi": ({"ref.unknown"}, "review-unknown-kpi/reviews/2026-Q3.yaml:12:11"),
    "review-without-health": ({"review.no-health"}, "review-without-health/reviews/2026-Q3.yaml:1:9"),
    "weights-not-100": ({"health.weights"}, "_partner/health-model.yaml:9:5"),
}
WARNING_CODES = {"health.band-gap", "review.no-health", "review.reading-stale", "review.overdue", "review.future"}


def defects() -> list[str]:
    """Return the name of every fixture folder under tests/fixtures/reviews/."""
    return sorted(p.name for p in REVIEWS.iterdir() if p.is_dir())


def make_project(defect: str, root: Path):
    """Copy the fixture as customer ``defect`` and its health model into the project at ``root``."""
    project = copy_fixture(REVIEWS / defect, root, defect)
    overlay = project.content / defect / "_partner"
    if defect not in NO_PARTNER:
        shutil.copytree(CLEAN_MODEL, project.content / "_partner")
    if overlay.is_dir():
        shutil.copytree(overlay, project.content / "_partner", dirs_exist_ok=True)
        shutil.rmtree(overlay)
    return project


def check_fixture(defect: str, root: Path):
    """Return the check of the fixture ``defect`` copied into ``root``."""
    return check_customer(make_project(defect, root), defect)


def test_every_fixture_has_expectations():
    assert sorted(EXPECTED) == defects()


def test_the_valid_fixture_checks_clean(tmp_path):
    project = copy_fixture("valid/reviewed", tmp_path)
    shutil.copytree(CLEAN_MODEL, project.content / "_partner")
    result = check_customer(project, "reviewed")
    assert list(result.problems) == []
    assert sorted(result.plan.reviews) == ["2026-Q2", "2026-Q3"]
    assert result.plan.partner.health_model is not None


@pytest.mark.parametrize("defect", defects())
def test_report(defect, tmp_path, snapshot):
    report = format_text(list(check_fixture(defect, tmp_path).problems))
    assert str(tmp_path) not in report
    assert report == snapshot


@pytest.mark.parametrize("defect", defects())
def test_report_codes_and_location(defect, tmp_path):
    codes, where = EXPECTED[defect]
    result = check_fixture(defect, tmp_path)
    assert_codes_at(result.problems, codes, f"content/{where}")
    for p in result.problems:
        assert p.path.startswith((f"content/{defect}/", "content/_partner/")), p
        assert p.is_error == (p.code not in WARNING_CODES), p
        assert p.message and "\n" not in p.message
        if p.path.endswith(".yaml") and p.code != "health.model-missing":
            assert p.line and p.field or p.code == "health.weights" and p.field, p


def test_reports_name_what_to_fix(tmp_path):
    def messages(defect):
        return [p.format() for p in check_fixture(defect, tmp_path / defect).problems]

    assert any("add up to 18 %" in m and "split.subjective is 20 %" in m for m in messages("weights-not-100"))
    assert any("overlaps bands[1] (50 ≤ x < 80) for 75 ≤ x < 80" in m for m in messages("overlapping-bands"))
    assert any("covers 80 ≤ x < 83" in m for m in messages("band-gap"))
    assert any("120 falls into no band of active-users" in m and "80 ≤ x ≤ 100 → 10" in m
               for m in messages("input-outside-bands"))
    assert any("did you mean 'sponsor-engaged'?" in m for m in messages("health-unknown-field"))
    assert any("unknown stakeholder 'csm-olla'; did you mean 'csm-ola'?" in m
               for m in messages("review-unknown-attendee"))
    assert any("required; add owner:" in m for m in messages("action-without-owner"))


def test_a_broken_shared_model_fails_every_customer_that_uses_it(tmp_path):
    project = make_project("weights-not-100", tmp_path)
    copy_fixture("valid/reviewed", tmp_path, "second")
    for name in ("weights-not-100", "second"):
        result = check_customer(project, name)
        assert [p.code for p in result.problems.errors] == ["health.weights"]
        assert result.problems.errors[0].path == "content/_partner/health-model.yaml"


def test_a_build_without_a_period_takes_the_latest_review_held(tmp_path):
    """``make deck`` (qbr without --period) builds 2026-Q3, not the 2026-Q4 review dated after today."""
    from pipeline.build import build
    from pipeline.registry import Target

    project = make_project("review-in-the-future", tmp_path)
    shutil.copytree(FIXTURES.parent.parent / "templates", tmp_path / "templates")
    shutil.copytree(FIXTURES.parent.parent / "locales", tmp_path / "locales")
    result = build(project, Target("review-in-the-future", "qbr", "en"))
    assert result.ok, format_text(list(result.problems))
    assert [p.name for p in result.written] == ["review-in-the-future-qbr-2026-Q3-en.pptx"]
    [future] = [p for p in result.problems if p.code == "review.future"]
    assert future.format() == (
        "content/review-in-the-future/reviews/2026-Q4.yaml:3:7: warning: date: the review is dated 2026-12-15, after "
        "today (2026-11-22, from SOURCE_DATE_EPOCH); a build without --period (make deck) takes 2026-Q3, the latest "
        "review held by then [review.future]")
