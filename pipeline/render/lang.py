"""Language tags on every text of a rendered deck or document.

PowerPoint and Word pick the spell-check dictionary and LibreOffice and
screen readers the voice from each run's language, not from the document's
locale; a template written in English tags all of it ``en-US``. After a deck
or document is drawn, these functions tag every run, paragraph default and
document default with the output locale, and the stretches of content that
fell back to another language (the view's ``foreign`` texts) with that one,
splitting a run where its language changes.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from pipeline.view.lang import Segmenter, language_tag

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A_R, _A_RPR, _A_T = f"{{{_A}}}r", f"{{{_A}}}rPr", f"{{{_A}}}t"
# Every element that carries a run's properties in DrawingML: runs, fields, paragraph ends, defaults.
_A_PROPS = {f"{{{_A}}}{t}" for t in ("rPr", "endParaRPr", "defRPr")}
_A_LVL = {f"{{{_A}}}{t}" for t in ("defPPr", *(f"lvl{n}pPr" for n in range(1, 10)))}
_A_DEFRPR = f"{{{_A}}}defRPr"
_C_LANG, _C_DATE1904, _C_CHART = f"{{{_C}}}lang", f"{{{_C}}}date1904", f"{{{_C}}}chart"
_P_GRAPHIC_FRAME = "{http://schemas.openxmlformats.org/presentationml/2006/main}graphicFrame"
_W_R, _W_RPR, _W_T, _W_LANG, _W_VAL = (f"{{{_W}}}{t}" for t in ("r", "rPr", "t", "lang", "val"))
# Elements that may precede w:lang in w:rPr (ECMA-376 CT_RPr order); w:lang goes after the last present.
_W_BEFORE_LANG = [f"{{{_W}}}{t}" for t in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em")]


def _set_a(el, tag: str) -> None:
    el.set("lang", tag)
    if el.get("altLang") is not None:
        el.set("altLang", tag)


def _a_run_props(run):
    rpr = run.find(_A_RPR)
    if rpr is None:
        rpr = etree.Element(_A_RPR)
        run.insert(0, rpr)
    return rpr


def tag_drawing(root, seg: Segmenter) -> None:
    """Tag every DrawingML run and run default under ``root`` (a slide, notes slide or chart) with its language."""
    tag = language_tag(seg.locale)
    for el in root.iter(*_A_PROPS):
        _set_a(el, tag)
    for run in list(root.iter(_A_R)):
        t = run.find(_A_T)
        text = t.text if t is not None and t.text else ""
        pieces = seg.segments(text)
        if len(pieces) == 1:
            _set_a(_a_run_props(run), language_tag(pieces[0][1]))
            continue
        for piece, lang in pieces:
            clone = copy.deepcopy(run)
            clone.find(_A_T).text = piece
            _set_a(_a_run_props(clone), language_tag(lang))
            run.addprevious(clone)
        run.getparent().remove(run)


def tag_defaults(root, locale: str) -> None:
    """Give the text defaults under ``root`` (presentation, master, layout) the language of ``locale``."""
    tag = language_tag(locale)
    for lvl in root.iter(*_A_LVL):
        if lvl.find(_A_DEFRPR) is None:
            # defRPr comes after the spacing, bullet and tab elements, before extLst.
            ext = lvl.find(f"{{{_A}}}extLst")
            d = etree.Element(_A_DEFRPR)
            ext.addprevious(d) if ext is not None else lvl.append(d)
    for el in root.iter(*_A_PROPS):
        _set_a(el, tag)


def tag_presentation(prs, locale: str, foreign: dict[str, str]) -> None:
    """Tag every text of the deck ``prs`` in ``locale``, and the ``foreign`` texts in their own languages."""
    from pipeline.render import oxml

    seg = Segmenter(foreign, locale)
    tag_defaults(prs.element, locale)
    for master in prs.slide_masters:
        tag_defaults(master.element, locale)
        for layout in master.slide_layouts:
            tag_defaults(layout.element, locale)
    tag_defaults(prs.notes_master.element, locale)
    for slide in prs.slides:
        tag_drawing(slide.element, seg)
        if slide.has_notes_slide:
            tag_drawing(slide.notes_slide.element, seg)
        for frame in slide.element.iter(_P_GRAPHIC_FRAME):
            if frame.find(f".//{_C_CHART}") is None:
                continue
            chart = oxml.shape_of(slide, frame).chart
            tag_chart_space(chart.element, locale)
            tag_drawing(chart.element, seg)


def tag_chart_space(root, locale: str) -> None:
    """Set a chart's ``c:lang``, the language its numbers and texts are shown in."""
    lang = root.find(_C_LANG)
    if lang is None:
        lang = etree.Element(_C_LANG)
        date1904 = root.find(_C_DATE1904)
        date1904.addnext(lang) if date1904 is not None else root.insert(0, lang)
    lang.set("val", language_tag(locale))


# ----------------------------------------------------------------- Word


def _w_lang(rpr, tag: str) -> None:
    lang = rpr.find(_W_LANG)
    if lang is None:
        lang = etree.Element(_W_LANG)
        last = None
        for child in rpr:
            if child.tag in _W_BEFORE_LANG:
                last = child
        last.addnext(lang) if last is not None else rpr.insert(0, lang)
    lang.set(_W_VAL, tag)


def _w_run_props(run):
    rpr = run.find(_W_RPR)
    if rpr is None:
        rpr = etree.Element(_W_RPR)
        run.insert(0, rpr)
    return rpr


def tag_styles(root, locale: str) -> None:
    """Set the language of the document defaults and of every style that names one to ``locale``."""
    tag = language_tag(locale)
    for lang in root.iter(_W_LANG):
        lang.set(_W_VAL, tag)
    defaults = root.find(f"{{{_W}}}docDefaults")
    if defaults is not None and next(defaults.iter(_W_LANG), None) is None:
        rpr_default = defaults.find(f"{{{_W}}}rPrDefault")
        if rpr_default is None:
            rpr_default = etree.Element(f"{{{_W}}}rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(_W_RPR)
        if rpr is None:
            rpr = etree.SubElement(rpr_default, _W_RPR)
        _w_lang(rpr, tag)


def tag_document(document, locale: str, foreign: dict[str, str]) -> None:
    """Tag the python-docx ``document``: its styles in ``locale``, the runs of ``foreign`` texts in theirs."""
    seg = Segmenter(foreign, locale)
    tag_styles(document.styles.element, locale)
    tag_word_body(document.element, seg)
    for part in document.part.package.iter_parts():
        if re.fullmatch(r"/word/(header|footer)\d*\.xml", str(part.partname)):
            tag_word_body(part.element, seg)


def tag_word_body(root, seg: Segmenter) -> None:
    """Tag the Word runs under ``root`` whose text is in another language than the document's, splitting mixed runs."""
    for run in list(root.iter(_W_R)):
        texts = run.findall(_W_T)
        if len(texts) != 1 or not texts[0].text:
            continue
        pieces = seg.segments(texts[0].text)
        if len(pieces) == 1:
            if pieces[0][1] != seg.locale:
                _w_lang(_w_run_props(run), language_tag(pieces[0][1]))
            continue
        for piece, lang in pieces:
            clone = copy.deepcopy(run)
            t = clone.find(_W_T)
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if lang != seg.locale:
                _w_lang(_w_run_props(clone), language_tag(lang))
            run.addprevious(clone)
        run.getparent().remove(run)
