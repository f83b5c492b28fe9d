"""Units from CLDR: a unit id takes the right plural form in every output locale; free text may give its forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from pipeline.fields import UnitField
from pipeline.units import is_cldr_unit, missing_forms
from pipeline.view import Formatter

NBSP = "\u00a0"
UNIT = TypeAdapter(UnitField)
COUNTS = (1, 2, 5, 21, 22, 25)


def measures(locale: str, unit, counts=COUNTS) -> list[str]:
    u = UNIT.validate_python(unit)
    return [Formatter(locale).measure(Decimal(n), u).replace(NBSP, " ") for n in counts]


def test_hours_in_polish_take_their_plural_forms():
    assert measures("pl", "hour") == ["1 godzina", "2 godziny", "5 godzin", "21 godzin", "22 godziny", "25 godzin"]


def test_weeks_in_polish_and_minutes_in_russian():
    assert measures("pl", "week") == ["1 tydzień", "2 tygodnie", "5 tygodni", "21 tygodni", "22 tygodnie",
                                      "25 tygodni"]
    assert measures("ru", "minute") == ["1 минута", "2 минуты", "5 минут", "21 минута", "22 минуты", "25 минут"]
    assert measures("ru", "hour") == ["1 час", "2 часа", "5 часов", "21 час", "22 часа", "25 часов"]


def test_swedish_and_english_have_one_and_other():
    assert measures("sv", "hour", (1, 2)) == ["1 timme", "2 timmar"]
    assert measures("sv", "week", (1, 2)) == ["1 vecka", "2 veckor"]
    assert measures("en", "second", (1, 2)) == ["1 second", "2 seconds"]


def test_a_number_meets_its_unit_with_a_no_break_space_and_the_locales_grouping():
    u = UNIT.validate_python("hour")
    assert Formatter("pl").measure(Decimal(1234), u) == f"1234{NBSP}godziny"
    assert Formatter("sv").measure(Decimal(1234), u) == f"1{NBSP}234{NBSP}timmar"


def test_free_text_per_plural_category():
    unit = {"one": "godzina", "few": "godziny", "many": "godzin", "other": "godziny"}
    assert measures("pl", unit) == ["1 godzina", "2 godziny", "5 godzin", "21 godzin", "22 godziny", "25 godzin"]
    assert measures("pl", unit, (Decimal("1.5"),)) == ["1,5 godziny"]


def test_free_text_per_locale():
    unit = {"en": "tickets/month", "pl": {"one": "zgłoszenie/mies.", "few": "zgłoszenia/mies.",
                                          "many": "zgłoszeń/mies.", "other": "zgłoszenia/mies."}}
    # A compound unit may break after its slash (a zero-width space), never between number and unit.
    assert measures("pl", unit, (1, 2, 5)) == ["1 zgłoszenie/\u200bmies.", "2 zgłoszenia/\u200bmies.",
                                               "5 zgłoszeń/\u200bmies."]
    assert measures("en", unit, (5,)) == ["5 tickets/\u200bmonth"]
    assert UNIT.validate_python(unit) == "tickets/month"  # compares and prints as its English text


def test_percent_and_currencies_keep_their_own_formats():
    assert measures("pl", "%", (5,)) == ["5%"]
    assert measures("sv", "SEK", (1450,)) == ["1 450 kr"]


def test_what_is_a_cldr_unit():
    assert all(is_cldr_unit(u) for u in ("hour", "day", "week", "minute", "second", "duration-hour"))
    assert not any(is_cldr_unit(u) for u in ("hours", "godziny", "tickets/month", "PLN", "%", "score 1-5"))


def test_a_unit_per_plural_category_needs_its_other_form():
    with pytest.raises(ValidationError, match="other form"):
        UNIT.validate_python({"one": "godzina", "few": "godziny"})
    with pytest.raises(ValidationError, match="neither a plural category"):
        UNIT.validate_python({"one": "godzina", "plenty": "godzin", "other": "godziny"})


def test_free_text_lacking_a_locales_plural_forms():
    assert missing_forms(UNIT.validate_python("godziny"), "pl", [26, 20, 2]) == ["few", "many"]
    assert missing_forms(UNIT.validate_python("timmar"), "sv", [26, 4]) == []  # Swedish plural: other
    assert missing_forms(UNIT.validate_python("hour"), "pl", [26, 2]) == []
    assert missing_forms(UNIT.validate_python({"other": "PLN/mies."}), "pl", [2, 5]) == []  # invariant
