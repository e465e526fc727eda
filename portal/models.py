"""Typed content models: what validation produces and every later stage consumes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
class NewsItem:
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

    @property
    def url(self) -> str:
        return urls.article(self.slug)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def modified(self) -> datetime:
        return self.updated or self.date
