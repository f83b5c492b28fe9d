"""The CS plan deck's storyline: a main flow a CS manager presents as built, then the appendix.

Proves, on the example customers built in-process into a tmp copy of the project:
  * the main flow (the cover and every slide before the "Appendix" divider,
    continuation slides included) has at most 15 slides, for every customer in
    each of its output locales, and the appendix divider is there;
  * headline titles are computed from the data: a KPI reading moved past its
    target, or away from it, changes the titles that speak about it;
  * the customer's variant shows none of the internal items (segment label,
    contract value, renewal date), the internal variant shows them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, copy_examples, example_customers
from pipeline.project import Project
from pipeline.registry import Target

pytestmark = pytest.mark.examples  # builds every example deck: left out of make test-fast

ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS = tuple(example_customers())
MAX_MAIN = 15


def copy_project(dest: Path) -> Path:
    """Copy the example project (examples/ as content/, templates/, locales/) to ``dest``."""
    copy_examples(dest)
    return dest


def section_layout() -> str:
    """Return the name of the layout that plays the "section" role (the appendix divider) in the template."""
    mapping = yaml.safe_load((ROOT / "templates" / "pptx" / "default.yaml").read_text("utf-8"))
    return mapping["roles"]["section"]["layout"]


def build(root: Path, customer: str, audience: str = "customer") -> list[Path]:
    """Build a customer's CS plan deck in every output locale and return the files."""
    from pipeline.build import build as run

    built = run(Project(root), Target(customer, "cs-plan", None, audience=audience))
    assert built.ok, "\n".join(str(p) for p in built.problems)
    return [Path(p) for p in built.written]


def slide_titles(path: Path) -> list[tuple[str, str]]:
    """Return (layout name, title) of every slide of a deck."""
    from pptx import Presentation

    return [(s.slide_layout.name, s.shapes.title.text_frame.text if s.shapes.title is not None else "")
            for s in Presentation(str(path)).slides]


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, list[Path]]:
    root = copy_project(tmp_path_factory.mktemp("storyline") / "project")
    return {c: build(root, c) for c in CUSTOMERS}


@pytest.mark.parametrize("customer", CUSTOMERS)
def test_main_flow_has_at_most_15_slides_before_the_appendix_divider(decks, customer):
    divider = section_layout()
    locales = yaml.safe_load((EXAMPLES / customer / "customer.yaml").read_text("utf-8"))["output_locales"]
    assert len(decks[customer]) == len(locales)
    for path in decks[customer]:
        layouts = [layout for layout, _title in slide_titles(path)]
        assert divider in layouts, f"{path.name}: no appendix divider"
        main = layouts.index(divider)
        assert main <= MAX_MAIN, f"{path.name}: {main} slides before the appendix divider"
        assert main >= 10, f"{path.name}: only {main} main slides; a part went missing"
        assert len(layouts) > main + 1, f"{path.name}: an empty appendix"


# ----------------------------------------------------------------- titles follow the data


def _views(root: Path) -> list[str]:
    """Return the slide titles of acme's English plan deck view (no rendering)."""
    from pipeline.artifacts.cs_plan import CsPlan
    from pipeline.check import check_customer
    from pipeline.i18n import translator
    from pipeline.registry import Storyline
    from pipeline.view.cs_plan import cs_plan_view

    checked = check_customer(Project(root), "acme", ["cs-plan"])
    assert checked.ok, [str(p) for p in checked.problems]
    storyline: Storyline = CsPlan.storyline
    deck = cs_plan_view(checked.plan, "en", translator("en", root / "locales"), "content/acme", None, storyline)
    return [" ".join(s.title.split()) for s in deck.slides]  # no-break spaces as spaces


def _add_reading(root: Path, kpi: str, value: float, when: str = "2026-11-05") -> None:
    path = root / "content" / "acme" / "measurements.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["readings"].append({"kpi": kpi, "date": when, "value": value})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_titles_change_when_a_kpi_passes_its_target(tmp_path):
    root = copy_project(tmp_path / "project")
    before = _views(root)
    assert "All 7 KPIs on track" in before
    assert "Down 63% to 54 seconds; on track for 45 seconds by Mar 31, 2027" in before
    _add_reading(root, "answer-time", 41)  # the target is 45 seconds
    after = _views(root)
    assert "Down 72% to 41 seconds; target 45 seconds reached" in after
    assert "Down 63% to 54 seconds; on track for 45 seconds by Mar 31, 2027" not in after
    # The KPI that moved most now leads the results: its takeaway is the main flow's results title.
    divider = after.index("Appendix")
    assert "Down 72% to 41 seconds; target 45 seconds reached" in after[:divider]


