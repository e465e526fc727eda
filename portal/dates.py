"""Shared by every stage: dates as the portal understands them, aware datetimes in Asia/Ho_Chi_Minh
from the start.
"""

from __future__ import annotations

import os
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
