"""Deck templates: a .pptx plus a role mapping (same stem, .yaml) and its lint.

The renderer never names layouts or placeholders itself. It asks the
``Template`` for a role ("table") and gets the layout name, the placeholder
idx of each sub-role, and boxes in EMU. The mapping format is documented at
the top of ``templates/pptx/default.yaml``.

``check_template`` lists every problem as one human sentence naming the file,
what is wrong and how to fix it; ``load_template`` returns the description or
raises ``TemplateError`` carrying those same sentences. Neither lets a
traceback escape for a bad template or mapping file.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
_REQUIRED_TYPE = {"footer": "FOOTER", "slide_number": "SLIDE_NUMBER"}
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


class TemplateError(ValueError):
    """A template or its mapping has problems; ``problems`` holds one message each."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


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
    """How one role is played: layout name, sub-role → placeholder idx, boxes in EMU."""

    name: str
    layout: str
    placeholders: dict[str, int]
    # Where each mapped placeholder sits on the layout (inherited from the
    # master when the layout does not override it).
    boxes: dict[str, Box] = field(default_factory=dict)
    content_area: Box | None = None
    logo: Box | None = None


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
    """Return a length in EMU from an int (EMU) or a string with a unit, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(in|cm|mm|pt|emu)\s*", value)
        if m:
            return round(float(m.group(1)) * _UNITS[m.group(2)])
    return None


@dataclass
class _Placeholder:
    idx: int
    type: str
    name: str
    box: Box | None


@dataclass
class _Pptx:
    width: int
    height: int
    layouts: dict[str, list[dict[int, _Placeholder]]]  # name -> one entry per layout with that name


def _read_pptx(path: Path, label: str) -> tuple[_Pptx | None, list[str]]:
    """Return the inventory of a .pptx, or None and why it cannot be used."""
    save_as = "open it in PowerPoint (or LibreOffice Impress) and save it as a .pptx presentation"
    if not path.exists():
        return None, [f"{label}: file not found; check the path, or create it (the default is {_display(DEFAULT_TEMPLATE)})"]
    if not path.is_file():
        return None, [f"{label}: is not a file; point to a .pptx file"]
    try:
        with path.open("rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        return None, [f"{label}: cannot be read ({exc.strerror or exc}); check the file's permissions"]
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        return None, [f"{label}: is an old binary PowerPoint (.ppt) file, not a .pptx; {save_as}"]
    if not zipfile.is_zipfile(path):
        return None, [f"{label}: is not a PowerPoint .pptx file (a .pptx is a ZIP package; this file is not); {save_as}"]

    try:
        from pptx import Presentation
    except ImportError:  # pragma: no cover - python-pptx is a hard dependency
        return None, [f"{label}: cannot be checked because python-pptx is not installed; run `make setup`"]

    try:
        prs = Presentation(str(path))
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not a usable pptx"
        text = str(exc)
        if "template.main+xml" in text:
            return None, [f"{label}: is a PowerPoint template (.potx), not a presentation; {save_as}"]
        if "slideshow.main+xml" in text:
            return None, [f"{label}: is a PowerPoint show (.ppsx), not a presentation; {save_as}"]
        reason = text.splitlines()[0] if text else type(exc).__name__
        return None, [f"{label}: is not a valid PowerPoint .pptx file ({reason}); {save_as}"]

    try:
        layouts: dict[str, list[dict[int, _Placeholder]]] = {}
        for master in prs.slide_masters:
            for layout in master.slide_layouts:
                phs: dict[int, _Placeholder] = {}
                for ph in layout.placeholders:
                    fmt = ph.placeholder_format
                    try:
                        kind = fmt.type.name if fmt.type is not None else "OBJECT"
                    except (ValueError, AttributeError):
                        kind = "UNKNOWN"
                    box = None
                    if None not in (ph.left, ph.top, ph.width, ph.height):
                        box = Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
                    phs[int(fmt.idx)] = _Placeholder(int(fmt.idx), kind, ph.name, box)
                layouts.setdefault(layout.name, []).append(phs)
        width = int(prs.slide_width or 0)
        height = int(prs.slide_height or 0)
    except Exception as exc:  # noqa: BLE001 - damaged layout XML must still give a message
        return None, [f"{label}: its slide layouts cannot be read ({type(exc).__name__}: {exc}); {save_as}"]
    return _Pptx(width, height, layouts), []


def _kind(type_name: str) -> str:
    """Return "an object placeholder" style wording for a PP_PLACEHOLDER name."""
    words = type_name.lower().replace("_", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words} placeholder"


def _box_text(box: Box) -> str:
    """Return a box as "left 0, top 0, width 1, height 1 (EMU)"."""
    return f"(left {box.left}, top {box.top}, width {box.width}, height {box.height} EMU)"


def _describe_placeholders(phs: dict[int, _Placeholder]) -> str:
    """Return "0 (title 'Title 1'), 1 (body 'Text 2')" for the placeholders of a layout."""
    if not phs:
        return "none"
    return ", ".join(f"{p.idx} ({p.type.lower().replace('_', ' ')} '{p.name}')" for p in sorted(phs.values(), key=lambda p: p.idx))


# ---------------------------------------------------------------- lint
def _inspect(pptx_path: str | os.PathLike) -> tuple[Template | None, list[str]]:
    """Return the template description (None if unusable) and the list of problems."""
    path = Path(pptx_path)
    label = _display(path)
    mpath = mapping_path_for(path)
    mname = mpath.name
    problems: list[str] = []

    pptx, pptx_problems = _read_pptx(path, label)
    problems += pptx_problems
    if not path.exists():
        return None, problems

    # -- the mapping file itself
    if not mpath.is_file():
        hint = ""
        if pptx is not None:
            hint = f"; layouts in this file: {_quote_list(pptx.layouts)}"
        problems.append(
            f"{label}: mapping file {_display(mpath)} not found; create it next to the template "
            f"(copy {_display(DEFAULT_TEMPLATE.with_suffix('.yaml'))} and change the layout names and placeholder idx){hint}"
        )
        return None, problems
    try:
        data = _safe_load(mpath.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(f"{label}: {mname} is not valid YAML{where} ({what}); fix the syntax (indentation, colons, quotes)")
        return None, problems
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{label}: {mname} cannot be read ({exc}); save it as UTF-8 text")
        return None, problems
    if not isinstance(data, dict):
        problems.append(f"{label}: {mname} must be a mapping with keys {', '.join(_TOP_KEYS)}; see the format at the top of default.yaml")
        return None, problems

    def bad(msg: str) -> None:
        problems.append(f"{label}: {msg}")

    _unknown_keys(data, _TOP_KEYS, f"{mname}: unknown key '{{key}}' at top level", bad)
    if data.get("version") != 1:
        bad(f"{mname}: 'version' must be 1 (found {data.get('version')!r}); add `version: 1`")

    # -- colours
    status_colors: dict[str, str] = {}
    series_colors: list[str] = []

    def color(value: Any, where: str) -> str | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            bad(f"{mname}: {where} is a number ({value!r}); write colours as quoted hex strings, e.g. \"1A7F8E\"")
            return None
        m = _HEX.match(value) if isinstance(value, str) else None
        if not m:
            bad(f"{mname}: {where} must be a hex RGB colour like \"1A7F8E\" (found {value!r})")
            return None
        return m.group(1).upper()

    colors = data.get("colors")
    if not isinstance(colors, dict):
        bad(f"{mname}: 'colors' is missing or not a mapping; add colors: {{status: {{red, amber, green}}, series: [...]}}")
    else:
        _unknown_keys(colors, ("status", "series"), f"{mname}: unknown key '{{key}}' in colors", bad)
        status = colors.get("status")
        if not isinstance(status, dict):
            bad(f"{mname}: colors.status is missing or not a mapping; add status: {{red: ..., amber: ..., green: ...}}")
        else:
            _unknown_keys(status, (*_STATUS_KEYS, *_STATUS_DEFAULTS), f"{mname}: unknown key '{{key}}' in colors.status",
                          bad)
            for key in _STATUS_KEYS:
                if key not in status:
                    bad(f"{mname}: colors.status.{key} is missing; add it as a hex RGB string")
                elif (c := color(status[key], f"colors.status.{key}")) is not None:
                    status_colors[key] = c
            for key, default in _STATUS_DEFAULTS.items():
                if key not in status:
                    status_colors[key] = default
                elif (c := color(status[key], f"colors.status.{key}")) is not None:
                    status_colors[key] = c
        series = colors.get("series")
        if not isinstance(series, list) or not series:
            bad(f"{mname}: colors.series must be a non-empty list of hex RGB strings (chart series colours, in order)")
        else:
            for i, value in enumerate(series):
                if (c := color(value, f"colors.series[{i}]")) is not None:
                    series_colors.append(c)

    # -- text sizes
    text_sizes = dict(_TEXT_SIZE_DEFAULTS)
    sizes = data.get("text_sizes", {})
    if not isinstance(sizes, dict):
        bad(f"{mname}: 'text_sizes' must be a mapping like {{title: 28, body: 18, body_min: 11}}")
    else:
        for key, value in sizes.items():
            if key not in _TEXT_SIZE_DEFAULTS:
                bad(f"{mname}: unknown key '{key}' in text_sizes; allowed keys: {', '.join(_TEXT_SIZE_DEFAULTS)}")
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                bad(f"{mname}: text_sizes.{key} must be a positive number of points (found {value!r})")
            else:
                text_sizes[key] = float(value)
        if text_sizes["body_min"] > text_sizes["body"]:
            bad(f"{mname}: text_sizes.body_min ({text_sizes['body_min']:g}) is larger than text_sizes.body ({text_sizes['body']:g}); swap them")

    # -- roles
    roles_data = data.get("roles")
    roles: dict[str, Role] = {}
    if not isinstance(roles_data, dict):
        bad(f"{mname}: 'roles' is missing or not a mapping; map each of {', '.join(ROLES)} to a layout (see default.yaml)")
        roles_data = {}
    _unknown_keys(roles_data, ROLES, f"{mname}: unknown role '{{key}}'", bad, noun="roles")
    for role in ROLES:
        if role not in roles_data:
            bad(f"{mname}: role '{role}' is not mapped; add roles.{role} with a layout and its placeholders")
            continue
        parsed = _check_role(role, roles_data[role], pptx, mname, bad)
        if parsed is not None:
            roles[role] = parsed

    if problems or pptx is None:
        return None, problems
    template = Template(
        path=path,
        mapping_path=mpath,
        slide_width=pptx.width,
        slide_height=pptx.height,
        roles=roles,
        status_colors=status_colors,
        series_colors=tuple(series_colors),
        text_sizes=text_sizes,
    )
    return template, problems


def _unknown_keys(mapping: dict, allowed, message: str, bad, noun: str = "allowed keys") -> None:
    """Report each key of ``mapping`` not in ``allowed``; ``message`` has a ``{key}`` placeholder."""
    for key in mapping:
        if key not in allowed:
            bad(f"{message.format(key=key)}; {noun}: {', '.join(allowed)}; fix the spelling or remove it")


def _check_role(role: str, spec: Any, pptx: _Pptx | None, mname: str, bad) -> Role | None:
    """Return the parsed role (None when it has problems, which go to ``bad``)."""
    where = f"role '{role}'"
    failures: list[str] = []

    def fail(msg: str) -> None:
        failures.append(msg)
        bad(f"{where}: {msg}")

    if not isinstance(spec, dict):
        fail(f"must be a mapping with 'layout' and 'placeholders' in {mname}")
        return None
    _unknown_keys(spec, _ROLE_KEYS, f"unknown key '{{key}}' in {mname}", fail)
    if "content_area" in spec and role not in _CONTENT_AREA_ROLES:
        fail(f"'content_area' only applies to the {' and '.join(sorted(_CONTENT_AREA_ROLES))} roles; remove it in {mname}")
    if "logo" in spec and role not in _LOGO_ROLES:
        fail(f"'logo' only applies to the title role; remove it in {mname}")

    # layout
    layout = spec.get("layout")
    phs: dict[int, _Placeholder] | None = None
    if not isinstance(layout, str) or not layout:
        fail(f"'layout' is missing or not a layout name; set it in {mname}")
        layout = None
    elif pptx is not None:
        found = pptx.layouts.get(layout)
        if not found:
            fail(
                f"layout '{layout}' not found; layouts in this file: {_quote_list(pptx.layouts)}; "
                f"add the layout or map the role to one of them in {mname}"
            )
        elif len(found) > 1:
            fail(
                f"layout name '{layout}' is used by {len(found)} layouts, so the role is ambiguous; "
                f"rename the layouts (View > Slide Master) so that each name is unique"
            )
        else:
            phs = found[0]

    # placeholders
    required, optional = ROLES[role]
    mapped: dict[str, int] = {}
    boxes: dict[str, Box] = {}
    placeholders = spec.get("placeholders")
    if not isinstance(placeholders, dict):
        fail(f"'placeholders' is missing or not a mapping; add e.g. placeholders: {{{', '.join(f'{s}: <idx>' for s in required)}}} in {mname}")
        placeholders = {}
    seen: dict[int, str] = {}
    for sub, idx in placeholders.items():
        if sub not in required and sub not in optional:
            fail(f"unknown placeholder sub-role '{sub}' in {mname}; allowed: {', '.join(required + optional)}")
            continue
        if isinstance(idx, bool) or not isinstance(idx, int) or idx < 0:
            fail(f"placeholder for '{sub}' must be a placeholder idx (a whole number), found {idx!r} in {mname}")
            continue
        if idx in seen:
            fail(f"placeholder idx {idx} is mapped to both '{seen[idx]}' and '{sub}'; give each sub-role its own placeholder in {mname}")
            continue
        seen[idx] = sub
        if phs is not None:
            ph = phs.get(idx)
            if ph is None:
                fail(
                    f"layout '{layout}' has no placeholder idx {idx} for '{sub}'; placeholders in that layout: "
                    f"{_describe_placeholders(phs)}; change '{sub}' to one of these idx in {mname} or add the placeholder to the layout"
                )
                continue
            if sub in _REQUIRED_TYPE and ph.type != _REQUIRED_TYPE[sub]:
                fail(
                    f"placeholder idx {idx} of layout '{layout}' mapped to '{sub}' is {_kind(ph.type)}, "
                    f"not {_kind(_REQUIRED_TYPE[sub])}; map '{sub}' to the layout's "
                    f"{_REQUIRED_TYPE[sub].lower().replace('_', ' ')} placeholder in {mname} or drop it"
                )
                continue
            if sub not in _REQUIRED_TYPE and ph.type in _NON_TEXT_TYPES:
                fail(
                    f"placeholder idx {idx} of layout '{layout}' mapped to '{sub}' is {_kind(ph.type)}, "
                    f"which cannot hold text; map '{sub}' to a title/body/content placeholder in {mname}"
                )
                continue
            if ph.box is not None:
                boxes[sub] = ph.box
        mapped[sub] = idx
    for sub in required:
        if sub not in placeholders:
            hint = f"; placeholders in that layout: {_describe_placeholders(phs)}" if phs is not None else ""
            fail(f"placeholder for '{sub}' is not mapped; add '{sub}: <idx>' under placeholders in {mname}{hint}")

    # boxes
    def parse_box(key: str) -> Box | None:
        value = spec.get(key)
        if isinstance(value, dict) and set(value) == {"placeholder"}:
            idx = value["placeholder"]
            if isinstance(idx, bool) or not isinstance(idx, int):
                fail(f"{key}.placeholder must be a placeholder idx (a whole number), found {idx!r} in {mname}")
                return None
            if phs is None:
                return None
            ph = phs.get(idx)
            if ph is None:
                fail(
                    f"{key} refers to placeholder idx {idx}, which layout '{layout}' does not have; placeholders in that "
                    f"layout: {_describe_placeholders(phs)}; use one of them or give a box {{left, top, width, height}} in {mname}"
                )
                return None
            if ph.box is None:
                fail(f"{key} refers to placeholder idx {idx}, which has no position in the layout or master; give a box in {mname}")
            return ph.box
        if not isinstance(value, dict) or set(value) != set(_BOX_KEYS):
            fail(
                f"{key} must be {{left, top, width, height}} (EMU, or strings like \"0.6in\"/\"1.5cm\") "
                f"or {{placeholder: <idx>}}; found {value!r} in {mname}"
            )
            return None
        nums = {}
        for k in _BOX_KEYS:
            n = _parse_length(value[k])
            if n is None:
                fail(f"{key}.{k} must be EMU (whole number) or a length like \"0.6in\", \"1.5cm\", \"15mm\", \"36pt\"; found {value[k]!r} in {mname}")
                return None
            nums[k] = n
        box = Box(**nums)
        if box.width <= 0 or box.height <= 0 or box.left < 0 or box.top < 0:
            fail(f"{key} must have a non-negative position and a positive size; found {_box_text(box)} in {mname}")
            return None
        if pptx is not None and pptx.width and (box.right > pptx.width or box.bottom > pptx.height):
            fail(
                f"{key} {_box_text(box)} extends past the slide ({pptx.width} x {pptx.height} EMU); "
                f"move or shrink it in {mname}"
            )
            return None
        return box

    content_area = None
    if role in _CONTENT_AREA_ROLES:
        if "content_area" not in spec:
            fail(f"'content_area' is missing; add content_area: {{left, top, width, height}} (or {{placeholder: <idx>}}) in {mname}")
        else:
            content_area = parse_box("content_area")
    logo = parse_box("logo") if role in _LOGO_ROLES and "logo" in spec else None

    if failures or layout is None:
        return None
    return Role(name=role, layout=layout, placeholders=mapped, boxes=boxes, content_area=content_area, logo=logo)


def _safe_load(text: str):
    """Return the YAML document ``text``, read by LibYAML where it agrees with PyYAML (errors by PyYAML)."""
    from pipeline.load import libyaml_loader

    fast = libyaml_loader(text)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            pass  # PyYAML reports it, with its clearer message
    return yaml.safe_load(text)


# ---------------------------------------------------------------- public API
def check_template(pptx_path: str | os.PathLike) -> list[str]:
    """Return one message per problem with the template and its mapping file ([] when usable)."""
    try:
        return _inspect(pptx_path)[1]
    except Exception as exc:  # noqa: BLE001 - the lint must report, never crash
        return [f"{_display(Path(pptx_path))}: the template could not be checked ({type(exc).__name__}: {exc}); this is a csplan bug, please report it"]


def load_template(pptx_path: str | os.PathLike = DEFAULT_TEMPLATE) -> Template:
    """Return the description of a linted template; raise TemplateError listing every problem."""
    try:
        template, problems = _inspect(pptx_path)
    except Exception as exc:  # noqa: BLE001 - same contract as check_template
        raise TemplateError([f"{_display(Path(pptx_path))}: the template could not be checked ({type(exc).__name__}: {exc})"]) from exc
    if problems or template is None:
        raise TemplateError(problems or [f"{_display(Path(pptx_path))}: the template could not be loaded"])
    return template
