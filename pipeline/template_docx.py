"""Word templates: the Jinja environment documents are rendered with, and the lint of a template's tags.

A docx template holds docxtpl tags: ``{{ title }}`` for a text, ``{{ labels.profile }}``
for a label, and ``{{p results }}`` alone in a paragraph for a block (headings,
paragraphs, tables) that replaces that paragraph. A team may bring its own
template with the same tags. :func:`template_problems` finds, before anything
is rendered, every Jinja syntax error, every tag the view does not provide and
every block tag written without ``p`` (which would corrupt the document),
each named with the paragraph it sits in; ``csplan template check`` prints the
same findings for a template file.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

# Styles the renderer writes with; a template without them renders plainer text, so the lint warns.
STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "List Bullet 2",
          "List Number", "List Number 2", "List Continue", "Quote", "Hyperlink", "csplan Table")
_DOCX_MAIN = "word/document.xml"
_TAG = re.compile(r"\{\{-?\s*(p|r|tr|tc)?\s+([A-Za-z_][\w.]*)|\{\{-?\s*([A-Za-z_][\w.]*)")


def _literal(value):
    """Return a text escaped for XML with braces as character references.

    docxtpl rewrites "{_{" to "{{" in its output after rendering; writing
    braces as references keeps user text exactly as typed.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(str(escape(value)).replace("{", "&#123;").replace("}", "&#125;"))
    return value


def environment() -> SandboxedEnvironment:
    """Return the Jinja environment of Word templates: sandboxed, autoescaping, strict about undefined tags."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_literal)


@dataclass
class Finding:
    """One problem of a template: its message and problem code."""

    message: str
    code: str


@dataclass
class _Part:
    """A story of the template (body, a header or a footer) as Jinja sees it."""

    label: str
    source: str  # docxtpl-patched XML, one paragraph a line
    paragraphs: list[str]  # the raw text of each paragraph, as the author typed it


def _paragraph_texts(xml: str) -> list[str]:
    texts = []
    for chunk in re.split(r"(?=<w:p[ >])", xml):
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", chunk))
        texts.append(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"'))
    return texts


def _parts(data: bytes) -> list[_Part]:
    """Return the body, headers and footers of a template, patched the way docxtpl renders them."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    doc = tpl.get_docx()
    stories = [("body", tpl.xml_to_string(doc.element.body))]
    for rel in sorted(doc.part.rels.values(), key=lambda r: r.target_ref if not r.is_external else ""):
        if rel.is_external or rel.reltype not in (tpl.HEADER_URI, tpl.FOOTER_URI):
            continue
        kind = "header" if rel.reltype == tpl.HEADER_URI else "footer"
        stories.append((kind, tpl.get_part_xml(rel.target_part)))
    out = []
    for label, xml in stories:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))
        out.append(_Part(label, source, _paragraph_texts(xml)))
    return out


def _where(part: _Part, lineno: int | None, match=None, index: int | None = None) -> str:
    """Return "paragraph N of the body (“text”)": paragraph ``index``, else the first ``match(text)`` accepts,
    else the one at line ``lineno`` of the patched source."""
    found = (index, part.paragraphs[index]) if index is not None else None
    if found is None and match is not None:
        found = next(((n, text) for n, text in enumerate(part.paragraphs) if match(text)), None)
    if found is None and lineno:
        # docxtpl's patching can merge or drop paragraphs, so a line is only an approximation.
        lines = part.source.split("\n")
        line = lines[lineno - 1] if lineno <= len(lines) else ""
        found = (max(lineno - 1, 1), re.sub(r"<[^>]+>", "", line))
    if found is None:
        return f"the {part.label}"
    n, text = found
    text = text.strip()
    text = text if len(text) <= 60 else text[:57] + "…"
    where = f"paragraph {max(n, 1)} of the {part.label}"
    return f"{where} (“{text}”)" if text else where


def _unbalanced(text: str) -> bool:
    """Return True when the Jinja delimiters of a paragraph do not pair up."""
    return text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}")


_BLOCK = re.compile(r"\{%-?\s*(?:p|tr|tc|r)?\s*(if|for|end(?:if|for))\b")


def _unclosed(part: _Part) -> int | None:
    """Return the paragraph holding the innermost ``{% if %}``/``{% for %}`` left open, if any."""
    stack: list[int] = []
    for n, text in enumerate(part.paragraphs):
        for m in _BLOCK.finditer(text):
            if m.group(1).startswith("end"):
                if stack:
                    stack.pop()
            else:
                stack.append(n)
    return stack[-1] if stack else None


