"""Message catalogs: every user-visible label goes through a translator from here.

English is the source language of the messages. Each locale reads its gettext
catalog ``locales/<locale>/LC_MESSAGES/csplan.po`` as it is in the tree: it is
compiled in memory (cached by path, modification time and size), so an edited
``.po`` shows in the next build and no compiled ``.mo`` file can go stale.

A message the catalog cannot translate (absent, empty or fuzzy) is shown in
English *and recorded*; the build turns those records into located problems
and refuses to write a localized deck that would silently mix in English.

``en-XA`` is a pseudo-locale for developers, generated here from the English
messages: accented letters, about 40 % longer, each message in brackets. It
is not a locale customers can ask for in ``customer.yaml``.
"""

from __future__ import annotations

import gettext as _gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.problems import Problem

DOMAIN = "csplan"
SOURCE_LOCALE = "en"
PSEUDO_LOCALE = "en-XA"
# CLDR data the pseudo-locale formats dates and numbers with (Babel knows no en_XA).
PSEUDO_FORMATS = "en"


def catalog_path(locales_dir: Path, locale: str) -> Path:
    """Return where the catalog of ``locale`` lives under ``locales_dir``."""
    return Path(locales_dir) / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path(locales_dir: Path) -> Path:
    """Return the message template (``.pot``) under ``locales_dir``."""
    return Path(locales_dir) / f"{DOMAIN}.pot"


def format_locale(locale: str) -> str:
    """Return the Babel/CLDR locale that formats dates and numbers for output ``locale``."""
    return PSEUDO_FORMATS if locale == PSEUDO_LOCALE else locale


# ----------------------------------------------------------------- compiled catalogs


@dataclass(frozen=True)
class Entry:
    """One catalog message: its translations (one per plural form), fuzzy flag and .po line."""

    strings: tuple[str, ...]
    fuzzy: bool
    line: int


@dataclass
class Catalog:
    """A catalog compiled in memory: messages by msgid and the plural rule of its header."""

    path: Path | None
    messages: dict[str, Entry] = field(default_factory=dict)
    plural_expr: str = "(n != 1)"
    nplurals: int = 2
    error: tuple[int, str] | None = None  # (line, message) when the file could not be read
    error_col: int = 0  # the column of ``error``, when it is one character (a byte that is not UTF-8)

    def plural_index(self, n: int) -> int:
        """Return the index of the plural form for ``n`` (the header's Plural-Forms rule)."""
        return _plural_function(self.plural_expr)(n)


_PLURAL_FUNCTIONS: dict[str, object] = {}
_CACHE: dict[str, tuple[tuple[int, int], Catalog]] = {}  # path → ((mtime_ns, size), catalog)


def _plural_function(expr: str):
    if expr not in _PLURAL_FUNCTIONS:
        _PLURAL_FUNCTIONS[expr] = _gettext.c2py(expr)
    return _PLURAL_FUNCTIONS[expr]


def load_catalog(path: Path, locale: str) -> Catalog:
    """Return the catalog at ``path`` compiled in memory (cached while the file is unchanged)."""
    try:
        st = path.stat()
    except OSError:
        return Catalog(None)
    where, stamp = str(path.resolve()), (st.st_mtime_ns, st.st_size)
    cached = _CACHE.get(where)
    if cached is None or cached[0] != stamp:  # an edited file replaces its stale entry
        cached = _CACHE[where] = (stamp, _compile(path, locale))
    return cached[1]


