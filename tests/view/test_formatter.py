"""Numbers grouped as CLDR says per locale: minimum grouping digits (Polish leaves four digits ungrouped)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.view import Formatter

NBSP = "\u00a0"


@pytest.mark.parametrize(("locale", "value", "expected"), [
    ("pl", 1234, "1234"),
    ("pl", -1234, "-1234"),
    ("pl", 9999, "9999"),
    ("pl", 12345, f"12{NBSP}345"),
    ("pl", Decimal("1234.5"), "1234,5"),
    ("sv", 1234, f"1{NBSP}234"),
    ("ru", 1234, f"1{NBSP}234"),
    ("en", 1234, "1,234"),
    ("en", 999, "999"),
])
def test_numbers_group_from_the_locales_minimum_grouping_digits(locale, value, expected):
    assert Formatter(locale).number(value) == expected


def test_money_and_percentages_group_like_numbers():
    assert Formatter("pl").money(Decimal(1450), "PLN") == f"1450{NBSP}zł"
    assert Formatter("pl").money(Decimal(14500), "PLN") == f"14{NBSP}500{NBSP}zł"
    assert Formatter("sv").money(Decimal(1450), "SEK") == f"1{NBSP}450{NBSP}kr"