def _used_tags(ast, undeclared: set[str]) -> list[tuple[str, str | None, int]]:
    """Return (name, key, line) for each use of a context variable, with ``key`` for ``name.key``."""
    out = []
    attrs = set()
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node.node, nodes.Name) and node.node.name in undeclared:
            key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(key, str):
                out.append((node.node.name, key, node.lineno))
                attrs.add(id(node.node))
    for node in ast.find_all(nodes.Name):
        if node.name in undeclared and id(node) not in attrs:
            out.append((node.name, None, node.lineno))
    return sorted(out, key=lambda t: (t[2], t[0], t[1] or ""))


def template_problems(data: bytes, provided: dict[str, set[str] | None], blocks: set[str],
                      kind: str) -> list[Finding]:
    """Return every problem of a template's tags against the tags a view provides.

    ``provided`` maps each tag to the keys of a dictionary tag (None for a
    plain tag); ``blocks`` are the tags that must stand alone as ``{{p tag }}``.
    """
    try:
        parts = _parts(data)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return [Finding(f"cannot read as a Word template ({exc}); save it as .docx", "template.unreadable")]
    env = environment()
    findings: list[Finding] = []
    known = ", ".join(sorted(provided))
    for part in parts:
        try:
            ast = env.parse(part.source)
        except TemplateSyntaxError as exc:
            opened = _unclosed(part) if "Unexpected end of template" in exc.message else None
            where = _where(part, exc.lineno, _unbalanced, opened)
            findings.append(Finding(f"Jinja syntax error in {where}: {exc.message}; fix the tag in Word (every "
                                    f"{{{{ needs }}}}, every {{% if %}} its {{% endif %}})", "template.syntax"))
            continue
        undeclared = meta.find_undeclared_variables(ast)
        seen = set()
        for name, key, line in _used_tags(ast, undeclared):
            if (name, key) in seen:
                continue
            seen.add((name, key))
            dotted = r"\s*\.\s*" + re.escape(key) if key else ""
            where = _where(part, line, re.compile(r"\{[{%][^}%]*\b" + re.escape(name) + dotted + r"\b").search)
            if name not in provided:
                findings.append(Finding(f"unknown tag {{{{ {name} }}}} in {where}; the {kind} view provides: "
                                        f"{known}", "template.unknown-tag"))
            elif key is not None and provided[name] is not None and key not in provided[name]:
                keys = ", ".join(sorted(provided[name]))
                findings.append(Finding(f"unknown tag {{{{ {name}.{key} }}}} in {where}; {name} has: {keys}",
                                        "template.unknown-tag"))
        for n, text in enumerate(part.paragraphs):
            for m in _TAG.finditer(text):
                prefix, name = (m.group(1), m.group(2)) if m.group(2) else (None, m.group(3))
                if name in blocks and prefix != "p":
                    findings.append(Finding(f"block tag {name!r} in paragraph {max(n, 1)} of the {part.label} "
                                            f"(“{text.strip()[:60]}”) must be written {{{{p {name} }}}}, alone in "
                                            f"its paragraph", "template.block-tag"))
    return findings


def missing_styles(data: bytes) -> list[str]:
    """Return the renderer's styles that the template does not define."""
    import docx

    names = {s.name for s in docx.Document(io.BytesIO(data)).styles}
    return [s for s in STYLES if s not in names]


def tag_names(data: bytes) -> set[str]:
    """Return the name of every tag the Word template ``data`` uses ({} when it is not a readable .docx)."""
    try:
        texts = [p for part in _parts(data) for p in part.paragraphs]
    except Exception:  # noqa: BLE001 - not a .docx: check_docx_template says so
        return set()
    return {(m.group(2) or m.group(3)).split(".")[0] for t in texts for m in _TAG.finditer(t)}


def check_docx_template(path: str | Path, kind: str, provided: dict[str, set[str] | None],
                        blocks) -> list[str]:
    """Return every problem of the Word template of artifact ``kind`` as one sentence naming the file.

    ``provided`` and ``blocks`` are the tags and block tags of the artifact's view.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{path}: cannot read the file ({exc.strerror})"]
    if not zipfile.is_zipfile(io.BytesIO(data)) or _DOCX_MAIN not in zipfile.ZipFile(io.BytesIO(data)).namelist():
        return [f"{path}: not a Word .docx file; save the template as a Word document (.docx)"]
    blocks = set(blocks)
    out = [f"{path}: {f.message} [{f.code}]" for f in template_problems(data, provided, blocks, kind)]
    missing = missing_styles(data)
    if missing:
        out.append(f"{path}: warning: styles missing, text in them falls back to Normal: {', '.join(missing)} "
                   f"[template.style]")
    return out
