"""End-to-end review decks (QBR/EBR) of every example customer, built through the real command line.

Every review file of every customer in content/ is built once per session
(``csplan build <customer> --artifact qbr --period <period>``) into a tmp copy
of the project, and once more with TZ=Asia/Tokyo into another copy. Proves:

  * each example customer has at least three reviews and one has an EBR, and
    each review builds one deck per output locale, named by kind and period;
  * the dump of every review deck matches its snapshot;
  * a second build in another folder and time zone gives identical bytes;
  * LibreOffice converts every review deck to a PDF with one page per slide,
    every word on the page and above the footer line;
  * the KPI charts have one point per review period, with flat baseline and
    target lines, and the health score equals the hand calculation;
  * every text of the latest review file shows in its deck; every slide's
    notes name files that exist;
  * command-line mistakes end in one line and exit 2, content problems in 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from deck_helpers import (
    CUSTOMERS, EXAMPLES, MARKDOWN, NOT_TEXT, ROOT, cli_env, copy_project, deck_haystack, decks_layout_problems,
    example_locales, markdown_plain,
    run_csplan, run_parallel, strip_marks, text_values, _squash,
)

pytestmark = pytest.mark.cli  # runs csplan in subprocesses; `make test-fast` leaves it out


def reviews_of(name: str) -> dict[str, str]:
    """Return a customer's reviews as {period: kind} from the file names and their kind."""
    folder = EXAMPLES / name / "reviews"
    if not folder.is_dir():
        return {}
    return {p.stem: yaml.safe_load(p.read_text("utf-8"))["kind"] for p in sorted(folder.glob("*.yaml"))}


def locales_of(root: Path, name: str) -> list[str]:
    """Return the customer's output locales as written in customer.yaml."""
    return list(yaml.safe_load((root / "content" / name / "customer.yaml").read_text("utf-8"))["output_locales"])


def review_deck(root: Path, name: str, kind: str, period: str, locale: str) -> Path:
    """Return where a review deck is written."""
    return root / "build" / name / f"{name}-{kind}-{period}-{locale}.pptx"


# Keys of a review file whose values are references or choices, shown as names and labels.
REVIEW_REFS = {"attendees", "barrier", "rag", "of", "next_review"} - NOT_TEXT
CASES = [(name, period, kind) for name in CUSTOMERS for period, kind in reviews_of(name).items()]


@dataclass
class ReviewBuilds:
    """Every review of every example customer, built in two project copies."""

    root: Path
    tokyo_root: Path
    results: dict = field(default_factory=dict)  # (name, period) -> CompletedProcess
    _dumps: dict = field(default_factory=dict)

    def deck(self, name: str, period: str, locale: str, root: Path | None = None) -> Path:
        """Return the deck of one review in one locale (built as its file's kind says)."""
        return review_deck(root or self.root, name, reviews_of(name)[period], period, locale)

    def dump(self, name: str, period: str, locale: str) -> str:
        """Return (and cache) the ``csplan dump`` text of a review deck."""
        key = (name, period, locale)
        if key not in self._dumps:
            from pipeline.dump import dump

            self._dumps[key] = dump(self.deck(name, period, locale))
        return self._dumps[key]


@pytest.fixture(scope="session")
def review_builds(tmp_path_factory) -> ReviewBuilds:
    root = copy_project(tmp_path_factory.mktemp("reviews") / "project")
    tokyo = copy_project(tmp_path_factory.mktemp("reviews-tokyo") / "project")
    jobs = {}
    for name, period, _kind in CASES:
        args = ("build", name, "--artifact", "qbr", "--period", period)
        jobs[("utc", name, period)] = (root, args, cli_env(TZ="UTC"))
        jobs[("tokyo", name, period)] = (tokyo, args, cli_env(TZ="Asia/Tokyo"))
    done = run_parallel(jobs, limit=max(2, os.cpu_count() or 2))
    builds = ReviewBuilds(root, tokyo)
    builds.results = {(name, period): done[("utc", name, period)] for name, period, _k in CASES}
    return builds


def built(builds: ReviewBuilds, name: str, period: str):
    """Return the build of one review, failing with its report when it did not build."""
    res = builds.results[(name, period)]
    assert res.returncode == 0, f"{name} {period}: exit {res.returncode}\n{res.stderr}"
    return res


# ----------------------------------------------------------------- the examples


