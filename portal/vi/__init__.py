"""Shared by every stage: the portal's Vietnamese, its strings (`ui.py`) and its formats
(`formats.py`), for people to read."""

from .formats import (
    WEEKDAYS,
    format_date,
    format_duration,
    format_number,
    format_place_date,
    format_schedule,
    format_short_date,
    format_size,
)
from .ui import UI

__all__ = [
    "UI",
    "WEEKDAYS",
    "format_date",
    "format_duration",
    "format_number",
    "format_place_date",
    "format_schedule",
    "format_short_date",
    "format_size",
]
