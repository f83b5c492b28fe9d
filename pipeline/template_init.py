"""``csplan template init``: write a first role mapping for a corporate .pptx by reading its layouts.

Each role is guessed from layout names, placeholder types and geometry (the
biggest body placeholder for content, two side-by-side bodies for two
columns, a dark master for the cover), and every guess is written with the
evidence as a comment, so a person can check it against the template in a
minute. A role no layout can play is left as a commented TODO, which
``csplan template check`` then names.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.template import ROLES, Box, _Layout, _Placeholder, _Pptx, _ordered, inventory, mapping_path_for

__all__ = ["init_mapping", "mapping_text"]

_STATUS = {"red": "C8372D", "amber": "F2A900", "green": "2E8B57", "grey": "8A939E"}
_TEXT_TYPES = ("BODY", "OBJECT")
_TITLE_TYPES = ("TITLE", "CENTER_TITLE")


@dataclass
class _Guess:
    layout: _Layout
    placeholders: dict[str, str]  # sub-role -> reference as written in the mapping
    evidence: str
    content_area: Box | None = None
    area_evidence: str = ""


def _dark(layout: _Layout) -> bool:
    """Return True when white text reads better than black on the layout's background."""
    from pipeline.render.shapes import contrast

    return layout.background is not None and contrast(layout.background, "FFFFFF") > contrast(layout.background, "000000")


def _of(layout: _Layout, types) -> list[_Placeholder]:
    return [p for p in _ordered(layout.placeholders) if p.type in types and p.box is not None]


def _ref(layout: _Layout, ph: _Placeholder, kind: str) -> str:
    """Return how the mapping names ``ph``: by type and number ("body 2"), which survives re-export."""
    from pipeline.template import PLACEHOLDER_KINDS

    same = [p for p in _ordered(layout.placeholders) if p.type in PLACEHOLDER_KINDS[kind]]
    n = same.index(ph) + 1
    return kind if n == 1 else f"{kind} {n}"


def _footers(layout: _Layout) -> dict[str, str]:
    out = {}
    if any(p.type == "FOOTER" for p in layout.placeholders):
        out["footer"] = "footer"
    if any(p.type == "SLIDE_NUMBER" for p in layout.placeholders):
        out["slide_number"] = "slide number"
    return out


def _named(layout: _Layout, *words: str) -> bool:
    name = layout.name.casefold()
    return any(re.search(rf"\b{w}", name) for w in words)


def _area(box: Box) -> int:
    return box.width * box.height


# Air left above the footer row when a drawn content area reaches down to it (as in the default template).
_FOOTER_GAP = int(0.15 * 914400)
# Room left empty above the footer row past which a body is taken to end short of it (LibreOffice's 1.3 in).
_FOOTER_ROOM = int(0.5 * 914400)


def _down_to_footer(layout: _Layout, body: Box, pptx: _Pptx) -> Box:
    """Return ``body`` grown down to just above the layout's footer row (its footer, date, slide number).

    LibreOffice's layouts end the body well above the footer (a fifth of the slide left empty); tables
    and drawn visuals use the room a designer would, so a smaller slide does not cost continuation
    slides. The body is kept where nothing sits below it, or where it ends less than half an inch above it.
    """
    below = [p.box.top for p in layout.placeholders if p.type in ("FOOTER", "DATE", "SLIDE_NUMBER")
             and p.box is not None and p.box.top >= body.bottom]
    if not below:
        return body
    bottom = min(below) - _FOOTER_GAP
    if bottom - body.bottom < _FOOTER_ROOM:  # already where a designer would end it (the default template)
        return body
    return Box(body.left, body.top, body.width, bottom - body.top)


