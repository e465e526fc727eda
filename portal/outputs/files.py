"""Outputs stage: every file of the site by its path, each with the source it comes from.

One registry for pages, static files and generated files alike: a second claim on a path is
a content error naming both sources, never a silent overwrite. Generated files are produced
lazily, when the engine writes them: item feeds need the articles' rendered HTML.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from .. import urls
from ..content.models import Item
from ..content.tables import Table
from ..errors import ContentError, ContentErrors
from ..site import addresses, colors
from ..site.history import last_commits
from ..site.plan import SitePlan
from ..site.static import StaticFile
from . import feeds, redirects, sitemap
from .pictures import feed_lead
from .xlsx import to_xlsx

Rendered = Callable[[str], str]  # item URL -> its article body as rendered HTML
COLORS = "assets/portal-colors.css"  # the theme's colours, from mkdocs.yml (site/colors.py)


@dataclass(frozen=True)
class Output:
    """One file of the site: copied from `file`, or made by `produce`."""

    source: str  # what it comes from, for messages
    file: Path | None = None
    produce: Callable[[Rendered], bytes] | None = None


class Outputs:
    """Path -> Output, refusing a second claim on a path."""

    def __init__(self) -> None:
        self.files: dict[str, Output] = {}
        self.claims: dict[str, str] = {}  # every claimed path (pages too) -> its source
        self.errors: list[ContentError] = []

    def claim(self, path: str, source: str) -> bool:
        other = self.claims.setdefault(path, source)
        if other != source:
            self.errors.append(
                ContentError(
                    source,
                    1,
                    "url",
                    f"/{path} trùng đường dẫn với {other}",
                    "đổi tên một trong hai tệp, hoặc đặt cho bài một dòng url: … riêng",
                )
            )
            return False
        return True

    def add(self, path: str, output: Output) -> None:
        if self.claim(path, output.source):
            self.files[path] = output


def site_outputs(plan: SitePlan, static: Iterable[StaticFile]) -> Outputs:
    """Every path the site will hold, claimed in order: static files, pages, then generated
    files; raises ContentErrors naming both sources of every path claimed twice."""
    outputs = Outputs()
    static = tuple(static)
    for file in static:
        outputs.claim(file.output, file.source)
    for page in plan.pages:
        outputs.claim(page.output, page.source or f"the page /{page.url}")
    photos = plan.photos
    for path, cached in sorted(photos.files.items()):
        outputs.add(path, Output("photos", file=cached))
    for path, file in sorted(plan.videos.files.items()):
        outputs.add(path, Output("videos", file=file))
    for item in plan.collections.published:
        # No cards when photos were only inspected (`portal check`).
        if item.image and item.image.source in photos.cards:
            path, cached = photos.cards[item.image.source]
            outputs.add(path, Output(item.source, file=cached))
    documents = plan.documents
    for attachment in documents.attachments:
        source = attachment.meta_source
        outputs.add(attachment.file_url, Output(source, file=documents.files[attachment.id]))
        table = documents.tables.get(attachment.id)
        if table is not None:
            xlsx = functools.partial(_xlsx, table, attachment.title, attachment.date)
            outputs.add(attachment.xlsx_url, Output(source, produce=xlsx))
    _add_feeds(outputs, plan)
    settings = plan.settings
    pages = functools.cache(lambda: _sitemap_pages(plan, static))
    videos = _sitemap_videos(plan)
    parts = functools.cache(lambda: sitemap.sitemaps(settings.site_url, pages(), videos))
    for path in sitemap.paths(len(plan.pages) + len(static)):
        outputs.add(path, Output("sitemap", produce=lambda _, path=path: parts()[path]))
    # Material's script fetches sitemap.xml beside every <link rel="alternate">, the feeds of a
    # category or tag included: there it finds the index, not a 404 on every such page.
    index = lambda _: parts()[urls.SITEMAP]  # noqa: E731
    for channel in plan.channels:
        folder = posixpath.dirname(channel.rss_url)
        if folder:
            outputs.add(f"{folder}/{urls.SITEMAP}", Output("sitemap", produce=index))
    robots = sitemap.robots(settings.site_url)
    outputs.add(urls.ROBOTS, Output("robots.txt", produce=lambda _: robots))
    countable = countable_paths(settings.site_url, plan, static)
    outputs.add(urls.COUNTABLE, Output("counter", produce=lambda _: countable))
    palette = colors.stylesheet(*colors.chosen(dict(settings.colors)))
    outputs.add(COLORS, Output("colors", produce=lambda _: palette))
    _add_old_addresses(outputs, plan)
    if outputs.errors:
        raise ContentErrors(outputs.errors)
    return outputs


def countable_paths(site_url: str, plan: SitePlan, static: Iterable[StaticFile]) -> bytes:
    """Every page's path as a browser reports it (the site's own path in front), one a line:
    what the counting service may count; then each old address of a page with the page it
    moved to ("old new"), so that its views count for that page."""
    prefix = urlsplit(site_url).path.rstrip("/")
    pages = [page.url for page in plan.pages] + [f.url for f in static if f.url is not None]
    lines = [f"{prefix}/{url}\n" for url in sorted(set(pages))]
    moved = plan.addresses.moved
    lines += [
        f"{prefix}/{old} {prefix}/{moved[old]}\n"
        for old in sorted(plan.addresses.pages & moved.keys())
    ]
    return "".join(lines).encode()


def _add_old_addresses(outputs: Outputs, plan: SitePlan) -> None:
    """A small page at each old address of a page nothing else now holds: for hosts that
    cannot redirect or answer 410 (nginx answers from its maps first)."""
    found, name, site_url = plan.addresses, plan.settings.site_name, plan.settings.site_url
    for old in sorted(found.pages):
        path = urls.output_path(old)
        if path in outputs.claims:
            continue
        if old in found.moved:
            page = redirects.moved_page(name, site_url, old, found.moved[old])
        else:
            page = redirects.gone_page(name, old)
        outputs.add(path, Output("addresses", produce=lambda _, page=page: page))


def site_state(plan: SitePlan) -> dict[str, bytes]:
    """The files under `.portal/` that the web server and the next build read, by path: the
    record of addresses and nginx's two maps (never served: nginx refuses dotted paths)."""
    prefix = urlsplit(plan.settings.site_url).path.rstrip("/")
    return {
        urls.RECORD: addresses.render(plan.addresses.record),
        redirects.MOVED_MAP: redirects.moved_map(plan.addresses.moved, prefix),
        redirects.GONE_MAP: redirects.gone_map(plan.addresses.gone, prefix),
    }


