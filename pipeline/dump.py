"""Readable, stable text dumps of .pptx and .docx files.

Used by syrupy snapshot tests and as a git textconv driver, so the output must
be deterministic (no object ids, rIds or zip order) and diff-friendly: one
item per line, no trailing whitespace, a reviewer's view rather than the XML.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import re
import zipfile
from datetime import datetime, timedelta
from typing import Iterable, Iterator

import docx
from docx.drawing import Drawing
from docx.table import Table, _Cell
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.shapes.placeholder import PlaceholderPicture

from pipeline.render.oxml import chart_xml, paragraph_xml, series_xml

__all__ = ["DumpError", "dump", "dump_pptx", "dump_docx"]

_PPTX_MAIN = "ppt/presentation.xml"
_DOCX_MAIN = "word/document.xml"
_EMU_PER_INCH = 914400
_NONE = "–"
_VISUAL = "Visual: "  # the name the deck renderer gives a drawn visual's group (pipeline/render/shapes.py)

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


class DumpError(Exception):
    """A file that cannot be dumped as a presentation or document."""


# --------------------------------------------------------------------------
# dispatch


def _sniff(path: str | os.PathLike) -> str:
    """Return "pptx" or "docx" from the zip's parts, or raise DumpError."""
    name = os.fspath(path)
    if not os.path.exists(name):
        raise DumpError(f"{name}: no such file")
    if os.path.isdir(name):
        raise DumpError(f"{name}: is a directory, not a .pptx or .docx file")
    try:
        with zipfile.ZipFile(name) as zf:
            parts = set(zf.namelist())
    except zipfile.BadZipFile:
        raise DumpError(
            f"{name}: not a .pptx or .docx file (not a zip archive)"
        ) from None
    except OSError as exc:
        raise DumpError(f"{name}: cannot read file ({exc.strerror or exc})") from None
    has_pptx, has_docx = _PPTX_MAIN in parts, _DOCX_MAIN in parts
    if has_pptx and has_docx:
        # Only a hand-made zip has both; let the extension break the tie.
        return "docx" if name.lower().endswith((".docx", ".docm", ".dotx")) else "pptx"
    if has_pptx:
        return "pptx"
    if has_docx:
        return "docx"
    raise DumpError(
        f"{name}: a zip archive but not a .pptx or .docx file "
        f"(contains neither {_PPTX_MAIN} nor {_DOCX_MAIN})"
    )


def dump(path: str | os.PathLike) -> str:
    """Return the text dump of a .pptx or .docx file, chosen by its content."""
    kind = _sniff(path)
    return dump_pptx(path) if kind == "pptx" else dump_docx(path)


def _expect(path: str | os.PathLike, kind: str) -> str:
    found = _sniff(path)
    if found != kind:
        raise DumpError(f"{os.fspath(path)}: expected a .{kind} file but it is a .{found}")
    return os.fspath(path)


# --------------------------------------------------------------------------
# shared formatting


def _fmt_inches(emu: int | None) -> str:
    if emu is None:
        return "?"
    text = f"{emu / _EMU_PER_INCH:.3f}".rstrip("0").rstrip(".")
    return f"{text}in"


def _fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return _NONE
    # Both libraries parse W3CDTF into UTC (naive or aware), so no conversion.
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _fmt_number(value) -> str:
    if value is None:
        return _NONE
    if isinstance(value, float):
        if value != value:  # NaN
            return "NaN"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    return str(value)


def _core_lines(props) -> list[str]:
    return [
        f"  title: {_one_line(props.title) or _NONE}",
        f"  author: {_one_line(props.author) or _NONE}",
        f"  created: {_fmt_datetime(props.created)}",
        f"  modified: {_fmt_datetime(props.modified)}",
    ]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# The language of the file being dumped (its default text language): runs tagged with another one are
# text that fell back to the language it was written in, and are marked ⟦sv: …⟧.
_BASE_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("base_lang", default=None)


def _foreign(lang: str | None) -> str | None:
    """Return the language to mark a run with: its language when not the file's, else None."""
    base = _BASE_LANG.get()
    if not lang or not base or lang.lower() == base.lower():
        return None
    return lang.split("-")[0]