def _guess(pptx: _Pptx) -> dict[str, _Guess | None]:
    """Return the best layout for each role, with why."""
    layouts = pptx.layouts
    # Covers on a dark master when the template has one (corporate templates keep their dark master for them).
    cover_first = sorted(layouts, key=lambda l: (not _dark(l), l.master, l.index))
    body_first = sorted(layouts, key=lambda l: (_dark(l), l.master, l.index))
    guesses: dict[str, _Guess | None] = {}

    def cover(role: str, words: tuple[str, ...]) -> _Guess | None:
        for layout in cover_first:
            titles, subs = _of(layout, _TITLE_TYPES), _of(layout, ("SUBTITLE",)) or _of(layout, _TEXT_TYPES)
            if len(titles) == 1 and subs and _named(layout, *words):
                kind = "subtitle" if subs[0].type == "SUBTITLE" else "body"
                why = f"layout name '{layout.name}'" + (", dark background" if _dark(layout) else "")
                return _Guess(layout, {"title": "title", "subtitle": _ref(layout, subs[0], kind), **_footers(layout)},
                              f"{why}; a title and a {kind} placeholder")
        return None

    guesses["title"] = cover("title", ("title slide", "title$", "cover", "title page")) or \
        cover("title", ("title",))
    guesses["section"] = cover("section", ("section", "divider", "header", "chapter"))
    if guesses["section"] is None and guesses["title"] is not None:
        g = guesses["title"]
        guesses["section"] = _Guess(g.layout, dict(g.placeholders), "no section layout; the cover's layout, "
                                    "a divider that looks like the cover")

    # content: a title and one body, the body the biggest of any such layout.
    best = None
    for layout in body_first:
        titles, bodies = _of(layout, _TITLE_TYPES), _of(layout, _TEXT_TYPES)
        if len(titles) == 1 and len(bodies) == 1 and not _dark(layout):
            if best is None or _area(bodies[0].box) > _area(best[1].box):
                best = (layout, bodies[0])
    if best is not None:
        layout, body = best
        guesses["content"] = _Guess(layout, {"title": "title", "body": _ref(layout, body, "body"),
                                             **_footers(layout)},
                                    f"a title and the biggest single body placeholder of any layout "
                                    f"({body.box.width * 100 // pptx.width}% of the slide's width)")
    else:
        guesses["content"] = None

    # two columns: a title and two bodies side by side at the same height.
    guesses["two_column"] = None
    for layout in body_first:
        titles, bodies = _of(layout, _TITLE_TYPES), _of(layout, _TEXT_TYPES)
        if len(titles) == 1 and len(bodies) == 2:
            a, b = sorted(bodies, key=lambda p: p.box.left)
            if abs(a.box.top - b.box.top) < pptx.height // 50 and a.box.right <= b.box.left:
                guesses["two_column"] = _Guess(layout, {"title": "title", "left": _ref(layout, a, "body"),
                                                        "right": _ref(layout, b, "body"), **_footers(layout)},
                                               "a title and two body placeholders side by side")
                break

    # table and chart: a layout with only a title (the drawn content goes where the content body is).
    content = guesses["content"]
    area = _down_to_footer(best[0], best[1].box, pptx) if best is not None else None
    for role, words in (("table", ("table",)), ("chart", ("chart", "graph"))):
        found = None
        for layout in body_first:
            titles, bodies = _of(layout, _TITLE_TYPES), _of(layout, _TEXT_TYPES + ("TABLE", "CHART", "PICTURE"))
            if len(titles) == 1 and not bodies and not _dark(layout):
                if found is None or _named(layout, *words, "title only"):
                    found = layout
                    if _named(layout, *words):
                        break
        if found is None or area is None:
            guesses[role] = None
            continue
        guesses[role] = _Guess(found, {"title": "title", **_footers(found)},
                               f"layout name '{found.name}': a title and no body to leave empty",
                               area, f"where the body of '{content.layout.name}' is"
                               f"{', down to the footer' if area != best[1].box else ''}")
    return guesses


