"""``csplan i18n check``: a strict, located lint of the gettext catalogs.

Babel's reader skips what it cannot parse and keeps the last of two
duplicate entries, so the ``.po`` files are parsed here line by line: every
problem names the file and the line a translator has to open. The rules are
those of ``msgfmt --check`` and more: missing, empty, fuzzy and obsolete
messages, duplicates, unterminated strings, plural forms that disagree with
the locale (CLDR), and ``{placeholders}`` that differ from the English.
"""

from __future__ import annotations

import gettext as _gettext
import re
from pathlib import Path

from pipeline.i18n import DOMAIN, catalog_path, template_path
from pipeline.i18n_po import PoEntry, PoFile, decode_po, parse_po, placeholder_mismatch, placeholder_names, placeholders
from pipeline.i18n_po import quote as _quote
from pipeline.problems import Problems

# Numbers the plural rules are compared on: enough to cover every CLDR integer rule's cycles.
_PLURAL_SAMPLES = range(0, 1001)


# ----------------------------------------------------------------- checks


_names = placeholder_names


class CatalogChecker:
    """Checks one locale's .po against the template; collects located problems."""

    def __init__(self, locale: str, po_path: Path, pot: PoFile, pot_rel: str, rel: str):
        self.locale = locale
        self.path = po_path
        self.pot = pot
        self.pot_rel = pot_rel
        self.rel = rel
        self.problems = Problems()

    def error(self, line: int, entry: PoEntry | None, message: str, code: str) -> None:
        """Record an error at ``line``, naming the entry's msgctxt and msgid when there is one."""
        where = f"msgid {_quote(entry.msgid or '')}" if entry is not None else ""
        if entry is not None and entry.msgctxt is not None:
            where = f"msgctxt {_quote(entry.msgctxt)} {where}"
        self.problems.error(self.rel, message, code, line=line, col=1 if line else 0, field=where)

    def run(self) -> Problems:
        """Return every problem of the catalog."""
        text, bad = decode_po(self.path.read_bytes())
        if bad is not None:
            line, col, why = bad
            self.problems.error(self.rel, why, "i18n.encoding", line=line, col=col)
            return self.problems
        po = parse_po(text)
        for line, message in po.errors:
            self.error(line, None, message, "i18n.syntax")
        nplurals = self.header(po)
        self.entries(po, nplurals)
        return self.problems

    def header(self, po: PoFile) -> int | None:
        """Check the header; return the number of plural forms it declares (None when unusable)."""
        from babel.messages.plurals import get_plural

        if po.header is None:
            self.error(1, None, 'the header entry (msgid "") is missing; copy it from another catalog and set '
                                "Language and Plural-Forms", "i18n.header")
            return None
        line = po.header.line
        fields = po.header_fields()
        if "fuzzy" in po.header.flags:
            self.error(line, None, "the header is marked fuzzy; remove the '#, fuzzy' line above it", "i18n.fuzzy")
        charset = re.search(r"charset=([\w-]+)", fields.get("Content-Type", ""))
        if not charset or charset.group(1).lower().replace("_", "-") != "utf-8":
            self.error(line, None, "the header must say Content-Type: text/plain; charset=UTF-8", "i18n.header")
        language = fields.get("Language", "").replace("_", "-")
        if language.lower() != self.locale.lower():
            self.error(line, None, f"the header says Language: {language or '(nothing)'}; write Language: "
                                   f"{self.locale}", "i18n.header")
        try:
            cldr = get_plural(self.locale.replace("-", "_"))
        except Exception:  # noqa: BLE001 - an unknown locale has no CLDR rule to compare with
            self.error(line, None, f"CLDR has no plural rules for {self.locale!r}; is the folder name a locale?",
                       "i18n.plural-forms")
            cldr = None
        forms = fields.get("Plural-Forms", "")
        m = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", forms)
        expected = f"Plural-Forms: {cldr.plural_forms}" if cldr else "Plural-Forms"
        if not m:
            self.error(line, None, f"the header has no usable Plural-Forms; write {expected}", "i18n.plural-forms")
            return None
        nplurals, expr = int(m.group(1)), m.group(2)
        try:
            rule = _gettext.c2py(expr)
        except (ValueError, SyntaxError):
            self.error(line, None, f"the Plural-Forms rule cannot be read; write {expected}", "i18n.plural-forms")
            return None
        if cldr is not None:
            cldr_rule = _gettext.c2py(cldr.plural_expr)
            if nplurals != cldr.num_plurals:
                self.error(line, None, f"Plural-Forms says nplurals={nplurals} but {self.locale} has "
                                       f"{cldr.num_plurals} plural forms (CLDR); write {expected}", "i18n.plural-forms")
            else:
                wrong = next((n for n in _PLURAL_SAMPLES if rule(n) != cldr_rule(n)), None)
                if wrong is not None:
                    self.error(line, None, f"the Plural-Forms rule picks form {rule(wrong)} for {wrong}, CLDR form "
                                           f"{cldr_rule(wrong)}; write {expected}", "i18n.plural-forms")
        return nplurals

    def entries(self, po: PoFile, nplurals: int | None) -> None:
        """Check every entry against the template: presence, flags, plural forms and placeholders."""
        template = {e.key: e for e in self.pot.entries if not e.obsolete}
        seen: dict[tuple, PoEntry] = {}
        for entry in po.entries:
            if entry.obsolete:
                self.error(entry.line, entry, "obsolete entry (#~): the code no longer uses it; delete it",
                           "i18n.obsolete")
                continue
            if entry.key in seen:
                self.error(entry.line, entry, f"duplicate entry (first at line {seen[entry.key].line}); keep one "
                                              "and delete the other", "i18n.duplicate")
                continue
            seen[entry.key] = entry
            if entry.broken:
                continue  # its syntax error says what to fix first
            source = template.get(entry.key)
            if source is None:
                self.error(entry.line, entry, f"not in {self.pot_rel}: the code no longer uses it; delete it or "
                                              "run make i18n-update", "i18n.obsolete")
                continue
            self.entry(entry, source, nplurals)
        for key, source in template.items():
            if key not in seen:
                self.problems.error(self.rel, f"is in {self.pot_rel}:{source.line} but not in this catalog; run "
                                              "make i18n-update, then translate it", "i18n.missing",
                                    field=f"msgid {_quote(source.msgid or '')}")

    def entry(self, entry: PoEntry, source: PoEntry, nplurals: int | None) -> None:
        """Check one translated entry."""
        line = entry.line
        if (source.msgid_plural is None) != (entry.msgid_plural is None) or (
                source.msgid_plural is not None and source.msgid_plural != entry.msgid_plural):
            self.error(line, entry, f"its msgid_plural differs from {self.pot_rel}:{source.line}; run make "
                                    "i18n-update", "i18n.plural-forms")
            return
        if entry.msgid_plural is not None:
            if not entry.plural_msgstr:
                self.error(line, entry, "a plural message needs msgstr[0], msgstr[1], …", "i18n.plural-forms")
                return
            if nplurals is not None and sorted(entry.msgstr) != list(range(nplurals)):
                have = ", ".join(f"msgstr[{i}]" for i in sorted(entry.msgstr))
                self.error(line, entry, f"has {have} but {self.locale} has {nplurals} plural forms; write "
                                        f"msgstr[0] … msgstr[{nplurals - 1}]", "i18n.plural-count")
        elif entry.plural_msgstr:
            self.error(line, entry, "msgstr[n] without msgid_plural; write msgstr \"…\"", "i18n.plural-forms")
            return
        if "fuzzy" in entry.flags:
            self.error(line, entry, "message is fuzzy; check the translation against the English and remove the "
                                    "fuzzy flag", "i18n.fuzzy")
        if any(not text for text in entry.msgstr.values()):
            which = "" if len(entry.msgstr) == 1 else " (" + ", ".join(
                f"msgstr[{i}]" for i, t in sorted(entry.msgstr.items()) if not t) + ")"
            self.error(line, entry, f"empty translation{which}; translate it", "i18n.empty")
            return
        sources = (source.msgid or "", source.msgid_plural or "")
        want: set[str] = set()
        for text in sources:
            want |= placeholders(text)[0] or set()
        for n, text in sorted(entry.msgstr.items()):
            label = f"msgstr[{n}]" if entry.plural_msgstr else "msgstr"
            mismatch = placeholder_mismatch(sources, text)
            if mismatch is None:
                continue
            kind, detail = mismatch
            if kind == "broken":
                self.error(line, entry, f"{label} has unbalanced braces ({detail}); write placeholders as {{name}} and "
                                        "literal braces as {{ and }}", "i18n.placeholder")
            else:
                self.error(line, entry, f"{label} placeholders differ from the English ({detail}); use exactly "
                                        f"{_names(want)}", "i18n.placeholder")


