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
    lines = outcomes.read_text("utf-8").splitlines(keepends=True)
    baselines = [i for i, line in enumerate(lines) if line.lstrip().startswith("baseline:")]
    # The first KPI's baseline known for a year, the second's for a month.
    for i, period in zip(baselines, ("2025", "2026-01")):
        assert "date: 2026-01-31}" in lines[i]
        lines[i] = lines[i].replace("date: 2026-01-31}", f"date: {period}}}")
    outcomes.write_text("".join(lines), "utf-8")
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
