"""Site stage (collect): everything derived across items, computed once per build.

The published set, per-category and per-year lists, pagination and each article's neighbours.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from .. import urls
from ..content.models import Category, Item, Tag
from ..dates import TZ
from ..text import collation_key, slugify

RELATED_COUNT = 5
HOME_COUNT = 5
LEAD_WINDOW = 5  # how far back the home page looks for a lead story with a photo


@dataclass(frozen=True)
class Pagination:
    """One page of a paginated listing."""

    number: int
    total: int
    items: tuple[Item, ...]
    base_url: str

    @property
    def url(self) -> str:
        return urls.paged(self.base_url, self.number)

    @property
    def prev_url(self) -> str | None:
        return urls.paged(self.base_url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return urls.paged(self.base_url, self.number + 1) if self.number < self.total else None

    def page_url(self, number: int) -> str:
        return urls.paged(self.base_url, number)

    def window(self, width: int = 2) -> list[int | None]:
        """Page numbers for the pager: first, last and `width` around this one; None is a gap.

        Bounded, so a listing page's HTML does not grow with the number of pages.
        """
        shown = {1, self.total, *range(self.number - width, self.number + width + 1)}
        numbers = sorted(n for n in shown if 1 <= n <= self.total)
        result: list[int | None] = []
        for n in numbers:
            if result and n - (result[-1] or 0) > 1:
                result.append(None)
            result.append(n)
        return result


@dataclass(frozen=True)
class Neighbours:
    """What an article page links to: older and newer in its category, and "Các tin khác"."""

    older: Item | None
    newer: Item | None
    others: tuple[Item, ...]


@dataclass(frozen=True)
class Collections:
    categories: tuple[Category, ...]
    published: tuple[Item, ...]  # newest first
    by_category: dict[str, tuple[Item, ...]]
    by_year: dict[int, tuple[Item, ...]]  # years newest first
    tags: tuple[Tag, ...]  # by display name
    by_tag: dict[str, tuple[Item, ...]]  # by tag slug
    neighbours: dict[str, Neighbours] = field(repr=False)  # by item URL
    today: date = date(1970, 1, 1)  # the build day in Vietnam: decides which notices expired
    scheduled: tuple[Item, ...] = ()  # not drafts, dated after the build time: soonest first
    now: datetime = datetime(1970, 1, 1, tzinfo=TZ)  # the build time

    def status(self, item: Item) -> str:
        """ "draft", "scheduled" (dated after the build time) or "" for a published item;
        only a preview publishes the first two."""
        return "draft" if item.draft else "scheduled" if item.date > self.now else ""

    @functools.cached_property
    def notices(self) -> tuple[Item, ...]:
        """Published notices still in force, newest first."""
        return tuple(i for i in self.published if i.notice and not i.notice.expired(self.today))

    @functools.cached_property
    def expired_notices(self) -> tuple[Item, ...]:
        """Notices past valid_until: listed apart, never deleted."""
        return tuple(i for i in self.published if i.notice and i.notice.expired(self.today))

    def is_expired(self, item: Item) -> bool:
        return bool(item.notice and item.notice.expired(self.today))

    def latest(self, category: Category, count: int = HOME_COUNT) -> tuple[Item, ...]:
        return self.by_category[category.slug][:count]

    @functools.cached_property
    def lead(self) -> Item | None:
        """The home page's lead story: the newest of the latest news items that has a photo,
        else the newest news item (notices have their own block)."""
        news = [item for item in self.published if not item.notice][:LEAD_WINDOW]
        return next((item for item in news if item.image), news[0] if news else None)

    def latest_news(self, count: int = HOME_COUNT) -> tuple[Item, ...]:
        """The newest news items beside the lead story."""
        news = (i for i in self.published if not i.notice and i is not self.lead)
        return tuple(itertools.islice(news, count))

    @functools.cached_property
    def tag_by_slug(self) -> dict[str, Tag]:
        return {tag.slug: tag for tag in self.tags}

    def tags_of(self, item: Item) -> list[Tag]:
        """An item's tags as published: merged spellings, each with its page."""
        return [self.tag_by_slug[slugify(name)] for name in item.tags]


def is_published(item: Item, now: datetime, preview: bool = False) -> bool:
    """Drafts and items dated after the build time stay out, unless previewing."""
    return preview or (not item.draft and item.date <= now)


def newest(items: Iterable[Item]) -> datetime | None:
    """The latest change among `items` (None for none): a listing's or a feed's last change."""
    return max((item.modified for item in items), default=None)


def newest_first(items: Iterable[Item]) -> tuple[Item, ...]:
    # The slug breaks ties so that equal dates still give a deterministic order.
    return tuple(sorted(items, key=lambda i: (i.date, i.slug), reverse=True))


def paginate(items: Sequence[Item], page_size: int, base_url: str) -> list[Pagination]:
    """Split a newest-first list into pages; an empty list still has page 1."""
    total = max(1, math.ceil(len(items) / page_size))
    return [
        Pagination(n + 1, total, tuple(items[n * page_size : (n + 1) * page_size]), base_url)
        for n in range(total)
    ]


def neighbours_of(items: Sequence[Item]) -> dict[str, Neighbours]:
    """For a newest-first category list: the items just before and after each one.

    "Các tin khác" are the items published just before this one, so that publishing a new
    item never changes an older page.
    """
    result = {}
    for index, item in enumerate(items):
        result[item.url] = Neighbours(
            older=items[index + 1] if index + 1 < len(items) else None,
            newer=items[index - 1] if index > 0 else None,
            others=tuple(items[index + 1 : index + 1 + RELATED_COUNT]),
        )
    return result


def collect_tags(
    items: Sequence[Item],
) -> tuple[tuple[Tag, ...], dict[str, tuple[Item, ...]]]:
    """Tags keyed by slug, so "ANTT", " antt " and "Hoà"/"Hòa" become one tag and one page.

    The display name is the most used spelling (ties: the first in sorted order), and every
    item of every spelling is kept.
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    members: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for name in item.tags:
            slug = slugify(name)
            spellings[slug][name] += 1
            if not members[slug] or members[slug][-1] is not item:
                members[slug].append(item)
    tags = [
        Tag(min(counts, key=lambda name: (-counts[name], name)), slug)
        for slug, counts in spellings.items()
    ]
    tags.sort(key=lambda tag: (collation_key(tag.name), tag.slug))
    return tuple(tags), {slug: tuple(found) for slug, found in members.items()}


def collect(
    items: Iterable[Item],
    categories: Sequence[Category],
    now: datetime,
    preview: bool = False,
) -> Collections:
    items = tuple(items)
    published = newest_first(i for i in items if is_published(i, now, preview))
    by_category: dict[str, tuple[Item, ...]] = {
        c.slug: tuple(i for i in published if i.category.slug == c.slug) for c in categories
    }
    years = sorted({i.year for i in published}, reverse=True)
    by_year = {y: tuple(i for i in published if i.year == y) for y in years}
    neighbours: dict[str, Neighbours] = {}
    for category_items in by_category.values():
        neighbours.update(neighbours_of(category_items))
    tags, by_tag = collect_tags(published)
    return Collections(
        tuple(categories),
        published,
        by_category,
        by_year,
        tags,
        by_tag,
        neighbours,
        today=now.astimezone(TZ).date(),
        now=now,
        scheduled=tuple(
            sorted((i for i in items if not i.draft and i.date > now), key=lambda i: i.date)
        ),
    )
