"""The gettext ``.po``/``.pot`` format, read strictly and line by line.

Babel's reader skips what it cannot parse (an unterminated string is read as
if it were closed) and keeps the last of two duplicate entries. Catalogs are
edited by hand, so csplan reads them here first: every entry keeps the line
of its msgid and every unreadable line is recorded with its number, for
``csplan i18n check`` and for the build, which refuses a catalog it cannot
read rather than guessing.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+(.*)$")
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def decode_po(raw: bytes) -> tuple[str | None, tuple[int, int, str] | None]:
    """Return (text, None) for UTF-8 ``raw``, else (None, (line, column, message)) at its first bad byte.

    The column counts characters, as an editor does, so a translator finds the
    byte without a hex editor; the line and the build report the same place.
    """
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8-sig" if line == 1 else "utf-8", errors="replace")) + 1
        return None, (line, col, f"byte 0x{raw[start]:02X} is not UTF-8 (is the file saved as Windows-1250 or "
                                 f"Latin-1?); save it as UTF-8")


def duplicates(po: PoFile) -> list[tuple[PoEntry, PoEntry]]:
    """Return (first, again) for every message that a live entry of ``po`` repeats."""
    seen: dict = {}
    out = []
    for e in po.entries:
        if e.obsolete:
            continue
        if e.key in seen:
            out.append((seen[e.key], e))
        else:
            seen[e.key] = e
    return out


@dataclass
class PoEntry:
    """One message of a .po file, with the line of each part."""

    line: int = 0
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    plural_msgstr: bool = False  # written as msgstr[n]
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    broken: bool = False  # a string of it could not be read (reported as a syntax error)
    _last: str = ""  # the keyword continuation lines add to

    @property
    def key(self) -> tuple[str | None, str]:
        """Return what identifies the message: its context and msgid."""
        return self.msgctxt, self.msgid or ""


@dataclass
class PoFile:
    """A parsed .po/.pot file: its entries, header fields and the lines it could not read."""

    entries: list[PoEntry] = field(default_factory=list)
    header: PoEntry | None = None
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    def header_fields(self) -> dict[str, str]:
        """Return the header's ``Name: value`` fields."""
        fields = {}
        if self.header is not None:
            for line in self.header.msgstr.get(0, "").split("\n"):
                name, sep, value = line.partition(":")
                if sep:
                    fields[name.strip()] = value.strip()
        return fields


