"""MkDocs adapter: what the Jinja templates get (filters and globals), and the pages that are
all template."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

from jinja2 import BytecodeCache, Environment, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .. import urls, vi
from ..build.checked import store
from ..content.models import ImageRef
from ..outputs.links import describe
from ..outputs.pictures import cover, lead_photo, thumbnail
from ..repository import Plan
from ..search import plan as searchplan
from ..site.facts import tel
from ..site.pages import Page as PlannedPage
from ..site.views import Views
from ..text import d_folded_words, slugify, vietnamese_sorted
from . import theme
from .relative import relative_url, url_filter


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once: `portal serve` rebuilds with a new Environment each time, and
    every `portal build` is a new process; compiling Material's templates and ours costs a
    third of a second. Kept for the render in memory, and between renders in the page cache's
    `templates/` folder, each entry headed by the SHA-256 of its code (a damaged one is
    compiled again). Buckets are keyed by
    the template's file and the checksum of its source, so an edited template compiles again,
    and Jinja marks the bytecode with its own and Python's version."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self.folder: Path | None = None

    def _entry(self, name: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{hashlib.sha256(name.encode()).hexdigest()}.bc"

    def load_bytecode(self, bucket: Bucket) -> None:
        name = f"{bucket.key}:{bucket.checksum}"
        code = self.compiled.get(name)
        entry = self._entry(name)
        if code is None and entry is not None:
            code = _unpack(entry)
            if code is not None:
                self.compiled[name] = code
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        name = f"{bucket.key}:{bucket.checksum}"
        self.compiled[name] = code = bucket.bytecode_to_string()
        entry = self._entry(name)
        if entry is not None:
            entry.parent.mkdir(parents=True, exist_ok=True)
            store(entry, hashlib.sha256(code).hexdigest().encode() + b"\n" + code)


def _unpack(entry: Path) -> bytes | None:
    """The code of a stored entry when it matches the SHA-256 that heads it."""
    try:
        digest, _, code = entry.read_bytes().partition(b"\n")
    except OSError:
        return None
    return code if hashlib.sha256(code).hexdigest().encode() == digest else None


def set_up(env: Environment, config: MkDocsConfig, plan: Plan, views: Views) -> Environment:
    """The environment of one render: its filters and globals, and templates compiled once
    (kept in the page cache between processes). Templates read items only through `views`."""
    compiled = _CompiledTemplates()
    compiled.folder = plan.settings.root / plan.settings.page_cache / "templates"
    env.bytecode_cache = compiled
    # The templates cannot change during one render (each build has its own environment):
    # no file checked for a newer template, and a plain dict for the loaded ones, at each of
    # the twenty-odd includes of every page (Jinja's default LRU takes a lock per lookup).
    env.auto_reload = False
    env.cache = {}
    # Our templates (the portal's, the site's) escape by default; Material's expect raw HTML.
    env.autoescape = theme.our_templates(config.theme.custom_dir).__contains__
    theme.add_prefix(env)
    env.filters.update(
        url=url_filter,  # MkDocs' own, with each URL's parts remembered (relative.py)
        vi_date=vi.format_date,
        vi_short_date=vi.format_short_date,
        vi_schedule=vi.format_schedule,
        vi_number=vi.format_number,
        vi_place_date=vi.format_place_date,
        vi_size=vi.format_size,
        describe=describe,
        slugify=slugify,
        d_folded_words=d_folded_words,
        vi_sort=vietnamese_sorted,  # Jinja's sort puts Đ after Z
    )
    collections = plan.collections
    settings = plan.settings
    photos = plan.site.photos

    @pass_context
    def portal_photo(context: Context, ref: ImageRef, kind: str = "lead") -> Markup:
        """An item's photo in a template: "lead" on its page, "thumb" on listings, "cover" for
        the home page's lead story."""
        shown = {"lead": lead_photo, "thumb": thumbnail, "cover": cover}[kind]
        return shown(photos, ref, context["page"].url)

    languages = [
        env.get_template(f"partials/languages/{name}.html").module
        for name in (config.theme["language"], "en")
    ]

    @functools.cache
    def portal_translate(key: str) -> str:
        """Material's `lang.t`: the theme language's string, else English's, else the key."""
        return next((text for module in languages if (text := str(module.t(key)))), key)

    env.globals.update(
        portal_titled=titled,
        documents=plan.documents,
        portal_translate=portal_translate,
        portal_photo=portal_photo,
        ui=vi.UI,
        counter_endpoint=settings.counter_endpoint.rstrip("/"),
        portal_facts=settings.facts,
        tel=tel,
        urls=urls,
        portal=views.home(),  # the home page's and the menu's lists, items as views
        portal_cache={},
        site_feed=plan.site.channels[0],
        # What the search page loads of the index, and its filters (`search/plan.py`).
        search_tiers=searchplan.tiers(searchplan.shards(plan.pages, ())),
        search_facets=searchplan.facets(plan.pages),
        citizens_category=next(
            (c for c in collections.categories if c.slug == settings.citizens_category), None
        ),
    )
    return env


def titled(page: Page, title: str) -> SimpleNamespace:
    """`page` as Material's header sees it (its URL, for links), with `title` for its title:
    main.html renders the header once with a stand-in title."""
    return SimpleNamespace(url=page.url, meta={"title": title}, title=title)


class TemplatePage(Page):
    """A generated page that is all template (listings, indexes): no Markdown to convert.

    MkDocs builds a new Markdown instance for every page; thousands of listing pages would
    pay for it to convert an empty string.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def register_pages(pages: Iterable[PlannedPage], files: Files, config: MkDocsConfig) -> None:
    """Each planned page with no Markdown becomes a `TemplatePage` of its file."""
    by_uri = files.src_uris  # planned src_uris are POSIX already: no PurePath per page
    for page in pages:
        file = by_uri.get(page.src_uri)
        if not page.markdown and file is not None and file.page is None:
            TemplatePage(None, file, config)  # registers itself as file.page


def chrome_keys(url: str, nav_urls: list[str]) -> dict[str, object]:
    """What main.html's `once` keys of the page's chrome are made of: Material's config block
    depends only on the folder depth, the nav on the relative links to its entries (None on a
    page in the nav, which the nav marks as current)."""
    nav_key = None if url in nav_urls else tuple(relative_url(other, url) for other in nav_urls)
    return {"portal_depth": url.count("/"), "portal_nav_key": nav_key}