def _xlsx(table: Table, title: str, date: datetime, _rendered: Rendered) -> bytes:
    return to_xlsx(table, title, date)


def _add_feeds(outputs: Outputs, plan: SitePlan) -> None:
    """RSS and Atom of every channel and of the documents; each pair made once, lazily."""
    site = feeds.site_info(plan.settings)
    collections = plan.collections

    def bodies(items: Iterable[Item], rendered: Rendered) -> dict[str, str]:
        return {item.url: feed_lead(plan.photos, item) + rendered(item.url) for item in items}

    for channel in plan.channels:
        pair = _pair(
            lambda rendered, channel=channel: feeds.render_channel(
                channel,
                site,
                collections,
                bodies(channel.items, rendered),
                plan.videos,
                plan.addresses.ids,
            )
        )
        for path in (channel.rss_url, channel.atom_url):
            source = f"the feed of /{channel.page_url}"
            outputs.add(path, Output(source, produce=functools.partial(pair, path=path)))
    attachments = plan.documents.attachments
    docs = _pair(
        lambda _: feeds.render_documents(
            attachments, site, plan.settings.feed_size, plan.addresses.ids
        )
    )
    for path in (urls.rss(urls.attachments()), urls.atom(urls.attachments())):
        source = "the documents feed"
        outputs.add(path, Output(source, produce=functools.partial(docs, path=path)))


def _pair(make: Callable[[Rendered], dict[str, bytes]]) -> Callable[..., bytes]:
    """The RSS and Atom files of a feed, made together once and each handed over once: the
    plan outlives the build, and must not keep the feeds nor what `rendered` reaches (every
    page the build converted)."""
    made: dict[str, bytes] = {}

    def take(rendered: Rendered, path: str) -> bytes:
        if path not in made:
            made.update(make(rendered))
        return made.pop(path)

    return take


def _sitemap_pages(
    plan: SitePlan, static: tuple[StaticFile, ...]
) -> list[tuple[str, datetime | None]]:
    """Every published page with its last change: generated pages know theirs; static pages
    take their last commit, and the home page also its newest item."""
    settings = plan.settings
    changed = last_commits(settings.root, settings.docs_dir)
    newest = max((i.modified for i in plan.collections.published), default=None)
    entries: list[tuple[str, datetime | None]] = [(page.url, page.modified) for page in plan.pages]
    for file in static:
        if file.url is None:
            continue
        modified = changed.get(file.source)
        if file.url == "" and newest:
            modified = max(modified, newest) if modified else newest
        entries.append((file.url, modified))
    return entries


def _sitemap_videos(plan: SitePlan) -> dict[str, list[sitemap.SitemapVideo]]:
    """The videos of each item page, for the sitemap."""
    return {
        item.url: [
            sitemap.SitemapVideo(
                video.url, video.poster, ref.caption or item.title, ref.description, video.seconds
            )
            for ref, video in plan.videos.of(item)
        ]
        for item in plan.collections.published
        if item.videos
    }
