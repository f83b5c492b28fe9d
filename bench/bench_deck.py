"""Benchmark: building one CS plan deck, against a bare python-pptx script of the same size.

Usage: .venv/bin/python bench/bench_deck.py [CUSTOMER] [--repeat N]

Prints the in-process time (view + render + normalise), the whole
`csplan build` process time, the bare script's process time, and the ratio
of the two process times; then the same two processes pinned to one core
(where a build cannot overlap its content check with the renderer's start). Figures are medians of N runs in one go, so
compare ratios, not seconds: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = textwrap.dedent('''
    import sys
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches, Pt
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    slides, tables, charts, rows, out = (int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]),
                                         int(sys.argv[4]), sys.argv[5])
    # Drawn visuals: per slide, one group of that many shapes (the deck's tiles, bars, cards, chips),
    # cycling through the kinds the deck draws: text boxes, rounded rectangles, dots, diamonds, lines.
    drawn = [int(n) for n in sys.argv[7].split(",") if n] if len(sys.argv) > 7 else []
    prs = Presentation(sys.argv[6])
    layout = prs.slide_layouts[0]
    for i in range(slides):
        s = prs.slides.add_slide(layout)
        if i < len(drawn) and drawn[i]:
            # "flat" puts them on the slide itself: python-pptx then need not re-fit a group's extents
            # after every shape, so that run is the cheaper bound.
            g = s if sys.argv[8:] == ["flat"] else s.shapes.add_group_shape()
            for k in range(drawn[i]):
                x, y = Inches(0.6 + k % 10), Inches(1.4 + k // 10 * 0.3)
                kind = k % 5
                if kind == 0:
                    sh = g.shapes.add_textbox(x, y, Inches(1.2), Inches(0.3))
                elif kind == 4:
                    g.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x, y, x + Inches(1), y)
                    continue
                else:
                    sh = g.shapes.add_shape((MSO_SHAPE.ROUNDED_RECTANGLE, MSO_SHAPE.OVAL, MSO_SHAPE.DIAMOND)[kind - 1],
                                            x, y, Inches(1.2), Inches(0.3))
                sh.text_frame.text = f"shape {k} text"
                sh.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
        if i < tables:
            t = s.shapes.add_table(rows, 4, Inches(0.6), Inches(1.4), Inches(11), Inches(4)).table
            for r in range(rows):
                for c in range(4):
                    cell = t.cell(r, c)
                    cell.text = f"row {r} col {c} some words of text"
                    cell.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
        elif i < tables + charts:
            data = CategoryChartData()
            data.categories = ["Baseline", "Latest", "Target"]
            data.add_series("KPI", (1, 2, 3))
            s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.6), Inches(1.4), Inches(5), Inches(4), data)
        s.notes_slide.notes_text_frame.text = "Source: content"
    prs.save(out)
''')


def _time(cmd: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> int:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("customer", nargs="?", default="acme")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))

    from pptx import Presentation

    from pipeline.artifacts import deck_template
    from pipeline.check import check_customer
    from pipeline.i18n import translator
    from pipeline.project import Project
    from pipeline.registry import get
    from pipeline.render.pptx import render_deck
    from pipeline.view.cs_plan import cs_plan_view
    from pipeline.write import zip_entries

    # Time csplan as installed: with its bytecode compiled (make does this; a
    # PYTHONDONTWRITEBYTECODE environment would otherwise recompile every run).
    import compileall

    compileall.compile_dir(ROOT / "pipeline", quiet=1)
    project = Project(ROOT)
    plan = check_customer(project, args.customer, ["cs-plan"]).plan
    template, template_bytes = deck_template(project.templates / "pptx" / "default.pptx")
    locale = plan.customer.output_locales[0]
    logo = plan.assets[plan.customer.logo].read_bytes() if plan.customer.logo else None

    def in_process() -> bytes:
        deck = cs_plan_view(plan, locale, translator(locale), f"content/{args.customer}", logo,
                            get("cs-plan").storyline)
        return zip_entries(render_deck(deck, template, template_bytes), "2026-01-01T00:00:00Z")

    in_process()  # warm caches (metrics, markdown parser) as a long-running process would have them
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        data = in_process()
        times.append(time.perf_counter() - start)
    in_proc = statistics.median(times)

    with tempfile.TemporaryDirectory() as tmp:
        deck_path = Path(tmp) / "deck.pptx"
        deck_path.write_bytes(data)
        prs = Presentation(deck_path)
        n_slides = len(prs.slides)
        n_tables = sum(1 for s in prs.slides for sh in s.shapes if sh.has_table)
        n_charts = sum(1 for s in prs.slides for sh in s.shapes if sh.has_chart)
        rows = max(1, round(sum(len(sh.table.rows) for s in prs.slides for sh in s.shapes if sh.has_table)
                            / max(n_tables, 1)))
        # Drawn shapes: per slide, every shape inside a drawn visual's group (groups flattened).
        def leaves(shapes):
            for sh in shapes:
                if sh.shape_type == 6:  # a group
                    yield from leaves(sh.shapes)
                else:
                    yield sh

        drawn = [sum(1 for g in s.shapes if g.shape_type == 6 for _ in leaves(g.shapes)) for s in prs.slides]
        n_drawn = sum(drawn)
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        csplan = [sys.executable, "-m", "pipeline", "build", args.customer, "--lang", locale]
        bare_cmd = [sys.executable, str(bare), str(n_slides), str(n_tables), str(n_charts), str(rows),
                    str(Path(tmp) / "bare.pptx"), str(ROOT / "templates" / "pptx" / "default.pptx"), ",".join(map(str, drawn))]
        whole = _time(csplan, args.repeat)
        bare_t = _time(bare_cmd, args.repeat)
        flat_t = _time(bare_cmd + ["flat"], args.repeat)
        # On one core the content check cannot overlap the renderer's start
        # (pipeline/overlap.py): the figure a single-core machine would see.
        one_core = None
        if shutil.which("taskset"):
            pin = ["taskset", "-c", "0"]
            one_core = (_time(pin + csplan, args.repeat), _time(pin + bare_cmd, args.repeat))
        imp = _time([sys.executable, "-c", "import pptx"], args.repeat)
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_batch import pandoc_deck_seconds

        pandoc = pandoc_deck_seconds(n_slides, n_tables, rows, Path(tmp))

    print(f"deck: {args.customer} ({locale}), {n_slides} slides, {n_tables} tables, {n_charts} charts, "
          f"{n_drawn} drawn shapes")
    print(f"in-process build (view+render+normalise): {in_proc * 1000:.0f} ms")
    print(f"csplan build process:                     {whole * 1000:.0f} ms")
    print(f"bare python-pptx script process:          {bare_t * 1000:.0f} ms")
    print(f"python -c 'import pptx':                  {imp * 1000:.0f} ms")
    print(f"bare script, drawn shapes not grouped:    {flat_t * 1000:.0f} ms")
    print(f"ratio csplan/bare: {whole / bare_t:.2f}x (target <= 1.25x); against the ungrouped bare script: "
          f"{whole / flat_t:.2f}x")
    if one_core is not None:
        print(f"pinned to one core (taskset): csplan {one_core[0] * 1000:.0f} ms, bare {one_core[1] * 1000:.0f} ms, "
              f"ratio {one_core[0] / one_core[1]:.2f}x")
    if pandoc is None:
        print("pandoc: not installed (apt-get install pandoc); comparison skipped")
    else:
        print(f"pandoc writing a deck of the same size from Markdown: {pandoc * 1000:.0f} ms (process); "
              f"ratio in-process/pandoc: {in_proc / pandoc:.2f}x (target <= 1x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
