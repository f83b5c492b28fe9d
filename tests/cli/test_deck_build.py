"""End-to-end deck builds of every example customer, through the real command line.

Every customer folder in content/ is built once per session, as a subprocess
(``python -m pipeline --root <tmp copy> build <customer>``), into a tmp copy of
the project; the tests below (and test_deck_snapshots.py) reuse those builds.
A customer whose ``csplan check`` fails (a folder still being written) is
skipped with the check's report as the reason.

Proves:
  * the build exits 0, prints one "wrote build/…" line per output locale and
    the files exist and open in python-pptx (point 1);
  * a second build, and a build with TZ=Asia/Tokyo, give identical bytes (2);
  * LibreOffice converts a deck to a PDF with one page per slide, and every
    word of it lies on the page, above the footer line (3);
  * every text value of every section file shows in the deck of every
    output locale (4);
  * every slide's speaker notes name the content files it comes from (10).
"""

from __future__ import annotations

import re

import pytest
import yaml

from deck_helpers import (
    CUSTOMERS, MARKDOWN, SessionBuilds, _squash, customer_build, deck_haystack, decks_layout_problems,
    markdown_plain, session_builds, strip_marks, text_values,
)
from pipeline.registry import PLAN_SECTIONS

pytestmark = pytest.mark.cli  # runs csplan in subprocesses; `make test-fast` leaves it out


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> SessionBuilds:
    """Return every example customer built once per session."""
    return session_builds(tmp_path_factory)


def test_example_customers_are_discovered():
    assert CUSTOMERS, "no customer folders in content/"
    assert "acme" in CUSTOMERS


# ----------------------------------------------------------------- 1. the build


@pytest.mark.parametrize("name", CUSTOMERS)
def test_build_writes_one_deck_per_output_locale(builds, name):
    from pptx import Presentation

    c = customer_build(builds, name)
    res = c.result
    assert res.returncode == 0, f"{name}: csplan build exited {res.returncode}\n{res.stdout}\n{res.stderr}"
    assert c.locales, f"{name}: customer.yaml has no output_locales"
    wrote = [line for line in res.stdout.splitlines() if line.startswith("wrote ")]
    assert wrote == [f"wrote build/{name}/{name}-cs-plan-{loc}.pptx" for loc in c.locales], res.stdout
    for locale in c.locales:
        path = c.decks[locale]
        assert path.is_file(), f"{name}: {path} was not written"
        prs = Presentation(str(path))
        slides = list(prs.slides)
        assert len(slides) >= 10, f"{name}/{locale}: only {len(slides)} slides"
        assert prs.core_properties.language == locale
        assert slides[0].shapes.title.text_frame.text.startswith(
            yaml.safe_load((builds.root / "content" / name / "customer.yaml").read_text("utf-8"))["name"])
    leftovers = [p.name for p in (builds.root / "build" / name).iterdir() if p.suffix != ".pptx"]
    assert leftovers == [], f"{name}: stray files in the build folder: {leftovers}"


# ----------------------------------------------------------------- 2. determinism


@pytest.mark.parametrize("name", CUSTOMERS)
def test_build_is_byte_identical_across_runs_and_time_zones(builds, name):
    # Two independent builds: another process, another project folder, TZ=Asia/Tokyo instead of UTC.
    c = customer_build(builds, name)
    assert c.result.returncode == 0, c.result.stderr
    for locale in c.locales:
        first = c.data.get(locale)
        assert first, f"{name}/{locale}: not built"
        assert c.tokyo.get(locale) == first, (
            f"{name}/{locale}: a second build (TZ=Asia/Tokyo, another folder) gave different bytes")


# ----------------------------------------------------------------- 3. LibreOffice


@pytest.mark.libreoffice
def test_libreoffice_draws_every_plan_deck_inside_its_slides(builds, tmp_path):
    """Every example plan deck in every locale: one page per slide, every word and drawn shape inside its slide."""
    decks = [d for name in CUSTOMERS for d in customer_build(builds, name).decks.values()]
    problems = decks_layout_problems(decks, tmp_path)
    assert not problems, "text or shapes outside their slide area:\n" + "\n".join(problems)


# ----------------------------------------------------------------- 4. every string value


@pytest.mark.parametrize("name", CUSTOMERS)
def test_every_text_value_appears_in_the_deck(builds, name):
    c = customer_build(builds, name)
    source = yaml.safe_load((builds.root / "content" / name / "customer.yaml").read_text("utf-8"))[
        "source_language"]
    missing, checked = [], 0
    for locale in c.locales:
        hay = deck_haystack(c.dump(locale))
        flat = " ".join(hay.split())
        for path in sorted((builds.root / "content" / name).glob("*.yaml")):
            if path.stem not in PLAN_SECTIONS:
                continue  # health.yaml, reference.yaml: shown by the review decks and the reference, not the plan
            data = yaml.safe_load(path.read_text("utf-8")) or {}
            for where, key, value in text_values(data, locale, source):
                wants = markdown_plain(value) if key in MARKDOWN else [_squash(value)]
                for want in wants:
                    checked += 1
                    want = strip_marks(want)
                    if want and want not in hay and want not in flat:
                        missing.append(f"{name} [{locale}] content/{name}/{path.name} {where}: {want[:120]!r}")
    assert checked > 50, f"{name}: only {checked} text values found; is the walk broken?"
    assert not missing, f"{len(missing)} text value(s) missing from the deck:\n" + "\n".join(missing)


# ----------------------------------------------------------------- 10. speaker notes


def test_every_acme_slide_has_notes_naming_its_source_files(builds):
    from pptx import Presentation

    c = customer_build(builds, "acme")
    for locale in c.locales:
        prs = Presentation(str(c.decks[locale]))
        for n, slide in enumerate(prs.slides, 1):
            assert slide.has_notes_slide, f"acme/{locale} slide {n}: no speaker notes"
            notes = slide.notes_slide.notes_text_frame.text
            assert "content/acme/" in notes and ".yaml" in notes, f"acme/{locale} slide {n}: notes {notes!r}"
            for ref in re.findall(r"content/acme/[\w.-]+\.yaml", notes):
                assert (builds.root / ref).is_file(), f"acme/{locale} slide {n}: notes name {ref}, which does not exist"
