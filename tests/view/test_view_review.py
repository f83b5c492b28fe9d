"""``pipeline.view.review``: the QBR and EBR deck views of the tests/fixtures/valid/reviewed customer.

Comparisons are computed from the review files and the plan: KPI deltas and
their arrows, RAG and barrier changes since the previous review, the health
score's change. Every label goes through the translator.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, copy_fixture
from pipeline.check import check_customer
from pipeline.i18n import Translator
from pipeline.model.review import ReviewKind
from pipeline.registry import get
from pipeline.view import Slide
from pipeline.view.review import DASH, review_view


class Marking(Translator):
    """A translator that marks every message it returns, so untranslated labels stand out."""

    def pgettext(self, context, message: str, **values) -> str:
        return "⟦" + super().pgettext(context, message, **values) + "⟧"

    def plural(self, singular: str, plural: str, n: int, /, **values) -> str:
        return "⟦" + super().plural(singular, plural, n, **values) + "⟧"


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("reviewed")
    project = copy_fixture("valid/reviewed", root)
    shutil.copytree(FIXTURES / "health-models" / "clean", project.content / "_partner")
    result = check_customer(project, "reviewed")
    assert result.ok, list(result.problems)
    return result.plan


def deck(plan, period="2026-Q3", kind=ReviewKind.QBR, locale="en", translate=None, audience="internal"):
    """Return a review deck view with the artifact's default storyline (the internal variant shows every part)."""
    return review_view(plan, period, kind, locale, translate or Translator(locale), "content/reviewed", None,
                       get(kind.value).storyline, audience)


def slide(d, title: str) -> Slide:
    """Return the slide titled ``title``, or the one whose kicker (section name) is ``title``."""
    return next(s for s in d.slides if s.title == title or s.kicker == title)


def rows(s: Slide) -> list[list[str]]:
    return [[c.text for c in r] for r in s.table.rows]


def test_kpi_trends_have_one_point_per_review_with_flat_baseline_and_target(plan):
    charts = slide(deck(plan), "Cut travel costs by 20%").charts
    spend, meetings = charts
    assert spend.kind == "line" and spend.categories == ["Q2\u00a02026", "Q3\u00a02026"]
    assert [(s.name, s.values) for s in spend.series] == [
        ("Reading", [80000.0, 76000.0]), ("Baseline", [86000.0, 86000.0]), ("Target", [68800.0, 68800.0])]
    # No reading of the KPI in Q2: a gap in the line, not a made-up point.
    assert meetings.series[0].values == [None, 180.0]


def test_kpi_deltas_come_with_arrows_coloured_by_the_direction_of_the_target(plan):
    s = slide(deck(plan), "KPI progress")
    assert s.table.header == ["KPI", "Baseline", "Q2\u00a02026", "Q3\u00a02026", "Change", "Target", "Progress to target"]
    spend = s.table.rows[0]
    assert [c.text for c in spend[1:4]] == ["€86,000", "€80,000", "€76,000\nfinance report"]
    # Spend falls towards a lower target: good, so green.
    assert (spend[4].text, spend[4].status) == ("↓ -€4,000", "green")
    assert spend[6].text == "58%"  # (76,000 − 86,000) / (68,800 − 86,000)
    meetings = s.table.rows[1]
    assert meetings[2].text == DASH and meetings[4].text == DASH


def test_outcome_and_barrier_changes_since_the_previous_review(plan):
    d = deck(plan)
    value = slide(d, "Value delivered against business outcomes")
    assert value.title == "The business outcome is on track"
    assert rows(value) == [["Cut travel costs by 20%\nCost efficiency", "On track\nIn progress\n↑ from At risk",
                            "Managers travel half as often.\nSpend down 12%"]]
    barriers = slide(d, "Adoption barriers: resolved and open")
    assert barriers.title == "1 barrier resolved since Q2\u00a02026; no barrier left open"
    assert rows(barriers)[0][1] == "Completed\nResolved this quarter"


def test_the_first_review_compares_with_nothing(plan):
    d = deck(plan, "2026-Q2")
    summary = slide(d, "Executive summary")
    assert summary.visual.lead == "Health score: 58.2 of 100"
    assert summary.title.startswith("Health score 58.2 of 100; ")
    assert "↑" not in rows(slide(d, "Value delivered against business outcomes"))[0][1]
    assert slide(d, "KPI progress").table.header[2] == "Previous"
    # No previous review: a tile's change is counted from the baseline.
    assert all(t.change.endswith("since baseline") for t in summary.visual.tiles if t.change)


