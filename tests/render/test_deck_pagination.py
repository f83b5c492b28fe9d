"""Table pagination of the deck renderer, on a plan with 40 KPIs.

A tmp customer derived from content/acme (its outcomes.yaml given 40 KPIs in
all) is built in-process with ``build_cs_plan``. The KPI table must run over
several slides, each continuation titled "… (2 of 3)", each page repeating
the header row and ending above the footer line, and every KPI must be
listed exactly once across those pages.
"""

from __future__ import annotations

import copy
import os
import re

import pytest
import yaml

from conftest import EPOCH_2026_11_22
from pipeline.project import Project
from deck_helpers import CONTENT_BOTTOM_EMU, copy_project

KPI_COUNT = 40
KPI_TITLE = "Key performance indicators (KPIs)"
KPI_HEADER = ["KPI description", "Baseline", "Target", "How measured", "Frequency (When)", "Owner (Who)"]
DETAILS_TITLE = "KPI details"
DETAILS_HEADER = ["KPI", "Business outcome", "Data", "Evidence", "Success factors"]


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def synthetic_description(n: int) -> str:
    """Return a distinct KPI description; every third one long enough to wrap over lines."""
    text = f"Synthetic KPI {n:02d}: share of depot calls answered within twenty seconds"
    if n % 3 == 0:
        text += (" across every depot hunt group, measured on weekdays between six in the morning and ten"
                 " in the evening, excluding public holidays and planned maintenance windows")
    return text


def all_kpis(outcomes: dict):
    for o in outcomes["outcomes"]:
        for ini in o.get("initiatives", []):
            yield from ini.get("kpis", [])


@pytest.fixture(scope="module")
def kpi_deck(tmp_path_factory):
    """Build acme with 40 KPIs (English only) and return (deck path, the 40 descriptions)."""
    from pipeline.build import build
    from pipeline.registry import Target

    root = copy_project(tmp_path_factory.mktemp("kpis") / "project")
    path = root / "content" / "acme" / "outcomes.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    existing = list(all_kpis(data))
    assert 0 < len(existing) < KPI_COUNT
    initiative = data["outcomes"][0]["initiatives"][0]
    model = existing[0]
    for n in range(len(existing) + 1, KPI_COUNT + 1):
        kpi = copy.deepcopy(model)
        kpi["id"] = f"synthetic-{n:02d}"
        kpi["description"] = synthetic_description(n)
        initiative["kpis"].append(kpi)
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        built = build(Project(root), Target("acme", "cs-plan", "en"))
    assert built.ok, "\n".join(str(p) for p in built.problems)
    descriptions = []
    for k in all_kpis(yaml.safe_load(path.read_text("utf-8"))):
        d = k["description"]
        descriptions.append(d if isinstance(d, str) else d["en"])
    assert len(descriptions) == KPI_COUNT
    return built.written[0], descriptions


def table_pages(deck, title: str):
    """Return [(slide title, table)] of the slides titled ``title`` or ``title (n of N)``, in order."""
    from pptx import Presentation

    pages = []
    for slide in Presentation(str(deck)).slides:
        t = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if t == title or re.fullmatch(re.escape(title) + r" \(\d+ of \d+\)", t):
            tables = [s for s in slide.shapes if s.has_table]
            assert len(tables) == 1, f"{t!r}: {len(tables)} tables"
            pages.append((t, tables[0]))
    return pages


def cell_texts(row) -> list[str]:
    return [c.text_frame.text for c in row.cells]


@pytest.mark.parametrize(("title", "header"), [(KPI_TITLE, KPI_HEADER), (DETAILS_TITLE, DETAILS_HEADER)])
def test_kpi_tables_continue_with_titles_and_repeated_headers(kpi_deck, title, header):
    deck, _ = kpi_deck
    pages = table_pages(deck, title)
    assert len(pages) >= 3, f"{title}: 40 KPIs fit on {len(pages)} slide(s); expected several"
    assert pages[0][0] == title
    for n, (t, _shape) in enumerate(pages[1:], 2):
        assert t == f"{title} ({n} of {len(pages)})", f"page {n} of {title!r} is titled {t!r}"
    for n, (t, shape) in enumerate(pages, 1):
        rows = list(shape.table.rows)
        # A column empty on every row of one slide is left out of that slide (with its header), so the
        # header row is the table's, in order, less such columns; the naming first column always stays.
        shown = cell_texts(rows[0])
        assert shown[0] == header[0] and shown == [h for h in header if h in shown], (
            f"{t} (page {n}): header row {shown}")
        assert len(rows) >= 2, f"{t} (page {n}): a page with only the header"
        for r in rows[1:]:
            assert cell_texts(r) != header, f"{t} (page {n}): the header repeated inside the table"
        bottom = shape.top + sum(r.height for r in rows)
        assert bottom <= CONTENT_BOTTOM_EMU, (
            f"{t} (page {n}): the table ends at {bottom} EMU, below the content area ({CONTENT_BOTTOM_EMU})")


def test_every_kpi_is_listed_exactly_once_across_the_pages(kpi_deck):
    deck, descriptions = kpi_deck
    pages = table_pages(deck, KPI_TITLE)
    first_cells = [list(shape.table.rows)[i].cells[0].text_frame.paragraphs[0].text
                   for _t, shape in pages for i in range(1, len(shape.table.rows))]
    for d in descriptions:
        n = sum(c == d for c in first_cells)
        assert n == 1, f"KPI {d!r} is listed {n} times across the {len(pages)} KPI-table slides"
    assert len(first_cells) == KPI_COUNT, f"{len(first_cells)} data rows for {KPI_COUNT} KPIs"


def test_pages_are_filled_before_continuing(kpi_deck):
    # A page break must leave a page with at least a few rows (no one-row pages but the last).
    deck, _ = kpi_deck
    pages = table_pages(deck, KPI_TITLE)
    counts = [len(shape.table.rows) - 1 for _t, shape in pages]
    assert all(c >= 3 for c in counts[:-1]), counts
    assert sum(counts) == KPI_COUNT
