"""Site stage (plan): the typed page kinds. Each knows its URL, template, title, breadcrumb
and what it shows; templates, share cards and the sitemap read the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, NamedTuple

from .. import urls
from ..content.models import Attachment, Category, Item, Tag
from ..content.tables import Table
from ..vi import UI
from .channels import Channel
from .collect import Neighbours, Pagination
from .register import RegisterEntry


class Crumb(NamedTuple):
    """One step of a breadcrumb after the home page: what it is called and where it is."""

    name: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Page:
    url: str
    title: str
    source: str = ""  # the content file behind the page, for messages
    modified: datetime | None = None  # when what the page shows last changed (sitemap lastmod)
    crumbs: tuple[Crumb, ...] = ()
    template: ClassVar[str] = ""

    @property
    def markdown(self) -> str:
        """Markdown to convert into the page's content; most pages are all template."""
        return ""

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def output(self) -> str:
        return urls.output_path(self.url)


@dataclass(frozen=True, kw_only=True)
class ArticlePage(Page):
    item: Item
    neighbours: Neighbours
    template: ClassVar[str] = "article.html"

    @property
    def markdown(self) -> str:
        return self.item.body


@dataclass(frozen=True, kw_only=True)
class NoticePage(ArticlePage):
    template: ClassVar[str] = "notice.html"


@dataclass(frozen=True, kw_only=True)
class ListingPage(Page):
    """One page of a paginated list of items."""

    heading: str
    listing: Pagination
    feed_base: str | None = None  # the folder of the list's feeds, if it has them
    template: ClassVar[str] = "listing.html"


@dataclass(frozen=True, kw_only=True)
class CategoryPage(ListingPage):
    category: Category


@dataclass(frozen=True, kw_only=True)
class TagPage(ListingPage):
    tag: Tag


@dataclass(frozen=True, kw_only=True)
class ArchiveYearPage(ListingPage):
    year: int


@dataclass(frozen=True, kw_only=True)
class NoticesPage(ListingPage):
    """The notices in force (all, or one kind), or the expired ones."""

    filters: tuple[tuple[str, str, int], ...]  # (label, url, count) of each kind
    expired_count: int
    kind: str = ""
    expired: bool = False


@dataclass(frozen=True, kw_only=True)
class TagIndexPage(Page):
    tags: tuple[tuple[Tag, int], ...]
    template: ClassVar[str] = "tag-index.html"


@dataclass(frozen=True, kw_only=True)
class ArchiveIndexPage(Page):
    years: tuple[tuple[int, int], ...]
    template: ClassVar[str] = "archive-index.html"


@dataclass(frozen=True, kw_only=True)
class SiteMapPage(Page):
    """Sơ đồ site: every section, category and kind (static pages come from the menu)."""

    sections: tuple[tuple[str, str], ...]  # (name, url)
    kinds: tuple[tuple[str, str], ...]
    template: ClassVar[str] = "site-map.html"


@dataclass(frozen=True, kw_only=True)
class FeedsPage(Page):
    channels: tuple[Channel, ...]
    template: ClassVar[str] = "feeds.html"


@dataclass(frozen=True, kw_only=True)
class DocumentPage(Page):
    attachment: Attachment
    table: Table | None
    referenced_by: tuple[Item, ...]
    replaced_by: tuple[Attachment, ...]
    template: ClassVar[str] = "attachment.html"


@dataclass(frozen=True, kw_only=True)
class DocumentIndexPage(Page):
    attachments: tuple[Attachment, ...]
    template: ClassVar[str] = "attachments.html"


@dataclass(frozen=True, kw_only=True)
class RegisterPage(Page):
    entries: tuple[RegisterEntry, ...]
    template: ClassVar[str] = "register.html"


def crumbs_of(item: Item) -> tuple[Crumb, ...]:
    """An item's place in the site: its category, or the citizens' notices."""
    if item.notice:
        return (Crumb(UI["citizens"], urls.notices()),)
    return (Crumb(item.category.name, item.category.url),)
