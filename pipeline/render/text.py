"""Text in shapes: measured paragraphs, split where a box ends, written as DrawingML.

Shared by the deck renderer (placeholders, table cells) and the drawn visuals
(``pipeline.render.shapes``): both measure a text with the same function they
write it with, so what is measured is what PowerPoint and LibreOffice show.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

from pipeline import measure
from pipeline.render import oxml
from pipeline.render.oxml import qn
from pipeline.view import Para

__all__ = ["BULLET_INDENT", "PARA_SPACE_PT", "paras_height", "split_paras", "write_paras", "write_body",
           "frame_insets"]

BULLET_INDENT = 228600  # 0.25 in per level
PARA_SPACE_PT = 6

# ----------------------------------------------------------------- measuring


@lru_cache(maxsize=8192)
def _para_height(p: Para, width: int, size: float) -> int:
    # Cached: pagination and drawing measure the same cells.
    bold = bool(p.runs) and all(r.bold for r in p.runs)
    indent = (p.level + (1 if p.kind else 0)) * BULLET_INDENT
    text = p.text or " "
    if p.kind == "number":
        text = f"{p.number}. " + text
    return measure.text_height(text, width, size, bold, any(r.italic for r in p.runs),
                               inset_left=0, inset_right=0, inset_top=0, inset_bottom=0, indent_emu=indent)


def paras_height(paras: list[Para], width: int, size: float, inset_lr: int, inset_tb: int,
                 space_pt: float = PARA_SPACE_PT) -> int:
    """Return the height a text frame of ``width`` needs for ``paras`` at ``size`` points."""
    inner = width - 2 * inset_lr
    total = sum(_para_height(p, inner, size) for p in paras)
    total += max(len(paras) - 1, 0) * round(space_pt * measure.EMU_PER_PT)
    return total + 2 * inset_tb


def _split_para(p: Para, width: int, size: float, height: int) -> tuple[Para | None, Para]:
    """Return the part of ``p`` that fits in ``height`` and the rest (split between lines)."""
    bold = bool(p.runs) and all(r.bold for r in p.runs)
    indent = (p.level + (1 if p.kind else 0)) * BULLET_INDENT
    lines = measure.wrap(p.text, width - indent, size, bold)
    fit = int(height // measure.line_height(size))
    if fit <= 0:
        return None, p
    # wrap() drops the spaces it breaks at, so count only visible characters.
    keep = sum(1 for line in lines[:fit] for ch in line if not ch.isspace())
    text, offset, seen = p.text, 0, 0
    while offset < len(text) and seen < keep:
        if not text[offset].isspace():
            seen += 1
        offset += 1
    head_runs, tail_runs, pos = [], [], 0
    for r in p.runs:
        end = pos + len(r.text)
        if end <= offset:
            head_runs.append(r)
        elif pos >= offset:
            tail_runs.append(r)
        else:
            head_runs.append(replace(r, text=r.text[: offset - pos]))
            tail_runs.append(replace(r, text=r.text[offset - pos:].lstrip()))
        pos = end
    if not head_runs:
        return None, p
    return (Para(tuple(head_runs), p.level, p.kind, p.number),
            Para(tuple(tail_runs), p.level + (1 if p.kind else 0) if p.kind else p.level, None, 0))


def split_paras(paras: list[Para], width: int, size: float, height: int, inset_lr: int, inset_tb: int,
                space_pt: float = PARA_SPACE_PT) -> tuple[list[Para], list[Para]]:
    """Return the leading paragraphs that fit in ``height`` and the rest, splitting one if needed."""
    inner = width - 2 * inset_lr
    room = height - 2 * inset_tb
    used = 0
    for i, p in enumerate(paras):
        gap = round(space_pt * measure.EMU_PER_PT) if i else 0
        h = _para_height(p, inner, size)
        if used + gap + h <= room:
            used += gap + h
            continue
        head, tail = _split_para(p, inner, size, room - used - gap)
        if head is None:
            return paras[:i], paras[i:]
        return paras[:i] + [head], [tail] + paras[i + 1:]
    return paras, []


# ----------------------------------------------------------------- writing text


_A_P, _A_PPR, _A_R, _A_RPR, _A_T, _A_BR = (qn(t) for t in ("a:p", "a:pPr", "a:r", "a:rPr", "a:t", "a:br"))
_A_LNSPC, _A_SPCBEF, _A_SPCAFT, _A_SPCPCT, _A_SPCPTS = (
    qn(t) for t in ("a:lnSpc", "a:spcBef", "a:spcAft", "a:spcPct", "a:spcPts"))
_A_SOLIDFILL, _A_SRGBCLR, _A_HLINK = qn("a:solidFill"), qn("a:srgbClr"), qn("a:hlinkClick")
_BULLETS = {qn(t) for t in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buFont")}
_SPACING = {_A_LNSPC, _A_SPCBEF, _A_SPCAFT}
_AUTOFIT = {qn(t) for t in ("a:noAutofit", "a:normAutofit", "a:spAutoFit")}
_CONTENT = {_A_R, _A_BR, qn("a:fld")}
_R_ID = qn("r:id")
(_A_BUFONT, _A_BUCHAR, _A_BUAUTONUM, _A_BUNONE, _A_ENDPARARPR, _A_BODYPR, _A_PRSTTXWARP, _A_NOAUTOFIT) = (
    qn(t) for t in ("a:buFont", "a:buChar", "a:buAutoNum", "a:buNone", "a:endParaRPr", "a:bodyPr", "a:prstTxWarp",
                    "a:noAutofit"))
_CTRL = re.compile(r"[\x00-\x08\x0B-\x1F]")


def _escape_ctrl(text: str) -> str:
    # As python-pptx does: control characters other than tab become _xHHHH_.
    return _CTRL.sub(lambda m: "_x%04X_" % ord(m.group()), text) if _CTRL.search(text) else text


def _para_props(pPr, p: Para, space_pt: float) -> None:
    """Set spacing and the bullet of one paragraph's ``a:pPr``."""
    for el in list(pPr):
        if el.tag in _BULLETS or el.tag in _SPACING:
            pPr.remove(el)
    level_indent = (p.level + (1 if p.kind else 0)) * BULLET_INDENT
    pPr.set("marL", str(level_indent))
    pPr.set("indent", str(-BULLET_INDENT if p.kind else 0))
    spacing = [
        (_A_LNSPC, _A_SPCPCT, "100000"),
        (_A_SPCBEF, _A_SPCPTS, str(Pt(space_pt) // 127)),
        (_A_SPCAFT, _A_SPCPTS, "0"),
    ]
    for i, (outer, inner, val) in enumerate(spacing):
        el = etree.Element(outer)
        etree.SubElement(el, inner).set("val", val)
        pPr.insert(i, el)
    if p.kind == "bullet":
        etree.SubElement(pPr, _A_BUFONT).set("typeface", "Arial")
        etree.SubElement(pPr, _A_BUCHAR).set("char", "•")
    elif p.kind == "number":
        num = etree.SubElement(pPr, _A_BUAUTONUM)
        num.set("type", "arabicPeriod")
        if p.number != 1:
            num.set("startAt", str(p.number))
    else:
        etree.SubElement(pPr, _A_BUNONE)


def write_paras(text_frame, paras: list[Para], size: float, *, color: RGBColor | None = None,
                space_pt: float = PARA_SPACE_PT, bold: bool = False) -> None:
    """Fill ``text_frame`` with ``paras`` at ``size`` points, replacing what was there."""
    write_body(oxml.text_body(text_frame), text_frame.part, paras, size, color=color, space_pt=space_pt, bold=bold)


def write_body(body, part, paras: list[Para], size: float, *, color: RGBColor | None = None,
               space_pt: float = PARA_SPACE_PT, bold: bool = False) -> None:
    """Fill the ``a:txBody`` element ``body`` of ``part`` with ``paras`` at ``size`` points."""
    # Written as XML directly: the same elements python-pptx's paragraph and
    # font properties would produce, at a fraction of the cost (a deck has
    # thousands of table cells).
    body_pr = body.find(_A_BODYPR)
    body_pr.set("wrap", "square")
    for el in list(body_pr):
        if el.tag in _AUTOFIT:
            body_pr.remove(el)
    body_pr.insert(1 if len(body_pr) and body_pr[0].tag == _A_PRSTTXWARP else 0,
                   etree.Element(_A_NOAUTOFIT))
    existing = body.findall(_A_P)
    for el in existing[1:]:
        body.remove(el)
    first = existing[0] if existing else etree.SubElement(body, _A_P)
    for el in list(first):
        if el.tag in _CONTENT:
            first.remove(el)
    if not paras:
        return
    sz = str(Pt(size) // 127)
    rgb = str(color) if color is not None else None
    links: dict[str, str] = {}
    for i, p in enumerate(paras):
        paragraph = first if i == 0 else etree.SubElement(body, _A_P)
        pPr = paragraph.find(_A_PPR)
        if pPr is None:
            pPr = etree.Element(_A_PPR)
            paragraph.insert(0, pPr)
        _para_props(pPr, p, space_pt if i else 0)
        # Runs go before a:endParaRPr, which must stay last.
        end = paragraph.find(_A_ENDPARARPR)
        if not any(r.text for r in p.runs):
            # An empty paragraph (an empty cell) takes its height from
            # endParaRPr; without a size it would be the default 18 pt.
            if end is None:
                end = etree.SubElement(paragraph, _A_ENDPARARPR)
            end.set("sz", sz)
        for r in p.runs:
            for j, piece in enumerate(r.text.split("\n")):
                if j:
                    el = etree.Element(_A_BR)
                    end.addprevious(el) if end is not None else paragraph.append(el)
                if not piece:
                    continue
                run = etree.Element(_A_R)
                rPr = etree.SubElement(run, _A_RPR)
                rPr.set("sz", sz)
                if r.bold or bold:
                    rPr.set("b", "1")
                if r.italic:
                    rPr.set("i", "1")
                if rgb is not None:
                    etree.SubElement(etree.SubElement(rPr, _A_SOLIDFILL), _A_SRGBCLR).set("val", rgb)
                if r.link:
                    if r.link not in links:
                        links[r.link] = oxml.link(part, r.link)
                    etree.SubElement(rPr, _A_HLINK).set(_R_ID, links[r.link])
                etree.SubElement(run, _A_T).text = _escape_ctrl(piece)
                end.addprevious(run) if end is not None else paragraph.append(run)


def frame_insets(text_frame) -> None:
    """Give ``text_frame`` the default insets every measurement assumes."""
    text_frame.margin_left = text_frame.margin_right = Emu(measure.DEFAULT_INSET_LR)
    text_frame.margin_top = text_frame.margin_bottom = Emu(measure.DEFAULT_INSET_TB)