def _unquote(text: str) -> tuple[str | None, str]:
    """Return the value of a .po string literal and "" (or None and why it is not one)."""
    text = text.strip()
    if not text.startswith('"'):
        return None, "expected a string in double quotes"
    out, i = [], 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            if i + 1 >= len(text):
                break
            nxt = text[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            octal = re.match(r"[0-7]{1,3}", text[i + 1:])
            if octal:
                out.append(chr(int(octal.group(), 8)))
                i += 1 + len(octal.group())
                continue
            hexa = re.match(r"x[0-9a-fA-F]{1,2}", text[i + 1:])
            if hexa:
                out.append(chr(int(hexa.group()[1:], 16)))
                i += 1 + len(hexa.group())
                continue
            return None, f"unknown escape \\{nxt}; write \\\\ for a backslash"
        if ch == '"':
            if text[i + 1:].strip():
                return None, f"text after the closing quote: {text[i + 1:].strip()[:30]!r}; escape inner quotes as \\\""
            return "".join(out), ""
        out.append(ch)
        i += 1
    return None, "unterminated string: the closing double quote is missing"


def parse_po(text: str) -> PoFile:
    """Return the entries of a .po/.pot file's text, recording every line that cannot be read."""
    po = PoFile()
    entry: PoEntry | None = None
    flags: set[str] = set()

    def finish() -> None:
        nonlocal entry
        if entry is not None and entry.msgid is not None:
            if not entry.msgstr:
                po.errors.append((entry.line, f"msgid {quote(entry.msgid)} has no msgstr; add msgstr \"\""))
            elif entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
                po.header = entry
            else:
                po.entries.append(entry)
        entry = None

    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        obsolete = False
        if not stripped:
            finish()
            flags = set()
            continue
        if stripped.startswith("#~"):
            rest = stripped[2:].strip()
            if rest.startswith("|") or not rest:
                continue  # a previous msgid of an obsolete entry
            obsolete, stripped = True, rest
        elif stripped.startswith("#"):
            if entry is not None and entry.msgstr:
                finish()  # a comment starts the next entry
            if stripped.startswith("#,"):
                flags |= {f.strip() for f in stripped[2:].split(",") if f.strip()}
            continue
        if stripped.startswith('"'):
            if entry is None or not entry._last:
                po.errors.append((lineno, "a string line that belongs to no msgid or msgstr"))
                continue
            value, why = _unquote(stripped)
            if value is None:
                po.errors.append((lineno, why))
                continue
            kind = entry._last
            if kind == "msgctxt":
                entry.msgctxt += value
            elif kind == "msgid":
                entry.msgid += value
            elif kind == "msgid_plural":
                entry.msgid_plural += value
            else:
                entry.msgstr[int(kind)] += value
            continue
        m = _KEYWORD.match(stripped)
        if not m:
            po.errors.append((lineno, f"cannot parse {stripped[:40]!r}: expected msgctxt, msgid, msgid_plural, "
                                      "msgstr, a \"string\" or a # comment"))
            if entry is not None:
                entry._last = ""
            continue
        keyword, index, rest = m.group(1), m.group(2), m.group(3)
        value, why = _unquote(rest)
        broken = value is None
        if broken:
            po.errors.append((lineno, why))
            value = ""
        if keyword in ("msgctxt", "msgid") and entry is not None and (entry.msgstr or (
                keyword == "msgctxt" and entry.msgid is not None)):
            finish()
        if entry is None:
            entry = PoEntry(flags=flags, obsolete=obsolete)
            flags = set()
        entry.broken |= broken
        if keyword == "msgctxt":
            entry.msgctxt, entry._last = value, "msgctxt"
        elif keyword == "msgid":
            if entry.msgid is not None:
                po.errors.append((lineno, "a second msgid in one entry; separate entries with a blank line"))
            entry.msgid, entry.line, entry._last = value, lineno, "msgid"
        elif keyword == "msgid_plural":
            if entry.msgid is None:
                po.errors.append((lineno, "msgid_plural before its msgid"))
            entry.msgid_plural, entry._last = value, "msgid_plural"
        else:
            if entry.msgid is None:
                po.errors.append((lineno, "msgstr without a msgid"))
                entry = None
                continue
            n = int(index) if index is not None else 0
            if index is not None:
                entry.plural_msgstr = True
            if n in entry.msgstr:
                po.errors.append((lineno, f"{keyword} is given twice in one entry"))
            entry.msgstr[n] = value
            entry._last = str(n)
    finish()
    return po


def quote(text: str) -> str:
    """Return ``text`` as a .po string literal (what a translator searches for)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def placeholder_names(found: set[str]) -> str:
    """Return placeholder names as a message shows them: ``{count}, {date}`` (or ``none``)."""
    return ", ".join("{" + n + "}" for n in sorted(found)) or "none"


def placeholder_mismatch(sources: tuple[str, ...], text: str) -> tuple[str, str] | None:
    """Return (kind, detail) when ``text`` does not use exactly the placeholders of the English ``sources``.

    ``kind`` is "broken" (unbalanced braces) or "differ" (a placeholder
    dropped, renamed or added); None when the translation is fine. The i18n
    check and the build's translator both decide with this.
    """
    want: set[str] = set()
    for source in sources:
        want |= placeholders(source)[0] or set()
    found, why = placeholders(text)
    if found is None:
        return "broken", why
    if found == want:
        return None
    dropped, added = want - found, found - want
    return "differ", "; ".join(x for x in (f"missing {placeholder_names(dropped)}" if dropped else "",
                                            f"unknown {placeholder_names(added)}" if added else "") if x)


def placeholders(text: str) -> tuple[set[str] | None, str]:
    """Return the ``{name}`` placeholders of ``text`` (or None and why its braces are broken)."""
    names = set()
    try:
        for _literal, name, _spec, _conv in string.Formatter().parse(text):
            if name is not None:
                names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    except ValueError as exc:
        return None, str(exc)
    return names, ""
