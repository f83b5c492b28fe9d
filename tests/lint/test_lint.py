"""The design lint (pipeline/lint.py, ``csplan lint``, ``csplan build --lint``).

A deliberately bad deck is made here with python-pptx from the default
template, one slide per defect, so each rule is shown to fire with its code
on its slide; a tiny clean deck shows the lint stays quiet.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

from deck_helpers import ROOT, cli_env, copy_project
from pipeline.lint import CODES, contrast_ratio, deck_kind, lint_deck

TEMPLATE = ROOT / "templates" / "pptx" / "default.pptx"


def _slide(prs, layout: str, title: str):
    """Add a slide on ``layout`` titled ``title``."""
    slide = prs.slides.add_slide(next(l for l in prs.slide_layouts if l.name == layout))
    slide.shapes.title.text = title
    return slide


def _table(slide, rows: list[list[str]], *, size: float = 14, width=Inches(10)):
    """Add a table of ``rows`` (the first is the header), every run at ``size`` pt."""
    shape = slide.shapes.add_table(len(rows), len(rows[0]), Inches(0.6), Inches(1.5), width, Inches(0.4 * len(rows)))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = shape.table.cell(r, c)
            cell.text = text
            for run in cell.text_frame.paragraphs[0].runs:
                run.font.size = Pt(size)
    return shape


def _title_pt(slide, size: float):
    """Set the size of ``slide``'s title."""
    for run in slide.shapes.title.text_frame.paragraphs[0].runs:
        run.font.size = Pt(size)
    return slide


def _chart(slide, kind, values, **axis):
    """Add a one-series chart of ``kind``."""
    data = CategoryChartData()
    data.categories = [f"Q{i + 1}" for i in range(len(values))]
    data.add_series("Answer time", values)
    chart = slide.shapes.add_chart(kind, Inches(1), Inches(1.5), Inches(8), Inches(4), data).chart
    if "minimum" in axis:
        chart.value_axis.minimum_scale = axis["minimum"]
    return chart


def _clean_deck(path: Path) -> Path:
    """Write a cover and one well-made table slide to ``path``."""
    prs = Presentation(TEMPLATE)
    _slide(prs, "Title", "Acme — plan")
    _table(_slide(prs, "Table", "Outcomes"), [["Outcome", "Status"], ["Faster answers", "On track"],
                                              ["Lower cost", "At risk"]])
    prs.save(path)
    return path


def _bad_deck(path: Path) -> dict[str, int]:
    """Write a deck with one defect a slide to ``path``; return each lint code's slide ("code/variant" for more)."""
    prs = Presentation(TEMPLATE)
    where = {}
    _slide(prs, "Title", "Acme — plan")
    body = [["KPI", "Owner", "Note"]] + [[f"KPI {i}", "Ewa", "—"] for i in range(4)]
    _table(_slide(prs, "Table", "KPIs"), body)
    where["lint.empty-column"] = len(prs.slides)
    _table(_slide(prs, "Table", "KPIs (cont.)"), [["KPI", "Owner", "Note"], ["KPI 5", "Jan", "late"]])
    where["lint.thin-continuation"] = len(prs.slides)
    _table(_slide(prs, "Table", "Small print"), [["A", "B"], ["tiny", "text"]], size=9)
    where["lint.small-text"] = len(prs.slides)
    _table(_slide(prs, "Table", "Narrow"), [["Link"], ["https://www.example.com/a/very/long/address"]],
           width=Inches(1.5))
    where["lint.word-too-wide"] = len(prs.slides)
    slide = _slide(prs, "Table", "Status")
    chip = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(1), Inches(2), Inches(2), Inches(0.5))
    chip.fill.solid()
    chip.fill.fore_color.rgb = RGBColor(0xF2, 0xA9, 0x00)  # white on amber: deck-design.md's own example
    chip.text_frame.text = "At risk"
    chip.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    chip.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    where["lint.contrast"] = len(prs.slides)
    _chart(_slide(prs, "Chart", "Answer time"), XL_CHART_TYPE.LINE_MARKERS, [54])
    where["lint.one-point-line"] = len(prs.slides)
    _chart(_slide(prs, "Chart", "Tickets"), XL_CHART_TYPE.COLUMN_CLUSTERED, [120, 126], minimum=100)
    where["lint.axis-not-zero"] = len(prs.slides)
    _table(_slide(prs, "Table", "Owners"), [["Stakeholder", "Status"], ["ewa-dabrowska", "in_progress"]])
    where["lint.raw-code"] = len(prs.slides)
    _table(_slide(prs, "Table", "Targets"), [["KPI", "Target"], ["Answer time", "45 seconds by Mar 31, 2027"]])
    where["lint.unit-space"] = len(prs.slides)
    _title_pt(_slide(prs, "Title and Content", "A title shrunk to fit"), 22)
    where["lint.title-size"] = len(prs.slides)
    # Chart text (axis and data labels, legend) under the floor: sizes in the chart part, not in slide runs.
    chart = _chart(_slide(prs, "Chart", "Small chart labels"), XL_CHART_TYPE.COLUMN_CLUSTERED, [120, 126])
    chart.font.size = Pt(11)
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.font.size = Pt(9)
    where["lint.small-text/chart"] = len(prs.slides)
    for i in range(4):  # over the cs-plan budget of 15: cover + 11 defect slides + 4; titles at the deck's 28 pt
        _title_pt(_slide(prs, "Title and Content", f"Filler {i}"), 28)
    _slide(prs, "Section", "Appendix")
    # Appendix tables may go down to 10 pt: this one must not be reported.
    _table(_slide(prs, "Table", "Appendix detail"), [["A", "B"], ["ten", "point"]], size=10)
    where["lint.budget"] = 1
    prs.save(path)
    return where


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "acme-cs-plan-en.pptx"  # named like a cs-plan deck: its budget is 15
    return path, _bad_deck(path)


