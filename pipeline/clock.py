"""The one reader of ``SOURCE_DATE_EPOCH``: today's date and the timestamp stored in documents.

When the variable is set (reproducible builds, the tests), every date rule and
every document stamp uses its time instead of the clock, so two runs on
different days give the same problems and the same files.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def source_date_epoch() -> int | None:
    """Return ``SOURCE_DATE_EPOCH`` in seconds, or None when it is unset or not a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    # Not a number is ignored rather than an error: the variable is set for other tools too.
    return int(epoch) if epoch.isdigit() else None


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
