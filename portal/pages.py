"""Pages: decide which pages the collections turn into, with their template and data.

Engine-neutral: each page is a URL, a template name, a title, Markdown (for articles) and
the context the template needs. The MkDocs adapter hands them to MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from . import urls
from .collect import Collections, ListingPage, paginate
from .documents import Documents
from .feeds import Channel
from .models import Item
from .text import slugify
from .vi import UI


@dataclass(frozen=True)
class PageSpec:
    url: str
    template: str
    title: str
    markdown: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # the content file behind the page, for messages
    modified: datetime | None = None  # when what the page shows last changed (sitemap lastmod)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


def article_pages(collections: Collections) -> list[PageSpec]:
    """A page per published item: news articles and notices."""
    return [
        PageSpec(
            url=item.url,
            template="notice.html" if item.notice else "article.html",
            title=item.title,
            markdown=item.body,
            context={"item": item, "neighbours": collections.neighbours[item.url]},
            source=item.source,
            modified=item.modified,
        )
        for item in collections.published
    ]


def notice_pages(
    collections: Collections, kinds: tuple[str, ...], page_size: int
) -> list[PageSpec]:
    """/nguoi-dan-can-biet/: notices in force, one listing per kind, and the expired ones."""
    current = collections.notices
    filters = [(UI["all_kinds"], urls.notices(), len(current))]
    filters += [
        (kind, urls.notices(slugify(kind)), sum(1 for i in current if i.notice.kind == kind))
        for kind in kinds
    ]
    common = {"filters": filters, "expired_count": len(collections.expired_notices)}
    specs = listing_pages(UI["citizens"], urls.notices(), current, page_size, **common)
    for kind in kinds:
        of_kind = tuple(i for i in current if i.notice.kind == kind)
        if of_kind:
            specs += listing_pages(
                f"{UI['citizens']}: {kind}",
                urls.notices(slugify(kind)),
                of_kind,
                page_size,
                kind=kind,
                **common,
            )
    specs += listing_pages(
        UI["expired_title"],
        urls.notices_expired(),
        collections.expired_notices,
        page_size,
        expired=True,
        **common,
    )
    return specs


def newest(items: Iterable[Item]) -> datetime | None:
    return max((item.modified for item in items), default=None)


def listing_pages(
    title: str, base_url: str, items: tuple, page_size: int, **context: Any
) -> list[PageSpec]:
    pages: list[ListingPage] = paginate(items, page_size, base_url)
    return [
        PageSpec(
            url=page.url,
            template="listing.html",
            title=title
            if page.number == 1
            else f"{title} – {UI['page_of'].format(page=page.number, total=page.total)}",
            context={"listing": page, "heading": title, **context},
            modified=newest(page.items),
        )
        for page in pages
    ]


def category_pages(collections: Collections, page_size: int) -> list[PageSpec]:
    specs: list[PageSpec] = []
    for category in collections.categories:
        specs += listing_pages(
            category.name,
            category.url,
            collections.by_category[category.slug],
            page_size,
            category=category,
            feed_base=category.url,
        )
    return specs


def tag_pages(collections: Collections, page_size: int) -> list[PageSpec]:
    specs = [
        PageSpec(
            url=urls.tag_index(),
            template="tag-index.html",
            title=UI["tags"],
            context={
                "tags": [(tag, len(collections.by_tag[tag.slug])) for tag in collections.tags]
            },
            modified=newest(collections.published),
        )
    ]
    for tag in collections.tags:
        specs += listing_pages(
            UI["tag_title"].format(tag=tag.name),
            tag.url,
            collections.by_tag[tag.slug],
            page_size,
            tag=tag,
            feed_base=tag.url,
        )
    return specs


def feeds_page(channels: list[Channel]) -> PageSpec:
    return PageSpec(
        url=urls.feeds_page(),
        template="feeds.html",
        title=UI["feeds"],
        context={"channels": channels},
        modified=newest(item for channel in channels for item in channel.items),
    )


def archive_pages(collections: Collections, page_size: int) -> list[PageSpec]:
    specs = [
        PageSpec(
            url=urls.archive_index(),
            template="archive-index.html",
            title=UI["archive"],
            context={"years": [(y, len(items)) for y, items in collections.by_year.items()]},
            modified=newest(collections.published),
        )
    ]
    for year, items in collections.by_year.items():
        specs += listing_pages(
            UI["archive_year"].format(year=year),
            urls.archive_year(year),
            items,
            page_size,
            year=year,
        )
    return specs


def document_pages(documents: Documents) -> list[PageSpec]:
    """A page per attachment, the attachments index and the register of numbered documents."""
    specs = [
        PageSpec(
            url=a.url,
            template="attachment.html",
            title=a.title,
            context={
                "attachment": a,
                "table": documents.tables.get(a.id),
                "referenced_by": documents.referenced_by[a.id],
                "replaced_by": [b for b in documents.attachments if b.replaces == a.id],
            },
            source=a.meta_source,
            modified=a.date,
        )
        for a in documents.attachments
    ]
    latest = max((a.date for a in documents.attachments), default=None)
    specs.append(
        PageSpec(
            urls.attachments(),
            "attachments.html",
            UI["attachments"],
            context={"attachments": documents.attachments},
            modified=latest,
        )
    )
    specs.append(
        PageSpec(
            urls.register(),
            "register.html",
            UI["register"],
            context={"entries": documents.register},
            modified=latest,
        )
    )
    return specs


def all_pages(
    collections: Collections,
    documents: Documents,
    channels: list[Channel],
    kinds: tuple[str, ...],
    page_size: int,
) -> list[PageSpec]:
    return (
        article_pages(collections)
        + notice_pages(collections, kinds, page_size)
        + document_pages(documents)
        + category_pages(collections, page_size)
        + tag_pages(collections, page_size)
        + archive_pages(collections, page_size)
        + [feeds_page(channels)]
    )