def _wrap(text: str, bold: bool, italic: bool, url: str | None, lang: str | None = None) -> str:
    """Return text with markdown-like marks, keeping edge spaces outside them."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    if italic:
        core = f"_{core}_"
    if bold:
        core = f"**{core}**"
    if url:
        core = f"[{core}]({url})"
    if lang:
        core = f"⟦{lang}: {core}⟧"
    return f"{lead}{core}{trail}"


def _render_spans(spans: Iterable[tuple]) -> str:
    """Return spans (text, bold, italic, url[, language]) rendered with marks, merging neighbours of equal format.

    Editors split runs arbitrarily (spell-check, revision ids), so merging keeps
    the dump stable when only the run boundaries move.
    """
    merged: list[list] = []
    for text, bold, italic, url, *rest in spans:
        if not text:
            continue
        lang = _foreign(rest[0] if rest else None)
        if merged and merged[-1][1:] == [bold, italic, url, lang]:
            merged[-1][0] += text
        else:
            merged.append([text, bold, italic, url, lang])
    out = []
    for text, bold, italic, url, lang in merged:
        # A line break must not end up inside marks, or the marks would span lines.
        pieces = text.split("\n")
        out.append("\n".join(_wrap(p, bold, italic, url, lang) for p in pieces))
    return "".join(out)


def _emit(lines: list[str], prefix: str, text: str) -> None:
    """Append text at prefix, continuing soft line breaks under the text."""
    hang = " " * len(prefix)
    for i, part in enumerate(text.split("\n")):
        line = (prefix if i == 0 else hang) + part
        line = line.rstrip()
        if line:
            lines.append(line)


def _cell_text(text: str) -> str:
    return text.replace("\n", " / ").replace("|", "\\|").strip()


def _table_row(cells: list[str]) -> str:
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


# Numbering formats shared by DrawingML autonumbering and Word numFmt.
def _alpha(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return s or "0"


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    s = ""
    for v, sym in vals:
        while n >= v:
            s += sym
            n -= v
    return s


def _number(n: int, style: str) -> str:
    if style == "alphaLc":
        return _alpha(n)
    if style == "alphaUc":
        return _alpha(n).upper()
    if style == "romanLc":
        return _roman(n)
    if style == "romanUc":
        return _roman(n).upper()
    return str(n)


# --------------------------------------------------------------------------
# pptx


def dump_pptx(path: str | os.PathLike) -> str:
    """Return the text dump of a .pptx presentation."""
    name = _expect(path, "pptx")
    try:
        prs = Presentation(name)
    except Exception as exc:  # python-pptx surfaces broken parts as many types
        raise DumpError(f"{name}: cannot read as a .pptx file ({exc})") from None

    default = prs.element.find(f"{{{_P}}}defaultTextStyle//{{{_A}}}defRPr")
    _BASE_LANG.set(default.get("lang") if default is not None else None)
    slides = list(prs.slides)
    n = len(slides)
    lines = [
        f"presentation {_fmt_inches(prs.slide_width)} × {_fmt_inches(prs.slide_height)}, "
        f"{n} slide{'' if n == 1 else 's'}",
        *_core_lines(prs.core_properties),
    ]
    slide_index = {slide.part.partname: i for i, slide in enumerate(slides, 1)}
    for i, slide in enumerate(slides, 1):
        lines.append("")
        lines.extend(_pptx_slide(slide, i, slide_index))
    return "\n".join(lines) + "\n"


def _pptx_slide(slide, number: int, slide_index: dict) -> list[str]:
    lines = [f"=== slide {number} [{slide.slide_layout.name}] ==="]
    title = slide.shapes.title
    if title is not None:
        text = " / ".join(
            t for t in (_pptx_paragraph_text(p, slide.part, slide_index)
                        for p in title.text_frame.paragraphs) if t.strip()
        )
        lines.append(f"title: {_one_line(text)}".rstrip())
    title_el = title.element if title is not None else None
    lines.extend(_pptx_shapes(slide.shapes, slide.part, slide_index, "", skip=title_el))
    if slide.has_notes_slide:
        frame = slide.notes_slide.notes_text_frame
        if frame is not None:
            body = _pptx_text_frame(frame, slide.notes_slide.part, slide_index, "  ")
            if body:
                lines.append("notes:")
                lines.extend(body)
    return lines


def _pptx_shapes(shapes, part, slide_index, indent: str, skip=None) -> list[str]:

    lines: list[str] = []
    for shape in shapes:
        if skip is not None and shape.element is skip:
            continue
        try:
            kind = shape.shape_type
        except NotImplementedError:  # shapes python-pptx cannot classify
            kind = None
        if kind == MSO_SHAPE_TYPE.GROUP and shape.name.startswith(_VISUAL):
            lines.append(f"{indent}visual ({shape.name[len(_VISUAL):]}):")
            lines.extend(_visual_lines(shape.shapes, part, slide_index, indent + "  "))
        elif kind == MSO_SHAPE_TYPE.GROUP:
            inner = _pptx_shapes(shape.shapes, part, slide_index, indent + "  ")
            if inner:
                lines.append(f"{indent}group:")
                lines.extend(inner)
        elif getattr(shape, "has_table", False) and shape.has_table:
            lines.extend(_pptx_table(shape.table, part, slide_index, indent))
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            lines.extend(_pptx_chart(shape.chart, indent))
        elif kind == MSO_SHAPE_TYPE.PICTURE or _is_picture_placeholder(shape):
            lines.append(indent + _pptx_picture(shape))
        elif kind == MSO_SHAPE_TYPE.MEDIA:
            lines.append(f"{indent}media")
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            lines.extend(_pptx_text_block(shape, part, slide_index, indent))
        # Connectors, empty autoshapes and empty placeholders are decoration.
    return lines


def _visual_lines(shapes, part, slide_index, indent: str) -> list[str]:
    """Return a drawn visual's shapes in drawing order: one line per shape, one per group of shapes."""
    # A visual is dozens of shapes; a card or a roadmap row on one line keeps
    # snapshot diffs to the item that changed.
    lines = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            items = [_shape_item(s, part, slide_index) for s in shape.shapes]
            items = [i for i in items if i]
            if items:
                lines.append(f"{indent}{shape.name.lower()}: {' | '.join(items)}")
        elif item := _shape_item(shape, part, slide_index):
            lines.append(indent + item)
    return lines