def test_every_example_customer_has_three_reviews_and_one_an_ebr():
    assert CUSTOMERS
    for name in CUSTOMERS:
        assert len(reviews_of(name)) >= 3, f"{name}: fewer than three reviews"
        assert (EXAMPLES / name / "health.yaml").is_file(), f"{name}: no health.yaml"
    kinds = [kind for name in CUSTOMERS for kind in reviews_of(name).values()]
    assert "ebr" in kinds and "qbr" in kinds


@pytest.mark.parametrize(("name", "period", "kind"), CASES, ids=[f"{n}-{p}" for n, p, _k in CASES])
def test_each_review_builds_one_deck_per_locale(review_builds, name, period, kind):
    from pptx import Presentation

    res = built(review_builds, name, period)
    locales = locales_of(review_builds.root, name)
    wrote = [line for line in res.stdout.splitlines() if line.startswith("wrote ")]
    assert wrote == [f"wrote build/{name}/{name}-{kind}-{period}-{loc}.pptx" for loc in locales]
    for locale in locales:
        prs = Presentation(str(review_builds.deck(name, period, locale)))
        assert prs.core_properties.language == locale
        assert len(prs.slides) >= (8 if kind == "qbr" else 6)


def _snapshot_cases():
    cases = []
    for name, period, _kind in CASES:
        for locale in example_locales(name):
            cases.append(pytest.param(name, period, locale, id=f"{name}-{period}-{locale}"))
    return cases


@pytest.mark.parametrize(("name", "period", "locale"), _snapshot_cases())
def test_review_deck_dump_snapshot(review_builds, name, period, locale, snapshot):
    built(review_builds, name, period)
    assert review_builds.dump(name, period, locale) == snapshot


@pytest.mark.parametrize(("name", "period", "kind"), CASES, ids=[f"{n}-{p}" for n, p, _k in CASES])
def test_review_decks_are_byte_identical_across_runs_and_time_zones(review_builds, name, period, kind):
    built(review_builds, name, period)
    for locale in locales_of(review_builds.root, name):
        first = review_builds.deck(name, period, locale).read_bytes()
        again = review_builds.deck(name, period, locale, review_builds.tokyo_root).read_bytes()
        assert first == again, f"{name} {period} {locale}: another folder and TZ gave different bytes"


@pytest.mark.libreoffice
def test_libreoffice_converts_every_review_deck(review_builds, tmp_path):
    decks = [review_builds.deck(n, p, loc) for n, p, _k in CASES for loc in locales_of(review_builds.root, n)]
    for n, p, _k in CASES:
        built(review_builds, n, p)
    problems = decks_layout_problems(decks, tmp_path)
    assert not problems, "text or shapes outside their slide area:\n" + "\n".join(problems)


# ----------------------------------------------------------------- what the acme QBR shows


def _charts(deck: Path):
    from pptx import Presentation

    for n, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in slide.shapes:
            if shape.has_chart:
                yield n, slide, shape.chart


def test_kpi_charts_have_one_point_per_review_period(review_builds):
    built(review_builds, "acme", "2026-Q3")
    periods = sorted(reviews_of("acme"))
    deck = review_builds.deck("acme", "2026-Q3", "en")
    kpi_charts = [c for _n, _s, c in _charts(deck) if [s.name for s in c.plots[0].series] == [
        "Reading", "Baseline", "Target"]]
    kpis = yaml.safe_load((EXAMPLES / "acme" / "outcomes.yaml").read_text("utf-8"))
    count = sum(len(i["kpis"]) for o in kpis["outcomes"] for i in o["initiatives"])
    assert len(kpi_charts) == count + 2  # every KPI in the appendix, the two that moved most in the main flow
    for chart in kpi_charts:
        assert list(chart.plots[0].categories) == ["Q1\u00a02026", "Q2\u00a02026", "Q3\u00a02026"][: len(periods)]
        reading, baseline, target = chart.plots[0].series
        assert len(reading.values) == len(periods)
        assert len(set(baseline.values)) == 1 and len(set(target.values)) == 1
    answer = next(c for c in kpi_charts if c.chart_title.text_frame.text.startswith("Average speed of answer"))
    assert list(answer.plots[0].series[0].values) == [118, 84, 61]


def test_the_health_score_shown_is_the_hand_calculation(review_builds):
    built(review_builds, "acme", "2026-Q3")
    text = review_builds.dump("acme", "2026-Q3", "en")
    # 18 (subjective) + 69.6 (objective), see tests/health/test_health.py; up 16.8 from Q2's 70.8.
    assert "Health score: 87.6 of 100 (↑ +16.8 since Q2 2026)" in text  # the executive summary's lead
    assert "title: Customer health score / Health up 16.8 points to 87.6" in text
    assert 'series "Health score": 33.6 | 70.8 | 87.6' in text