def _compile(path: Path, locale: str) -> Catalog:
    import io

    from pipeline.i18n_po import decode_po, duplicates, parse_po, quote

    catalog = Catalog(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        catalog.error = (0, f"cannot be read ({exc.strerror or exc}); run csplan i18n check")
        return catalog
    text, bad = decode_po(raw)
    if bad is not None:
        line, catalog.error_col, why = bad
        catalog.error = (line, f"cannot be read: {why}, then run csplan i18n check")
        return catalog
    # Babel's reader would read past a broken line (an unterminated string is
    # taken as closed): refuse the catalog at its first unreadable line instead.
    parsed = parse_po(text)
    if parsed.errors:
        line, why = parsed.errors[0]
        catalog.error = (line, f"cannot be read: {why}; fix that line, then run csplan i18n check")
        return catalog
    # Which of two entries of one msgid would the deck show? Neither: the
    # translator decides, as csplan i18n check asks.
    for first, again in duplicates(parsed)[:1]:
        catalog.error = (again.line, f"msgid {quote(again.msgid or '')} is here again (first at line {first.line}); "
                                     f"keep one and delete the other, then run csplan i18n check")
        return catalog
    if _from_parsed(catalog, parsed):
        return catalog
    from babel.messages.pofile import PoFileError, read_po

    try:
        po = read_po(io.BytesIO(raw), locale=locale.replace("-", "_"), abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        catalog.error = (getattr(exc, "lineno", -1) + 1, f"cannot be read ({exc}); run csplan i18n check")
        return catalog
    try:
        catalog.plural_expr = po.plural_expr
        catalog.nplurals = po.num_plurals
        _plural_function(po.plural_expr)
    except (ValueError, SyntaxError, AttributeError):
        catalog.error = (1, "its Plural-Forms header cannot be read; run csplan i18n check")
        return catalog
    for message in po:
        if not message.id:
            continue  # the header
        msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        key = _key(message.context, msgid)
        catalog.messages[key] = Entry(tuple(s or "" for s in strings), message.fuzzy, message.lineno or 0)
    return catalog


_PLURAL_FORMS = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")


def _from_parsed(catalog: Catalog, parsed) -> bool:
    """Fill ``catalog`` from the strict reader's entries, as Babel would; return False when Babel must decide."""
    # Babel's reader costs as much as the strict one and a third of a small
    # build's start; it is still used for what only it knows: the locale's
    # plural rule when the header has none, and its refusals.
    match = _PLURAL_FORMS.search(parsed.header_fields().get("Plural-Forms", "")) if parsed.header else None
    if match is None:
        return False
    nplurals, expr = int(match.group(1)), match.group(2)
    try:
        _plural_function(expr)
    except (ValueError, SyntaxError):
        return False
    messages: dict[str, Entry] = {}
    for e in parsed.entries:
        if e.obsolete:
            continue
        if (e.msgid_plural is not None) != e.plural_msgstr:
            return False
        if e.plural_msgstr:
            if max(e.msgstr) >= nplurals:
                return False
            strings = tuple(e.msgstr.get(k, "") for k in range(nplurals))
        else:
            strings = (e.msgstr.get(0, ""),)
        # Babel keeps the first of two entries with one msgid (i18n check reports the second).
        messages.setdefault(_key(e.msgctxt, e.msgid), Entry(strings, "fuzzy" in e.flags, e.line))
    catalog.plural_expr, catalog.nplurals, catalog.messages = expr, nplurals, messages
    return True


def _key(context: str | None, msgid: str) -> str:
    """Return the catalog key of a message: gettext joins a msgctxt to its msgid with EOT."""
    return f"{context}\x04{msgid}" if context else msgid


# ----------------------------------------------------------------- pseudo-locale

_ACCENTED = dict(zip("abcdefghijklnoprstuwyzABCDEGHIJKLNOPRSTUWYZ",
                     "åbçðéƒĝĥîĵķļñöþŕšţûŵýžÅBÇÐÉĜĤÎĴĶĻÑÖÞŔŠŢÛŴÝŽ", strict=True))
_VOWELS = set("aeiouyAEIOUY")
PSEUDO_GROWTH = 0.4


def pseudo(text: str) -> str:
    """Return ``text`` pseudo-translated: accented, about 40 % longer, in brackets; placeholders kept."""
    out: list[str] = []
    owed = 0.0
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith(("{{", "}}"), i):
            out.append(text[i:i + 2])
            i += 2
            continue
        if ch == "{":
            end = text.find("}", i)
            if end < 0:
                out.append(text[i:])
                break
            out.append(text[i:end + 1])  # a placeholder stays exactly as written
            i = end + 1
            continue
        owed += PSEUDO_GROWTH
        accented = _ACCENTED.get(ch, ch)
        # Stretch vowels: words get longer the way Polish or Swedish compounds do, not just the line.
        if ch in _VOWELS and owed >= 1:
            extra = int(owed)
            out.append(accented * (extra + 1))
            owed -= extra
        else:
            out.append(accented)
        i += 1
    if owed >= 1:
        out.append("~" * int(owed))
    return "[" + "".join(out) + "]"


# ----------------------------------------------------------------- the translator


@dataclass(frozen=True)
class Untranslated:
    """A message looked up with no usable translation: why, and where in the .po."""

    msgid: str
    reason: str  # "missing", "empty", "fuzzy", "placeholder" or "unreadable"
    line: int = 0
    detail: str = ""


class Translator:
    """gettext-style lookups for one locale, with named placeholders.

    Every lookup without a usable translation is kept in ``untranslated`` so
    the build can refuse a deck that would show English in another locale.
    """

    def __init__(self, locale: str, catalog: Catalog | None = None, *, pseudo_locale: bool = False):
        self.locale = locale
        self.catalog = catalog or Catalog(None)
        self.pseudo = pseudo_locale
        self.untranslated: dict[str, Untranslated] = {}
        self._checked: dict[str, bool] = {}  # catalog key → its placeholders match the English

    def _entry(self, msgid: str) -> Entry | None:
        entry = self.catalog.messages.get(msgid)
        reason = None
        if entry is None:
            reason = "missing"
        elif entry.fuzzy:
            reason = "fuzzy"
        elif not all(entry.strings):
            reason = "empty"
        if reason:
            self._record(msgid, reason, entry.line if entry else 0)
            return None
        return entry

    def _record(self, msgid: str, reason: str, line: int = 0, detail: str = "") -> None:
        self.untranslated.setdefault(msgid, Untranslated(msgid, reason, line, detail))

    def _placeholders_ok(self, key: str, sources: tuple[str, ...], entry: Entry) -> bool:
        """Return True when every form of ``entry`` uses exactly the placeholders of the English ``sources``."""
        # As csplan i18n check decides: a translation that drops "{date}" must not build a deck that reads
        # "45 seconds do"; it is refused like a missing one, at its .po line.
        from pipeline.i18n_po import placeholder_mismatch, placeholder_names, placeholders

        ok = self._checked.get(key)
        if ok is None:
            ok = True
            for text in entry.strings:
                mismatch = placeholder_mismatch(sources, text)
                if mismatch is not None:
                    want = set().union(*((placeholders(s)[0] or set()) for s in sources))
                    detail = mismatch[1] if mismatch[0] == "differ" else f"unbalanced braces: {mismatch[1]}"
                    self._record(key, "placeholder", entry.line, f"{detail}; the English has {placeholder_names(want)}")
                    ok = False
                    break
            self._checked[key] = ok
        return ok

    def _fill(self, msgid: str, text: str, fallback: str, values: dict, line: int) -> str:
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            self._record(msgid, "placeholder", line, f"{type(exc).__name__}: {exc}")
            return fallback.format(**values)

    def __call__(self, message: str, **values) -> str:
        """Return the translation of ``message`` with ``{name}`` placeholders filled."""
        return self.pgettext(None, message, **values)

    def pgettext(self, context: str | None, message: str, **values) -> str:
        """Return the translation of ``message`` in ``context`` (a msgctxt telling identical English apart)."""
        key = _key(context, message)
        entry = self._entry(key)
        if entry is not None and not self._placeholders_ok(key, (message,), entry):
            entry = None
        text = entry.strings[0] if entry else message
        if self.pseudo:
            text = pseudo(text)
        if not values:
            return text
        return self._fill(key, text, message, values, entry.line if entry else 0)

    def plural(self, singular: str, plural: str, n: int, /, **values) -> str:
        """Return the plural form for ``n`` with placeholders filled; ``{count}`` is ``n`` unless given."""
        values = {"count": n, **values}
        entry = self._entry(singular)
        if entry is not None and not self._placeholders_ok(singular, (singular, plural), entry):
            entry = None
        english = singular if n == 1 else plural
        if entry is None:
            text = english
        else:
            index = self.catalog.plural_index(n)
            text = entry.strings[index] if index < len(entry.strings) else ""
            if not text:
                self._record(singular, "empty", entry.line)
                text = english
        if self.pseudo:
            text = pseudo(text)
        return self._fill(singular, text, english, values, entry.line if entry else 0)


def translator(locale: str, locales_dir: Path | None = None) -> Translator:
    """Return the translator for ``locale`` from the catalogs in ``locales_dir``."""
    if locale == PSEUDO_LOCALE:
        catalog = load_catalog(catalog_path(locales_dir, SOURCE_LOCALE), SOURCE_LOCALE) if locales_dir else None
        return Translator(locale, catalog, pseudo_locale=True)
    if locales_dir is None:
        return Translator(locale)
    return Translator(locale, load_catalog(catalog_path(locales_dir, locale), locale))


REASONS = {
    "missing": "has no entry in {po}, so the {locale} deck would show it in English; run make i18n-update, "
               "translate it, then csplan i18n check",
    "empty": "has an empty msgstr, so the {locale} deck would show it in English; translate it, then run "
             "csplan i18n check",
    "fuzzy": "is marked fuzzy (its English text changed), so the {locale} deck would show it in English; review "
             "the translation, remove the fuzzy flag, then run csplan i18n check",
    "placeholder": "has a translation whose placeholders do not match the English ({detail}); use the same "
                   "{{name}} placeholders as the msgid, then run csplan i18n check",
}


def untranslated_problems(_: Translator, rel) -> list[Problem]:
    """Return a located error for every message ``_`` could not translate (none for English).

    ``rel`` turns an absolute path into the path shown in messages.
    """
    from pipeline.i18n_po import quote

    if _.pseudo:
        return []
    po = rel(_.catalog.path) if _.catalog.path else f"locales/{_.locale}/LC_MESSAGES/{DOMAIN}.po"
    if _.catalog.error:
        line, message = _.catalog.error
        return [Problem(po, line, _.catalog.error_col or (1 if line else 0), "", message, "i18n.unreadable")]
    if _.catalog.path is None and _.locale != SOURCE_LOCALE:
        return [Problem(po, message=f"there is no catalog for {_.locale}; create it with: .venv/bin/pybabel init "
                        f"-D {DOMAIN} -i locales/{DOMAIN}.pot -d locales -l {_.locale} (see TRANSLATING.md)",
                        code="i18n.no-catalog")]
    problems = []
    for u in _.untranslated.values():
        if _.locale == SOURCE_LOCALE and u.reason != "placeholder":
            continue  # the English text is the msgid itself: nothing is lost
        message = REASONS[u.reason].format(po=po, locale=_.locale, detail=u.detail)
        context, _sep, msgid = u.msgid.rpartition("\x04")
        where = f"msgctxt {quote(context)} msgid {quote(msgid)}" if context else f"msgid {quote(msgid)}"
        problems.append(Problem(po, u.line, 1 if u.line else 0, where, message, f"i18n.{u.reason}"))
    return problems