def test_titles_change_when_a_kpi_moves_away_from_its_target(tmp_path):
    root = copy_project(tmp_path / "project")
    _add_reading(root, "fcr", 55)  # baseline 61 %, target 80 %: worse than the baseline
    titles = _views(root)
    assert "6 of 7 KPIs on track; 1 needs attention" in titles
    assert any(t.startswith("Down 6 pp to 55%; off track for 80%") for t in titles), titles


# ----------------------------------------------------------------- customer and internal variants


def internal_items(root: Path, locale: str) -> list[str]:
    """Return acme's internal items as the deck shows them: segment label, contract value, renewal date."""
    from pipeline.check import check_customer
    from pipeline.i18n import translator
    from pipeline.view import Formatter

    c = check_customer(Project(root), "acme", ["cs-plan"]).plan.customer
    f = Formatter(locale)
    _ = translator(locale, root / "locales")
    return [_("High touch"), f.money(c.contract.value.amount, c.contract.value.currency), f.date(c.contract.renewal)]


@pytest.mark.parametrize("locale", ["en", "pl"])
def test_internal_items_only_in_the_internal_variant(decks, tmp_path, locale):
    from pipeline.dump import dump

    root = copy_project(tmp_path / "project")
    customer = next(p for p in decks["acme"] if p.name.endswith(f"-{locale}.pptx"))
    internal = next(p for p in build(root, "acme", "internal") if p.name.endswith(f"-{locale}-internal.pptx"))
    items = internal_items(root, locale)
    shown, hidden = dump(str(internal)), dump(str(customer))
    assert [x for x in items if x in hidden] == [], "internal items in the customer's deck"
    assert [x for x in items if x not in shown] == [], "internal items missing from the internal deck"


# ----------------------------------------------------------------- status chips (pipeline/view/visuals.py)


def test_step_status_follows_progress_and_dates():
    from datetime import date

    from pipeline.model import Status
    from pipeline.view.visuals import activity_status, step_status

    today = date(2026, 11, 10)
    assert step_status(Status.COMPLETED, date(2026, 1, 1), today) == "done"
    assert step_status(Status.IN_PROGRESS, date(2026, 11, 1), today) == "late"  # past due, not done
    assert step_status(Status.NOT_STARTED, date(2026, 11, 1), today) == "late"
    assert step_status(Status.IN_PROGRESS, date(2027, 1, 31), today) == "on_track"
    assert step_status(Status.NOT_STARTED, date(2027, 3, 31), today) == "not_started"  # grey: not yet due
    assert step_status(Status.NOT_STARTED, date(2026, 11, 20), today) == "at_risk"  # due within two weeks
    assert step_status(Status.NOT_STARTED, date(2027, 3, 31), today, start=date(2026, 10, 1)) == "at_risk"
    # A recurring activity under way is on track after its start date; one never started is late.
    assert activity_status(Status.IN_PROGRESS, date(2026, 7, 6), today) == "on_track"
    assert activity_status(Status.NOT_STARTED, date(2026, 7, 6), today) == "late"


def test_kpi_status_against_the_straight_path_to_the_target():
    from datetime import date
    from decimal import Decimal
    from types import SimpleNamespace as NS

    from pipeline.view.visuals import kpi_status

    # Baseline 145 s on 2025-06-30, target 45 s by 2027-03-31 (down is good).
    kpi = NS(baseline=NS(value=Decimal(145), date=date(2025, 6, 30)),
             target=NS(value=Decimal(45), date=date(2027, 3, 31)))
    today = date(2026, 11, 10)

    def at(value, when=date(2026, 10, 31)):
        return kpi_status(kpi, [NS(value=Decimal(value), date=when)], today)

    assert kpi_status(kpi, [], today) == "not_started"
    assert at(54) == "on_track"   # 91 % of the way after 76 % of the time
    assert at(110) == "at_risk"   # 35 % of the way after 76 % of the time
    assert at(150) == "late"      # off track: worse than the baseline
    assert at(45) == "done"
    assert kpi_status(kpi, [], date(2027, 4, 1)) == "late"  # no reading by the target date
