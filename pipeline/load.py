"""Load stage: read a customer's YAML files into plain data with source positions.

PyYAML's *event* stream is used instead of its loader so that every value is
kept exactly as typed (no YAML 1.1 booleans, octals or float rounding: the
model decides types), duplicate keys are caught instead of silently
overwritten, aliases are never expanded, and every key and value keeps its
line and column for error messages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.problems import Problem, Problems
from pipeline.project import PARTNER_DIR, relative
from pipeline.registry import PLAN_SECTIONS

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
# Plain scalars that mean "no value"; everything else stays the string typed.
NULLS = {"", "~", "null", "Null", "NULL"}
# Characters an Office file (XML 1.0) cannot hold, or that PyYAML rejects.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks other than "\n" that Word and web pages paste: YAML folds them into
# a space inside quotes and counts them as new lines elsewhere (so its errors
# land lines away), while editors show none. Reported by name where they are.
_LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_SEPARATOR_NAMES = {"\x85": "U+0085 NEXT LINE (NEL)", "\u2028": "U+2028 LINE SEPARATOR",
                    "\u2029": "U+2029 PARAGRAPH SEPARATOR"}
LINE_SEPARATOR_HINT = ("is a line break only some programs see (often pasted from Word); delete it, or press "
                       "Enter for a new line (a blank line between paragraphs in Markdown text)")
# Characters that look like a space but are not one to YAML.
LOOKALIKE_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
_INDENT = re.compile(r"^[ \t" + LOOKALIKE_SPACES + r"]*")
_AFTER_INDICATOR = re.compile(r"[:\-]([" + LOOKALIKE_SPACES + r"])")

Loc = tuple  # a path into the data: keys (str) and list indices (int)
EMPTY_MESSAGE = "the file is empty; fill it in (see `csplan new` for a commented example) or delete it"


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column in a source file."""

    line: int
    col: int


@dataclass
class Document:
    """One YAML file's data with the position of every key and value."""

    path: Path
    rel: str
    data: Any = None
    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)
    # Values the loader already reported and replaced (an alias is read as
    # nothing): later stages say nothing more about them.
    reported: set = field(default_factory=set)
    # For the valid part of a broken file (pipeline.model.salvage): each list item's loc -> its loc in the file.
    origins: dict[Loc, Loc] = field(default_factory=dict)

    def original(self, loc: Loc) -> Loc:
        """Return ``loc`` as it is in the file (list items left out of a salvaged part shift the indices)."""
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.origins:
                return self.origins[loc[:n]] + loc[n:]
        return loc

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """Return the position of ``loc``, or of its nearest located parent."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), Pos(1, 1))


@dataclass
class Source:
    """Everything read from one customer folder."""

    name: str
    folder: Path
    documents: dict[str, Document] = field(default_factory=dict)
    assets: dict[str, Path] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    # The shared content/_partner/ folder (health model, partner profile), read with every customer.
    partner: Source | None = None
    partner_rel: str = ""


def _char_name(ch: str) -> str:
    kind = {"Cs": "lone surrogate", "Cn": "noncharacter"}.get(unicodedata.category(ch), "control character")
    return f"U+{ord(ch):04X} {unicodedata.name(ch, kind)}"


def _line_col(text: str, index: int) -> Pos:
    line = text.count("\n", 0, index) + 1
    return Pos(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def decode(raw: bytes, rel: str, problems: Problems) -> str | None:
    """Return ``raw`` decoded as UTF-8, or None after recording why it is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error(rel, "the file is UTF-16; save it as UTF-8", "text.encoding", line=1, col=1)
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.error(
            rel,
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02X}); save the file as UTF-8",
            "text.encoding",
            line=line,
            col=col,
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _scan_text(text: str, rel: str, problems: Problems) -> tuple[str, bool]:
    """Return the text with bad characters blanked, and whether it can be parsed.

    Indentation mistakes are reported here in the user's terms because
    PyYAML's own messages for them ("found character that cannot start any
    token") do not say what to do.
    """
    parseable = True
    bad = list(_BAD_CHARS.finditer(text))
    for m in bad[:20]:
        pos = _line_col(text, m.start())
        problems.error(rel, f"{_char_name(m.group())} cannot be stored in an Office file; delete it",
                       "text.control-char", line=pos.line, col=pos.col)
    if bad:
        text = _BAD_CHARS.sub(" ", text)
    seps = list(_LINE_SEPARATORS.finditer(text))
    for m in seps[:20]:
        pos = _line_col(text, m.start())
        problems.error(rel, f"{_SEPARATOR_NAMES[m.group()]} {LINE_SEPARATOR_HINT}", "text.line-separator",
                       line=pos.line, col=pos.col)
    if seps:
        text = _LINE_SEPARATORS.sub(" ", text)  # so the parser's positions stay those of the editor
    lines = text.split("\n")
    for lineno, line in enumerate(lines, 1):
        # PyYAML refuses a tab in trailing whitespace (or on a blank line), which
        # is invisible in an editor: drop it, positions elsewhere are unchanged.
        stripped = line.rstrip(" \t")
        if "\t" in line[len(stripped):]:
            line = lines[lineno - 1] = stripped
        indent = _INDENT.match(line).group()
        if "\t" in indent and line.strip():
            problems.error(rel, "tab used for indentation; YAML indents with spaces only",
                           "yaml.tab", line=lineno, col=indent.index("\t") + 1)
            parseable = False
        odd = next((c for c in indent if c in LOOKALIKE_SPACES), None)
        if odd and line.strip(LOOKALIKE_SPACES + " \t"):
            problems.error(rel, f"{_char_name(odd)} used for indentation; use plain spaces",
                           "yaml.lookalike-space", line=lineno, col=indent.index(odd) + 1)
            parseable = False
        for m in _AFTER_INDICATOR.finditer(line[len(indent):len(indent) + 200]):
            stripped = line[len(indent):]
            # Only the structural indicators: "key:<nbsp>" or "-<nbsp>item" at the start.
            if m.group()[0] == "-" and m.start() != 0:
                continue
            if m.group()[0] == ":" and not re.match(r"^[\w\-. ]+$", stripped[: m.start()]):
                continue
            problems.error(rel, f"{_char_name(m.group(1))} after '{m.group()[0]}'; use a plain space",
                           "yaml.lookalike-space", line=lineno, col=len(indent) + m.start() + 2)
            parseable = False
    return "\n".join(lines), parseable