def _shape_item(shape, part, slide_index) -> str:
    """Return a drawn shape as its text and its alt text in brackets ("" for decoration)."""
    text = ""
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        texts = (_one_line(_pptx_paragraph_text(p, part, slide_index)) for p in shape.text_frame.paragraphs)
        text = " / ".join(t for t in texts if t)
    c_nv_pr = shape.element.find(".//{*}cNvPr")
    alt = _one_line(c_nv_pr.get("descr")) if c_nv_pr is not None and c_nv_pr.get("descr") else ""
    return " ".join(x for x in (text, f"[{alt}]" if alt else "") if x)


def _is_picture_placeholder(shape) -> bool:

    return isinstance(shape, PlaceholderPicture)


def _pptx_picture(shape) -> str:
    cNvPr = shape.element.find(".//{*}cNvPr")
    descr = cNvPr.get("descr") if cNvPr is not None else None
    label = f'picture "{_one_line(descr)}"' if descr and descr.strip() else "picture"
    try:
        image = shape.image
    except Exception:  # linked or missing image: nothing embedded to describe
        return label
    width, height = image.size
    sha = hashlib.sha1(image.blob).hexdigest()[:8]
    return f"{label} ({image.ext} {width}×{height}, sha1 {sha})"


def _pptx_text_block(shape, part, slide_index, indent: str) -> list[str]:
    body = _pptx_text_frame(shape.text_frame, part, slide_index, indent + "  ")
    if not body:
        return []
    label = "text"
    if shape.is_placeholder:
        try:
            ph_type = shape.placeholder_format.type
        except ValueError:
            ph_type = None
        if ph_type is not None:
            # PowerPoint's UI calls OBJECT placeholders "content".
            kind = "content" if ph_type.name == "OBJECT" else ph_type.name.lower().replace("_", " ")
            label = f"text ({kind})"
    return [f"{indent}{label}:", *body]


