"""Typed content models: what validation produces and every later stage consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from . import urls


@dataclass(frozen=True)
class Category:
    name: str
    slug: str
    short: str = ""
    description: str = ""

    @property
    def url(self) -> str:
        return urls.category(self.slug)


@dataclass(frozen=True)
class Tag:
    """A tag as readers see it: spellings that differ only in case, form or spaces are one tag."""

    name: str  # the most common spelling
    slug: str

    @property
    def url(self) -> str:
        return urls.tag(self.slug)


@dataclass(frozen=True)
class Signer:
    """Người ký: the authority line ("KT. GIÁM ĐỐC") is empty when the head signs in person."""

    name: str
    position: str
    authority: str = ""


@dataclass(frozen=True)
class NoticeInfo:
    """What makes an item an official notice (thông báo, công văn, kế hoạch, …)."""

    kind: str
    number: str  # số và ký hiệu, e.g. 602/UBND-NCTCD
    issuer: str
    place: str  # địa danh, e.g. Long An
    subject: str  # trích yếu
    signer: Signer
    parent_issuer: str = ""
    recipients: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    valid_until: date | None = None

    def expired(self, today: date) -> bool:
        return self.valid_until is not None and self.valid_until < today


@dataclass(frozen=True)
class Item:
    """A news item, or a notice when `notice` is set; both flow into listings and feeds."""

    source: str  # path relative to the project root
    title: str
    slug: str
    date: datetime
    category: Category
    body: str
    body_line: int = 1
    tags: tuple[str, ...] = ()
    summary: str = ""
    author: str = ""
    draft: bool = False
    updated: datetime | None = None
    notice: NoticeInfo | None = None

    @property
    def url(self) -> str:
        return urls.notice(self.slug) if self.notice else urls.article(self.slug)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def modified(self) -> datetime:
        return self.updated or self.date
