"""Charts in the output locale: separators and grouping like the tables beside them, the chart's language set.

Chart number format codes always write "," and "." for the separators; the
[$-LCID] prefix makes LibreOffice (and the Office apps' month names) follow
the deck's locale, and Polish groups only from five digits, as CLDR says.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import EPOCH_2026_11_22
from deck_helpers import copy_project, soffice_to_pdf
from pipeline.view.common import chart_format

NBSP = "\u00a0"


@pytest.mark.parametrize(("locale", "values", "expected"), [
    ("en", [1450, 82.4], "[$-409]#,##0.##"),
    ("sv", [1450, 82.4], "[$-41D]#,##0.##"),
    ("ru", [1450], "[$-419]#,##0.##"),
    ("pl", [1450, 82.4], "[$-415]0.##"),  # every value under 10 000: nothing grouped
    ("pl", [182000, 1450], "[$-415][>=10000]#,##0.##;0.##"),  # "182 000" beside "1450"
    ("pl", [-12000, 1450], "[$-415]#,##0.##"),  # a condition would drop the minus sign
])
def test_number_formats_follow_the_locale(locale, values, expected):
    assert chart_format("#,##0.##", locale, values) == expected


def test_percentages_take_the_locales_sign():
    assert chart_format("0%", "pl") == "[$-415]0%"
    assert chart_format("0%", "sv") == f"[$-41D]0{NBSP}%"
    assert chart_format("0.0", "ru") == "[$-419]0.0"


def _kpi_chart_deck(tmp_path: Path, customer: str, locale: str) -> Path:
    """Build ``customer``'s plan deck in ``locale`` with only the KPI charts (decks.yaml), so LibreOffice is quick."""
    root = copy_project(tmp_path / "project")
    (root / "content" / "_partner" / "decks.yaml").write_text(
        "cs-plan:\n  main: [results]\n  appendix: [kpi-charts]\n", "utf-8")
    from pipeline.build import build
    from pipeline.project import Project
    from pipeline.registry import Target

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        result = build(Project(root), Target(customer, "cs-plan", locale))
    assert result.ok, [p.message for p in result.problems.errors]
    [deck] = result.written
    return deck


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.libreoffice
def test_libreoffice_shows_a_polish_chart_with_polish_separators_and_grouping(tmp_path):
    deck = _kpi_chart_deck(tmp_path, "acme", "pl")
    with zipfile.ZipFile(deck) as z:
        charts = [z.read(n).decode() for n in z.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
    assert charts and all('<c:lang val="pl-PL"/>' in c for c in charts)
    text = _pdf_text(soffice_to_pdf(deck, tmp_path / "pdf", tmp_path / "profile"))
    # The telephony cost chart: 182 000 → 146 500 → 118 000 PLN, as the tables write them.
    assert re.search(r"182[\s\u00a0\u202f]000", text) and re.search(r"146[\s\u00a0\u202f]500", text), text[:2000]
    assert "182,000" not in text and "146,500" not in text
    # A 1-5 rating: a decimal comma.
    assert re.search(r"\b3,7\b", text) and not re.search(r"\b3\.7\b", text)


@pytest.mark.libreoffice
def test_libreoffice_shows_a_russian_chart_grouped_from_four_digits(tmp_path):
    deck = _kpi_chart_deck(tmp_path, "volga-bank", "ru")
    text = _pdf_text(soffice_to_pdf(deck, tmp_path / "pdf", tmp_path / "profile"))
    assert re.search(r"1[\s\u00a0\u202f]450", text) and "1,450" not in text, text[:2000]
