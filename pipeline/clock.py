"""The one reader of SOURCE_DATE_EPOCH: what "today" is, and the time stamped into files.

Reproducible builds set SOURCE_DATE_EPOCH (reproducible-builds.org); csplan
then takes it as today's date for date rules and as the time in documents.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def source_date_epoch() -> int | None:
    """Return SOURCE_DATE_EPOCH as seconds, or None when it is unset or not a whole number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else None


def today() -> date:
    """Return today's date, or the date of SOURCE_DATE_EPOCH when set (reproducible runs)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=timezone.utc).date()
    return date.today()


def stamp_on(day: date) -> str:
    """Return the ISO time stored in documents: SOURCE_DATE_EPOCH when set, else midnight of ``day``."""
    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{day.isoformat()}T00:00:00Z"