def test_every_text_of_the_review_shows_in_its_deck(review_builds):
    # Main flow or appendix; renewal and its opportunities only in the internal variant (built here).
    name = "acme"
    for period, kind in reviews_of(name).items():
        if kind != "qbr":
            continue
        built(review_builds, name, period)
        internal = run_csplan(review_builds.root, "build", name, "--artifact", "qbr", "--period", period,
                              "--audience", "internal")
        assert internal.returncode == 0, internal.stderr
        data = yaml.safe_load((EXAMPLES / name / "reviews" / f"{period}.yaml").read_text("utf-8"))
        for locale in locales_of(review_builds.root, name):
            from pipeline.dump import dump

            hay = deck_haystack(review_builds.dump(name, period, locale))
            inner = deck_haystack(dump(review_builds.root / "build" / name /
                                       f"{name}-{kind}-{period}-{locale}-internal.pptx"))
            flat = " ".join(hay.split())
            missing = []
            for where, key, value in text_values(data, locale, "en"):
                if key in REVIEW_REFS:
                    continue
                if where.startswith("renewal"):
                    want = strip_marks(markdown_plain(value)[0] if key in MARKDOWN else _squash(value))
                    if want not in inner and want not in " ".join(inner.split()):
                        missing.append(f"{period} [{locale}, internal] {where}: {want[:100]!r}")
                    if want in hay:
                        missing.append(f"{period} [{locale}] {where} shows in the customer's deck: {want[:100]!r}")
                    continue
                wants = markdown_plain(value) if key in MARKDOWN else [_squash(value)]
                for want in wants:
                    want = strip_marks(want)
                    if want and want not in hay and want not in flat:
                        missing.append(f"{period} [{locale}] {where}: {want[:100]!r}")
            assert not missing, "\n".join(missing)


def test_every_review_slide_names_existing_source_files(review_builds):
    import re

    from pptx import Presentation

    for name, period, _kind in CASES:
        built(review_builds, name, period)
        for locale in locales_of(review_builds.root, name):
            for n, slide in enumerate(Presentation(str(review_builds.deck(name, period, locale))).slides, 1):
                notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
                refs = re.findall(r"content/[\w./-]+\.yaml", notes)
                assert refs, f"{name} {period} {locale} slide {n}: notes {notes!r}"
                for ref in refs:
                    assert (review_builds.root / ref).is_file(), f"{name} {period} slide {n}: {ref} does not exist"


# ----------------------------------------------------------------- the command line


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("review-cli") / "project")


def test_the_latest_review_is_built_by_default_and_its_kind_decides(project):
    res = run_csplan(project, "build", "wisla-foods", "--artifact", "qbr", "--lang", "en")
    latest = max(reviews_of("wisla-foods"))
    kind = reviews_of("wisla-foods")[latest]
    assert res.returncode == 0, res.stderr
    assert res.stdout == f"wrote build/wisla-foods/wisla-foods-{kind}-{latest}-en.pptx\n"
    ebr = run_csplan(project, "build", "wisla-foods", "--artifact", "qbr", "--period", "2026-Q2", "--lang", "en")
    assert ebr.stdout == "wrote build/wisla-foods/wisla-foods-ebr-2026-Q2-en.pptx\n", ebr.stderr


def test_the_executive_cut_of_a_qbr_has_fewer_slides(project):
    from pptx import Presentation

    qbr = run_csplan(project, "build", "acme", "--artifact", "qbr", "--period", "2026-Q3", "--lang", "en")
    ebr = run_csplan(project, "build", "acme", "--artifact", "ebr", "--period", "2026-Q3", "--lang", "en")
    assert qbr.returncode == 0 and ebr.returncode == 0, qbr.stderr + ebr.stderr
    assert ebr.stdout == "wrote build/acme/acme-ebr-2026-Q3-en.pptx\n"
    q = Presentation(str(project / "build/acme/acme-qbr-2026-Q3-en.pptx"))
    e = Presentation(str(project / "build/acme/acme-ebr-2026-Q3-en.pptx"))
    assert len(e.slides) < len(q.slides)
    titles = [s.shapes.title.text_frame.paragraphs[-1].text for s in e.slides]  # the headline, after the kicker
    # The executive cut: value, health, strategic roadmap, asks and actions, then the appendix.
    assert titles.index("Appendix") <= 8
    assert {"3 of 4 outcomes on track, 1 at risk", "Health up 16.8 points to 87.6"} <= set(titles)