def test_each_defect_is_found_on_its_slide(bad):
    path, where = bad
    found = lint_deck(path)
    counts = Counter(p.code for p in found)
    for defect, slide in where.items():
        code = defect.split("/")[0]
        assert counts[code] > 0, f"{code} not reported"
        assert any(p.code == code and p.line == slide for p in found), f"{defect} not on slide {slide}"
    # The clean appendix slide at 10 pt and the clean rows are not reported.
    assert not [p for p in found if p.line == len(Presentation(path).slides)]
    assert set(counts) == {d.split("/")[0] for d in where} == set(CODES)


def test_chart_text_under_the_floor_is_small_text(bad):
    path, where = bad
    small = [p for p in lint_deck(path) if p.line == where["lint.small-text/chart"]]
    assert [(p.code, p.field) for p in small] == [("lint.small-text", "Chart 2")]
    assert "smallest 9 pt" in small[0].message


def test_problem_format_locates_slide_and_shape(bad):
    path, _ = bad
    small = next(p for p in lint_deck(path, display="deck.pptx") if p.code == "lint.small-text")
    assert small.format() == ("deck.pptx:4: Table 2 r1c1: 4 runs below the 12 pt floor of the main flow; "
                              "smallest 9 pt [lint.small-text]")


def test_raw_codes_only_as_whole_lines(tmp_path):
    prs = Presentation(TEMPLATE)
    _slide(prs, "Title", "Cover")
    _table(_slide(prs, "Table", "Prose"), [["Note"], ["a follow-up on in_progress items"], ["self-service"],
                                             ["e-post"]])
    prs.save(tmp_path / "d.pptx")
    raw = [p for p in lint_deck(tmp_path / "d.pptx") if p.code == "lint.raw-code"]
    # Prose mentioning a code passes, so does a one-letter prefix ("e-post"); a hyphenated word alone is
    # indistinguishable from an id (a known limit).
    assert [p.field for p in raw] == ["Table 2 r3c1"]


def test_no_break_spaces_pass_and_plain_ones_are_one_problem_a_shape(tmp_path):
    prs = Presentation(TEMPLATE)
    _slide(prs, "Title", "Cover")
    _table(_slide(prs, "Table", "Targets"), [["KPI", "Target"], ["Answer time", "45\u00a0seconds by Mar\u00a031,\u00a02027"],
                                             ["Cost", "118\u00a0000\u00a0zł (III\u00a0kw.\u00a02026)"],
                                             ["Agents", "2 of 4 sites, 120 agents"]])
    _table(_slide(prs, "Table", "More"), [["KPI", "Target"], ["Answer time", "45 seconds"], ["Cost", "118,000 PLN"]])
    prs.save(tmp_path / "d.pptx")
    (problem,) = lint_deck(tmp_path / "d.pptx")
    assert (problem.code, problem.line, problem.field) == ("lint.unit-space", 3, "Table 2 r2c2")
    assert problem.message.startswith('"45 seconds" breaks at a plain space (2 in this shape)')


def test_budget_option_overrides_the_file_name(tmp_path):
    path = _clean_deck(tmp_path / "deck.pptx")
    assert lint_deck(path) == []
    assert [p.code for p in lint_deck(path, budget=1)] == ["lint.budget"]


def test_deck_kind_from_the_registry_outputs():
    assert deck_kind("build/acme/acme-cs-plan-pl-internal.pptx") == "cs-plan"
    assert deck_kind("acme-qbr-2026-Q3-en.pptx") == "qbr"
    assert deck_kind("acme-ebr-2026-Q3-sv.pptx") == "ebr"
    assert deck_kind("notes.pptx") is None