def check_template(pot: PoFile, rel: str) -> Problems:
    """Return the problems of the template itself: syntax, duplicates, positional or broken placeholders."""
    problems = Problems()
    for line, message in pot.errors:
        problems.error(rel, message, "i18n.syntax", line=line, col=1 if line else 0)
    seen: dict = {}
    for entry in pot.entries:
        where = f"msgid {_quote(entry.msgid or '')}"
        if entry.key in seen:
            problems.error(rel, f"duplicate entry (first at line {seen[entry.key]}); run make i18n-extract",
                           "i18n.duplicate", line=entry.line, col=1, field=where)
        seen.setdefault(entry.key, entry.line)
        for text in (entry.msgid or "", entry.msgid_plural or ""):
            found, why = placeholders(text)
            if found is None:
                problems.error(rel, f"unbalanced braces in the English ({why}); fix the message in the code",
                               "i18n.placeholder", line=entry.line, col=1, field=where)
            elif any(not n or n.isdigit() for n in found):
                problems.error(rel, "positional placeholder ({} or {0}); name it, e.g. {count}, so translators "
                                    "know what it holds", "i18n.placeholder", line=entry.line, col=1, field=where)
    return problems


def catalog_locales(locales_dir: Path, supported) -> list[str]:
    """Return the locales to check: every supported one, plus any other folder holding a catalog."""
    found = [p.parent.parent.name for p in sorted(Path(locales_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))]
    return list(dict.fromkeys([*supported, *found]))


def check_catalogs(locales_dir: Path, rel, locales) -> dict[str, Problems]:
    """Return the problems of the template (key "") and of each locale's catalog.

    ``rel`` turns an absolute path into the path shown in messages.
    """
    results: dict[str, Problems] = {}
    pot_path = template_path(locales_dir)
    pot_rel = rel(pot_path)
    if not pot_path.is_file():
        results[""] = Problems()
        results[""].error(pot_rel, "the message template is missing; create it with: make i18n-extract",
                          "i18n.no-template")
        return results
    pot = parse_po(pot_path.read_text(encoding="utf-8-sig"))
    results[""] = check_template(pot, pot_rel)
    for locale in locales:
        path = catalog_path(locales_dir, locale)
        if not path.is_file():
            results[locale] = Problems()
            results[locale].error(rel(path), f"there is no catalog for {locale}; create it with: .venv/bin/pybabel "
                                             f"init -D {DOMAIN} -i {pot_rel} -d {rel(Path(locales_dir))} -l {locale}",
                                  "i18n.no-catalog")
            continue
        results[locale] = CatalogChecker(locale, path, pot, pot_rel, rel(path)).run()
    return results
