"""Long prose and long table cells stay inside their slides, as LibreOffice draws them.

A tmp customer derived from content/acme gets a 3,000-character executive
summary (several paragraphs of long sentences), a 3,000-character "size" in
the two-column profile table and a 3,000-character "how measured" in the
narrow column of the six-column KPI table. The English deck is built
in-process, converted to PDF with LibreOffice, and read back with
``pdftotext -bbox-layout``:

  * every word on every page lies inside the page, and above the footer line
    (the content area ends 6.6 in = 475.2 pt from the top) unless it is the
    footer itself;
  * every word of each long text appears in the PDF, in order (continued
    slides titled "… (2 of 3)" are fine).
"""

from __future__ import annotations

import random
import re

import pytest
import yaml

from conftest import EPOCH_2026_11_22
from pipeline.project import Project
from deck_helpers import copy_project, layout_problems, pdf_pages, pdf_words, soffice_to_pdf

LONG = 3000
WORDS = ("depot dispatcher shipper coordinator warehouse routing callback queue agent manager survey budget "
         "carrier contract network outage gateway review quarter pilot rollout training adoption meeting "
         "report telephony migration licence handset screen order customer planning season schedule").split()


def long_prose(seed: int, paragraphs: bool = True) -> str:
    """Return about 3,000 characters of numbered sentences, in paragraphs of four sentences."""
    rng = random.Random(seed)
    sentences, n = [], 0
    while sum(len(s) + 1 for s in sentences) < LONG:
        n += 1
        words = [rng.choice(WORDS) for _ in range(rng.randint(18, 30))]
        sentences.append(f"Sentence {seed}{n:02d} says the " + " ".join(words) + ".")
    if not paragraphs:
        return " ".join(sentences)
    return "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))


def tokens(text: str) -> list[str]:
    return [t for t in (re.sub(r"[^\w-]", "", w) for w in text.split()) if t]


def missing_in_order(needle: list[str], haystack: list[str]) -> list[str]:
    """Return the words of ``needle`` not found, in order, in ``haystack`` (empty when all are)."""
    pos = 0
    for i, w in enumerate(needle):
        while pos < len(haystack) and haystack[pos] != w:
            pos += 1
        if pos == len(haystack):
            return needle[i:]
        pos += 1
    return []


@pytest.fixture(scope="module")
def long_pptx(tmp_path_factory):
    """Build acme with three 3,000-character texts; return (pptx, texts)."""
    from pipeline.build import build
    from pipeline.registry import Target

    root = copy_project(tmp_path_factory.mktemp("long") / "project")
    folder = root / "content" / "acme"
    texts = {"summary": long_prose(1), "size": long_prose(2, paragraphs=False),
             "how_measured": long_prose(3, paragraphs=False)}
    assert all(len(t) >= LONG for t in texts.values())
    customer = yaml.safe_load((folder / "customer.yaml").read_text("utf-8"))
    customer["summary"] = texts["summary"]
    customer["size"] = texts["size"]
    (folder / "customer.yaml").write_text(yaml.safe_dump(customer, allow_unicode=True, sort_keys=False), "utf-8")
    outcomes = yaml.safe_load((folder / "outcomes.yaml").read_text("utf-8"))
    outcomes["outcomes"][0]["initiatives"][0]["kpis"][0]["how_measured"] = texts["how_measured"]
    (folder / "outcomes.yaml").write_text(yaml.safe_dump(outcomes, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        built = build(Project(root), Target("acme", "cs-plan", "en"))
    assert built.ok, "\n".join(str(p) for p in built.problems)
    return built.written[0], texts


@pytest.fixture(scope="module")
def long_deck(long_pptx, tmp_path_factory):
    """Convert the long-text deck to PDF with LibreOffice; return (pptx, pdf, texts)."""
    deck, texts = long_pptx
    work = tmp_path_factory.mktemp("long-pdf")
    pdf = soffice_to_pdf(deck, work / "pdf", work / "lo-profile")
    return deck, pdf, texts


@pytest.mark.libreoffice
def test_long_texts_stay_inside_their_slides(long_deck):
    from pptx import Presentation

    deck, pdf, _texts = long_deck
    assert pdf_pages(pdf) == len(Presentation(str(deck)).slides)
    problems = layout_problems(deck, pdf)
    assert not problems, "text outside its slide area:\n" + "\n".join(problems)


@pytest.mark.libreoffice
@pytest.mark.parametrize("field", ["summary", "size", "how_measured"])
def test_every_word_of_a_long_text_is_in_the_pdf(long_deck, field):
    _deck, pdf, texts = long_deck
    _sizes, words = pdf_words(pdf)
    got = tokens(" ".join(w.text for w in words))
    lost = missing_in_order(tokens(texts[field]), got)
    assert not lost, f"{field}: {len(lost)} words missing or out of order from the PDF, from {lost[:12]}"


def test_long_summary_is_shrunk_no_further_than_the_minimum_size(long_pptx):
    # Prose that does not fit at 18 pt is sized down to at most body_min (11 pt), then continued.
    from pptx import Presentation

    deck, texts = long_pptx
    slides = [s for s in Presentation(str(deck)).slides if s.shapes.title is not None and
              s.shapes.title.text_frame.text.startswith("About Acme Logistics")]
    assert slides
    sizes = {r.font.size.pt for s in slides for ph in s.placeholders if ph.placeholder_format.idx == 1
             for p in ph.text_frame.paragraphs for r in p.runs}
    assert sizes and min(sizes) >= 11, sizes
    assert max(sizes) < 18, f"3,000 characters of prose kept the full body size: {sizes}"
    text = " ".join(ph.text_frame.text for s in slides for ph in s.placeholders if ph.placeholder_format.idx == 1)
    assert tokens(text) == tokens(texts["summary"])
