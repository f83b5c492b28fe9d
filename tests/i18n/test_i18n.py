"""The translator, the shipped catalogs and the CLDR formats (pipeline/i18n.py, pipeline/view Formatter).

Proves:
  * the shipped catalogs translate every message, with the locale's plural
    forms (three in ru and pl, and 21 is not singular in Polish);
  * locales/csplan.pot is what ``make i18n-extract`` gets from the code today;
  * a catalog is read as it is in the tree: an edited .po shows in the next
    lookup with no compile step, and absent, empty, fuzzy or broken messages
    are recorded with their .po line instead of silently becoming English;
  * the pseudo-locale brackets, accents and lengthens each message and keeps
    its placeholders;
  * dates and numbers follow CLDR per locale (no-break spaces included).
"""

from __future__ import annotations

import enum
import re
import shutil
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import TESTS
from pipeline.i18n import (
    PSEUDO_LOCALE, catalog_path, load_catalog, pseudo, translator, untranslated_problems,
)
from pipeline.registry import SUPPORTED_LOCALES
from pipeline.view import Formatter

ROOT = TESTS.parent
LOCALES = ROOT / "locales"
FIXTURES = TESTS / "fixtures" / "i18n"


def rel(path: Path) -> str:
    """Return a path as the build shows it, relative to the project root."""
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


def fixture_locales(tmp_path: Path, defect: str | None = None) -> Path:
    """Return a locales/ folder with the valid fixture catalogs (and a defect's pl catalog)."""
    dest = tmp_path / "locales"
    shutil.copytree(FIXTURES / "valid", dest)
    if defect:
        shutil.copyfile(FIXTURES / defect / "csplan.po", catalog_path(dest, "pl"))
    return dest


# ----------------------------------------------------------------- shipped catalogs


def _template_messages() -> list[tuple[str | None, str, str | None]]:
    """Return (msgctxt, msgid, msgid_plural) of every message of the shipped template."""
    from babel.messages.pofile import read_po

    with (LOCALES / "csplan.pot").open("rb") as fh:
        pot = read_po(fh)
    return [(m.context, *(m.id if isinstance(m.id, tuple) else (m.id, None))) for m in pot if m.id]


def _template_ids() -> list[tuple[str, str | None]]:
    return [(f"{c}\x04{s}" if c else s, p) for c, s, p in _template_messages()]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_message_of_the_template_is_translated(locale):
    import string

    _ = translator(locale, LOCALES)
    for context, singular, plural in _template_messages():
        if plural is None:
            _.pgettext(context, singular)
        else:
            # A plural may name more than {count} ("{count} of {total} outcomes on track"): give each a value.
            values = {name: "x" for _t, name, _f, _c in string.Formatter().parse(singular + plural)
                      if name and name != "count"}
            for n in (1, 2, 5):
                _.plural(singular, plural, n, **values)
    assert not _.untranslated, f"{locale}: untranslated: {sorted(_.untranslated)[:10]}"
    assert untranslated_problems(_, rel) == []


@pytest.mark.parametrize(("locale", "n", "text"), [
    ("en", 1, "1 KPI"), ("en", 2, "2 KPIs"), ("en", 21, "21 KPIs"),
    ("sv", 1, "1 intressent"), ("sv", 3, "3 intressenter"), ("sv", 21, "21 intressenter"),
    ("pl", 1, "1 wskaźnik KPI"), ("pl", 2, "2 wskaźniki KPI"), ("pl", 5, "5 wskaźników KPI"),
    ("pl", 12, "12 wskaźników KPI"), ("pl", 21, "21 wskaźników KPI"), ("pl", 22, "22 wskaźniki KPI"),
    ("pl", 0, "0 wskaźników KPI"),
    ("ru", 1, "1 ключевой показатель"), ("ru", 3, "3 ключевых показателя"), ("ru", 5, "5 ключевых показателей"),
    ("ru", 11, "11 ключевых показателей"), ("ru", 21, "21 ключевой показатель"),
    ("ru", 22, "22 ключевых показателя"), ("ru", 112, "112 ключевых показателей"),
])
def test_plural_forms_follow_cldr(locale, n, text):
    _ = translator(locale, LOCALES)
    singular = "{count} stakeholder" if locale == "sv" else "{count} KPI"
    plural = "{count} stakeholders" if locale == "sv" else "{count} KPIs"
    assert _.plural(singular, plural, n) == text


