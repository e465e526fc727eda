"""Site stage (collect): the document register (sổ văn bản), every numbered notice and
attachment, and which page each document number links to."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from ..content.models import Attachment, Item
from ..text import fold


@dataclass(frozen=True)
class RegisterEntry:
    """One document in the register: the notice that publishes it, its files, or both."""

    number: str
    kind: str
    date: datetime
    issuer: str
    subject: str  # trích yếu
    url: str  # the notice's page when there is one, else the document's page
    files: tuple[Attachment, ...] = ()  # the document as files (PDF, CSV, …)

    @property
    def year(self) -> int:
        return self.date.year


def register_entries(
    items: Iterable[Item], attachments: Iterable[Attachment]
) -> tuple[RegisterEntry, ...]:
    """Numbered notices and attachments, one row per document number, newest first.

    A notice and the files that carry its number are one document, so one row. Two notices
    sharing a number are different documents (a number reused by two issuers): two rows, and
    the files with that number a third.
    """
    notices: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.notice and item.notice.number:
            notices[fold(item.notice.number)].append(item)
    files: dict[str, list[Attachment]] = defaultdict(list)
    for attachment in attachments:
        if attachment.number:
            files[fold(attachment.number)].append(attachment)
    entries = []
    for key in notices.keys() | files.keys():
        found, carried = notices.get(key, []), tuple(files.get(key, ()))
        if len(found) == 1:
            entries.append(_notice_entry(found[0], carried))
            continue
        entries += [_notice_entry(item, ()) for item in found]
        if carried:  # the files of one document (a PDF and its DOCX) stay one row
            a = carried[0]
            entries.append(
                RegisterEntry(a.number, a.kind, a.date, a.issuer, a.title, a.url, carried)
            )
    return tuple(sorted(entries, key=lambda e: (e.date, e.number, e.url), reverse=True))


def _notice_entry(item: Item, files: tuple[Attachment, ...]) -> RegisterEntry:
    notice = item.notice
    assert notice is not None
    subject = notice.subject or item.title
    return RegisterEntry(
        notice.number, notice.kind, item.date, notice.issuer, subject, item.url, files
    )


def number_targets(entries: Iterable[RegisterEntry]) -> dict[str, str]:
    """Number -> page, for the rows whose number names one document; a number on two
    different notices links nowhere."""
    targets: dict[str, str] = {}
    ambiguous: set[str] = set()
    for entry in entries:
        key = fold(entry.number)
        if targets.get(key, entry.url) != entry.url and not entry.url.startswith("tai-lieu/"):
            if targets[key].startswith("tai-lieu/"):
                targets[key] = entry.url
                continue
            ambiguous.add(key)
        targets.setdefault(key, entry.url)
    return {number: url for number, url in targets.items() if number not in ambiguous}


def number_pattern(numbers: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for every registered number, longest first, not inside a longer number."""
    # Only numbers with a "/" (số/ký hiệu): a bare "538" would link every 538 in the text.
    alternatives = sorted({n for n in numbers if "/" in n}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(n) for n in alternatives)
    return re.compile(rf"(?<![\w/.-])({body})(?![\w/-])", re.IGNORECASE)
