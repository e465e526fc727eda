"""Outputs stage: RSS 2.0 and Atom 1.0 for the site, every category and every tag (feedgen).

Deterministic by construction: every date comes from content (the newest item, never the
clock), entries keep our order, and text is cleaned of characters XML 1.0 forbids.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .. import urls
from ..content.models import Attachment, Item, Tag
from ..dates import TZ
from ..images.video import PreparedVideos, Video
from ..site.channels import Channel
from ..site.collect import Collections, newest
from ..site.settings import Settings
from ..vi import UI
from .feedbody import clean_xml_text, feed_html

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
GENERATOR = "Portal (MkDocs + feedgen)"


@dataclass(frozen=True)
class SiteInfo:
    url: str  # absolute, ends with "/"
    name: str
    description: str
    author: str
    rights: str
    icon: str  # site-relative URL of a square PNG (Atom icon)
    logo: str  # site-relative URL of a 144x72 PNG (RSS image, Atom logo)


def site_info(settings: Settings) -> SiteInfo:
    return SiteInfo(
        url=settings.site_url,
        name=settings.site_name,
        description=settings.site_description,
        author=settings.site_author,
        rights=settings.copyright,
        icon=settings.feed_icon,
        logo=settings.feed_logo,
    )


def _feed(
    channel: Channel, site: SiteInfo, self_url: str, media_type: str, updated: datetime
) -> FeedGenerator:
    """A feed with its channel-level elements and no entries yet."""

    def absolute(url: str) -> str:
        return urls.absolute(site.url, url)

    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(absolute(channel.page_url))
    fg.title(clean_xml_text(channel.title))
    fg.description(clean_xml_text(channel.description))
    # feedgen takes RSS's <link> from the last link given: the page, not the feed.
    fg.link(href=absolute(self_url), rel="self", type=media_type)
    fg.link(href=absolute(channel.page_url), rel="alternate", type="text/html")
    fg.language("vi")
    fg.author({"name": clean_xml_text(site.author)})
    if site.rights:
        fg.rights(clean_xml_text(site.rights))
    fg.generator(GENERATOR)
    # One 2:1 image serves both: RSS allows at most 144 px wide, Atom wants 2:1 for its logo.
    fg.image(
        url=absolute(site.logo),
        title=clean_xml_text(channel.title),
        link=absolute(channel.page_url),
        width="144",
        height="72",
    )
    fg.icon(absolute(site.icon))
    fg.lastBuildDate(updated)
    fg.updated(updated)
    return fg


def _entry(
    fg: FeedGenerator,
    link: str,
    title: str,
    published: datetime,
    updated: datetime,
    author: str,
    identity: str = "",
) -> Any:
    """An entry appended in our order, whose ID is its first address (`identity`, by default
    its permalink): an item whose address changed keeps its ID, so readers do not show it
    twice."""
    entry = fg.add_entry(order="append")
    identity = identity or link
    entry.id(identity)
    entry.guid(identity, permalink=identity == link)
    entry.title(clean_xml_text(title))
    entry.link(href=link, rel="alternate", type="text/html")
    entry.published(published)
    entry.updated(updated)
    entry.author({"name": clean_xml_text(author)})
    entry.dc.dc_creator(clean_xml_text(author))
    return entry


def _add_item(
    fg: FeedGenerator,
    item: Item,
    site: SiteInfo,
    tags: Sequence[Tag],
    html_by_url: Mapping[str, str],
    videos: Sequence[Video],
    atom: bool,
    identity: str,
) -> None:
    link = urls.absolute(site.url, item.url)
    author = item.author or site.author
    entry = _entry(fg, link, item.title, item.date, item.modified, author, identity)
    # One call with every category: feedgen checks and copies the whole list on each call.
    labels = [item.category, *tags]
    entry.category(
        [
            {"term": clean_xml_text(label.name), "scheme": urls.absolute(site.url, label.url)}
            for label in labels
        ]
    )
    entry.description(clean_xml_text(item.summary), isSummary=True)
    html = html_by_url.get(item.url)
    if html:
        entry.content(feed_html(html, link), type="html")
    # Its videos as enclosures, for podcast-style readers: RSS allows one, Atom any number.
    for video in videos[: None if atom else 1]:
        _enclose(entry, urls.absolute(site.url, video.url), video.size, video.media_type, atom)


def _enclose(entry: Any, href: str, length: int, media_type: str, atom: bool) -> None:
    if atom:
        entry.atomlinks.add(rel="enclosure", href=href, length=str(length), type=media_type)
    else:
        entry.enclosure(href, str(length), media_type)


class _AtomLinksFeed(BaseExtension):
    """Feed half of the extension below; feedgen requires one."""


class _AtomLinksEntry(BaseEntryExtension):
    """Atom links with their rel, type and length.

    feedgen 1.0 drops the rel of every entry link in Atom (it reads the attributes back from
    the new element), so an enclosure would become a second "alternate" link, which RFC 4287
    forbids.
    """

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def add(self, **attributes: str) -> None:
        self.links.append(attributes)

    def extend_atom(self, entry: Any) -> Any:
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        return entry


def _add_document(
    fg: FeedGenerator, attachment: Attachment, site: SiteInfo, atom: bool, identity: str
) -> None:
    """A document entry: its page as the link, the file itself as the enclosure."""
    link = urls.absolute(site.url, attachment.url)
    author = attachment.issuer or site.author
    date = attachment.date
    entry = _entry(fg, link, attachment.title, date, date, author, identity)
    entry.category(term=clean_xml_text(attachment.kind))
    summary = " – ".join(
        part for part in (attachment.kind, attachment.number, attachment.description) if part
    )
    entry.description(clean_xml_text(summary), isSummary=True)
    href = urls.absolute(site.url, attachment.file_url)
    _enclose(entry, href, attachment.size, attachment.file_type.media_type, atom)


def _both(
    channel: Channel,
    site: SiteInfo,
    updated: datetime,
    fill: Callable[[FeedGenerator, bool], None],
) -> dict[str, bytes]:
    """RSS and Atom files of one channel, by site-relative path; `fill(fg, atom)` adds entries."""
    rss = _feed(channel, site, channel.rss_url, RSS_TYPE, updated)
    atom = _feed(channel, site, channel.atom_url, ATOM_TYPE, updated)
    atom.register_extension("atomlinks", _AtomLinksFeed, _AtomLinksEntry, atom=True, rss=False)
    fill(rss, False)
    fill(atom, True)
    return {channel.rss_url: rss.rss_str(pretty=True), channel.atom_url: atom.atom_str(pretty=True)}


def render_channel(
    channel: Channel,
    site: SiteInfo,
    collections: Collections,
    html_by_url: Mapping[str, str],
    videos: PreparedVideos,
    ids: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """The RSS and Atom files of one channel of items, each item's videos enclosed; `ids`:
    an item's address -> the first address it was published at (site/addresses.py)."""
    ids = ids or {}
    fallback = newest(collections.published) or datetime(2000, 1, 1, tzinfo=TZ)

    def fill(fg: FeedGenerator, atom: bool) -> None:
        for item in channel.items:
            shown = [video for _, video in videos.of(item)]
            tags = channel.tags_shown(item, collections)
            identity = urls.absolute(site.url, ids.get(item.url, item.url))
            _add_item(fg, item, site, tags, html_by_url, shown, atom, identity)

    return _both(channel, site, newest(channel.items) or fallback, fill)


def render_documents(
    attachments: Sequence[Attachment],
    site: SiteInfo,
    feed_size: int,
    ids: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    """/tai-lieu/rss.xml and atom.xml: the newest documents, each with its file enclosed."""
    ids = ids or {}
    latest = sorted(attachments, key=lambda a: (a.date, a.id), reverse=True)[:feed_size]
    channel = Channel(
        UI["feed_documents_title"].format(site=site.name),
        UI["feed_documents_description"].format(site=site.name),
        urls.attachments(),
        urls.attachments(),
        (),
    )
    updated = max((a.date for a in latest), default=datetime(2000, 1, 1, tzinfo=TZ))

    def fill(fg: FeedGenerator, atom: bool) -> None:
        for attachment in latest:
            identity = urls.absolute(site.url, ids.get(attachment.url, attachment.url))
            _add_document(fg, attachment, site, atom, identity)

    return _both(channel, site, updated, fill)
