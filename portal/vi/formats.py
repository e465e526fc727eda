"""Shared by every stage (Vietnamese): dates, numbers, sizes and places as Vietnamese readers
write them. Formatting happens only here."""

from __future__ import annotations

import functools
from datetime import date, datetime

from ..dates import TZ

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def format_number(value: int | float, decimals: int = 0) -> str:
    """19732 -> "19.732"; 1.26 with decimals=1 -> "1,3" (Vietnamese separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_date(value: datetime | date, with_time: bool = True) -> str:
    """ "Thứ ba, 19/03/2013, 14:10"; the time is left out when it is midnight or unwanted."""
    if isinstance(value, datetime):
        value = value.astimezone(TZ)
        day = value.date()
    else:
        day = value
        with_time = False
    text = f"{WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"
    if with_time and (value.hour or value.minute):
        text += f", {value:%H:%M}"
    return text


def format_schedule(value: datetime) -> str:
    """ "08:00, Thứ ba, 24/11/2026": when a scheduled item goes live, the hour first."""
    value = value.astimezone(TZ)
    return f"{value:%H:%M}, {format_date(value, with_time=False)}"


@functools.lru_cache(maxsize=65536)  # an item's date, on every listing that shows the item
def format_short_date(value: datetime | date) -> str:
    """ "19/03/2013", for lists."""
    if isinstance(value, datetime):
        value = value.astimezone(TZ)
    return f"{value:%d/%m/%Y}"


def format_place_date(place: str, value: date | datetime) -> str:
    """ "Long An, ngày 08 tháng 02 năm 2018", as Nghị định 30/2020/NĐ-CP writes it.

    Days below 10 and the months January and February take a leading zero; other months do not.
    """
    if isinstance(value, datetime):
        value = value.astimezone(TZ).date()
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


def format_duration(seconds: float) -> str:
    """A video's length as people say it: "45 giây", "2 phút 05 giây", "1 giờ 02 phút"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} giờ {minutes:02d} phút"
    if minutes:
        return f"{minutes} phút {secs:02d} giây"
    return f"{secs} giây"


def format_size(size: int) -> str:
    """Bytes for people: "0,8 KB", "12 KB", "1,2 MB" (1 KB = 1024 B). Readers know KB and MB;
    a bare "B" reads as nothing, so even a tiny file is a tenth of a KB or more."""
    if size == 0:
        return "0 KB"
    if size < 1024:
        return f"{format_number(max(size / 1024, 0.1), 1)} KB"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 0 if size >= 10 * 1024 else 1)} KB"
    return f"{format_number(size / (1024 * 1024), 1)} MB"