@pytest.mark.parametrize(("args", "message"), [
    (("--artifact", "qbr", "--period", "2026Q3"), "csplan build: --period '2026Q3' is not a quarter; write YYYY-Qn"),
    (("--artifact", "qbr", "--period", "2025-Q1"), "csplan build: acme has no review for 2025-Q1"),
    (("--artifact", "cs-plan", "--period", "2026-Q3"), "csplan build: --period picks a review"),
])
def test_command_line_mistakes_exit_2_in_one_line(project, args, message):
    res = run_csplan(project, "build", "acme", *args)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith(message) and res.stderr.count("\n") == 1, res.stderr
    assert "Traceback" not in res.stderr


def test_a_customer_without_reviews_gets_a_located_problem(tmp_path):
    from conftest import copy_fixture

    root = copy_project(tmp_path / "p")
    copy_fixture("valid/reviewed", root, "lonely")
    shutil.rmtree(root / "content" / "lonely" / "reviews")
    (root / "content" / "lonely" / "health.yaml").unlink()
    res = run_csplan(root, "build", "lonely", "--artifact", "qbr")
    assert res.returncode == 1
    assert "content/lonely/reviews/: lonely has no reviews yet" in res.stderr and "[review.none]" in res.stderr


def test_check_fails_with_file_line_and_field_for_a_bad_review_or_model(tmp_path):
    root = copy_project(tmp_path / "p")
    review = root / "content" / "acme" / "reviews" / "2026-Q3.yaml"
    review.write_text(review.read_text("utf-8").replace("attendees: [tomasz-wrobel,", "attendees: [tomasz-wrobell,"),
                      "utf-8")
    res = run_csplan(root, "check", "acme")
    assert res.returncode == 1
    assert ("content/acme/reviews/2026-Q3.yaml:6:13: attendees[0]: unknown stakeholder 'tomasz-wrobell'; "
            "did you mean 'tomasz-wrobel'?") in res.stdout
    model = root / "content" / "_partner" / "health-model.yaml"
    model.write_text(model.read_text("utf-8").replace("      weight: 25\n", "      weight: 30\n", 1), "utf-8")
    res = run_csplan(root, "check", "acme")
    assert "content/_partner/health-model.yaml:" in res.stdout
    assert "offers[0].components: the weights of the 4 objective components of 'uc-suite' add up to 105 %" in res.stdout
    # The shared file's problem is printed once, though every customer reports it.
    everyone = run_csplan(root, "check")
    assert everyone.stdout.count("add up to 105 %") == 1


def test_a_broken_review_blocks_its_deck_but_not_the_plan_deck(tmp_path):
    # A plan deck is built from the plan alone: a half-written review (or the
    # shared health model's warnings) must not hold it up or clutter it.
    root = copy_project(tmp_path / "p")
    review = root / "content" / "acme" / "reviews" / "2026-Q3.yaml"
    review.write_text(review.read_text("utf-8").replace("attendees: [tomasz-wrobel,", "attendees: [nobody,"),
                      "utf-8")
    plan = run_csplan(root, "build", "acme", "--lang", "en")
    assert plan.returncode == 0, plan.stderr
    assert plan.stderr == ""  # no review problem, no health-model warning
    qbr = run_csplan(root, "build", "acme", "--artifact", "qbr", "--lang", "en")
    assert qbr.returncode == 1
    assert "content/acme/reviews/2026-Q3.yaml:6:13: attendees[0]: unknown stakeholder 'nobody'" in qbr.stderr


def test_make_qbr_passes_customer_and_period():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    res = subprocess.run([make, "-n", "qbr", "CUSTOMER=acme", "PERIOD=2026-Q2"], cwd=ROOT, capture_output=True,
                         text=True, env={**os.environ, "MAKEFLAGS": ""})
    assert res.returncode == 0, res.stderr
    assert "build 'acme' --artifact qbr --period '2026-Q2'" in res.stdout  # quoted: tests/cli/test_make_quoting.py
    deck = subprocess.run([make, "-n", "deck", "CUSTOMER=acme"], cwd=ROOT, capture_output=True, text=True)
    assert "--artifact cs-plan" in deck.stdout and "--artifact qbr" in deck.stdout
