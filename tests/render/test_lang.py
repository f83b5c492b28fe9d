"""Language tags: every run of every example deck and document says which language its text is in.

Catalog text and formatted values are in the output locale; content that
fell back to the language it was written in carries that language (a Swedish
sentence in an English document is sv-SE), so spell checkers and screen
readers pick the right dictionary and voice.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import EPOCH_2026_11_22
from deck_helpers import copy_project
from pipeline.render.lang import tag_drawing, tag_styles
from pipeline.view.common import LCIDS
from pipeline.view.lang import Segmenter, language_tag, note

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
TAGS = {"en-US", "pl-PL", "ru-RU", "sv-SE"}


# ----------------------------------------------------------------- segments


def test_a_foreign_text_alone_is_its_language():
    seg = Segmenter({"Energi – elnät och fjärrvärme": "sv"}, "en")
    assert seg.segments("Energi – elnät och fjärrvärme") == [("Energi – elnät och fjärrvärme", "sv")]


def test_a_foreign_phrase_inside_a_catalog_sentence_is_split_out():
    seg = Segmenter({"Patient calling the advice line": "en"}, "sv")
    assert seg.segments("Som Patient calling the advice line vill jag boka tid.") == [
        ("Som ", "sv"), ("Patient calling the advice line", "en"), (" vill jag boka tid.", "sv")]


def test_a_one_word_foreign_text_does_not_tag_the_same_word_inside_a_sentence():
    seg = Segmenter({"all": "sv"}, "en")
    assert seg.segments("Answered all calls") == [("Answered all calls", "en")]
    assert seg.segments("all") == [("all", "sv")]


def test_a_piece_of_a_foreign_text_split_across_boxes_keeps_its_language():
    seg = Segmenter({"Andel fjärrsessioner som autentiseras med MFA, per månad": "sv"}, "en")
    assert seg.segments("som autentiseras med MFA") == [("som autentiseras med MFA", "sv")]


def test_numbers_and_symbols_are_never_foreign():
    foreign: dict[str, str] = {}
    note(foreign, "89 %", "sv", "en")
    note(foreign, "Premium", "sv", "sv")
    assert foreign == {}


def test_language_tags_name_a_region():
    assert [language_tag(x) for x in ("en", "pl", "ru", "sv")] == ["en-US", "pl-PL", "ru-RU", "sv-SE"]


# ----------------------------------------------------------------- XML


def test_a_mixed_run_becomes_one_run_per_language_with_its_formatting():
    p = etree.fromstring(f'<a:p xmlns:a="{A}"><a:r><a:rPr b="1" lang="en-US" altLang="en-US"/>'
                         f'<a:t>Som Patient calling the advice line vill jag</a:t></a:r></a:p>')
    tag_drawing(p, Segmenter({"Patient calling the advice line": "en"}, "sv"))
    runs = p.findall(f"{{{A}}}r")
    assert [(r.find(f"{{{A}}}t").text, r.find(f"{{{A}}}rPr").get("lang"), r.find(f"{{{A}}}rPr").get("b"))
            for r in runs] == [("Som ", "sv-SE", "1"), ("Patient calling the advice line", "en-US", "1"),
                               (" vill jag", "sv-SE", "1")]
    assert all(r.find(f"{{{A}}}rPr").get("altLang") == r.find(f"{{{A}}}rPr").get("lang") for r in runs)


def test_word_styles_default_to_the_output_language():
    styles = etree.fromstring(f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
                              f'<w:sz w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US"/></w:rPr></w:rPrDefault>'
                              f'</w:docDefaults></w:styles>')
    tag_styles(styles, "pl")
    assert styles.find(f".//{{{W}}}lang").get(f"{{{W}}}val") == "pl-PL"


# ----------------------------------------------------------------- every example artifact


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Return every example artifact (decks of every review, references, the questionnaire) by file name."""
    from pipeline.batch import all_targets
    from pipeline.build import build
    from pipeline.project import Project

    project = Project(copy_project(tmp_path_factory.mktemp("lang") / "project"))
    out: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        for target in all_targets(project):
            result = build(project, target)
            assert result.ok, (target, [p.message for p in result.problems.errors][:3])
            out.update({p.name: p for p in result.written})
    return out


def _locale_of(name: str) -> str:
    return re.search(r"-(en|pl|ru|sv)(-internal)?\.(pptx|docx)$", name).group(1)


def _xml(path: Path, pattern: str):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.fullmatch(pattern, name):
                yield name, etree.fromstring(z.read(name))


@pytest.mark.examples
def test_every_run_of_every_deck_carries_a_language(built):
    decks = {n: p for n, p in built.items() if n.endswith(".pptx")}
    assert len(decks) >= 16
    for name, path in decks.items():
        tag = language_tag(_locale_of(name))
        for part, root in _xml(path, r"ppt/(slides/slide|notesSlides/notesSlide|charts/chart)\d+\.xml"):
            for rpr in root.iter(f"{{{A}}}rPr", f"{{{A}}}endParaRPr", f"{{{A}}}defRPr"):
                assert rpr.get("lang") in TAGS, (name, part)
            for run in root.iter(f"{{{A}}}r"):
                text = run.findtext(f"{{{A}}}t") or ""
                lang = run.find(f"{{{A}}}rPr").get("lang")
                assert lang == tag or any(ch.isalpha() for ch in text), (name, part, text, lang)
            if part.startswith("ppt/charts/"):
                assert root.find(f"{{{C}}}lang").get("val") == tag, (name, part)
                lcid = LCIDS[_locale_of(name)]
                codes = {el.get("formatCode") for el in root.iter(f"{{{C}}}numFmt")} | {
                    el.text for el in root.iter(f"{{{C}}}formatCode")}
                assert codes and all(c.startswith(f"[$-{lcid}]") for c in codes), (name, part, codes)
        for part, root in _xml(path, r"ppt/(presentation|slideMasters/slideMaster\d+|slideLayouts/slideLayout\d+"
                                     r"|notesMasters/notesMaster\d+)\.xml"):
            langs = {el.get("lang") for el in root.iter(f"{{{A}}}defRPr", f"{{{A}}}rPr", f"{{{A}}}endParaRPr")}
            assert langs == {tag}, (name, part, langs)


