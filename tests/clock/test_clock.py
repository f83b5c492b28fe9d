"""pipeline.clock: SOURCE_DATE_EPOCH stands for the clock (conftest sets it); a wrong value is an error naming it."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import EPOCH_2026_11_22
from pipeline.clock import ClockError, source_date_epoch, stamp_on, today


def test_source_date_epoch_is_read_when_a_number(monkeypatch):
    assert source_date_epoch() == EPOCH_2026_11_22
    monkeypatch.setenv("SOURCE_DATE_EPOCH", f" {EPOCH_2026_11_22 + 61}\n")
    assert source_date_epoch() == EPOCH_2026_11_22 + 61
    for unset in ("", "  "):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", unset)
        assert source_date_epoch() is None


@pytest.mark.parametrize(("value", "says"), [
    ("-5", "SOURCE_DATE_EPOCH='-5' is not a Unix time"),
    ("1.5", "SOURCE_DATE_EPOCH='1.5' is not a Unix time"),
    ("soon", "SOURCE_DATE_EPOCH='soon' is not a Unix time"),
    ("1e9", "SOURCE_DATE_EPOCH='1e9' is not a Unix time"),
    ("\u0661\u0662", "is not a Unix time"),  # Arabic-Indic digits: str.isdigit() says yes
    ("0", "SOURCE_DATE_EPOCH=0 is 1970-01-01, before 1980-01-01"),
    ("99999999999999", "SOURCE_DATE_EPOCH=99999999999999 is after the year 9999"),
    ("9" * 5000, "SOURCE_DATE_EPOCH=99999999999999999999… is after the year 9999"),
])
def test_a_wrong_source_date_epoch_is_an_error_naming_the_variable(monkeypatch, value, says):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ClockError, match="SOURCE_DATE_EPOCH") as err:
        source_date_epoch()
    assert says in str(err.value)
    assert "git log -1 --format=%ct" in str(err.value)
    assert len(str(err.value)) < 300


def test_the_command_line_refuses_it_once_before_any_command(monkeypatch, capsys, tmp_path):
    from pipeline.cli import EXIT_USAGE, main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert main(["--root", str(tmp_path), "check"]) == EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["csplan check: SOURCE_DATE_EPOCH=0 is 1970-01-01, before 1980-01-01, the earliest date an "
                   "Office file can carry: give whole seconds since 1970-01-01 UTC (e.g. git log -1 --format=%ct), "
                   "or unset it"]


def test_stamp_is_the_epoch_time_else_midnight_of_the_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22 + 3661))
    assert stamp_on(date(2025, 1, 2)) == "2026-11-22T01:01:01Z"
    assert today() == date(2026, 11, 22)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert stamp_on(date(2025, 1, 2)) == "2025-01-02T00:00:00Z"
    assert today() == date.today()
