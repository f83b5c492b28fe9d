"""The one reader of ``SOURCE_DATE_EPOCH``: today's date and the timestamp stored in documents.

When the variable is set (reproducible builds, the tests), every date rule and
every document stamp uses its time instead of the clock, so two runs on
different days give the same problems and the same files.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


# The range a document stamp can take: zip entries and Office files cannot
# date before 1980-01-01, and dates end with the year 9999.
EARLIEST = 315532800  # 1980-01-01T00:00:00Z
LATEST = 253402300799  # 9999-12-31T23:59:59Z
_HINT = "give whole seconds since 1970-01-01 UTC (e.g. git log -1 --format=%ct), or unset it"


class ClockError(ValueError):
    """``SOURCE_DATE_EPOCH`` is set to something that is not a usable Unix time."""


def source_date_epoch() -> int | None:
    """Return ``SOURCE_DATE_EPOCH`` in seconds, None when it is unset or empty; raise ClockError when it is wrong.

    The command line calls this once before any command (``cli.main``), so a
    wrong value is one clear error naming the variable, never a date rule
    firing against 1970 or a value silently ignored.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = raw.strip()
    if not epoch:
        return None
    shown = epoch if len(epoch) <= 20 else f"{epoch[:20]}…"
    if not epoch.isascii() or not epoch.isdigit():
        raise ClockError(f"SOURCE_DATE_EPOCH={shown!r} is not a Unix time: {_HINT}")
    value = int(epoch) if len(epoch) <= len(str(LATEST)) else LATEST + 1  # int() refuses 4,300+ digits
    if value < EARLIEST:
        raise ClockError(f"SOURCE_DATE_EPOCH={epoch} is {_at(value):%Y-%m-%d}, before 1980-01-01, the earliest "
                         f"date an Office file can carry: {_HINT}")
    if value > LATEST:
        raise ClockError(f"SOURCE_DATE_EPOCH={shown} is after the year 9999: {_HINT}")
    return value


def _at(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


def today() -> date:
    """Return today's date, or the UTC date of ``SOURCE_DATE_EPOCH`` when set."""
    epoch = source_date_epoch()
    return date.today() if epoch is None else _at(epoch).date()


def stamp_on(day: date) -> str:
    """Return the ISO timestamp stored in documents: ``SOURCE_DATE_EPOCH``, else midnight (UTC) of ``day``."""
    epoch = source_date_epoch()
    if epoch is None:
        return f"{day.isoformat()}T00:00:00Z"
    return _at(epoch).strftime("%Y-%m-%dT%H:%M:%SZ")
