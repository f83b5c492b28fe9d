"""The storylines of the review decks (shared/deck-design.md): a short main flow, an appendix, internal parts.

Every example review (content/*/reviews/*.yaml) is built in every output
locale of its customer, as the customer's and as the internal variant, into a
tmp copy of the project. Proves:

  * the main flow (slides before the "Appendix" divider, cover and
    continuations included) stays within 12 slides for a QBR and 8 for an EBR,
    and the divider is there;
  * the titles say the point, computed from the data: a KPI reading moved
    past its target changes the scorecard's and the movers' titles;
  * the customer's variant shows no health formula, renewal or commercial
    status, upsell opportunity or segment; the internal variant shows them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, copy_examples
from pipeline.build import build
from pipeline.i18n import translator
from pipeline.project import Project
from pipeline.registry import Target

pytestmark = pytest.mark.examples  # builds every example deck: left out of make test-fast

BUDGET = {"qbr": 12, "ebr": 8}  # main-flow slides, cover and continuations included


def copy_project(dest: Path) -> Project:
    """Copy the example project (examples/ as content/, templates/, locales/) to ``dest``."""
    return copy_examples(dest)


def reviews() -> list[tuple[str, str, str, str]]:
    """Return (customer, period, kind, locale) of every example review deck."""
    out = []
    for folder in sorted(EXAMPLES.iterdir()):
        if folder.name.startswith("_") or not (folder / "reviews").is_dir():
            continue
        locales = yaml.safe_load((folder / "customer.yaml").read_text("utf-8"))["output_locales"]
        for path in sorted((folder / "reviews").glob("*.yaml")):
            kind = yaml.safe_load(path.read_text("utf-8"))["kind"]
            out += [(folder.name, path.stem, kind, locale) for locale in locales]
    return out


def deck_path(project: Project, customer: str, kind: str, period: str, locale: str, audience: str) -> Path:
    variant = "-internal" if audience == "internal" else ""
    return project.build_dir / customer / f"{customer}-{kind}-{period}-{locale}{variant}.pptx"


def build_deck(project: Project, customer: str, period: str, locale: str, audience: str = "customer",
               artifact: str = "qbr") -> None:
    result = build(project, Target(customer, artifact, locale, period, audience))
    assert result.ok, [str(p) for p in result.problems]


def titles(path: Path) -> list[str]:
    """Return each slide's headline: the title placeholder's last paragraph (a kicker, if any, comes first)."""
    from pptx import Presentation

    return [s.shapes.title.text_frame.paragraphs[-1].text if s.shapes.title is not None else ""
            for s in Presentation(str(path)).slides]


def main_flow(path: Path, locale: str, locales_dir: Path) -> int:
    """Return the number of slides before the appendix divider (failing when there is none)."""
    names = titles(path)
    divider = translator(locale, locales_dir)("Appendix")
    assert divider in names, f"{path.name}: no {divider!r} divider slide"
    return names.index(divider)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """Every example review deck built once (the customer's variant), and acme's latest QBR's internal variant."""
    project = copy_project(tmp_path_factory.mktemp("storyline") / "project")
    for customer, period, _kind, locale in reviews():
        build_deck(project, customer, period, locale)
    build_deck(project, "acme", "2026-Q3", "en", "internal")
    return project


CASES = reviews()


@pytest.mark.parametrize(("customer", "period", "kind", "locale"), CASES,
                         ids=[f"{c}-{p}-{loc}" for c, p, _k, loc in CASES])
def test_main_flow_stays_within_its_budget(built, customer, period, kind, locale):
    path = deck_path(built, customer, kind, period, locale, "customer")
    assert main_flow(path, locale, built.locales) <= BUDGET[kind]


def test_the_internal_variant_adds_to_the_appendix_only(built):
    customer = titles(deck_path(built, "acme", "qbr", "2026-Q3", "en", "customer"))
    internal = titles(deck_path(built, "acme", "qbr", "2026-Q3", "en", "internal"))
    split = customer.index("Appendix")
    assert internal[:split + 1] == customer[:split + 1]
    assert len(internal) > len(customer)


def test_the_executive_cut_of_any_review_stays_within_eight(tmp_path):
    project = copy_project(tmp_path / "p")
    build_deck(project, "acme", "2026-Q3", "pl", artifact="ebr")
    assert main_flow(deck_path(project, "acme", "ebr", "2026-Q3", "pl", "customer"), "pl", project.locales) <= 8


def test_a_headline_follows_the_data(tmp_path):
    project = copy_project(tmp_path / "p")
    build_deck(project, "acme", "2026-Q3", "en")
    path = deck_path(project, "acme", "qbr", "2026-Q3", "en", "customer")
    before = titles(path)
    assert "6 of 7 KPIs on track or met" in before
    # The answer time of the Q3 reading moves past its 45-second target.
    measurements = project.content / "acme" / "measurements.yaml"
    text = measurements.read_text("utf-8")
    reading = "- {kpi: answer-time, date: 2026-09-30, value: 61"
    assert reading in text
    measurements.write_text(text.replace(reading, "- {kpi: answer-time, date: 2026-09-30, value: 42"), "utf-8")
    build_deck(project, "acme", "2026-Q3", "en")
    after = titles(path)
    assert "6 of 7 KPIs on track or met; 1 target already met" in after
    # It moved most since Q2 now: the movers' slide leads with it.
    mover = "Average speed of answer for shipper calls, per month: down 71% to 42\u00a0seconds; target 45\u00a0seconds met"
    assert mover in after and mover not in before


INTERNAL_TITLES = ("Health score detail", "Subjective and objective parts", "How the health score is computed",
                   "Renewal and commercial status", "Opportunities")


def test_the_customer_variant_has_no_internal_part(built):
    from pipeline.dump import dump

    review = yaml.safe_load((EXAMPLES / "acme" / "reviews" / "2026-Q3.yaml").read_text("utf-8"))
    secrets = [*review["renewal"]["opportunities"], "High touch", "Renewal status", "Contract value",
               "Subjective part", "Contribution"]
    customer = dump(deck_path(built, "acme", "qbr", "2026-Q3", "en", "customer"))
    internal = dump(deck_path(built, "acme", "qbr", "2026-Q3", "en", "internal"))
    for title in INTERNAL_TITLES:
        assert f"title: {title}\n" not in customer, title
        assert f"title: {title}\n" in internal, title
    for text in secrets:
        assert text not in customer, text
        assert text in internal, text