def _pptx_text_frame(frame, part, slide_index, indent: str) -> list[str]:
    lines: list[str] = []
    # Autonumber counters per level; a shallower or unnumbered paragraph at
    # the same level restarts the sequence, as PowerPoint does.
    counters: dict[int, tuple[str, int]] = {}
    for paragraph in frame.paragraphs:
        text = _pptx_paragraph_text(paragraph, part, slide_index)
        if not text.strip():
            continue
        level = paragraph.level
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        marker = ""
        pPr = paragraph_xml(paragraph).find(f"{{{_A}}}pPr")
        bu_char = pPr.find(f"{{{_A}}}buChar") if pPr is not None else None
        bu_num = pPr.find(f"{{{_A}}}buAutoNum") if pPr is not None else None
        if bu_num is not None:
            scheme = bu_num.get("type", "arabicPeriod")
            start = int(bu_num.get("startAt", "1"))
            prev = counters.get(level)
            n = prev[1] + 1 if prev and prev[0] == scheme else start
            counters[level] = (scheme, n)
            marker = _autonum_marker(scheme, n)
        else:
            counters.pop(level, None)
            if bu_char is not None:
                marker = "• "
        _emit(lines, indent + "  " * level + marker, text.strip())
    return lines


def _autonum_marker(scheme: str, n: int) -> str:
    m = re.match(r"(alphaLc|alphaUc|romanLc|romanUc|arabic)(ParenBoth|ParenR|Period|Plain|Minus)?", scheme)
    if not m:
        return f"{n}. "
    style, suffix = m.group(1), m.group(2) or "Period"
    num = _number(n, style)
    if suffix == "ParenBoth":
        return f"({num}) "
    if suffix == "ParenR":
        return f"{num}) "
    if suffix == "Plain":
        return f"{num} "
    if suffix == "Minus":
        return f"- {num} - "
    return f"{num}. "


def _pptx_paragraph_text(paragraph, part, slide_index) -> str:
    spans = []
    for child in paragraph_xml(paragraph):
        tag = etree.QName(child).localname
        if tag == "br":
            spans.append(("\n", False, False, None))
        elif tag in ("r", "fld"):
            t = child.find(f"{{{_A}}}t")
            text = (t.text or "") if t is not None else ""
            rPr = child.find(f"{{{_A}}}rPr")
            bold = rPr is not None and rPr.get("b") in ("1", "true")
            italic = rPr is not None and rPr.get("i") in ("1", "true")
            url = _pptx_link(rPr, part, slide_index) if rPr is not None else None
            lang = rPr.get("lang") if rPr is not None else None
            # Vertical tab is how python-pptx stores a soft break inside a run.
            spans.append((text.replace("\v", "\n"), bold, italic, url, lang))
    return _render_spans(spans)


def _pptx_link(rPr, part, slide_index) -> str | None:
    click = rPr.find(f"{{{_A}}}hlinkClick")
    if click is None:
        return None
    rid = click.get(f"{{{_R}}}id")
    if rid:
        rel = part.rels.get(rid)
        if rel is None:
            return None
        if rel.is_external:
            return rel.target_ref
        target = slide_index.get(rel.target_part.partname)
        if target is not None:
            return f"#slide-{target}"
        return None
    action = click.get("action")
    if action:
        return action
    return None


def _pptx_table(table, part, slide_index, indent: str) -> list[str]:
    rows = list(table.rows)
    cols = len(table.columns)
    lines = [f"{indent}table ({len(rows)}×{cols}):"]
    for row in rows:
        cells = []
        for cell in row.cells:
            texts = [
                _pptx_paragraph_text(p, part, slide_index).strip()
                for p in cell.text_frame.paragraphs
            ]
            cells.append(_cell_text(" / ".join(t for t in texts if t)))
        lines.append(f"{indent}  {_table_row(cells)}")
    return lines