_HINTS = {
    "mapping values are not allowed here": "a ':' followed by a space inside a value; put the value in quotes",
    "could not find expected ':'": "a line is missing its ':' or is indented differently from its neighbours",
    "did not find expected key": "check the indentation: keys of one mapping must line up",
    "did not find expected '-' indicator": "list items ('- ') of one list must line up",
    "while scanning a quoted scalar": "a quote is not closed",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "found undefined alias": "'*' starts an alias; put the value in quotes",
    "expected alphabetic or numeric character": "'*' or '&' starts an alias or anchor; put the value in quotes",
    "found character '@' that cannot start any token": "put values starting with '@', '`' or '%' in quotes",
    "found character '`' that cannot start any token": "put values starting with '@', '`' or '%' in quotes",
    "found character '%' that cannot start any token": "put values starting with '@', '`' or '%' in quotes",
    "found character '\\t' that cannot start any token": "a tab inside a line; use spaces, or put the value "
                                                          "in quotes",
}


def _syntax_problem(exc: yaml.MarkedYAMLError, rel: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "invalid YAML"
    hint = next((h for k, h in _HINTS.items() if k in what or k in (exc.context or "")), None)
    message = f"YAML syntax error: {what}"
    if exc.context and exc.context not in what:
        message += f" ({exc.context}"
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            message += f" at line {exc.context_mark.line + 1}"
        message += ")"
    if hint:
        message += f"; {hint}"
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(rel, line, col, "", message, "yaml.syntax")


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _events(text: str):
    """Return the YAML events of ``text``, parsed by LibYAML when it agrees with PyYAML's rules."""
    # LibYAML is about ten times faster, but it accepts tabs inside plain values
    # and rejects some escapes that the Python parser reads (and we then report
    # precisely); its error messages are also less helpful. So it reads only
    # text without tabs, escapes or byte-order marks and ending in a newline
    # (where the two differ, in values or positions), and any error is re-read
    # by the Python parser. A differential property test holds them to it.
    fast = libyaml_loader(text)
    if fast is not None:
        try:
            return list(yaml.parse(text, Loader=fast))
        except yaml.YAMLError:
            pass
    return yaml.parse(text, Loader=yaml.SafeLoader)


def libyaml_loader(text: str):
    """Return LibYAML's safe loader when it reads ``text`` exactly as PyYAML's does, else None."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and text.endswith("\n") and not any(c in text for c in "\t\\\ufeff"):
        return fast
    return None


def parse_yaml(text: str, rel: str, problems: Problems, path: Path | None = None) -> Document | None:
    """Return the document in ``text``, or None when it cannot be used.

    Every problem goes to ``problems``; nothing is raised for bad input.
    """
    text, parseable = _scan_text(text, rel, problems)
    if not parseable:
        return None
    doc = Document(path or Path(rel), rel)
    # Stack entries: [container, loc, pending_key, key_pos, first_seen_lines]
    stack: list[list] = []
    documents = 0
    root_set = False

    def err(message: str, code: str, pos: Pos, loc: Loc = ()) -> None:
        problems.error(rel, message, code, line=pos.line, col=pos.col, field=_field(loc))

    def here() -> Loc:
        # Where the value being read will land: for messages about that value.
        if not stack:
            return ()
        container, loc, key = stack[-1][0], stack[-1][1], stack[-1][2]
        if isinstance(container, list):
            return loc + (len(container),)
        return loc + (key,) if isinstance(key, str) else loc

    def place(value: Any, pos: Pos) -> Loc | None:
        nonlocal root_set
        if not stack:
            if root_set:
                return None
            doc.data, root_set = value, True
            doc.values[()] = pos
            return ()
        top = stack[-1]
        container, loc = top[0], top[1]
        if isinstance(container, list):
            child = loc + (len(container),)
            container.append(value)
            doc.values[child] = pos
            return child
        if top[2] is None:  # this value is a key
            if value is None:
                err("a key is empty; write the key's name before ':' (or quote a key such as 'null' or '~')",
                    "yaml.empty-key", pos, loc)
                top[2] = ("\0invalid",)
                return None
            if not isinstance(value, str):
                err("a key must be plain text, not a list or mapping", "yaml.complex-key", pos, loc)
                top[2] = ("\0invalid",)
                return None
            if value in top[4]:
                err(f"duplicate key {value!r} (first at line {top[4][value]}); YAML would silently keep "
                    f"only the last one, so merge or rename them", "yaml.duplicate-key", pos, loc + (value,))
                top[2] = ("\0duplicate",)
                return None
            top[4][value] = pos.line
            top[2], top[3] = value, pos
            doc.keys[loc + (value,)] = pos
            return None
        key = top[2]
        top[2] = None
        if isinstance(key, tuple):  # dropped key: parse the value but keep it out of the data
            return None
        container[key] = value
        doc.values[loc + (key,)] = pos
        return loc + (key,)

    try:
        for event in _events(text):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    err("more than one YAML document ('---') in one file; keep one document per file",
                        "yaml.multi-doc", _pos(event.start_mark))
                    break
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            pos = _pos(event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                err(f"alias '*{event.anchor}' is not supported; write the value out in full (or quote it)",
                    "yaml.alias", pos, here())
                placed = place(None, pos)
                if placed is not None:
                    doc.reported.add(placed)
                continue
            anchor = getattr(event, "anchor", None)
            if anchor:
                err(f"anchor '&{anchor}' is not supported; write values out in full (or quote it)",
                    "yaml.anchor", pos, here())
            tag = getattr(event, "tag", None)
            # LibYAML reports a plain scalar's style as '' where the Python parser says None.
            style = getattr(event, "style", None) or None
            explicit_tag = tag and tag != "!" and not (
                isinstance(event, yaml.ScalarEvent) and event.implicit[0] and style is None)
            if explicit_tag and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                err(f"tag '{shown}' is not supported; remove it (values are read as written)",
                    "yaml.tag", pos, here())
            if isinstance(event, yaml.ScalarEvent):
                value = None if (style is None and event.value in NULLS) else event.value
                if value is not None and _BAD_CHARS.search(value):
                    ch = _BAD_CHARS.search(value).group()
                    err(f"{_char_name(ch)} (from an escape sequence) cannot be stored in an Office file; "
                        f"remove it", "text.control-char", pos, here())
                    value = _BAD_CHARS.sub(" ", value)
                if value is not None and _LINE_SEPARATORS.search(value):
                    ch = _LINE_SEPARATORS.search(value).group()
                    err(f"{_SEPARATOR_NAMES[ch]} (from an escape sequence) {LINE_SEPARATOR_HINT}",
                        "text.line-separator", pos, here())
                    value = _LINE_SEPARATORS.sub(" ", value)
                place(value, pos)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                loc = place(container, pos)
                if len(stack) >= MAX_DEPTH:
                    err(f"nested more than {MAX_DEPTH} levels deep", "yaml.too-deep", pos)
                    return None
                stack.append([container, loc if loc is not None else ("\0dropped",), None, None, {}])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
    except yaml.MarkedYAMLError as exc:
        problems.add(_syntax_problem(exc, rel))
        return None
    except yaml.YAMLError as exc:  # ReaderError and friends carry no marks
        problems.error(rel, f"YAML error: {exc}", "yaml.syntax")
        return None
    if not root_set or doc.data is None:
        problems.error(rel, EMPTY_MESSAGE, "file.empty", line=1, col=1)
        return None
    if not isinstance(doc.data, dict):
        where = doc.values[()]
        message = "the file must be a mapping of 'key: value' lines at the top level"
        if isinstance(doc.data, list):
            message += ", not a list; put the list under its key (as in the file `csplan new` writes)"
        problems.error(rel, message, "yaml.not-mapping", line=where.line, col=where.col)
        return None
    return doc


def _field(loc: Loc) -> str:
    """Return a loc as ``a.b[2].c`` for messages."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and not part.startswith("\0"):
            out += f".{part}" if out else part
    return out


field_path = _field


def read_file(path: Path, rel: str, problems: Problems) -> Document | None:
    """Return the parsed document at ``path``, or None after recording why not."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(rel, f"the file is {size // 1024} KiB; the limit is {MAX_FILE_BYTES // 1024} KiB "
                           f"(split long prose or move data out)", "file.too-large")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(rel, f"cannot read the file: {exc.strerror}", "file.unreadable")
        return None
    if not raw.strip():
        problems.error(rel, EMPTY_MESSAGE, "file.empty", line=1, col=1)
        return None
    text = decode(raw, rel, problems)
    if text is None:
        return None
    return parse_yaml(text, rel, problems, path)


def inside(path: Path, folder: Path) -> bool:
    """Return True when ``path`` resolves (links followed) to a place inside ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def load_customer(folder: Path, name: str, rel_root: Path, skip: tuple[str, ...] = (),
                  partner: bool = True) -> Source:
    """Return every YAML file of a customer folder, parsed, with their problems.

    Only files that resolve inside ``folder`` are read, so a symlink cannot
    pull content from elsewhere on the machine. Files whose path starts with
    one of ``skip`` are not read, and the shared partner folder only when
    ``partner`` is true: a build reads what its artifact is made from.
    """
    source = Source(name, folder)

    def rel(p: Path) -> str:
        return relative(p, rel_root)

    for path in sorted(folder.rglob("*")):
        sub = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in path.relative_to(folder).parts) or sub.startswith(skip):
            continue
        if path.is_dir():
            continue
        if not inside(path, folder):
            source.problems.error(rel(path), "points outside the customer folder; csplan reads only files "
                                  "inside it, so copy the file in instead of linking it", "file.outside")
            if path.suffix == ".yaml" and not sub.startswith("assets/"):
                # The file exists but is unusable: not "missing" to later stages.
                source.documents[sub] = Document(path, rel(path), None)
            continue
        if sub.startswith("assets/"):
            source.assets[sub] = path
            continue
        if path.suffix in (".yml", ".yaml", ".YAML", ".YML"):
            if path.suffix != ".yaml":
                source.problems.error(rel(path), f"rename to {path.stem}.yaml (csplan reads only '.yaml')",
                                      "file.extension")
                renamed = path.with_name(f"{path.stem}.yaml")
                if path.parent == folder and path.stem in PLAN_SECTIONS and not renamed.exists():
                    # The section is there under the wrong name: not also "missing".
                    source.documents.setdefault(renamed.relative_to(folder).as_posix(),
                                                Document(path, rel(path), None))
                continue
            doc = read_file(path, rel(path), source.problems)
            if doc is not None:
                source.documents[sub] = doc
            else:
                # Keep a placeholder so later stages know the file exists but is unusable.
                source.documents[sub] = Document(path, rel(path), None)
    if partner and not name.startswith(PARTNER_DIR):
        source.partner = load_partner(folder.parent / PARTNER_DIR, rel_root)
        source.partner_rel = rel(folder.parent / PARTNER_DIR)
        if source.partner is not None:
            source.problems.extend(source.partner.problems)
    return source


def load_partner(folder: Path, rel_root: Path) -> Source | None:
    """Return every YAML file of the shared partner folder, parsed, or None when there is no such folder."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    return load_customer(folder, PARTNER_DIR, rel_root)


def read_mapping(path: Path) -> dict:
    """Return the mapping in a YAML file, or {} when it is missing or broken (the check reports why)."""
    try:
        doc = parse_yaml(path.read_text(encoding="utf-8"), path.name, Problems(), path)
    except (OSError, UnicodeDecodeError):
        return {}
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}
