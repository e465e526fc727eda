"""Shared by every stage: dates as the portal understands them, aware datetimes in Asia/Ho_Chi_Minh
from the start.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def parse_datetime(value: object) -> datetime:
    """ISO 8601 date or date-time; without an offset it is Vietnam time. Raises ValueError."""
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime.combine(value, time())
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            result = datetime.fromisoformat(text)
        except ValueError:
            result = datetime.combine(date.fromisoformat(text), time())
    else:
        raise ValueError(f"not a date: {value!r}")
    if result.tzinfo is None:
        return result.replace(tzinfo=TZ)
    return result.astimezone(TZ)


def build_time() -> datetime:
    """The moment that decides what is published; PORTAL_NOW pins it for reproducible builds."""
    pinned = os.environ.get("PORTAL_NOW")
    return parse_datetime(pinned) if pinned else datetime.now(TZ)


_DAY_FIRST = re.compile(
    r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,]+(?:lúc\s*)?(\d{1,2})[:hg](\d{2})?)?\s*$"
)


def iso_example(value: object) -> str:
    """The way to write `value` that the portal reads, taken from the editor's own value where
    it can be ("31/12/2024 8:30" -> "2024-12-31 08:30"), else a generic example."""
    match = _DAY_FIRST.match(str(value))
    if match:
        day, month, year, hour, minute = match.groups()
        try:
            written = date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return "2024-12-31 08:00"
        if hour is not None:
            written += f" {int(hour):02d}:{int(minute or 0):02d}"
        return written
    return "2024-12-31 08:00"