def test_contrast_is_one_problem_a_table_and_colour_pair(tmp_path):
    prs = Presentation(TEMPLATE)
    _slide(prs, "Title", "Cover")
    table = _table(_slide(prs, "Table", "Status"), [["KPI", "Status"], ["a", "On track"], ["b", "On track"]]).table
    for r in (1, 2):
        cell = table.cell(r, 1)
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor(0x2E, 0x8B, 0x57)
        cell.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    prs.save(tmp_path / "d.pptx")
    (problem,) = lint_deck(tmp_path / "d.pptx")
    assert (problem.code, problem.line, problem.field) == ("lint.contrast", 2, "Table 2 r2c2")
    assert "4.25:1 (2 cells from here)" in problem.message


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio(RGBColor(0, 0, 0), RGBColor(0xFF, 0xFF, 0xFF)) == pytest.approx(21)
    assert contrast_ratio(RGBColor(0xFF, 0xFF, 0xFF), RGBColor(0x2E, 0x8B, 0x57)) == pytest.approx(4.25, abs=0.01)


# ----------------------------------------------------------------- the command line


def _csplan(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``csplan --root ROOT ARGS…`` from ``root`` and return the finished process."""
    return subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), *args], capture_output=True,
                          text=True, env=cli_env(NO_COLOR="1", PYTHONPATH=str(ROOT)), cwd=root, timeout=300)


@pytest.mark.cli
def test_cli_exit_codes(tmp_path, bad):
    path, where = bad
    clean = _clean_deck(tmp_path / "clean.pptx")
    run = _csplan(tmp_path, "lint", "clean.pptx")
    assert (run.returncode, run.stdout, run.stderr) == (0, "clean.pptx: ok\n", "")
    run = _csplan(tmp_path, "lint", "clean.pptx", path.name)
    assert run.returncode == 1
    for defect in where:
        assert f"[{defect.split('/')[0]}]" in run.stdout
    assert f"{path.name}:3: Table 2: continuation slide holds 1 body row" in run.stdout
    assert run.stdout.endswith(f"clean.pptx: ok\n{path.name}: {len(lint_deck(path))} problems\n")
    assert clean.exists()


@pytest.mark.cli
def test_build_lint_lints_what_it_wrote(tmp_path):
    root = copy_project(tmp_path / "project")
    run = _csplan(root, "build", "acme", "--lang", "en", "--lint")
    assert "Traceback" not in run.stderr
    out = run.stdout.splitlines()
    assert out[0] == "wrote build/acme/acme-cs-plan-en.pptx"
    # The example decks are not lint-clean yet (bench/lint_examples.py has the figures): exit 1, with a count.
    assert out[-1].startswith("build/acme/acme-cs-plan-en.pptx: ")
    assert run.returncode == (0 if out[-1].endswith(": ok") else 1)


def test_a_no_break_space_makes_one_word_for_the_width_check(tmp_path):
    prs = Presentation(TEMPLATE)
    _slide(prs, "Title", "Cover")
    # Each half fits the column; glued by U+00A0 or U+202F, the whole is one word and does not.
    _table(_slide(prs, "Table", "Owners"), [["Owner"], ["Krzysztof Lewandowski"], ["Krzysztof\u00a0Lewandowski"],
                                            ["2026\u202fLewandowski"]], width=Inches(1.6))
    prs.save(tmp_path / "d.pptx")
    wide = [p for p in lint_deck(tmp_path / "d.pptx") if p.code == "lint.word-too-wide"]
    assert [p.field for p in wide] == ["Table 2 r3c1", "Table 2 r4c1"]


def test_lint_measures_in_the_font_found_in_the_templates_fonts_folder_as_the_build(tmp_path, monkeypatch):
    import shutil

    from conftest import TESTS
    from pipeline import measure
    from pipeline.cli import main

    corp = tmp_path / "corp" / "corp.pptx"
    (corp.parent / "fonts").mkdir(parents=True)
    for suffix in (".pptx", ".yaml"):
        shutil.copyfile(TESTS / "fixtures" / "templates" / "pptx" / f"lo-dejavu{suffix}", corp.with_suffix(suffix))
    asked = []
    real = measure.use_font
    monkeypatch.setattr(measure, "use_font", lambda family, folder=None: asked.append((family, folder)) or
                        real(family, folder))
    # A deck without slides: only its template's font is looked up.
    assert main(["--root", str(tmp_path), "lint", "--template", str(corp), str(corp)]) == 0
    assert asked == [("DejaVu Sans", corp.parent / "fonts")]
    measure.use_font("Calibri")
