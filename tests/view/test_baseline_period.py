"""A KPI baseline dated by a whole year or month (docs/domain.md S4: "2016 spend of $86k/year") reads as such."""

from __future__ import annotations

import pytest

from conftest import copy_fixture
from deck_helpers import ROOT
from pipeline.check import check_customer
from pipeline.i18n import translator
from pipeline.registry import get
from pipeline.view.cs_plan import PlanView


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("period-baseline")
    project = copy_fixture("valid/minimal", root)
    outcomes = project.content / "minimal" / "outcomes.yaml"
    text = outcomes.read_text("utf-8")
    text = text.replace("baseline: {value: 86000, unit: EUR, date: 2026-01-31}",
                        "baseline: {value: 86000, unit: EUR, date: 2025}")
    text = text.replace("baseline: {value: 40, unit: meetings, date: 2026-01-31}",
                        "baseline: {value: 40, unit: meetings, date: 2026-01}")
    outcomes.write_text(text, "utf-8")
    result = check_customer(project, "minimal")
    assert result.ok, [p.format() for p in result.problems]
    return result.plan


@pytest.mark.parametrize(("locale", "year", "month"), [
    ("en", "in 2025", "in Jan\u00a02026"), ("ru", "за 2025", "за янв.\u00a02026\u202fг."),
])
def test_a_year_or_month_baseline_is_shown_as_its_period(plan, locale, year, month):
    view = PlanView(plan, locale, translator(locale, ROOT / "locales"), "content/minimal", None, get("cs-plan").storyline)
    kpis = {k.id: k for _, _, k in view.kpi_index()}
    assert view._baseline(kpis["travel-spend"]).endswith(year)
    assert view._baseline(kpis["meetings"]).endswith(month)
