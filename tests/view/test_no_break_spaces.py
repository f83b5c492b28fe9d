"""No-break spaces: a number keeps its unit, a date, a quarter and a name stay on one line, in every locale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipeline import measure
from pipeline.view import Formatter
from pipeline.view.common import NBSP, glue_units, keep_together, nbsp, quarter_label, unit_spaces

LOCALES = ("en", "pl", "ru", "sv")


@pytest.mark.parametrize("locale", LOCALES)
def test_dates_quarters_and_measures_have_no_plain_space(locale):
    f = Formatter(locale)
    for text in (f.date(date(2027, 3, 31)), quarter_label(locale, "2026-Q3"), f.measure(Decimal("16.8"), "pts"),
                 f.money(Decimal(118000), "PLN"), f.measure(Decimal(45), "ocena 1-5"), f.percent(Decimal(61))):
        assert " " not in text, repr(text)


def test_babel_narrow_no_break_spaces_are_kept():
    assert Formatter("ru").date(date(2027, 3, 31)) == "31\u00a0мар.\u00a02027\u202fг."


def test_a_currency_code_is_set_apart_from_its_digits():
    # CLDR's currencySpacing; Babel writes "PLN118,000".
    assert Formatter("en").money(Decimal(118000), "PLN") == "PLN\u00a0118,000"
    assert Formatter("en").money(Decimal(5), "EUR") == "€5"


@pytest.mark.parametrize(("locale", "text", "glued"), [
    ("en", "Telephony cost at or below 118,000 PLN a month", "118,000 PLN"),
    ("en", "Average speed of answer at or below 45 seconds", "45 seconds"),
    ("en", "answers by Mar 31, 2027 and", "Mar 31, 2027"),
    ("en", "live in Q3 2026 at every depot", "Q3 2026"),
    ("pl", "Test partii w 2 godziny lub szybciej", "2 godziny"),
    ("pl", "oszczędność 3 mln zł rocznie", "3 mln zł"),
    ("pl", "do 31 marca 2027 roku", "31 marca 2027 roku"),
    ("ru", "ответ за 20 секунд на обеих площадках", "20 секунд"),
    ("ru", "до 31 марта 2027 г. включительно", "31 марта 2027 г."),
    ("sv", "inom 4 timmar efter larm", "4 timmar"),
])
def test_prose_keeps_numbers_with_units_and_dates_together(locale, text, glued):
    out = glue_units(text, locale)
    assert nbsp(glued) in out
    assert unit_spaces(text, locale) == [glued]
    assert unit_spaces(out, locale) == []


@pytest.mark.parametrize("text", ["2 of 4 outcomes on track", "All 7 KPIs", "120 agents", "в 2026 году"])
def test_a_number_before_an_ordinary_word_may_break(text):
    assert glue_units(text, "en", "ru") == text


def test_a_glued_phrase_is_one_word_to_the_measure():
    # A line box narrower than "118,000 PLN" cuts it rather than break at the no-break space.
    wide = measure.text_width("118,000" + NBSP + "PLN", 12)
    assert len(measure.wrap("cost 118,000" + NBSP + "PLN", wide + 10, 12)) == 2
    assert measure.wrap("cost 118,000" + NBSP + "PLN", wide + 10, 12)[1] == "118,000" + NBSP + "PLN"
    assert measure.wrap("31\u00a0мар.\u00a02027\u202fг.", 10**7, 12) == ["31\u00a0мар.\u00a02027\u202fг."]


def test_a_quarter_keeps_its_hyphenated_ordinal_together():
    # Carlito, the default template's font, has no U+2011 glyph: a word joiner forbids the break instead.
    assert quarter_label("ru", "2026-Q3") == "3-\u2060й\u00a0кв.\u00a02026\u202fг."
    assert keep_together("1-й кв.") == "1-\u2060й\u00a0кв."
    # Only a number's short suffix: words and ids keep their break after the hyphen.
    assert keep_together("бизнес-обзор") == "бизнес-обзор"
    assert keep_together("2026-Q3") == "2026-Q3"


def test_a_long_title_breaks_before_the_quarter_not_after_its_hyphen():
    title = "Ежеквартальный бизнес-обзор " + quarter_label("ru", "2026-Q3")
    # The width where a plain hyphen let "3-" end the first line.
    width = measure.text_width("Ежеквартальный бизнес-обзор 3-", 28) + 100
    assert measure.wrap(title.replace("\u2060", ""), width, 28)[0].endswith("3-")
    assert measure.wrap(title, width, 28) == ["Ежеквартальный бизнес-обзор", quarter_label("ru", "2026-Q3")]


@pytest.mark.parametrize(("locale", "year", "month"), [("en", "2025", "Jun\u00a02025"), ("pl", "2025", "cze\u00a02025"),
                                                       ("ru", "2025", "июнь\u00a02025\u202fг."),
                                                       ("sv", "2025", "juni\u00a02025")])
def test_a_date_written_as_a_year_or_month_is_shown_as_such(locale, year, month):
    from pydantic import TypeAdapter

    from pipeline.fields import DateOrPeriod

    f = Formatter(locale)
    assert f.date(TypeAdapter(DateOrPeriod).validate_python("2025")) == year
    assert f.date(TypeAdapter(DateOrPeriod).validate_python("2025-06")) == month
