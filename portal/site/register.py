"""Site stage (collect): the document register (sổ văn bản), every numbered notice and
attachment, and which page each document number links to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..content.models import Attachment, Item
from ..text import fold


@dataclass(frozen=True)
class RegisterEntry:
    number: str
    kind: str
    date: datetime
    issuer: str
    title: str
    url: str

    @property
    def year(self) -> int:
        return self.date.year


def register_entries(
    items: Iterable[Item], attachments: Iterable[Attachment]
) -> tuple[RegisterEntry, ...]:
    """Numbered notices and attachments, newest first."""
    entries = [
        RegisterEntry(i.notice.number, i.notice.kind, i.date, i.notice.issuer, i.title, i.url)
        for i in items
        if i.notice and i.notice.number
    ]
    entries += [
        RegisterEntry(a.number, a.kind, a.date, a.issuer, a.title, a.url)
        for a in attachments
        if a.number
    ]
    return tuple(sorted(entries, key=lambda e: (e.date, e.number, e.url), reverse=True))


def number_targets(entries: Iterable[RegisterEntry]) -> dict[str, str]:
    """Number -> page. A notice wins over an attachment with the same number (the notice
    describes the document); a number shared by two different notices links nowhere."""
    targets: dict[str, str] = {}
    ambiguous: set[str] = set()
    for entry in sorted(entries, key=lambda e: not e.url.startswith("thong-bao/")):
        key = fold(entry.number)
        if key in targets:
            both_notices = entry.url.startswith("thong-bao/") and targets[key].startswith(
                "thong-bao/"
            )
            if both_notices and targets[key] != entry.url:
                ambiguous.add(key)
            continue
        targets[key] = entry.url
    return {number: url for number, url in targets.items() if number not in ambiguous}


def number_pattern(numbers: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for every registered number, longest first, not inside a longer number."""
    # Only numbers with a "/" (số/ký hiệu): a bare "538" would link every 538 in the text.
    alternatives = sorted({n for n in numbers if "/" in n}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(n) for n in alternatives)
    return re.compile(rf"(?<![\w/.-])({body})(?![\w/-])", re.IGNORECASE)
