"""Deck templates: a .pptx plus a role mapping (same stem, .yaml) and its lint.

The renderer never names layouts or placeholders itself. It asks the
``Template`` for a role ("table") and gets the layout (which master, which
layout), the placeholder idx of each sub-role, and boxes in EMU. The mapping
format is documented at the top of ``templates/pptx/default.yaml``.

Templates are read as their makers wrote them: LibreOffice exports
placeholders without ``idx`` and repeats every layout name once per slide
master, so a placeholder can be named by idx, by type and position
("body 2") or by name, and a layout by name or as "master / layout".
:func:`number_placeholders` gives every layout placeholder its own idx, the
same way for the lint and for the renderer, so both see one numbering.

``check_template`` returns every problem as a located :class:`Problem`
(``corp.yaml:12:5: roles.body.placeholders.body: … [template.…]``);
``load_template`` returns the description or raises ``TemplateError``
carrying those same problems. Neither lets a traceback escape for a bad
template or mapping file.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.problems import Problem, Problems, Severity
from pipeline.project import relative

__all__ = [
    "Box",
    "Role",
    "Template",
    "TemplateError",
    "ROLES",
    "DEFAULT_TEMPLATE",
    "mapping_path_for",
    "load_template",
    "check_template",
    "number_placeholders",
    "inventory",
    "body_font",
]

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "pptx" / "default.pptx"

EMU_PER_INCH = 914400
_UNITS = {"in": EMU_PER_INCH, "cm": 360000, "mm": 36000, "pt": 12700, "emu": 1}

# role -> (required sub-roles, optional sub-roles)
ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("title", "subtitle"), ("footer", "slide_number")),
    "section": (("title",), ("subtitle", "footer", "slide_number")),
    "content": (("title", "body"), ("footer", "slide_number")),
    "table": (("title",), ("footer", "slide_number")),
    "chart": (("title",), ("footer", "slide_number")),
    "two_column": (("title", "left", "right"), ("footer", "slide_number")),
}
_CONTENT_AREA_ROLES = {"table", "chart"}
_LOGO_ROLES = {"title"}
_TOP_KEYS = ("version", "roles", "colors", "text_sizes")
_ROLE_KEYS = ("layout", "placeholders", "content_area", "logo")
_BOX_KEYS = ("left", "top", "width", "height")
_STATUS_KEYS = ("red", "amber", "green")
# Optional status colours and their defaults: grey (not started, not yet due)
# came after the first corporate mappings were written, which must keep working.
_STATUS_DEFAULTS = {"grey": "8A939E"}
_TEXT_SIZE_DEFAULTS = {"title": 28.0, "body": 18.0, "body_min": 11.0}

# Placeholder types (python-pptx PP_PLACEHOLDER names) that cannot take text.
_NON_TEXT_TYPES = {"PICTURE", "CHART", "TABLE", "CLIP_ART", "MEDIA_CLIP", "ORG_CHART", "SLIDE_IMAGE", "BITMAP"}
# Placeholders a new slide does not get from its layout (python-pptx, like
# PowerPoint, leaves them out): only the footer and slide number sub-roles,
# which the renderer copies itself, may use them.
_LATENT_TYPES = {"DATE", "FOOTER", "SLIDE_NUMBER"}
_REQUIRED_TYPE = {"footer": "FOOTER", "slide_number": "SLIDE_NUMBER"}
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")

# Words a mapping may use to name a placeholder by type -> the python-pptx type names they match.
PLACEHOLDER_KINDS: dict[str, tuple[str, ...]] = {
    "title": ("TITLE", "CENTER_TITLE"),
    "subtitle": ("SUBTITLE",),
    "body": ("BODY", "OBJECT"),
    "object": ("OBJECT",),
    "picture": ("PICTURE",),
    "chart": ("CHART",),
    "table": ("TABLE",),
    "date": ("DATE",),
    "footer": ("FOOTER",),
    "slide number": ("SLIDE_NUMBER",),
}
_KIND_REF = re.compile(r"^\s*(title|subtitle|body|object|picture|chart|table|date|footer|slide[ _]number)"
                       r"(?:\s+(\d+))?\s*$", re.IGNORECASE)


def _code(name: str) -> str:
    return f"template.{name}"


class TemplateError(ValueError):
    """A template or its mapping has problems; ``problems`` holds them as located :class:`Problem` values."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        """Return the x coordinate of the right edge."""
        return self.left + self.width

    @property
    def bottom(self) -> int:
        """Return the y coordinate of the bottom edge."""
        return self.top + self.height


@dataclass(frozen=True)
class Role:
    """How one role is played: layout (master and position), sub-role → placeholder idx, boxes in EMU."""

    name: str
    layout: str  # the layout's own name, as PowerPoint shows it
    placeholders: dict[str, int]
    # Where each mapped placeholder sits on the layout (inherited from the
    # master when the layout does not override it).
    boxes: dict[str, Box] = field(default_factory=dict)
    content_area: Box | None = None
    logo: Box | None = None
    master: int = 0  # 0-based slide master
    layout_index: int = 0  # 0-based layout of that master


@dataclass(frozen=True)
class Template:
    """A linted deck template, described without python-pptx objects."""

    path: Path
    mapping_path: Path
    slide_width: int
    slide_height: int
    roles: dict[str, Role]
    status_colors: dict[str, str]  # "red"/"amber"/"green"/"grey" -> "RRGGBB"
    series_colors: tuple[str, ...]  # "RRGGBB", in series order
    text_sizes: dict[str, float]  # "title"/"body"/"body_min" -> points
    # role -> sub-role -> (font family, bold) the template sets on that placeholder
    fonts: dict[str, dict[str, tuple[str, bool]]] = field(default_factory=dict)
    # role -> sub-role -> "RRGGBB" text colours the template sets there, first choice first (a dark cover's white title)
    text_colors: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # role -> "RRGGBB" slide background of the role's layout (white when the template sets none)
    backgrounds: dict[str, str] = field(default_factory=dict)
    theme_fonts: tuple[str, str] = ("Calibri", "Calibri")  # (major, minor)

    def role(self, name: str) -> Role:
        """Return the mapping of role ``name`` (KeyError naming the known roles if absent)."""
        try:
            return self.roles[name]
        except KeyError:
            raise KeyError(f"unknown role {name!r}; roles: {', '.join(self.roles)}") from None

    def layout_name(self, role: str) -> str:
        """Return the name of the layout that plays ``role``."""
        return self.role(role).layout

    def placeholder_idx(self, role: str, sub_role: str) -> int | None:
        """Return the placeholder idx for ``sub_role`` of ``role``, or None if not mapped."""
        return self.role(role).placeholders.get(sub_role)

    def font(self, role: str, sub_role: str) -> str:
        """Return the font family the template draws ``sub_role`` of ``role`` in (the theme's when unset)."""
        found = self.fonts.get(role, {}).get(sub_role)
        if found:
            return found[0]
        return self.theme_fonts[0] if sub_role == "title" else self.theme_fonts[1]


# ---------------------------------------------------------------- helpers
def mapping_path_for(pptx_path: str | os.PathLike) -> Path:
    """Return the mapping file that belongs to ``pptx_path`` (same stem, .yaml)."""
    return Path(pptx_path).with_suffix(".yaml")


def _display(path: Path) -> str:
    """Return ``path`` relative to the working directory when it is inside it, else as given."""
    # abspath folds '..' (a/../corp.pptx is shown as corp.pptx); a path outside is shown as typed.
    absolute = os.path.abspath(path)
    shown = relative(absolute, Path.cwd())
    return str(path) if shown == absolute else shown


def _quote_list(names) -> str:
    """Return names as "'a', 'b'" (or "none")."""
    names = list(names)
    return ", ".join(f"'{n}'" for n in names) if names else "none"


def _parse_length(value: Any) -> int | None:
    """Return a length in EMU from a whole number (EMU) or a string with a unit, else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        if re.fullmatch(r"\s*-?\d+\s*", value):
            return int(value)
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(in|cm|mm|pt|emu)\s*", value)
        if m:
            return round(float(m.group(1)) * _UNITS[m.group(2)])
    return None


def _whole(value: Any) -> int | None:
    """Return a non-negative whole number written as a number or digits, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


# ---------------------------------------------------------------- the .pptx
_P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NSMAP = {"p": _P_NS, "a": _A_NS}
_THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_XPATHS: dict = {}


def _x(el, expr: str) -> list:
    """Return the results of ``expr`` (prefixes p: and a:) on any lxml element, python-pptx's included."""
    from lxml import etree

    if expr not in _XPATHS:
        _XPATHS[expr] = etree.XPath(expr, namespaces=_NSMAP)
    return _XPATHS[expr](el)


def _number_layout(layout_el) -> None:
    """Give each placeholder of one layout element its own idx (a title keeps 0, written as none)."""
    phs = _x(layout_el, "./p:cSld/p:spTree/*/*/p:nvPr/p:ph")
    used: set[int] = set()
    pending = []
    for ph in phs:
        raw = ph.get("idx")
        kind = ph.get("type", "obj")
        if raw is None:
            if kind in ("title", "ctrTitle") and 0 not in used:
                used.add(0)
            else:
                pending.append(ph)
            continue
        try:
            idx = int(raw)
        except ValueError:
            pending.append(ph)
            continue
        if idx in used:
            pending.append(ph)
        else:
            used.add(idx)
    nxt = max(used, default=0) + 1
    for ph in pending:
        while nxt in used:
            nxt += 1
        ph.set("idx", str(nxt))
        used.add(nxt)


def number_placeholders(prs) -> None:
    """Give every layout placeholder of a python-pptx presentation its own idx, in place.

    LibreOffice writes content placeholders without idx (all read as 0); the
    lint and the renderer both number them with this one function, so an idx
    the lint reports is the one the renderer finds.
    """
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            _number_layout(layout.element)


@dataclass
class _Placeholder:
    idx: int
    type: str
    name: str
    box: Box | None
    font: tuple[str, bool] | None = None  # (latin typeface, bold) set on the placeholder or its master's
    # "RRGGBB" text colours set on it, on its master's placeholder, in the master's text styles: the
    # renderer takes the first that reads on the slide (LibreOffice exports some layouts with another master's).
    colors: tuple[str, ...] = ()


@dataclass
class _Layout:
    master: int  # 0-based
    index: int  # 0-based within its master
    name: str
    master_name: str
    placeholders: list[_Placeholder]
    background: str | None = None  # "RRGGBB"

    def by_idx(self, idx: int) -> _Placeholder | None:
        """Return the placeholder with ``idx``."""
        return next((p for p in self.placeholders if p.idx == idx), None)


@dataclass
class _Pptx:
    width: int
    height: int
    masters: list[str]  # master names ('' when unnamed, as LibreOffice writes them)
    layouts: list[_Layout]
    theme_colors: dict[str, str]  # "accent1" -> "RRGGBB", ...
    theme_fonts: tuple[str, str]

    def qualified(self, layout: _Layout) -> str:
        """Return how a mapping names ``layout``: its name, or "master / name" when the name repeats."""
        if sum(1 for l in self.layouts if l.name == layout.name) == 1:
            return layout.name
        master = layout.master_name if layout.master_name and self.masters.count(layout.master_name) == 1 \
            else str(layout.master + 1)
        return f"{master} / {layout.name}"


def _ordered(phs: list[_Placeholder]) -> list[_Placeholder]:
    """Return placeholders in reading order: top to bottom, then left to right (unplaced last, as written)."""
    placed = sorted((p for p in phs if p.box is not None), key=lambda p: (p.box.top, p.box.left))
    return placed + [p for p in phs if p.box is None]


def _srgb(el) -> str | None:
    """Return the RRGGBB of the first solid fill colour under ``el`` given as RGB or a theme colour."""
    if el is None:
        return None
    found = _x(el, "./a:solidFill/a:srgbClr/@val")
    return found[0].upper() if found else None


def _text_style(ph_el, scheme: dict[str, str]) -> tuple[tuple[str, bool] | None, str | None]:
    """Return the (typeface, bold) and colour a placeholder element's first level sets, if any."""
    font = color = None
    for rpr in _x(ph_el, ".//p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr | .//p:txBody/a:p/a:r/a:rPr"
                           " | .//p:txBody/a:p/a:endParaRPr"):
        face = _x(rpr, "./a:latin/@typeface")
        if face and font is None and not face[0].startswith("+"):
            font = (face[0], rpr.get("b") in ("1", "true"))
        if color is None:
            color = _srgb(rpr)
            scheme_clr = _x(rpr, "./a:solidFill/a:schemeClr/@val")
            if color is None and scheme_clr:
                color = scheme.get({"tx1": "dk1", "tx2": "dk2", "bg1": "lt1", "bg2": "lt2"}.get(scheme_clr[0],
                                                                                              scheme_clr[0]))
    return font, color


def _master_text_styles(master_el, scheme) -> dict[str, tuple]:
    """Return the title and body text styles of a master's txStyles: kind -> (font, colour)."""
    out = {}
    for kind, tag in (("title", "titleStyle"), ("body", "bodyStyle")):
        rpr = master_el.find(f"{{{_P_NS}}}txStyles/{{{_P_NS}}}{tag}/{{{_A_NS}}}lvl1pPr/{{{_A_NS}}}defRPr")
        if rpr is None:
            out[kind] = (None, None)
            continue
        face = _x(rpr, "./a:latin/@typeface")
        font = (face[0], rpr.get("b") in ("1", "true")) if face and not face[0].startswith("+") else None
        color = _srgb(rpr)
        clr = _x(rpr, "./a:solidFill/a:schemeClr/@val")
        if color is None and clr:
            color = scheme.get({"tx1": "dk1", "tx2": "dk2", "bg1": "lt1", "bg2": "lt2"}.get(clr[0], clr[0]))
        out[kind] = (font, color)
    return out


def _background(el, scheme) -> str | None:
    """Return the solid background colour a master or layout element sets, if any."""
    bg = el.find(f"{{{_P_NS}}}cSld/{{{_P_NS}}}bg")
    if bg is None:
        return None
    rgb = _x(bg, "./p:bgPr/a:solidFill/a:srgbClr/@val")
    if rgb:
        return rgb[0].upper()
    clr = _x(bg, "./p:bgPr/a:solidFill/a:schemeClr/@val | ./p:bgRef/a:schemeClr/@val")
    if clr:
        return scheme.get({"bg1": "lt1", "bg2": "lt2", "tx1": "dk1", "tx2": "dk2"}.get(clr[0], clr[0]))
    return None


def _theme(master) -> tuple[dict[str, str], tuple[str, str]]:
    """Return a master's theme colours (name -> RRGGBB) and (major, minor) latin fonts."""
    from lxml import etree

    colors: dict[str, str] = {}
    fonts = ("Calibri", "Calibri")
    try:
        part = master.part.part_related_by(_THEME_REL)
    except KeyError:
        return colors, fonts
    root = etree.fromstring(part.blob)
    for el in root.iterfind(f".//{{{_A_NS}}}clrScheme/*"):
        name = etree.QName(el).localname
        rgb = el.find(f"{{{_A_NS}}}srgbClr")
        sys_clr = el.find(f"{{{_A_NS}}}sysClr")
        if rgb is not None:
            colors[name] = rgb.get("val", "").upper()
        elif sys_clr is not None:
            colors[name] = sys_clr.get("lastClr", "000000").upper()
    major = root.find(f".//{{{_A_NS}}}majorFont/{{{_A_NS}}}latin")
    minor = root.find(f".//{{{_A_NS}}}minorFont/{{{_A_NS}}}latin")
    fonts = (major.get("typeface") if major is not None else "Calibri",
             minor.get("typeface") if minor is not None else "Calibri")
    return colors, fonts


def _read_pptx(path: Path, label: str) -> tuple[_Pptx | None, list[Problem]]:
    """Return the inventory of a .pptx, or None and why it cannot be used."""
    save_as = "open it in PowerPoint (or LibreOffice Impress) and save it as a .pptx presentation"

    def no(message: str, code: str) -> tuple[None, list[Problem]]:
        return None, [Problem(label, message=message, code=_code(code))]

    if not path.exists():
        return no(f"file not found; check the path, or create it (the default is {_display(DEFAULT_TEMPLATE)})",
                  "missing")
    if not path.is_file():
        return no("is not a file; point to a .pptx file", "not-pptx")
    try:
        with path.open("rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        return no(f"cannot be read ({exc.strerror or exc}); check the file's permissions", "unreadable")
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return no(f"is an old binary PowerPoint (.ppt) file, not a .pptx; {save_as}", "not-pptx")
    if not zipfile.is_zipfile(path):
        return no(f"is not a PowerPoint .pptx file (a .pptx is a ZIP package; this file is not); {save_as}",
                  "not-pptx")

    from pptx import Presentation

    try:
        prs = Presentation(str(path))
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not a usable pptx"
        text = str(exc)
        if "template.main+xml" in text:
            return no(f"is a PowerPoint template (.potx), not a presentation; {save_as}", "not-pptx")
        if "slideshow.main+xml" in text:
            return no(f"is a PowerPoint show (.ppsx), not a presentation; {save_as}", "not-pptx")
        reason = text.splitlines()[0] if text else type(exc).__name__
        return no(f"is not a valid PowerPoint .pptx file ({reason}); {save_as}", "not-pptx")

    try:
        return _inventory(prs), []
    except Exception as exc:  # noqa: BLE001 - damaged layout XML must still give a message
        return no(f"its slide layouts cannot be read ({type(exc).__name__}: {exc}); {save_as}", "unreadable")


def _style_kind(type_name: str) -> str:
    """Return which master placeholder a layout placeholder of ``type_name`` takes its text style from."""
    if type_name in ("TITLE", "CENTER_TITLE"):
        return "title"
    return type_name if type_name in _LATENT_TYPES else "body"


def _inventory(prs) -> _Pptx:
    """Return what the lint needs to know of an open presentation (its placeholders numbered first)."""
    number_placeholders(prs)
    layouts: list[_Layout] = []
    masters: list[str] = []
    theme_colors: dict[str, str] = {}
    theme_fonts = ("Calibri", "Calibri")
    for m, master in enumerate(prs.slide_masters):
        masters.append(master.name or "")
        colors, fonts = _theme(master)
        if m == 0:
            theme_colors, theme_fonts = colors, fonts
        styles = _master_text_styles(master.element, colors)
        master_bg = _background(master.element, colors)
        # What the master's own placeholders set, by kind: LibreOffice writes fonts and colours there.
        master_style: dict[str, tuple] = {}
        for ph in master.placeholders:
            master_style.setdefault(_style_kind(ph.element.ph_type.name if ph.element.ph_type is not None
                                                else "OBJECT"), _text_style(ph.element, colors))
        for n, layout in enumerate(master.slide_layouts):
            phs: list[_Placeholder] = []
            for ph in layout.placeholders:
                fmt = ph.placeholder_format
                try:
                    kind = fmt.type.name if fmt.type is not None else "OBJECT"
                except (ValueError, AttributeError):
                    kind = "UNKNOWN"
                box = None
                if None not in (ph.left, ph.top, ph.width, ph.height):
                    box = Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
                font, color = _text_style(ph.element, colors)
                family = _style_kind(kind)
                inherited_font, inherited_color = master_style.get(family, (None, None))
                style_font, style_color = styles["title" if family == "title" else "body"]
                choices = tuple(dict.fromkeys(c for c in (color, inherited_color, style_color) if c))
                phs.append(_Placeholder(int(fmt.idx), kind, ph.name, box,
                                        font or inherited_font or style_font, choices))
            layouts.append(_Layout(m, n, layout.name, master.name or "", phs,
                                   _background(layout.element, colors) or master_bg))
    return _Pptx(int(prs.slide_width or 0), int(prs.slide_height or 0), masters, layouts, theme_colors, theme_fonts)


def inventory(pptx_path: str | os.PathLike) -> tuple[_Pptx | None, list[Problem]]:
    """Return what a .pptx holds for a mapping (masters, layouts, placeholders, theme), or None and why not."""
    path = Path(pptx_path)
    return _read_pptx(path, _display(path))


def _kind(type_name: str) -> str:
    """Return "an object placeholder" style wording for a PP_PLACEHOLDER name."""
    words = type_name.lower().replace("_", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words} placeholder"


def _box_text(box: Box) -> str:
    """Return a box as "left 0, top 0, width 1, height 1 (EMU)"."""
    return f"(left {box.left}, top {box.top}, width {box.width}, height {box.height} EMU)"


def _describe_placeholders(phs: list[_Placeholder]) -> str:
    """Return "0 (title 'Title 1'), 1 (body 'Text 2')" for the placeholders of a layout."""
    if not phs:
        return "none"
    return ", ".join(f"{p.idx} ({p.type.lower().replace('_', ' ')} '{p.name}')"
                     for p in sorted(phs, key=lambda p: p.idx))


def _find_layout(pptx: _Pptx, ref: str) -> tuple[_Layout | None, str | None, str]:
    """Return the layout ``ref`` names, else None with why ("unknown" or "ambiguous") and a message."""
    listing = _quote_list(dict.fromkeys(pptx.qualified(l) for l in pptx.layouts))
    found = [l for l in pptx.layouts if l.name == ref]
    if not found and "/" in ref:
        master_ref, _, name = (part.strip() for part in ref.partition("/"))
        masters = [m for m, mname in enumerate(pptx.masters) if mname and mname == master_ref]
        if not masters and re.fullmatch(r"\d+", master_ref) and 1 <= int(master_ref) <= len(pptx.masters):
            masters = [int(master_ref) - 1]
        if not masters:
            return None, "unknown", (f"no slide master '{master_ref}' (masters are named, or numbered from 1 to "
                                     f"{len(pptx.masters)}); layouts in this file: {listing}")
        found = [l for l in pptx.layouts if l.name == name and l.master in masters]
    if not found:
        return None, "unknown", f"layout '{ref}' not found; layouts in this file: {listing}"
    if len(found) > 1:
        # Layouts with one name in one master cannot be told apart by any name: only a truly ambiguous reference.
        choices = [pptx.qualified(l) for l in found]
        if len(set(choices)) < len(choices):
            return None, "ambiguous", (f"layout name '{ref}' is used by {len(found)} layouts of one slide master, "
                                       f"so the role is ambiguous; rename one of them (View > Slide Master)")
        return None, "ambiguous", (f"layout name '{ref}' is used by {len(found)} layouts (one per slide master); "
                                   f"name the master too: {_quote_list(choices)}")
    return found[0], None, ""


def _find_placeholder(layout: _Layout, ref: Any) -> tuple[_Placeholder | None, str]:
    """Return the placeholder of ``layout`` that ``ref`` names (idx, "body 2", or a name), else None and why."""
    listing = _describe_placeholders(layout.placeholders)
    idx = _whole(ref)
    if idx is not None:
        ph = layout.by_idx(idx)
        if ph is None:
            return None, f"layout '{layout.name}' has no placeholder idx {idx}; placeholders in that layout: {listing}"
        return ph, ""
    if not isinstance(ref, str) or not ref.strip():
        return None, (f"must name a placeholder: an idx (whole number), a type with an optional number "
                      f"(\"body\", \"body 2\"), or the placeholder's name; found {ref!r}")
    m = _KIND_REF.match(ref)
    if m:
        kind = m.group(1).lower().replace("_", " ")
        n = int(m.group(2) or 1)
        matches = [p for p in _ordered(layout.placeholders) if p.type in PLACEHOLDER_KINDS[kind]]
        if n < 1 or n > len(matches):
            return None, (f"layout '{layout.name}' has {len(matches)} {kind} placeholder"
                          f"{'s' * (len(matches) != 1)}, so '{ref}' names none; placeholders in that layout: {listing}")
        return matches[n - 1], ""
    named = [p for p in layout.placeholders if p.name == ref] or \
        [p for p in layout.placeholders if p.name.casefold() == ref.strip().casefold()]
    if len(named) == 1:
        return named[0], ""
    if len(named) > 1:
        return None, (f"{len(named)} placeholders of layout '{layout.name}' are named '{ref}'; "
                      f"name it by idx or by type and number instead; placeholders in that layout: {listing}")
    return None, (f"layout '{layout.name}' has no placeholder '{ref}' (an idx, a type such as \"body 2\", or a "
                  f"name); placeholders in that layout: {listing}")


# ---------------------------------------------------------------- lint
class _Lint:
    """One run of the lint over a .pptx and its mapping document."""

    def __init__(self, label: str, mrel: str, doc, problems: Problems):
        self.label = label
        self.mrel = mrel
        self.doc = doc
        self.problems = problems

    def error(self, loc: tuple, message: str, code: str, *, key: bool = False) -> None:
        """Record a problem at ``loc`` of the mapping (its key when ``key``)."""
        from pipeline.load import field_path

        pos = self.doc.pos(loc, key=key) if self.doc is not None else None
        self.problems.error(self.mrel, message, _code(code), line=pos.line if pos else 0,
                            col=pos.col if pos else 0, field=field_path(loc))

    def unknown_keys(self, mapping: dict, allowed, loc: tuple, noun: str = "allowed keys") -> None:
        """Report each key of ``mapping`` not in ``allowed``."""
        for key in mapping:
            if key not in allowed:
                self.error((*loc, key), f"unknown key '{key}'; {noun}: {', '.join(allowed)}; fix the spelling or "
                           f"remove it", "unknown-key", key=True)


def _inspect(pptx_path: str | os.PathLike, show=None) -> tuple[Template | None, list[Problem]]:
    """Return the template description (None if unusable) and the list of problems.

    ``show`` turns a path into how problems name it (relative to the working directory by default).
    """
    from pipeline.load import read_file

    show = show or _display
    path = Path(pptx_path)
    label = show(path)
    mpath = mapping_path_for(path)
    mrel = show(mpath)
    problems = Problems()

    pptx, pptx_problems = _read_pptx(path, label)
    problems.extend(pptx_problems)
    if not path.exists():
        return None, list(problems)

    # -- the mapping file itself
    if not mpath.is_file():
        hint = ""
        if pptx is not None:
            hint = f"; layouts in this file: {_quote_list(dict.fromkeys(pptx.qualified(l) for l in pptx.layouts))}"
        problems.error(label, f"mapping file {mrel} not found; write one with `csplan template init {label}` "
                       f"(or copy {_display(DEFAULT_TEMPLATE.with_suffix('.yaml'))}){hint}", _code("mapping-missing"))
        return None, list(problems)
    doc = read_file(mpath, mrel, problems)
    if doc is None:
        return None, list(problems)
    data = doc.data
    lint = _Lint(label, mrel, doc, problems)
    lint.unknown_keys(data, _TOP_KEYS, ())
    if _whole(data.get("version")) != 1:
        lint.error(("version",), f"must be 1 (found {data.get('version')!r}); add `version: 1`", "version",
                   key="version" not in data)

    status_colors, series_colors = _colors(lint, data)
    text_sizes = _text_sizes(lint, data)

    # -- roles
    roles_data = data.get("roles")
    roles: dict[str, Role] = {}
    if not isinstance(roles_data, dict):
        lint.error(("roles",), f"missing or not a mapping; map each of {', '.join(ROLES)} to a layout "
                   f"(`csplan template init` writes them)", "roles")
        roles_data = {}
    else:
        lint.unknown_keys(roles_data, ROLES, ("roles",), noun="roles")
    for role in ROLES:
        if role not in roles_data:
            if isinstance(data.get("roles"), dict):
                lint.error(("roles",), f"role '{role}' is not mapped; add roles.{role} with a layout and its "
                           f"placeholders", "role-missing", key=True)
            continue
        parsed = _check_role(lint, role, roles_data[role], pptx)
        if parsed is not None:
            roles[role] = parsed

    if problems.errors or pptx is None:
        return None, list(problems)
    fonts: dict[str, dict[str, tuple[str, bool]]] = {}
    text_colors: dict[str, dict[str, tuple[str, ...]]] = {}
    backgrounds: dict[str, str] = {}
    for name, role in roles.items():
        layout = next(l for l in pptx.layouts if l.master == role.master and l.index == role.layout_index)
        backgrounds[name] = layout.background or pptx.theme_colors.get("lt1", "FFFFFF")
        for sub, idx in role.placeholders.items():
            ph = layout.by_idx(idx)
            if ph is not None and ph.font:
                fonts.setdefault(name, {})[sub] = ph.font
            if ph is not None and ph.colors:
                text_colors.setdefault(name, {})[sub] = ph.colors
    template = Template(
        path=path,
        mapping_path=mpath,
        slide_width=pptx.width,
        slide_height=pptx.height,
        roles=roles,
        status_colors=status_colors,
        series_colors=tuple(series_colors),
        text_sizes=text_sizes,
        fonts=fonts,
        text_colors=text_colors,
        backgrounds=backgrounds,
        theme_fonts=pptx.theme_fonts,
    )
    return template, list(problems)


def _colors(lint: _Lint, data: dict) -> tuple[dict[str, str], list[str]]:
    """Return the status and series colours of the mapping (problems to ``lint``)."""
    status_colors: dict[str, str] = {}
    series_colors: list[str] = []

    def color(value: Any, loc: tuple) -> str | None:
        m = _HEX.match(value) if isinstance(value, str) else None
        if not m:
            lint.error(loc, f"must be a hex RGB colour like \"1A7F8E\" (found {value!r})", "color")
            return None
        return m.group(1).upper()

    colors = data.get("colors")
    if not isinstance(colors, dict):
        lint.error(("colors",), "missing or not a mapping; add colors: {status: {red, amber, green}, series: [...]}",
                   "colors", key="colors" not in data)
        return status_colors, series_colors
    lint.unknown_keys(colors, ("status", "series"), ("colors",))
    status = colors.get("status")
    if not isinstance(status, dict):
        lint.error(("colors", "status"), "missing or not a mapping; add status: {red: ..., amber: ..., green: ...}",
                   "colors")
    else:
        lint.unknown_keys(status, (*_STATUS_KEYS, *_STATUS_DEFAULTS), ("colors", "status"))
        for key in _STATUS_KEYS:
            if key not in status:
                lint.error(("colors", "status"), f"'{key}' is missing; add it as a hex RGB string", "colors",
                           key=True)
            elif (c := color(status[key], ("colors", "status", key))) is not None:
                status_colors[key] = c
        for key, default in _STATUS_DEFAULTS.items():
            if key not in status:
                status_colors[key] = default
            elif (c := color(status[key], ("colors", "status", key))) is not None:
                status_colors[key] = c
    series = colors.get("series")
    if not isinstance(series, list) or not series:
        lint.error(("colors", "series"), "must be a non-empty list of hex RGB strings (chart series colours, "
                   "in order)", "colors")
    else:
        for i, value in enumerate(series):
            if (c := color(value, ("colors", "series", i))) is not None:
                series_colors.append(c)
    return status_colors, series_colors


def _text_sizes(lint: _Lint, data: dict) -> dict[str, float]:
    """Return the text sizes of the mapping, defaults filled in (problems to ``lint``)."""
    text_sizes = dict(_TEXT_SIZE_DEFAULTS)
    sizes = data.get("text_sizes", {})
    if sizes is None:
        return text_sizes
    if not isinstance(sizes, dict):
        lint.error(("text_sizes",), "must be a mapping like {title: 28, body: 18, body_min: 11}", "text-size")
        return text_sizes
    for key, value in sizes.items():
        if key not in _TEXT_SIZE_DEFAULTS:
            lint.error(("text_sizes", key), f"unknown key '{key}'; allowed keys: {', '.join(_TEXT_SIZE_DEFAULTS)}",
                       "unknown-key", key=True)
            continue
        try:
            number = float(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
        except ValueError:
            number = None
        if number is None or not (4 <= number <= 200):
            lint.error(("text_sizes", key), f"must be a number of points from 4 to 200 (found {value!r})",
                       "text-size")
        else:
            text_sizes[key] = number
    if text_sizes["body_min"] > text_sizes["body"]:
        lint.error(("text_sizes", "body_min"), f"({text_sizes['body_min']:g}) is larger than text_sizes.body "
                   f"({text_sizes['body']:g}); swap them", "text-size")
    return text_sizes


def _check_role(lint: _Lint, role: str, spec: Any, pptx: _Pptx | None) -> Role | None:
    """Return the parsed role (None when it has problems, which go to ``lint``)."""
    loc = ("roles", role)
    failed = False

    def fail(where: tuple, message: str, code: str, key: bool = False) -> None:
        nonlocal failed
        failed = True
        lint.error((*loc, *where), message, code, key=key)

    if not isinstance(spec, dict):
        fail((), "must be a mapping with 'layout' and 'placeholders'", "role")
        return None
    for key in spec:
        if key not in _ROLE_KEYS:
            fail((key,), f"unknown key '{key}'; allowed keys: {', '.join(_ROLE_KEYS)}; fix the spelling or remove it",
                 "unknown-key", key=True)
    if "content_area" in spec and role not in _CONTENT_AREA_ROLES:
        fail(("content_area",), f"only applies to the {' and '.join(sorted(_CONTENT_AREA_ROLES))} roles; remove it",
             "unknown-key", key=True)
    if "logo" in spec and role not in _LOGO_ROLES:
        fail(("logo",), "only applies to the title role; remove it", "unknown-key", key=True)

    # layout
    ref = spec.get("layout")
    layout: _Layout | None = None
    if not isinstance(ref, str) or not ref.strip():
        fail(("layout",), "missing or not a layout name; set it to a layout's name as PowerPoint shows it",
             "layout", key="layout" not in spec)
    elif pptx is not None:
        layout, why, message = _find_layout(pptx, ref.strip())
        if layout is None:
            fail(("layout",), message + ("; map the role to one of them" if why == "unknown" else ""),
                 f"layout-{why}")

    # placeholders
    required, optional = ROLES[role]
    mapped: dict[str, int] = {}
    boxes: dict[str, Box] = {}
    placeholders = spec.get("placeholders")
    if not isinstance(placeholders, dict):
        fail(("placeholders",), f"missing or not a mapping; add e.g. placeholders: "
             f"{{{', '.join(f'{s}: <placeholder>' for s in required)}}}", "placeholders",
             key="placeholders" not in spec)
        placeholders = {}
    seen: dict[int, str] = {}
    for sub, value in placeholders.items():
        where = ("placeholders", sub)
        if sub not in required and sub not in optional:
            fail(where, f"unknown sub-role '{sub}'; allowed: {', '.join(required + optional)}", "unknown-key",
                 key=True)
            continue
        if layout is None:
            if _whole(value) is None and not (isinstance(value, str) and value.strip()):
                fail(where, f"must name a placeholder (idx, type such as \"body 2\", or name); found {value!r}",
                     "placeholder")
            continue
        ph, why = _find_placeholder(layout, value)
        if ph is None:
            fail(where, why, "placeholder")
            continue
        if ph.idx in seen:
            fail(where, f"is the placeholder already mapped to '{seen[ph.idx]}'; give each sub-role its own",
                 "placeholder-duplicate")
            continue
        if sub in _REQUIRED_TYPE and ph.type != _REQUIRED_TYPE[sub]:
            fail(where, f"placeholder {ph.idx} ('{ph.name}') is {_kind(ph.type)}, not "
                 f"{_kind(_REQUIRED_TYPE[sub])}; map '{sub}' to the layout's "
                 f"{_REQUIRED_TYPE[sub].lower().replace('_', ' ')} placeholder or drop it", "placeholder-type")
            continue
        if sub not in _REQUIRED_TYPE and ph.type in _LATENT_TYPES:
            fail(where, f"placeholder {ph.idx} ('{ph.name}') is {_kind(ph.type)}, which a new slide does not "
                 f"get from its layout; map '{sub}' to a title, body or content placeholder", "placeholder-type")
            continue
        if sub not in _REQUIRED_TYPE and ph.type in _NON_TEXT_TYPES:
            fail(where, f"placeholder {ph.idx} ('{ph.name}') is {_kind(ph.type)}, which cannot hold text; map "
                 f"'{sub}' to a title, body or content placeholder", "placeholder-type")
            continue
        if sub not in _REQUIRED_TYPE and ph.box is None:
            fail(where, f"placeholder {ph.idx} ('{ph.name}') has no position in the layout or its master; give it "
                 f"one in the template (View > Slide Master)", "placeholder-box")
            continue
        seen[ph.idx] = sub
        if ph.box is not None:
            boxes[sub] = ph.box
        mapped[sub] = ph.idx
    for sub in required:
        if sub not in placeholders and isinstance(spec.get("placeholders"), dict):
            hint = f"; placeholders in that layout: {_describe_placeholders(layout.placeholders)}" if layout else ""
            fail(("placeholders",), f"'{sub}' is not mapped; add '{sub}: <placeholder>'{hint}", "placeholder-missing",
                 key=True)

    def parse_box(key: str) -> Box | None:
        value = spec.get(key)
        where = (key,)
        if isinstance(value, dict) and set(value) == {"placeholder"}:
            if layout is None:
                return None
            ph, why = _find_placeholder(layout, value["placeholder"])
            if ph is None:
                fail((key, "placeholder"), f"{why}; or give a box {{left, top, width, height}}", "box")
                return None
            if ph.box is None:
                fail((key, "placeholder"), f"placeholder {ph.idx} has no position in the layout or master; give a "
                     f"box instead", "box")
            return ph.box
        if not isinstance(value, dict) or set(value) != set(_BOX_KEYS):
            fail(where, f"must be {{left, top, width, height}} (EMU, or strings like \"0.6in\"/\"1.5cm\") "
                 f"or {{placeholder: <placeholder>}}; found {value!r}", "box")
            return None
        nums = {}
        for k in _BOX_KEYS:
            n = _parse_length(value[k])
            if n is None:
                fail((key, k), f"must be EMU (whole number) or a length like \"0.6in\", \"1.5cm\", \"15mm\", "
                     f"\"36pt\"; found {value[k]!r}", "box")
                return None
            nums[k] = n
        box = Box(**nums)
        if box.width <= 0 or box.height <= 0 or box.left < 0 or box.top < 0:
            fail(where, f"must have a non-negative position and a positive size; found {_box_text(box)}", "box")
            return None
        if pptx is not None and pptx.width and (box.right > pptx.width or box.bottom > pptx.height):
            fail(where, f"{_box_text(box)} extends past the slide ({pptx.width} x {pptx.height} EMU); move or "
                 f"shrink it", "box")
            return None
        return box

    content_area = None
    if role in _CONTENT_AREA_ROLES:
        if "content_area" not in spec:
            fail((), "'content_area' is missing; add content_area: {left, top, width, height} (or "
                 "{placeholder: <placeholder>})", "box", key=True)
        else:
            content_area = parse_box("content_area")
    logo = parse_box("logo") if role in _LOGO_ROLES and "logo" in spec else None

    if failed or layout is None:
        return None
    return Role(name=role, layout=layout.name, placeholders=mapped, boxes=boxes, content_area=content_area,
                logo=logo, master=layout.master, layout_index=layout.index)


def _font_problems(template: Template, show) -> list[Problem]:
    """Return a warning for each font the mapped placeholders use that cannot be measured on this machine."""
    from pipeline.measure import choose_font, font_warning

    folder = template.path.parent / "fonts"
    families = dict.fromkeys([template.font("content", "body"), template.font("content", "title"),
                              *(f for subs in template.fonts.values() for f, _bold in subs.values())])
    out = []
    for family in families:
        message = font_warning(choose_font(family, str(folder)), show(folder))
        if message:
            out.append(Problem(show(template.path), message=message, code=_code("font-missing"),
                               severity=Severity.WARNING))
    return out


def body_font(prs) -> str:
    """Return the font a deck's (or template's) body text is set in: its first master's body, else the theme's."""
    pptx = _inventory(prs)
    body = next((p for l in pptx.layouts if l.master == 0 for p in l.placeholders
                 if p.type in ("BODY", "OBJECT") and p.font), None)
    return body.font[0] if body is not None else pptx.theme_fonts[1]


# ---------------------------------------------------------------- public API
def _crash(pptx_path, exc: Exception) -> Problem:
    return Problem(_display(Path(pptx_path)), message=f"the template could not be checked ({type(exc).__name__}: "
                   f"{exc}); this is a csplan bug, please report it", code=_code("internal"))


def check_template(pptx_path: str | os.PathLike, show=None) -> list[Problem]:
    """Return every problem with the template and its mapping file ([] when usable), warnings included."""
    try:
        template, problems = _inspect(pptx_path, show)
        if template is not None:
            problems += _font_problems(template, show or _display)
        return problems
    except Exception as exc:  # noqa: BLE001 - the lint must report, never crash
        return [_crash(pptx_path, exc)]


def load_template(pptx_path: str | os.PathLike = DEFAULT_TEMPLATE, show=None) -> Template:
    """Return the description of a linted template; raise TemplateError listing every error."""
    try:
        template, problems = _inspect(pptx_path, show)
    except Exception as exc:  # noqa: BLE001 - same contract as check_template
        raise TemplateError([_crash(pptx_path, exc)]) from exc
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or template is None:
        raise TemplateError(errors or [Problem(_display(Path(pptx_path)), message="the template could not be loaded",
                                               code=_code("invalid"))])
    return template