def _pptx_chart(chart, indent: str) -> list[str]:
    try:
        kind = chart.chart_type.name
    except Exception:  # chart kinds python-pptx cannot classify
        kind = "UNKNOWN"
    head = f"{indent}chart ({kind})"
    if chart.has_title:
        tf = chart.chart_title.text_frame if chart.chart_title.has_text_frame else None
        title = _one_line(" ".join(p.text for p in tf.paragraphs)) if tf is not None else ""
        if title:
            head += f' "{title}"'
    lines = [head + ":"]
    plots = list(chart.plots)
    for plot in plots:
        # Combo charts have one plot per type; name each so the series are attributable.
        sub = indent + "  "
        if len(plots) > 1:
            lines.append(f"{sub}plot ({_plot_kind(plot)}):")
            sub += "  "
        try:
            categories = [_fmt_category(c) for c in plot.categories]
        except Exception:  # XY and bubble plots have no category axis
            categories = []
        if categories and chart_xml(chart).find(f".//{{{_C}}}dateAx") is not None:
            # A time axis stores dates as Excel day numbers; the dump reads them as dates.
            categories = [_excel_date(c) for c in categories]
        if categories:
            lines.append(f"{sub}categories: {' | '.join(categories)}")
        for series in plot.series:
            name = _one_line(series.name) if series.name else ""
            x_values = _x_values(series)
            if x_values is not None:
                lines.append(f'{sub}series "{name}" x: {" | ".join(x_values)}')
                lines.append(f'{sub}series "{name}" y: '
                             f'{" | ".join(_fmt_number(v) for v in series.values)}')
            else:
                lines.append(f'{sub}series "{name}": '
                             f'{" | ".join(_fmt_number(v) for v in series.values)}')
    return lines


def _excel_date(serial: str) -> str:
    """Return an Excel day number ("45838.0") as an ISO date, or unchanged when it is not one."""
    try:
        return (datetime(1899, 12, 30) + timedelta(days=float(serial))).date().isoformat()
    except (ValueError, OverflowError):
        return serial


def _plot_kind(plot) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(plot).__name__.replace("Plot", "")).upper() or "PLOT"


def _fmt_category(label) -> str:
    if label is None or label == "":
        return _NONE
    if isinstance(label, float):
        return _fmt_number(label)
    return _one_line(str(label)).replace("|", "\\|")


def _x_values(series) -> list[str] | None:
    xval = series_xml(series).find(f"{{{_C}}}xVal")
    if xval is None:
        return None
    cache = xval.find(f".//{{{_C}}}numCache")
    if cache is None:
        cache = xval.find(f".//{{{_C}}}strCache")
    if cache is None:
        return []
    count_el = cache.find(f"{{{_C}}}ptCount")
    count = int(count_el.get("val")) if count_el is not None else 0
    points: dict[int, str] = {}
    for pt in cache.findall(f"{{{_C}}}pt"):
        v = pt.find(f"{{{_C}}}v")
        raw = v.text if v is not None else None
        try:
            points[int(pt.get("idx"))] = _fmt_number(float(raw)) if raw is not None else _NONE
        except ValueError:
            points[int(pt.get("idx"))] = raw
    return [points.get(i, _NONE) for i in range(max(count, len(points)))]


# --------------------------------------------------------------------------
# docx


def dump_docx(path: str | os.PathLike) -> str:
    """Return the text dump of a .docx document."""
    name = _expect(path, "docx")
    try:
        document = docx.Document(name)
    except Exception as exc:  # python-docx surfaces broken parts as many types
        raise DumpError(f"{name}: cannot read as a .docx file ({exc})") from None

    lang = document.styles.element.find(f"{{{_W}}}docDefaults//{{{_W}}}lang")
    _BASE_LANG.set(lang.get(f"{{{_W}}}val") if lang is not None else None)
    sections = list(document.sections)
    head = "document"
    if sections:
        head += f" {_fmt_inches(sections[0].page_width)} × {_fmt_inches(sections[0].page_height)}"
    lines = [head, *_core_lines(document.core_properties)]
    numbering = _Numbering(document)
    body = _docx_blocks(document.element.body, document.part, numbering, "")
    if body:
        lines.append("")
        lines.extend(body)
    if sections:
        lines.extend(_docx_headers_footers(sections[0]))
    return "\n".join(lines) + "\n"


def _iter_blocks(container) -> Iterator:
    """Yield w:p and w:tbl in document order, looking inside content controls."""
    for child in container:
        tag = child.tag
        if tag == f"{{{_W}}}p" or tag == f"{{{_W}}}tbl":
            yield child
        elif tag == f"{{{_W}}}sdt":
            content = child.find(f"{{{_W}}}sdtContent")
            if content is not None:
                yield from _iter_blocks(content)


