"""Build stage (session): one render of the plan, whatever engine draws the pages.

It decides which pages come from the page cache and which are rendered, stores what is
rendered (compressed and linked into the site as it goes, for `portal build`; listed, for the
preview), keeps the bodies the feeds carry, and saves the cache and the content memo. The
engine's adapter (mkdocs/plugin.py) asks it at each step and does nothing else of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import urls
from ..content.memo import ContentMemo
from ..repository import Plan
from ..search.index import indexed_part
from ..search.spool import Location, Spool
from ..site.channels import fed_urls
from ..site.pagelist import menu
from ..site.pages import ArticlePage
from ..site.pages import Page as PlannedPage
from ..site.views import Views
from . import memofile
from .mode import RenderMode
from .pagecache import PageCache, publish
from .pagekeys import PageKeys
from .precompress import Warmer


@dataclass
class Stored:
    """What one process of a render stored: the cache entries it wrote with their sums, the
    digests of their indexed parts, the page keys it computed, and where it kept the parts
    Pagefind is handed (search/spool.py)."""

    written: dict[str, str] = field(default_factory=dict)
    indexed: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    parts: dict[str, Location] = field(default_factory=dict)


class RenderSession:
    def __init__(self, plan: Plan, mode: RenderMode, memo: ContentMemo | None = None) -> None:
        settings = plan.settings
        self.plan, self.mode, self.memo = plan, mode, memo
        self.pages = {page.src_uri: page for page in plan.pages}
        self.cache = PageCache(settings.root / settings.page_cache)
        self.views = Views(plan.site)  # what templates are told: the keys digest the same
        self.keys = PageKeys(plan.site, plan.pages, self.views)
        self.fed = fed_urls(plan.site.channels)  # articles whose body a feed carries
        self.bodies: dict[str, str] = {}  # their bodies, for the reused ones
        # Listed pages are published from the cache (reused, or rendered and stored): output
        # path -> cache file, for the assembly of the site or for the preview to answer from.
        self.cached: dict[str, Path] = {}
        # The preview makes generated files (feeds, sitemaps, colours) when a reader asks for
        # one, not at every edit: output path -> its maker. None: written by the engine.
        self.made_when_asked: dict[str, Callable[[], bytes]] | None = (
            {} if mode.from_cache else None
        )
        gzip = settings.root / settings.gzip_cache
        self.warmer = Warmer(gzip) if mode.compressed else None
        # What the search stage hands Pagefind of each page rendered here, kept aside.
        search = settings.root / settings.search_cache
        self.spool = Spool(search) if mode.compressed else None
        # Pages in the menu are rendered every time: the engine's nav links to them.
        self.in_nav = {
            url for _, target in menu(plan.collections)
            for url in ([target] if isinstance(target, str) else [u for _, u in target])
        }  # fmt: skip

    def planned(self, src_uri: str) -> PlannedPage | None:
        return self.pages.get(src_uri)

    def view(self, page: PlannedPage) -> PlannedPage:
        """What the template of `page` is told (site/views.py), and its key is made of."""
        return self.views.page(page)

    def reuse(self, page: PlannedPage) -> Path | None:
        """The cached HTML of a page whose key has not changed (with its body, for an article
        a feed carries), or None to render it; from an empty cache, none and no key computed.
        A listed page is recorded in `cached`."""
        if page.url in self.in_nav or not self.cache.sums:
            return None
        key = self.keys[page.url]
        if isinstance(page, ArticlePage) and page.url in self.fed:
            body = self.cache.read(key, "body")
            if body is None:
                return None
            self.bodies[page.url] = body.decode("utf-8")
        found = self.cache.present(key) if self.mode.from_cache else self.cache.verified(key)
        if found is not None and self.mode.listed:
            self.cached[page.output] = found
        return found

    def deferred(self, page: PlannedPage | None) -> bool:
        """An article no feed carries is converted when it is drawn, not with all the others
        before the first is drawn: MkDocs would hold every converted body at once (300 MB at
        50,000 items)."""
        return isinstance(page, ArticlePage) and page.url not in self.fed

    def movable(self, pages: Iterable[PlannedPage]) -> list[str]:
        """The pages another process may render (split.py): not in the menu, no body a feed
        carries (the feeds are made in this process)."""
        return [
            page.src_uri
            for page in pages
            if page.url not in self.in_nav
            and not (isinstance(page, ArticlePage) and page.url in self.fed)
        ]

    def body(self, url: str, converted: Callable[[str], str]) -> str:
        """An article's body for the feeds: as cached, or as the engine converted it."""
        return self.bodies[url] if url in self.bodies else converted(url)

    def store(self, page: PlannedPage, html: str, body: str, site_dir: str) -> str:
        """A rendered page stored by its key (with its body when a feed carries it); returns
        what the engine writes itself: nothing when the page is listed or linked here."""
        key = self.keys[page.url]
        data = html.encode("utf-8", errors="xmlcharrefreplace")  # the bytes the engine writes
        entry = self.cache.put(key, data)
        if (part := indexed_part(html)) is not None:
            encoded = part.encode("utf-8")
            self.cache.note_indexed(key, encoded)
            if self.spool is not None:
                self.spool.add(page.output, encoded)
        if page.url in self.fed:  # the next build's feeds take it from the cache
            self.cache.put(key, body.encode("utf-8"), "body")
            if self.made_when_asked is not None:  # the preview's: made after the render
                self.bodies[page.url] = body
        if self.warmer is not None:  # `portal build`: linked with its `.gz` as it is rendered
            target = Path(site_dir, page.output)
            publish(entry, target)
            packed = self.warmer.warm(data, entry, self.cache.sums[entry.name])
            if packed is not None:
                publish(packed, target.with_name(target.name + ".gz"))
            return ""
        if self.mode.listed:  # the preview answers it from the cache, like a reused page
            self.cached[page.output] = entry
            return ""  # MkDocs writes no empty output
        return html

    def save_memo(self) -> None:
        """The content memo for the next process (the preview keeps its own in memory)."""
        if self.memo is not None and not self.mode.preview:
            settings = self.plan.settings
            memofile.save(self.memo, settings.root / settings.content_cache)

    def stored(self) -> Stored:
        """What this process stored, for the other (split.py's child reports it)."""
        cache = self.cache
        return Stored(cache.written, cache.indexed, self.keys.known, self.kept())

    def adopt(self, stored: Stored) -> None:
        """What another process of this render stored (split.py's child)."""
        self.cache.adopt(stored.written, stored.indexed)
        self.keys.known.update(stored.keys)
        if self.spool is not None:
            self.spool.found.update(stored.parts)

    def flush(self) -> None:
        """What this process compressed, noted for `precompress`, and the parts it kept, on
        disk (each process its own)."""
        if self.warmer is not None:
            self.warmer.write_notes()
        if self.spool is not None:
            self.spool.close()

    def discard(self) -> None:
        """A render that failed: what it stored is rendered (and its problems found) again
        next time, and what it kept for Pagefind goes."""
        self.cache.discard()
        if self.spool is not None:
            self.spool.discard()

    def kept(self) -> dict[str, Location]:
        """Where the parts of the pages this render drew are (both processes')."""
        return dict(self.spool.found) if self.spool is not None else {}

    def finish(self) -> None:
        """The render is whole: the cache saved, and pruned of what no build uses."""
        used = set(self.keys.values())
        self.cache.prune(used, time.time())
        self.cache.save(used)

    def search_keys(self) -> dict[str, str]:
        """Output path -> what decides the page's search entry: the digest of its indexed
        part (search/index.py), or its cache key where that is not known."""
        indexed = self.cache.indexed
        return {urls.output_path(url): indexed.get(key, key) for url, key in self.keys.items()}
