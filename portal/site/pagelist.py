"""Site stage (plan): which pages the collections turn into, each of its typed kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from .. import urls
from ..content.models import Item
from ..text import slugify
from ..vi import UI
from .channels import Channel
from .collect import Collections, newest, paginate
from .documents import Documents
from .pages import (
    ArchiveIndexPage,
    ArchiveYearPage,
    ArticlePage,
    CategoryPage,
    Crumb,
    DocumentIndexPage,
    DocumentPage,
    FeedsPage,
    ListingPage,
    NoticePage,
    NoticesPage,
    Page,
    RegisterPage,
    SiteMapPage,
    TagIndexPage,
    TagPage,
    crumbs_of,
)


def article_pages(collections: Collections) -> list[Page]:
    """A page per published item: news articles and notices."""
    return [
        (NoticePage if item.notice else ArticlePage)(
            url=item.url,
            title=item.title,
            item=item,
            neighbours=collections.neighbours[item.url],
            source=item.source,
            modified=item.modified,
            crumbs=crumbs_of(item),
        )
        for item in collections.published
    ]


def listing_pages(
    page_type: Callable[..., ListingPage],
    title: str,
    base_url: str,
    items: tuple[Item, ...],
    page_size: int,
    **fields: Any,
) -> list[Page]:
    """A listing's pages: page 1 at `base_url`, then `<base_url>trang/<n>/`."""
    return [
        page_type(
            url=page.url,
            title=title
            if page.number == 1
            else f"{title} – {UI['page_of'].format(page=page.number, total=page.total)}",
            heading=title,
            listing=page,
            modified=newest(page.items),
            **fields,
        )
        for page in paginate(items, page_size, base_url)
    ]


def notice_pages(collections: Collections, kinds: tuple[str, ...], page_size: int) -> list[Page]:
    """/nguoi-dan-can-biet/: notices in force, one listing per kind, and the expired ones."""
    current = collections.notices
    filters = [(UI["all_kinds"], urls.notices(), len(current))]
    filters += [
        (kind, urls.notices(slugify(kind)), sum(1 for i in current if i.notice.kind == kind))
        for kind in kinds
    ]
    common = {"filters": tuple(filters), "expired_count": len(collections.expired_notices)}
    up = (Crumb(UI["citizens"], urls.notices()),)
    pages = listing_pages(NoticesPage, UI["citizens"], urls.notices(), current, page_size, **common)
    for kind in kinds:
        of_kind = tuple(i for i in current if i.notice.kind == kind)
        if of_kind:
            title = f"{UI['citizens']}: {kind}"
            base = urls.notices(slugify(kind))
            pages += listing_pages(
                NoticesPage, title, base, of_kind, page_size, kind=kind, crumbs=up, **common
            )
    pages += listing_pages(
        NoticesPage,
        UI["expired_title"],
        urls.notices_expired(),
        collections.expired_notices,
        page_size,
        expired=True,
        crumbs=up,
        **common,
    )
    return pages


def category_pages(collections: Collections, page_size: int) -> list[Page]:
    pages: list[Page] = []
    for category in collections.categories:
        items = collections.by_category[category.slug]
        pages += listing_pages(
            CategoryPage,
            category.name,
            category.url,
            items,
            page_size,
            category=category,
            feed_base=category.url,
        )
    return pages


def tag_pages(collections: Collections, page_size: int) -> list[Page]:
    counts = tuple((tag, len(collections.by_tag[tag.slug])) for tag in collections.tags)
    pages: list[Page] = [
        TagIndexPage(
            url=urls.tag_index(),
            title=UI["tags"],
            tags=counts,
            modified=newest(collections.published),
        )
    ]
    up = (Crumb(UI["tags"], urls.tag_index()),)
    for tag in collections.tags:
        pages += listing_pages(
            TagPage,
            UI["tag_title"].format(tag=tag.name),
            tag.url,
            collections.by_tag[tag.slug],
            page_size,
            tag=tag,
            feed_base=tag.url,
            crumbs=up,
        )
    return pages


def archive_pages(collections: Collections, page_size: int) -> list[Page]:
    years = tuple((year, len(items)) for year, items in collections.by_year.items())
    pages: list[Page] = [
        ArchiveIndexPage(
            url=urls.archive_index(),
            title=UI["archive"],
            years=years,
            modified=newest(collections.published),
        )
    ]
    up = (Crumb(UI["archive"], urls.archive_index()),)
    for year, items in collections.by_year.items():
        pages += listing_pages(
            ArchiveYearPage,
            UI["archive_year"].format(year=year),
            urls.archive_year(year),
            items,
            page_size,
            year=year,
            crumbs=up,
        )
    return pages


def site_map_page(collections: Collections, kinds: tuple[str, ...]) -> Page:
    sections = (
        (UI["home"], ""),
        (UI["citizens"], urls.notices()),
        *((category.name, category.url) for category in collections.categories),
        (UI["register"], urls.register()),
        (UI["attachments"], urls.attachments()),
        (UI["tags"], urls.tag_index()),
        (UI["archive"], urls.archive_index()),
        (UI["expired_title"], urls.notices_expired()),
        (UI["feeds"], urls.feeds_page()),
    )  # the search page is a static page: listed with them
    present = {item.notice.kind for item in collections.notices}
    return SiteMapPage(
        url=urls.site_map(),
        title=UI["site_map"],
        sections=sections,
        kinds=tuple((kind, urls.notices(slugify(kind))) for kind in kinds if kind in present),
        # Its kinds follow the notices; never older than what it could list.
        modified=newest(collections.published),
    )


def feeds_page(channels: Iterable[Channel]) -> Page:
    channels = tuple(channels)
    return FeedsPage(
        url=urls.feeds_page(),
        title=UI["feeds"],
        channels=channels,
        modified=newest(item for channel in channels for item in channel.items),
    )


def document_pages(documents: Documents) -> list[Page]:
    """A page per attachment, the attachments index and the register of numbered documents."""
    up = (Crumb(UI["attachments"], urls.attachments()),)
    pages: list[Page] = [
        DocumentPage(
            url=a.url,
            title=a.title,
            attachment=a,
            table=documents.tables.get(a.id),
            referenced_by=documents.referenced_by[a.id],
            replaced_by=tuple(b for b in documents.attachments if b.replaces == a.id),
            source=a.meta_source,
            modified=a.date,
            crumbs=up,
        )
        for a in documents.attachments
    ]
    latest: datetime | None = max((a.date for a in documents.attachments), default=None)
    pages.append(
        DocumentIndexPage(
            url=urls.attachments(),
            title=UI["attachments"],
            attachments=documents.attachments,
            modified=latest,
        )
    )
    pages.append(
        RegisterPage(
            url=urls.register(),
            title=UI["register"],
            entries=documents.register,
            modified=latest,
        )
    )
    return pages


def all_pages(
    collections: Collections,
    documents: Documents,
    channels: Iterable[Channel],
    kinds: tuple[str, ...],
    page_size: int,
) -> list[Page]:
    return (
        article_pages(collections)
        + notice_pages(collections, kinds, page_size)
        + document_pages(documents)
        + category_pages(collections, page_size)
        + tag_pages(collections, page_size)
        + archive_pages(collections, page_size)
        + [feeds_page(channels), site_map_page(collections, kinds)]
    )


def menu(collections: Collections) -> list[tuple[str, str | list[tuple[str, str]]]]:
    """What the site's menu adds to the static pages: the categories and the archive."""
    return [
        (UI["categories"], [(category.name, category.url) for category in collections.categories]),
        (UI["archive"], urls.archive_index()),
    ]