def _docx_blocks(container, part, numbering, indent: str) -> list[str]:

    lines: list[str] = []
    for element in _iter_blocks(container):
        if element.tag == f"{{{_W}}}tbl":
            lines.extend(_docx_table(Table(element, _Parent(part)), part, indent))
        else:
            paragraph = Paragraph(element, _Parent(part))
            _docx_paragraph(paragraph, numbering, indent, lines)
    return lines


class _Parent:
    """Minimal parent giving python-docx proxies access to the story part."""

    def __init__(self, part):
        self.part = part


_HEADING = re.compile(r"^Heading ([1-9])$")
_LIST_STYLE = re.compile(r"^List (Bullet|Number)(?: ([2-9]))?$")


def _docx_paragraph(paragraph, numbering, indent: str, lines: list[str]) -> None:
    text = _docx_paragraph_text(paragraph).strip()
    if not text:
        return
    style = _style_name(paragraph)
    heading = _HEADING.match(style)
    if style == "Title" or heading:
        # A blank line before each heading makes sections stand out in a diff.
        if lines and lines[-1]:
            lines.append("")
        if heading:
            _emit(lines, indent + "#" * int(heading.group(1)) + " ", text)
        else:
            _emit(lines, indent + "= ", text + " =")
        return
    level, marker = numbering.marker(paragraph, style)
    _emit(lines, indent + "  " * level + marker, text)


def _style_name(paragraph) -> str:
    try:
        style = paragraph.style
    except Exception:  # a styleId with no matching style definition
        return ""
    return style.name if style is not None and style.name else ""


def _docx_paragraph_text(paragraph) -> str:

    spans = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            # Internal jumps (table of contents) have only a bookmark fragment.
            url = item.url or (f"#{item.fragment}" if item.fragment else None)
            for run in item.runs:
                spans.extend(_docx_run_spans(run, url))
        else:
            spans.extend(_docx_run_spans(item, None))
    return _render_spans(spans)


def _docx_run_spans(run, url):

    bold, italic = run.bold is True, run.italic is True
    lang_el = run._r.find(f"{{{_W}}}rPr/{{{_W}}}lang")
    lang = lang_el.get(f"{{{_W}}}val") if lang_el is not None else None
    for item in run.iter_inner_content():
        if isinstance(item, str):
            yield (item, bold, italic, url, lang)
        elif isinstance(item, Drawing):
            doc_pr = item._drawing.find(f".//{{{_WP}}}docPr")
            descr = doc_pr.get("descr") if doc_pr is not None else None
            label = f'[picture "{_one_line(descr)}"]' if descr and descr.strip() else "[picture]"
            yield (label, False, False, None)


def _docx_table(table, part, indent: str) -> list[str]:

    tbl = table._tbl
    rows = tbl.findall(f"{{{_W}}}tr")
    cols = len(tbl.findall(f"{{{_W}}}tblGrid/{{{_W}}}gridCol"))
    lines = [f"{indent}table ({len(rows)}×{cols}):"]
    for tr in rows:
        cells = []
        # Walk w:tc directly: row.cells repeats a merged cell's text per grid column.
        for tc in tr.iter(f"{{{_W}}}tc"):
            if tc.getparent() is not tr and tc.getparent().tag != f"{{{_W}}}sdtContent":
                continue
            cell = _Cell(tc, table)
            texts = [_docx_paragraph_text(p).strip() for p in cell.paragraphs]
            cells.append(_cell_text(" / ".join(t for t in texts if t)))
            span = tc.find(f"{{{_W}}}tcPr/{{{_W}}}gridSpan")
            if span is not None:
                cells.extend([""] * (int(span.get(f"{{{_W}}}val", "1")) - 1))
        lines.append(f"{indent}  {_table_row(cells)}")
    return lines


def _docx_headers_footers(section) -> list[str]:
    lines: list[str] = []
    stories = [("header", section.header), ("footer", section.footer)]
    if section.different_first_page_header_footer:
        stories += [("header (first page)", section.first_page_header),
                    ("footer (first page)", section.first_page_footer)]
    for label, story in stories:
        # A linked first-section header has no part of its own; reading it
        # would make python-docx invent one.
        if story.is_linked_to_previous:
            continue
        body = _docx_blocks(story._element, story.part, _Numbering(None), "  ")
        if body:
            lines.append("")
            lines.append(f"{label}:")
            lines.extend(body)
    return lines