def test_count_can_be_shown_as_a_localized_number():
    _ = translator("pl", LOCALES)
    assert _.plural("{count} KPI", "{count} KPIs", 1234, count="1\u00a0234") == "1\u00a0234 wskaźniki KPI"


def test_the_template_is_what_the_code_uses_today(tmp_path, monkeypatch):
    # A message added or reworded in the code without `make i18n-extract` would
    # reach no translator: the localized builds would then refuse it.
    from babel.messages.frontend import CommandLineInterface
    from babel.messages.pofile import read_po

    monkeypatch.chdir(ROOT)
    out = tmp_path / "fresh.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-o", str(out), "."])
    with out.open("rb") as fh:
        fresh = {(f"{m.context}\x04{m.id}" if m.context else m.id) if isinstance(m.id, str) else
                 (m.id[0], m.id[1]) for m in read_po(fh) if m.id}
    shipped = {(s if p is None else (s, p)) for s, p in _template_ids()}
    assert fresh == shipped, (
        f"locales/csplan.pot is stale: new in the code {sorted(map(str, fresh - shipped))}, gone from the code "
        f"{sorted(map(str, shipped - fresh))}; run make i18n-extract && make i18n-update and translate the new "
        f"messages (TRANSLATING.md)")


def test_translator_comments_reach_the_template():
    text = (LOCALES / "csplan.pot").read_text("utf-8")
    assert "#. TRANSLATORS: progress status of an outcome" in text
    assert "#. TRANSLATORS: title of a slide continued" in text


def test_every_choice_shown_in_the_deck_has_a_translated_label():
    # PlanView.enum() would otherwise fall back to the English value.
    from pydantic import BaseModel

    from pipeline.model import SECTION_MODELS, Status
    from pipeline.view.cs_plan import PlanView

    enums: set[type[enum.Enum]] = set()

    def walk(annotation, seen):
        for arg in (annotation, *typing.get_args(annotation)):
            if isinstance(arg, type) and issubclass(arg, enum.Enum):
                enums.add(arg)
            elif isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in seen:
                seen.add(arg)
                for info in arg.model_fields.values():
                    walk(info.annotation, seen)
                    for meta in info.metadata:
                        walk(meta, seen)
            elif typing.get_args(arg) and arg is not annotation:
                walk(arg, seen)

    for model in SECTION_MODELS.values():
        walk(model, set())
    enums.discard(Status)  # PlanView.status() labels these
    view = PlanView.__new__(PlanView)
    view._ = translator("en", LOCALES)
    labels = view.labels()
    missing = sorted(f"{e.__name__}.{m.value}" for e in enums for m in e if m.value not in labels)
    assert len(enums) >= 8
    assert not missing, f"choices without a label in PlanView.labels(): {missing}"


# ----------------------------------------------------------------- reading catalogs


def test_an_edited_po_is_read_again_without_compiling(tmp_path):
    locales = fixture_locales(tmp_path)
    assert translator("pl", locales)("Owner: {name}", name="Ola") == "Właściciel: Ola"
    po = catalog_path(locales, "pl")
    po.write_text(po.read_text("utf-8").replace('"Właściciel: {name}"', '"Odpowiada: {name}"'), "utf-8")
    assert translator("pl", locales)("Owner: {name}", name="Ola") == "Odpowiada: Ola"
    assert not list(locales.rglob("*.mo")), "no compiled catalog is written"


def test_a_catalog_is_compiled_once_while_unchanged(tmp_path):
    locales = fixture_locales(tmp_path)
    assert load_catalog(catalog_path(locales, "pl"), "pl") is load_catalog(catalog_path(locales, "pl"), "pl")