def test_the_health_score_and_its_detail(plan):
    d = deck(plan)
    summary = slide(d, "Executive summary")
    assert summary.visual.lead == "Health score: 100 of 100 (↑ +41.8 since Q2\u00a02026)"
    assert summary.title == "Health up 41.8 points to 100; the business outcome is on track"
    health = slide(d, "Customer health score")
    assert health.title == "Health up 41.8 points to 100"
    gauge = health.visual
    assert (gauge.value, gauge.text, gauge.maximum) == (100.0, "100", 100)
    assert [(b.low, b.high, b.status) for b in gauge.bands] == [
        (0, 50.0, "late"), (50.0, 75.0, "at_risk"), (75.0, 100, "on_track")]
    (trend,) = health.charts
    assert trend.series[0].values == [58.2, 100.0]
    assert [s.name for s in trend.series[1:]] == ["Healthy from 75", "Watch from 50"]
    # The split into subjective and objective parts is the formula: the internal appendix only.
    split = slide(d, "Subjective and objective parts").charts[0]
    assert [(s.name, s.values) for s in split.series] == [("Subjective", [15.0, 20.0]), ("Objective", [43.2, 80.0])]
    detail = rows(slide(d, "Health score detail"))
    assert detail[1] == ["KPI measured", "10%", "In progress", "Yes", "10", "10"]
    assert detail[-1] == ["Health score", "100%", "58.2", "100", DASH, "100"]
    assert slide(d, "Health score detail").table.rows[-1][3].status == "green"


def test_the_ebr_is_the_executive_cut(plan):
    qbr, ebr = deck(plan), deck(plan, kind=ReviewKind.EBR)
    assert len(ebr.slides) < len(qbr.slides)
    main = ebr.slides[:[s.title for s in ebr.slides].index("Appendix")]
    kickers = [s.kicker for s in main]
    assert "Value delivered against business outcomes" in kickers and "Strategic roadmap" in kickers
    assert "KPI scorecard" not in kickers and "Health score detail" not in [s.title for s in main]
    value = rows(slide(ebr, "Value delivered against business outcomes"))[0]
    assert value[2] == "Managers travel half as often.\nSpend down 12%"
    assert "Travel spend per month: €86,000 → €76,000 (target €68,800)" in value[3]
    assert ebr.title == "Minimal Logistics — Executive business review Q3\u00a02026"


def test_every_label_goes_through_the_translator(plan):
    d = deck(plan, translate=Marking("en"))
    content_titles = {"Cut travel costs by 20%"}  # KPI trend slides are titled with their outcome
    for s in d.slides:
        assert s.title.startswith("⟦") or s.title in content_titles, s.title
        if s.table is not None:
            assert all(h.startswith("⟦") or h[:2] in ("Q2", "Q3") for h in s.table.header), s.table.header
        for ch in s.charts:
            assert all(x.name.startswith("⟦") for x in ch.series), [x.name for x in ch.series]
        assert s.notes[0].startswith("⟦"), s.title  # the source line; the summary's words may follow
        if s.kicker:
            assert s.kicker.startswith("⟦"), s.kicker
    assert d.footer.startswith("⟦") and d.subject.startswith("⟦")


def test_quarters_and_numbers_follow_the_locale(plan):
    d = deck(plan, locale="pl")
    s = next(x for x in d.slides if x.table is not None and len(x.table.header) == 7)
    assert s.table.header[2:4] == ["II\u00a0kw.\u00a02026", "III\u00a0kw.\u00a02026"]
    assert slide(d, "Executive summary").visual.lead == "Health score: 100 of 100 (↑ +41,8 since II\u00a0kw.\u00a02026)"
    assert slide(d, "Customer health score").title == "Health up 41,8 points to 100"


def test_speaker_notes_name_the_source_files(plan):
    for s in deck(plan).slides:
        assert s.notes and "content/" in s.notes[0], s.title
    notes = slide(deck(plan), "Customer health score").notes[0]
    assert notes == "Source: content/reviewed/health.yaml, content/_partner/health-model.yaml"