def _accents(pptx: _Pptx) -> list[str]:
    accents = [pptx.theme_colors.get(f"accent{n}") for n in range(1, 7)]
    return [a for a in accents if a]


def mapping_text(pptx: _Pptx, template_name: str) -> str:
    """Return the commented mapping YAML for a template's inventory."""
    guesses = _guess(pptx)
    out = [
        f"# Role mapping for {template_name}, written by `csplan template init` from its layouts.",
        "# Each guess says why it was made; check them against the template, then run",
        f"#   csplan template check {template_name}",
        "# Placeholders are named by type and number in reading order (\"body 2\": the second body",
        "# from the top, then from the left), by idx, or by the placeholder's name. A layout is named",
        "# as PowerPoint shows it, or \"<master> / <layout>\" when several slide masters have it.",
        "# The format is described at the top of templates/pptx/default.yaml.",
        "",
        "version: 1",
        "",
        "roles:",
    ]
    for role in ROLES:
        g = guesses.get(role)
        required, optional = ROLES[role]
        if g is None:
            out.append(f"  # TODO {role}: no layout found with {', '.join(required)}"
                       f"{' and room for a table or chart' if role in ('table', 'chart') else ''};")
            out.append(f"  # add one to the template (View > Slide Master) and map it here:")
            out.append(f"  # {role}:")
            out.append("  #   layout: <layout name>")
            out.append(f"  #   placeholders: {{{', '.join(f'{s}: <placeholder>' for s in required)}}}")
            out.append("")
            continue
        out.append(f"  # {g.evidence}")
        out.append(f"  {role}:")
        out.append(f"    layout: \"{pptx.qualified(g.layout)}\"")
        subs = ", ".join(f"{k}: \"{v}\"" if " " in v else f"{k}: {v}" for k, v in g.placeholders.items())
        out.append(f"    placeholders: {{{subs}}}")
        if g.content_area is not None:
            b = g.content_area
            out.append(f"    # {g.area_evidence}")
            out.append(f"    content_area: {{left: {b.left}, top: {b.top}, width: {b.width}, height: {b.height}}}")
        out.append("")
    accents = _accents(pptx)
    out.append("colors:")
    out.append("  # Red, amber, green and grey for status fills and dots; csplan darkens or lightens a fill")
    out.append("  # where its text would not read (contrast under 4.5:1).")
    out.append("  status: {" + ", ".join(f'{k}: "{v}"' for k, v in _STATUS.items()) + "}")
    if accents:
        out.append("  # The theme's accent colours 1-6, in order: chart series and drawn shapes.")
        out.append("  series: [" + ", ".join(f'"{a}"' for a in accents) + "]")
    else:
        out.append("  # TODO: the theme has no accent colours; these are csplan's.")
        out.append('  series: ["1A7F8E", "12263F", "E9A23B", "7CC0C8", "6B7A8F", "0B4F5C"]')
    out.append("")
    out.append("# Body text shrinks from `body` to `body_min` points to fit; past that it continues on")
    out.append("# another slide.")
    scale = min(1.0, pptx.width / 12192000) if pptx.width else 1.0
    title, body = round(28 * max(scale, 0.75)), round(18 * max(scale, 0.75))
    out.append(f"text_sizes: {{title: {title}, body: {body}, body_min: 11}}")
    return "\n".join(out) + "\n"


def init_mapping(pptx_path: str | os.PathLike, force: bool = False):
    """Write the mapping beside ``pptx_path``; return (path written or None, problems)."""
    from pipeline.problems import Problem

    path = Path(pptx_path)
    pptx, problems = inventory(path)
    if pptx is None:
        return None, problems
    target = mapping_path_for(path)
    if target.exists() and not force:
        from pipeline.template import _display

        return None, [Problem(_display(target), message="already exists; csplan will not overwrite it (use --force "
                              "to replace it, or edit it)", code="template.mapping-exists")]
    text = mapping_text(pptx, path.name)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target, []