@pytest.mark.parametrize(("defect", "msgid", "reason", "line"), [
    ("empty-msgstr", "Owner: {name}", "empty", 20),
    ("fuzzy", "Owner: {name}", "fuzzy", 21),
    ("missing-message", "Status", "missing", 0),
    ("placeholder-renamed", "Owner: {name}", "placeholder", 20),
])
def test_an_unusable_translation_is_recorded_with_its_line(tmp_path, defect, msgid, reason, line):
    _ = translator("pl", fixture_locales(tmp_path, defect))
    values = {"name": "Ola"} if "{name}" in msgid else {}
    assert _(msgid, **values) == msgid.format(**values)  # English, never a crash
    [problem] = untranslated_problems(_, lambda p: p.relative_to(tmp_path).as_posix())
    assert (problem.path, problem.line, problem.code) == ("locales/pl/LC_MESSAGES/csplan.po", line,
                                                          f"i18n.{reason}")
    assert problem.field == f'msgid "{msgid}"'
    assert problem.is_error


def test_a_plural_form_that_drops_a_placeholder_is_refused_like_a_missing_translation(tmp_path):
    _ = translator("pl", fixture_locales(tmp_path, "placeholder-dropped"))
    assert _.plural("{count} KPI", "{count} KPIs", 3) == "3 KPIs"  # English, never "kilka wskaźników KPI"
    [problem] = untranslated_problems(_, lambda p: p.relative_to(tmp_path).as_posix())
    assert (problem.path, problem.line, problem.code) == ("locales/pl/LC_MESSAGES/csplan.po", 24, "i18n.placeholder")
    assert "missing {count}" in problem.message


def test_a_translation_that_drops_a_placeholder_is_refused_even_for_a_form_not_used(tmp_path):
    # n = 1 takes msgstr[0], which is fine: the catalog entry is still refused, as csplan i18n check refuses it.
    _ = translator("pl", fixture_locales(tmp_path, "placeholder-dropped"))
    assert _.plural("{count} KPI", "{count} KPIs", 1) == "1 KPI"
    assert [p.code for p in untranslated_problems(_, rel)] == ["i18n.placeholder"]


def test_english_needs_no_catalog_entry():
    _ = translator("en", LOCALES)
    assert _("A message nobody extracted") == "A message nobody extracted"
    assert untranslated_problems(_, rel) == []


def test_a_locale_without_a_catalog_is_refused(tmp_path):
    _ = translator("sv", fixture_locales(tmp_path))
    assert _("Agenda") == "Agenda"
    [problem] = untranslated_problems(_, rel)
    assert problem.code == "i18n.no-catalog" and "pybabel init" in problem.message


def test_an_unreadable_catalog_is_refused_at_its_line(tmp_path):
    _ = translator("pl", fixture_locales(tmp_path, "unterminated-string"))
    _("Agenda")
    [problem] = untranslated_problems(_, lambda p: p.relative_to(tmp_path).as_posix())
    assert problem.code == "i18n.unreadable" and problem.line > 0


@pytest.mark.parametrize(("defect", "where", "says"), [
    ("not-utf8", (21, 10), "byte 0xB3 is not UTF-8"),
    # Which of the two would the deck show? Neither: the build refuses, as the check does.
    ("duplicate-entry", (33, 1), 'msgid "Agenda" is here again (first at line 16)'),
])
def test_a_catalog_the_check_refuses_stops_the_build_at_its_line(tmp_path, defect, where, says):
    _ = translator("pl", fixture_locales(tmp_path, defect))
    _("Agenda")
    [problem] = untranslated_problems(_, lambda p: p.relative_to(tmp_path).as_posix())
    assert (problem.code, problem.line, problem.col) == ("i18n.unreadable", *where)
    assert says in problem.message


# ----------------------------------------------------------------- pseudo-locale


