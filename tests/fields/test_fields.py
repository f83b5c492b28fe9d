"""Tests for pipeline.fields: every value arrives as the string typed; these decide what it means."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import pytest
from pydantic import TypeAdapter, ValidationError

from pipeline.fields import (
    Bool, Currency, Date, DateOrPeriod, Id, Int, Locale, Localized, Number, Percent, Plain, Rank, Text, Url, choice, describe,
)
from pipeline.model import Status


def ok(kind, value):
    return TypeAdapter(kind).validate_python(value)


def bad(kind, value) -> tuple[str, str]:
    """Return (error type, message) of the single error ``value`` raises."""
    with pytest.raises(ValidationError) as exc:
        TypeAdapter(kind).validate_python(value)
    errors = exc.value.errors()
    assert len(errors) == 1
    return errors[0]["type"], errors[0]["msg"]


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("text, expected", [
    ("2026-11-01", date(2026, 11, 1)), (" 2026-02-28 ", date(2026, 2, 28)), ("2028-02-29", date(2028, 2, 29)),
])
def test_date_ok(text, expected):
    assert ok(Date, text) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2027-02-29", "2026-00-10", "2026-04-31"])
def test_date_not_in_calendar(text):
    kind, msg = bad(Date, text)
    assert kind == "date_invalid"
    assert msg == f"{text!r} is not a day of the calendar"


@pytest.mark.parametrize("text", ["31/12/2026", "2026-1-5", "20261231", "2026.12.31", "next week", "",
                                  "2026-12-31T10:00"])
def test_date_wrong_format(text):
    kind, msg = bad(Date, text)
    assert kind == "date_format"
    assert "write YYYY-MM-DD" in msg and repr(text) in msg


@pytest.mark.parametrize("value, shown", [(None, "nothing"), ({"a": 1}, "a mapping"), ([1], "a list")])
def test_date_wrong_type(value, shown):
    assert bad(Date, value)[1].startswith(f"{shown} is not a date")


@pytest.mark.parametrize("text, expected, shown", [
    ("2025", date(2025, 12, 31), "2025"), ("2025-06", date(2025, 6, 30), "2025-06"),
    ("2024-02", date(2024, 2, 29), "2024-02"), (" 2026-01-31 ", date(2026, 1, 31), "2026-01-31"),
])
def test_a_baseline_date_may_be_a_whole_year_or_month(text, expected, shown):
    # The period's last day: the value of a year is known when the year has ended.
    value = ok(DateOrPeriod, text)
    assert value == expected and str(value) == shown
    assert getattr(value, "precision", "day") == {4: "year", 7: "month"}.get(len(text.strip()), "day")


@pytest.mark.parametrize("text, kind", [("2025-13", "date_invalid"), ("2025-02-30", "date_invalid"),
                                        ("25", "date_format"), ("2025/06", "date_format")])
def test_a_period_date_says_how_to_write_it(text, kind):
    got, msg = bad(DateOrPeriod, text)
    assert got == kind
    if kind == "date_format":
        assert "write YYYY-MM-DD, or YYYY-MM or YYYY" in msg


# ------------------------------------------------------------------ numbers

@pytest.mark.parametrize("text, expected", [
    ("12.5", Decimal("12.5")), ("-3", Decimal(-3)), ("+4", Decimal(4)), (".5", Decimal("0.5")),
    ("1_000", Decimal(1000)), (" 7 ", Decimal(7)), ("1.10", Decimal("1.10")), ("012", Decimal(12)),
    ("5.", Decimal(5)),
])
def test_number_ok(text, expected):
    value = ok(Number, text)
    assert value == expected and isinstance(value, Decimal)


def test_number_keeps_precision_as_typed():
    assert str(ok(Number, "0.1")) == "0.1"
    assert str(ok(Number, "1.10")) == "1.10"


@pytest.mark.parametrize("text", ["12,5", "1,000", "1 000", "12 EUR", "€12", "1e3", "0x1F", "nan", "inf",
                                  "", "-", ".", "12..5"])
def test_number_refused(text):
    kind, msg = bad(Number, text)
    assert kind == "number"
    assert msg.startswith(f"{text!r} is not a number")
    assert "with '.' for decimals and no thousands separators" in msg


@pytest.mark.parametrize("value", [True, None, [1], {"a": 1}])
def test_number_wrong_type(value):
    kind, msg = bad(Number, value)
    assert kind == "number"
    assert "thousands" not in msg


def test_integer_rank():
    assert ok(Int, "500") == 500
    assert bad(Int, "2.5") == ("integer", "'2.5' is not a whole number")
    assert ok(Int, "2.0") == 2
    assert ok(Rank, "1") == 1
    assert bad(Rank, "0") == ("positive", "must be 1 or more, got '0'")
    assert bad(Rank, "-2")[0] == "positive"


def test_percent():
    assert ok(Percent, "45%") == Decimal(45)
    assert ok(Percent, " 12.5 % ") == Decimal("12.5")
    assert ok(Percent, "0") == 0 and ok(Percent, "100") == 100
    assert bad(Percent, "101%") == ("percent", "'101%' is not a percentage between 0 and 100")
    assert bad(Percent, "-1")[0] == "percent"


# ------------------------------------------------------------------ yes/no

@pytest.mark.parametrize("text, expected", [
    ("true", True), ("True", True), ("yes", True), ("Y", True), ("on", True),
    ("false", False), ("NO", False), ("n", False), ("off", False), (" yes ", True),
])
def test_bool_ok(text, expected):
    assert ok(Bool, text) is expected


@pytest.mark.parametrize("value", ["1", "0", "maybe", "", None, "tru"])
def test_bool_refused(value):
    kind, msg = bad(Bool, value)
    assert kind == "bool" and "write true or false" in msg


# ------------------------------------------------------------------ text

def test_text_plain_and_localized():
    assert ok(Text, "Travel") == "Travel"
    value = ok(Text, {"en": "Travel", "pl": "Podróże"})
    assert isinstance(value, Localized)
    assert value.pick("pl", "en") == ("Podróże", False)
    assert value.pick("sv", "en") == ("Travel", True)
    assert Localized({"pl": "Podróże"}).pick("sv", "en") == ("Podróże", True)


@pytest.mark.parametrize("value, kind, needle", [
    ("", "text_empty", "is empty"), ("   ", "text_empty", "is empty"), ({}, "text_empty", "is empty"),
    ({"de": "Reisen"}, "text_locale", "'de' is not a supported locale"),
    ({"en": ""}, "text_empty", "the en text is empty"), ({"en": ["x"]}, "text_empty", "the en text"),
    (["a"], "text_type", "expected text, got a list"), (None, "text_type", "got nothing"),
])
def test_text_refused(value, kind, needle):
    got_kind, msg = bad(Text, value)
    assert got_kind == kind and needle in msg


def test_plain_accepts_numbers_but_not_mappings():
    assert ok(Plain, "1.10") == "1.10"
    assert ok(Plain, 12) == "12"
    assert bad(Plain, {"en": "x"}) == ("text_type", "expected text, got a mapping")
    assert bad(Plain, True)[0] == "text_type"


@pytest.mark.parametrize("value", ["travel-cost", "a", "3m", "kpi_1", "x-y_z9"])
def test_id_ok(value):
    assert ok(Id, value) == value


@pytest.mark.parametrize("value", ["Travel", "-x", "_x", "a b", "a.b", "", "ż", None, "a/b"])
def test_id_refused(value):
    kind, msg = bad(Id, value)
    assert kind == "id_format" and "is not an id" in msg


def test_url_currency_locale():
    assert ok(Url, " https://acme.example/x ") == "https://acme.example/x"
    assert ok(Url, "mailto:a@b.example") == "mailto:a@b.example"
    for wrong in ("acme.example", "ftp://x", "https://a b", "javascript:alert(1)"):
        assert bad(Url, wrong)[0] == "url"
    assert ok(Currency, "EUR") == "EUR"
    assert bad(Currency, "eur")[1].startswith("'eur' is not a currency code")
    assert bad(Currency, "EURO")[0] == "currency"
    assert ok(Locale, "pl") == "pl"
    assert bad(Locale, "de") == ("locale", "'de' is not a supported locale; use one of en, ru, pl, sv")
    assert bad(Locale, "EN")[0] == "locale"


# ------------------------------------------------------------------ choices

StatusChoice = choice(Status)


@pytest.mark.parametrize("text", ["completed", "Completed", " COMPLETED ", "in progress", "In-Progress",
                                  "in_progress", "not-started", "Not Started"])
def test_choice_is_lenient_about_spelling(text):
    assert ok(StatusChoice, text) in set(Status)


def test_choice_returns_the_member():
    assert ok(StatusChoice, "in progress") is Status.IN_PROGRESS
    assert ok(StatusChoice, Status.COMPLETED) is Status.COMPLETED


@pytest.mark.parametrize("text, meant", [
    ("done", "completed"), ("finished", "completed"), ("complted", "completed"), ("in_prgress", "in_progress"),
    ("ongoing", "in_progress"), ("todo", "not_started"), ("not startd", "not_started"),
])
def test_choice_did_you_mean(text, meant):
    kind, msg = bad(StatusChoice, text)
    assert kind == "choice"
    assert msg == f"{text!r} is not one of: completed, in_progress, not_started; did you mean {meant!r}?"


def test_choice_without_a_close_match_has_no_hint():
    kind, msg = bad(StatusChoice, "banana")
    assert msg == "'banana' is not one of: completed, in_progress, not_started"
    assert bad(StatusChoice, None)[1] == "nothing is not one of: completed, in_progress, not_started"


def test_choice_synonyms_only_hint_at_existing_values():
    class Colour(str, Enum):
        RED = "red"
        BLUE = "blue"

    assert bad(choice(Colour), "done")[1] == "'done' is not one of: red, blue"


def test_describe():
    assert describe("x") == "'x'"
    assert describe(None) == "nothing"
    assert describe({}) == "a mapping" and describe([]) == "a list"
    long = describe("y" * 200)
    assert long.endswith("...'") and len(long) < 70