class _Numbering:
    """Resolve list markers from numbering.xml, counting like Word does per list."""

    def __init__(self, document):
        self._numbering = None
        if document is not None:
            try:
                self._numbering = document.part.numbering_part.element
            except (KeyError, NotImplementedError, AttributeError):
                self._numbering = None
        self._counters: dict[str, dict[int, int]] = {}

    def marker(self, paragraph, style: str) -> tuple[int, str]:
        """Return (indent level, marker) for a paragraph; marker "" if not a list."""
        num_id, ilvl = _num_pr(paragraph._p.pPr)
        if num_id is None:
            num_id, style_ilvl = self._style_num_pr(paragraph)
            ilvl = ilvl if ilvl is not None else style_ilvl
        style_match = _LIST_STYLE.match(style)
        style_level = int(style_match.group(2)) - 1 if style_match and style_match.group(2) else 0
        if num_id == "0":
            return 0, ""
        level = ilvl if ilvl else style_level
        if num_id is None:
            if not style_match:
                return 0, ""
            return level, "• " if style_match.group(1) == "Bullet" else "1. "
        fmt, start = self._level_format(num_id, ilvl or 0)
        if fmt is None:
            if style_match and style_match.group(1) == "Number":
                fmt = "decimal"
            else:
                fmt = "bullet"
        if fmt == "bullet":
            return level, "• "
        if fmt == "none":
            return level, ""
        counters = self._counters.setdefault(num_id, {})
        lvl = ilvl or 0
        for deeper in [k for k in counters if k > lvl]:
            del counters[deeper]
        counters[lvl] = counters.get(lvl, start - 1) + 1
        style_key = {"lowerLetter": "alphaLc", "upperLetter": "alphaUc",
                     "lowerRoman": "romanLc", "upperRoman": "romanUc"}.get(fmt, "arabic")
        return level, f"{_number(counters[lvl], style_key)}. "

    def _style_num_pr(self, paragraph):
        try:
            style = paragraph.style
        except Exception:
            return None, None
        while style is not None:
            num_id, ilvl = _num_pr(style.element.pPr)
            if num_id is not None:
                return num_id, ilvl
            style = style.base_style
        return None, None

    def _level_format(self, num_id: str, ilvl: int) -> tuple[str | None, int]:
        if self._numbering is None:
            return None, 1
        w = f"{{{_W}}}"
        num = next((n for n in self._numbering.findall(f"{w}num")
                    if n.get(f"{w}numId") == num_id), None)
        if num is None:
            return None, 1
        start_override = None
        for override in num.findall(f"{w}lvlOverride"):
            if override.get(f"{w}ilvl") == str(ilvl):
                so = override.find(f"{w}startOverride")
                if so is not None:
                    start_override = int(so.get(f"{w}val"))
        abstract_ref = num.find(f"{w}abstractNumId")
        if abstract_ref is None:
            return None, 1
        abstract_id = abstract_ref.get(f"{w}val")
        abstract = next((a for a in self._numbering.findall(f"{w}abstractNum")
                         if a.get(f"{w}abstractNumId") == abstract_id), None)
        if abstract is None:
            return None, 1
        lvl = next((lv for lv in abstract.findall(f"{w}lvl")
                    if lv.get(f"{w}ilvl") == str(ilvl)), None)
        if lvl is None:
            return None, 1
        fmt_el = lvl.find(f"{w}numFmt")
        start_el = lvl.find(f"{w}start")
        start = int(start_el.get(f"{w}val")) if start_el is not None else 1
        return (fmt_el.get(f"{w}val") if fmt_el is not None else "decimal",
                start_override if start_override is not None else start)


def _num_pr(pPr) -> tuple[str | None, int | None]:
    if pPr is None:
        return None, None
    num_pr = pPr.find(f"{{{_W}}}numPr")
    if num_pr is None:
        return None, None
    num_id_el = num_pr.find(f"{{{_W}}}numId")
    ilvl_el = num_pr.find(f"{{{_W}}}ilvl")
    num_id = num_id_el.get(f"{{{_W}}}val") if num_id_el is not None else None
    ilvl = int(ilvl_el.get(f"{{{_W}}}val")) if ilvl_el is not None else None
    return num_id, ilvl