def _runs(path: Path, pattern: str) -> dict[str, set[str]]:
    """Return every run's text → the language tags it is written with in the parts matching ``pattern``."""
    out: dict[str, set[str]] = {}
    for _part, root in _xml(path, pattern):
        if root.tag == f"{{{A}}}p" or root.find(f".//{{{A}}}r") is not None:
            for run in root.iter(f"{{{A}}}r"):
                out.setdefault(run.findtext(f"{{{A}}}t") or "", set()).add(run.find(f"{{{A}}}rPr").get("lang"))
        for run in root.iter(f"{{{W}}}r"):
            lang = run.find(f"{{{W}}}rPr/{{{W}}}lang")
            out.setdefault("".join(run.itertext()), set()).add(None if lang is None else lang.get(f"{{{W}}}val"))
    return out


@pytest.mark.examples
def test_fallback_text_is_tagged_in_the_language_it_is_written_in(built):
    # nordvik-energi writes in Swedish: its English deck and reference show Swedish texts tagged sv-SE,
    # catalog labels en-US (or, in Word, the styles' default).
    deck = _runs(built["nordvik-energi-cs-plan-en.pptx"], r"ppt/slides/slide\d+\.xml")
    assert deck["Appendix"] == {"en-US"}
    swedish = [t for t, langs in deck.items() if langs == {"sv-SE"}]
    assert any("fjärr" in t for t in swedish), swedish[:5]
    ref = _runs(built["nordvik-energi-reference-en.docx"], r"word/document\.xml")
    assert ref["Energi – elnät och fjärrvärme"] == {"sv-SE"}
    assert ref["Customer"] == {None}
    with zipfile.ZipFile(built["nordvik-energi-reference-en.docx"]) as z:
        assert '<w:lang w:val="en-US"' in z.read("word/styles.xml").decode()
    # The same reference in Swedish, inside the Polish questionnaire: Swedish runs, Polish defaults.
    q = _runs(built["cx-questionnaire-pl.docx"], r"word/document\.xml")
    assert q["Energi – elnät och fjärrvärme"] == {"sv-SE"}
    with zipfile.ZipFile(built["cx-questionnaire-pl.docx"]) as z:
        assert '<w:lang w:val="pl-PL"' in z.read("word/styles.xml").decode()


@pytest.mark.examples
def test_a_deck_in_the_source_language_is_all_one_language(built):
    deck = _runs(built["nordvik-energi-cs-plan-sv.pptx"], r"ppt/(slides/slide|charts/chart)\d+\.xml")
    assert {lang for langs in deck.values() for lang in langs} == {"sv-SE"}


@pytest.mark.examples
def test_every_slide_has_a_title_of_its_own(built):
    from collections import Counter

    from pptx import Presentation

    for name, path in built.items():
        if not name.endswith(".pptx"):
            continue
        titles = [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides if s.shapes.title is not None]
        repeated = {t: n for t, n in Counter(titles).items() if n > 1}
        assert not repeated, (name, repeated)


@pytest.mark.examples
def test_every_chart_picture_and_drawn_visual_has_alternative_text(built):
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    for name, path in built.items():
        if not name.endswith(".pptx"):
            continue
        for part, root in _xml(path, r"ppt/slides/slide\d+\.xml"):
            tree = root.find(f".//{{{p}}}spTree")
            for shape in tree:
                kind = etree.QName(shape).localname
                c_nv_pr = next(shape.iter(f"{{{p}}}cNvPr"), None)
                if kind in ("graphicFrame", "pic", "grpSp") and not shape.find(f".//{{{A}}}tbl") is not None:
                    assert c_nv_pr is not None and c_nv_pr.get("descr", "").strip(), (name, part, kind)
            for frame in tree.iter(f"{{{p}}}graphicFrame"):
                if frame.find(f".//{{{C}}}chart") is not None:
                    descr = next(frame.iter(f"{{{p}}}cNvPr")).get("descr")
                    assert re.match(r"^[^:]+: .+\. ", descr), (name, part, descr)


@pytest.mark.examples
def test_a_polish_chart_is_described_in_polish_from_its_data(built):
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    descriptions = [next(f.iter(f"{{{p}}}cNvPr")).get("descr")
                    for _part, root in _xml(built["acme-cs-plan-pl.pptx"], r"ppt/slides/slide\d+\.xml")
                    for f in root.iter(f"{{{p}}}graphicFrame") if f.find(f".//{{{C}}}chart") is not None]
    assert any(d.startswith("Wykres kolumnowy: ") and "182\u00a0000" in d for d in descriptions), descriptions[:3]


@pytest.mark.examples
def test_word_headings_are_heading_styles_and_table_headers_repeat(built):
    for name, path in built.items():
        if not name.endswith(".docx"):
            continue
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode()
        assert re.search(r'<w:pStyle w:val="Heading[12]"/>', body), name
        assert "<w:tblHeader/>" in body, name
