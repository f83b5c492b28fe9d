"""Benchmark: a batch build of a generated corpus, with 1 worker and with all cores.

Usage: .venv/bin/python bench/bench_batch.py [--customers 200] [--jobs N] [--keep DIR]

The corpus is the example customers copied under new names (acme-001, …)
until there are ``--customers`` of them, with the project's templates,
catalogs and shared content. It prints: artifacts per second with one worker
and with all cores and their ratio, the time of a no-op rebuild (in-process
and as a whole ``csplan build --all`` process), the peak memory of a worker,
the mean time per artifact kind, and (when pandoc is installed) the time
pandoc needs to write a deck of the same size from Markdown. Figures come
from one run on a shared machine: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_corpus(dest: Path, customers: int) -> Path:
    """Return a project at ``dest`` with ``customers`` customers cloned from the examples."""
    from pipeline.project import Project

    for name in ("templates", "locales"):
        shutil.copytree(ROOT / name, dest / name)
    (dest / "content").mkdir()
    src = ROOT / "examples"  # the pinned examples, so the figures do not move with a team's content/
    examples = Project.customers_in(src)
    if (src / "_partner").is_dir():
        shutil.copytree(src / "_partner", dest / "content" / "_partner")
    # The examples keep their names (the questionnaire's references name
    # them); the rest are copies under numbered names.
    for i in range(customers):
        base = examples[i % len(examples)]
        name = base if i < len(examples) else f"{base}-{i:03d}"
        shutil.copytree(src / base, dest / "content" / name)
    return dest


def timed_build(project, jobs: int, force: bool = False):
    """Return the batch report of one build."""
    from pipeline.batch import build_all

    return build_all(project, jobs=jobs, force=force)


def pandoc_deck_seconds(slides: int, tables: int, rows: int, tmp: Path) -> float | None:
    """Return how long pandoc takes to write a deck of the same size from Markdown (None without pandoc)."""
    if not shutil.which("pandoc"):
        return None
    md = ["---", "title: Benchmark deck", "---", ""]
    for i in range(slides):
        md += [f"# Slide {i + 1}", ""]
        if i < tables:
            md += ["| Name | Owner | Status | Due |", "|---|---|---|---|"]
            md += [f"| row {r} col 0 some words | row {r} col 1 | row {r} col 2 | row {r} col 3 |"
                   for r in range(rows)]
        else:
            md += ["- a point of some length, in plain words", "- another point, **bold** and *italic*"]
        md += ["", "::: notes", "Source: content", ":::", ""]
    src = tmp / "deck.md"
    src.write_text("\n".join(md), encoding="utf-8")
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(["pandoc", str(src), "-o", str(tmp / "pandoc.pptx")], check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> int:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--customers", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the parallel run")
    ap.add_argument("--keep", metavar="DIR", help="build the corpus here and keep it")
    args = ap.parse_args()

    from pipeline.project import Project

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="csplan-bench-"))
    try:
        project = Project(make_corpus(tmp / "corpus", args.customers))
        from pipeline.batch import _warm_up

        _warm_up()  # both runs start with the stages imported, as a worker does
        one = timed_build(project, 1)
        shutil.rmtree(project.build_dir)
        many = timed_build(project, args.jobs)
        start = time.perf_counter()
        noop = timed_build(project, args.jobs)
        noop_in = time.perf_counter() - start
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(project.root), "build", "--all"],
                              capture_output=True, text=True, cwd=ROOT)
        noop_proc = time.perf_counter() - start

        built = one.count("built")
        per_kind = defaultdict(list)
        for o in one.outcomes:
            if o.status == "built":
                per_kind[o.target.artifact].append(o.seconds)
        peak = max((o.peak_kib for o in many.outcomes), default=0)
        rate1 = built / one.seconds
        rate_n = many.count("built") / many.seconds
        print(f"corpus: {args.customers} customers, {len(one.outcomes)} targets "
              f"({built} built, {len(one.failed)} failed)")
        print(f"1 worker:   {rate1:6.2f} artifacts/s ({one.seconds:.1f} s)")
        print(f"{many.workers} workers:  {rate_n:6.2f} artifacts/s ({many.seconds:.1f} s)")
        print(f"ratio {many.workers} workers / 1 worker: {rate_n / rate1:.2f}x (target >= 1.8x with 2)")
        print(f"no-op rebuild: {noop_in * 1000:.0f} ms in-process, {noop_proc * 1000:.0f} ms as a process "
              f"(target < 1 s); {noop.count('up-to-date')} up to date, {noop.count('built')} rebuilt; "
              f"exit {proc.returncode}")
        print(f"peak memory of a worker: {peak / 1024:.0f} MiB")
        for kind, secs in sorted(per_kind.items()):
            print(f"mean time per {kind}: {statistics.mean(secs) * 1000:.0f} ms (n={len(secs)}, "
                  f"check + view + render + write, in a warm worker)")
        deck = next((o for o in one.outcomes if o.status == "built" and o.target.artifact == "cs-plan"), None)
        if deck is not None:
            from pptx import Presentation

            prs = Presentation(project.build_dir / deck.outputs[0]["path"])
            slides = len(prs.slides)
            tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
            rows = max(1, round(sum(len(t.rows) for t in tables) / max(len(tables), 1)))
            pandoc = pandoc_deck_seconds(slides, len(tables), rows, tmp)
            if pandoc is None:
                print("pandoc: not installed (apt-get install pandoc) — comparison skipped")
            else:
                mean = statistics.mean(per_kind["cs-plan"])
                print(f"pandoc writing a {slides}-slide deck with {len(tables)} tables from Markdown: "
                      f"{pandoc * 1000:.0f} ms (process); csplan per deck in a worker: {mean * 1000:.0f} ms; "
                      f"ratio {mean / pandoc:.2f}x (target <= 1x)")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
