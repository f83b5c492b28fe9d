"""pipeline.clock: SOURCE_DATE_EPOCH, when it is a number, stands for the clock (conftest sets it)."""

from __future__ import annotations

from datetime import date

from conftest import EPOCH_2026_11_22
from pipeline.clock import source_date_epoch, stamp_on, today


def test_source_date_epoch_is_read_when_a_number(monkeypatch):
    assert source_date_epoch() == EPOCH_2026_11_22
    monkeypatch.setenv("SOURCE_DATE_EPOCH", f" {EPOCH_2026_11_22 + 61}\n")
    assert source_date_epoch() == EPOCH_2026_11_22 + 61
    for ignored in ("", "-5", "1.5", "soon"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", ignored)
        assert source_date_epoch() is None


def test_stamp_is_the_epoch_time_else_midnight_of_the_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22 + 3661))
    assert stamp_on(date(2025, 1, 2)) == "2026-11-22T01:01:01Z"
    assert today() == date(2026, 11, 22)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert stamp_on(date(2025, 1, 2)) == "2025-01-02T00:00:00Z"
    assert today() == date.today()