def test_pseudo_brackets_accents_and_lengthens_keeping_placeholders():
    for text in ("Executive summary", "Owner: {name}", "{customer} — Customer Success Plan", "KPI"):
        out = pseudo(text)
        assert out.startswith("[") and out.endswith("]")
        assert set(re.findall(r"\{\w+\}", out)) == set(re.findall(r"\{\w+\}", text))
        bare = re.sub(r"\{\w+\}", "", text)
        assert len(out) - 2 >= len(text) + int(0.35 * len(bare)), (text, out)
    assert pseudo("Executive summary").count("é") >= 2


def test_the_pseudo_locale_translates_plurals_and_fills_placeholders():
    _ = translator(PSEUDO_LOCALE, LOCALES)
    out = _("Owner: {name}", name="Ola")
    assert out.startswith("[") and out.endswith("]") and "Ola" in out
    assert _.plural("{count} KPI", "{count} KPIs", 3).startswith("[3 ")
    assert untranslated_problems(_, rel) == []


def test_the_pseudo_locale_glyphs_are_in_the_measured_font():
    # Text is measured with Carlito's metrics; a glyph it lacks would be guessed.
    import json

    from pipeline.i18n import _ACCENTED

    metrics = json.loads((ROOT / "templates" / "pptx" / "fonts" / "carlito-metrics.json").read_text("utf-8"))
    covered = {start + i for start, advances in metrics["styles"]["regular"]["ranges"]
               for i, a in enumerate(advances) if a is not None}
    assert not [c for c in "".join(_ACCENTED.values()) + "[]~" if ord(c) not in covered]


# ----------------------------------------------------------------- CLDR formats


@pytest.mark.parametrize(("locale", "text"), [
    # No-break spaces: a date stays on one line (Babel's narrow one in Russian kept).
    ("en", "Nov\u00a022,\u00a02026"), ("ru", "22\u00a0нояб.\u00a02026\u202fг."), ("pl", "22\u00a0lis\u00a02026"),
    ("sv", "22\u00a0nov.\u00a02026"), (PSEUDO_LOCALE, "Nov\u00a022,\u00a02026"),
])
def test_dates_follow_the_locale(locale, text):
    assert Formatter(locale).date(date(2026, 11, 22)) == text


@pytest.mark.parametrize(("locale", "number", "percent"), [
    ("en", "1,234.5", "25%"), ("ru", "1\u00a0234,5", "25\u00a0%"), ("pl", "1234,5", "25%"),
    ("sv", "1\u00a0234,5", "25\u00a0%"),
])
def test_numbers_and_percentages_follow_the_locale(locale, number, percent):
    f = Formatter(locale)
    assert f.number(Decimal("1234.5")) == number
    assert f.percent(Decimal("25")) == percent


@pytest.mark.parametrize(("locale", "text"), [
    ("en", "PLN\u00a02,280,000"), ("pl", "2\u00a0280\u00a0000\u00a0zł"), ("sv", "2\u00a0280\u00a0000\u00a0PLN"),
])
def test_money_follows_the_locale(locale, text):
    assert Formatter(locale).money(Decimal("2280000"), "PLN") == text


def test_language_names_are_in_the_output_locale():
    assert [Formatter(x).language("pl") for x in ("en", "pl", "ru", "sv")] == ["Polish", "polski", "польский",
                                                                              "polska"]


def test_a_context_tells_identical_english_apart():
    # "Business" is an adoption barrier's type in the CS plan and an area of a metric in the questionnaire.
    _ = translator("pl", LOCALES)
    assert _.pgettext("barrier type", "Business") == "Biznesowa"
    assert _("Business") == "Biznes"
    assert translator("en", LOCALES).pgettext("barrier type", "Business") == "Business"


def test_an_untranslated_message_with_a_context_names_both(tmp_path):
    _ = translator("pl", fixture_locales(tmp_path))
    assert _.pgettext("barrier type", "Status") == "Status"
    [problem] = untranslated_problems(_, lambda p: p.relative_to(tmp_path).as_posix())
    assert problem.field == 'msgctxt "barrier type" msgid "Status"' and problem.code == "i18n.missing"
