"""MkDocs adapter: hands the domain's plan to MkDocs, and nothing more.

The plan (`portal.repository.plan_repository`) decides every page, file and problem; this
module turns pages into MkDocs files, hands every other output over in one place, and calls
the domain's renderers from MkDocs' events. Only `portal/mkdocs/` imports MkDocs.
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import urls
from ..errors import ContentErrors
from ..outputs import precompress, social
from ..outputs.links import expand_shorthand, link_numbers
from ..outputs.pagecache import PageCache, publish
from ..outputs.pagekeys import PageKeys
from ..outputs.pictures import pictures_by_page
from ..outputs.search import indexed_part
from ..outputs.videos import videos_by_page
from ..repository import Plan, plan_repository, remember_content
from ..site.pagelist import menu
from ..site.pages import ArticlePage
from ..site.pages import Page as PlannedPage
from . import split, templates
from .config import PortalConfig
from .convert import Converter, converted_later, deferred
from .files import CachedFile, LinkedFile, output_file
from .markdown import EscapeHtmlExtension, FigureExtension
from .markup import conforming
from .relative import relative_url

# Set by build.render(): reused pages are listed, not written; the caller assembles the site
# (or the preview answers them from the cache). A plain `mkdocs build` links them instead.
LISTED = "PORTAL_LISTED"
# Set by build.render(from_cache=True): the preview shows reused pages from the cache, so an
# entry's presence is enough; every published page's entry is verified.
FROM_CACHE = "PORTAL_FROM_CACHE"
GONE_PAGE = "410.html"
# Material's lunr and search worker ship with its search plugin off: not published (1.2 MB).
UNUSED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search")


class ContentProblems(PluginError):  # type: ignore[misc]
    """Content errors as MkDocs reports a plugin's failure; `errors` keeps them whole."""

    def __init__(self, errors: ContentErrors) -> None:
        super().__init__(errors.report())
        self.errors = errors


class PortalPlugin(BasePlugin[PortalConfig]):  # type: ignore[misc]
    plan: Plan
    side: split.Split | None = None  # this process's side of a render on two cores
    published: Path | None = None  # the site the build replaces (build.render sets it)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            config_file = Path(config.config_file_path)
            self.plan = plan_repository(config_file, remember=False, published=self.published)
        except ContentErrors as exc:
            # Raised before MkDocs cleans site_dir: the previous site stays as it was.
            raise ContentProblems(exc) from None
        self.pages = {page.src_uri: page for page in self.plan.pages}
        settings = self.plan.settings
        self.cache = PageCache(settings.root / settings.page_cache)
        self.keys = PageKeys(self.plan.site, self.plan.pages)
        self.bodies: dict[str, str] = {}  # article URL -> converted body, for reused pages
        self.convert = Converter()
        # Feeds carry the bodies of their items only: other reused articles' bodies stay unread.
        self.fed = {item.url for channel in self.plan.site.channels for item in channel.items}
        self.from_cache = os.environ.get(FROM_CACHE) == "1"
        self.listed = os.environ.get(LISTED) == "1"
        published = self.listed and not self.from_cache  # `portal build`: compressed after
        self.gzip = settings.root / settings.gzip_cache if published else None
        # When listed, every planned page is published from the cache (reused, or rendered and
        # stored): output path -> cache file, for the assembly of the site
        # (outputs/assemble.py) or for the preview to answer from.
        self.cached: dict[str, Path] = {}
        self.site = social.site_of(self.plan.site)
        figures = FigureExtension(pictures_by_page(self.plan.site), videos_by_page(self.plan.site))
        config.markdown_extensions.append(figures)
        config.markdown_extensions.append(EscapeHtmlExtension())
        entries = menu(self.plan.collections)
        config.nav = (config.nav or []) + [
            {title: urls.src_uri(target) if isinstance(target, str) else
             [{name: urls.src_uri(url)} for name, url in target]}
            for title, target in entries
        ]  # fmt: skip
        # Pages in the nav are MkDocs pages every time: the nav links to them.
        self.in_nav = {
            url for _, target in entries
            for url in ([target] if isinstance(target, str) else [u for _, u in target])
        }  # fmt: skip
        # The plan writes the sitemap, with each page's real last change; the page of an
        # address whose item was removed (410) is the theme's, like the 404 page.
        config.theme.static_templates.discard("sitemap.xml")
        config.theme.static_templates.add(GONE_PAGE)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        for file in list(files):
            if file.src_uri.startswith(UNUSED_THEME_ASSETS):
                files.remove(file)
        rendered = functools.partial(self.rendered, files)
        self.to_render: list[PlannedPage] = []
        for path, output in self.plan.outputs.files.items():
            theirs = files.get_file_from_path(path)  # the theme's sitemap.xml, for one
            if theirs is not None:
                files.remove(theirs)
            files.append(output_file(config, path, output, rendered))
        for page in self.plan.pages:
            reused = self.reusable(page)
            if reused is not None and self.listed:
                self.cached[page.output] = reused
                files.append(CachedFile.generated(config, page.output, abs_src_path=str(reused)))
                continue
            if reused is not None:
                files.append(LinkedFile.generated(config, page.output, abs_src_path=str(reused)))
                continue
            self.to_render.append(page)
            # Never in the nav: a nav listing every article makes every page list every article.
            inclusion = InclusionLevel.NOT_IN_NAV
            files.append(
                File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
            )
        return files

    def reusable(self, page: PlannedPage) -> Path | None:
        """The cached HTML of a page whose key has not changed (with its body, for an article
        a feed carries), or None to render it; from an empty cache, none and no key computed."""
        if page.url in self.in_nav or not self.cache.sums:
            return None
        key = self.keys[page.url]
        if isinstance(page, ArticlePage) and page.url in self.fed:
            body = self.cache.read(key, "body")
            if body is None:
                return None
            self.bodies[page.url] = body.decode("utf-8")
        if self.from_cache:
            return self.cache.present(key)
        return self.cache.verified(key)

    def rendered(self, files: Files, url: str) -> str:
        """An article's body as MkDocs converted it (feeds carry it), or as it was cached."""
        if url in self.bodies:
            return self.bodies[url]
        return files.get_file_from_path(urls.src_uri(url)).page.content

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = conforming(output)
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            key = self.keys[planned.url]
            # The bytes MkDocs writes, so a reused page is identical to a rendered one.
            data = output.encode("utf-8", errors="xmlcharrefreplace")
            entry = self.cache.put(key, data)
            if (part := indexed_part(output)) is not None:
                self.cache.note_indexed(key, part)
            if planned.url in self.fed:  # the next build's feeds take it from the cache
                self.cache.put(key, page.content.encode("utf-8"), "body")
            page.content = ""  # written: only a feed needed it, and feeds are made already
            if self.gzip is not None:
                # `portal build`: linked into the site with its `.gz` by the rendering process
                target = Path(config.site_dir, planned.output)
                publish(entry, target)
                if (packed := precompress.warm(self.gzip, data, entry)) is not None:
                    publish(packed, target.with_name(target.name + ".gz"))
                return ""
            if self.listed:  # the preview answers it from the cache, like a reused page
                self.cached[planned.output] = entry
                return ""  # MkDocs writes no empty output
        return output

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """404.html and the other theme pages that are not Markdown pages."""
        return conforming(output_content) if template_name.endswith(".html") else output_content

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_urls = sorted({page.url for page in nav.pages})
        by_uri = files.src_uris  # planned src_uris are POSIX already: no PurePath per page
        for page in self.plan.pages:
            file = by_uri.get(page.src_uri)
            if not page.markdown and file is not None and file.page is None:
                templates.TemplatePage(None, file, config)  # registers itself as file.page
        self.side = self.fork(files, config)
        if self.side is None or self.side.child:  # after the fork: on the second core
            remember_content(self.plan.settings)
        return nav

    def fork(self, files: Files, config: MkDocsConfig) -> split.Split | None:
        """A cold build renders on two cores (split.py); the child takes pages nothing else
        needs: not in the nav, not an article whose body a feed carries."""
        if not self.listed or self.from_cache or len(self.to_render) < split.SPLIT_AT:
            return None
        movable = [
            page.src_uri
            for page in self.to_render
            if page.url not in self.in_nav
            and not (isinstance(page, ArticlePage) and page.url in self.fed)
        ]
        if not movable:
            return None
        side = split.start(files, config, movable)
        if side is not None and side.child:
            self.cache.indexed = {}  # the child sends the digests of its own pages only
        return side

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is None:
            return markdown
        # Material prints page.meta values unescaped; Markup makes them safe once.
        page.meta["template"] = planned.template
        page.meta["title"] = escape(planned.title)
        if isinstance(planned, ArticlePage):
            page.meta["description"] = escape(planned.item.summary)
            if planned.item.author:
                page.meta["author"] = escape(planned.item.author)
            relative = functools.partial(relative_url, other=page.url)
            markdown = expand_shorthand(markdown, self.plan.documents.by_id, relative)
        return markdown

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """An article no feed carries is converted when it is built, not with all the others
        before the first is built: MkDocs would hold every converted body at once (300 MB at
        50,000 items). Its Markdown is the plan's own string, held anyway."""
        planned = self.pages.get(page.file.src_uri)
        later = isinstance(planned, ArticlePage) and planned.url not in self.fed
        if planned is not None and planned.markdown:  # by one Markdown instance (convert.py)
            render = converted_later if later else self.convert
            page.render = functools.partial(render, page)  # type: ignore[method-assign]
        return page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if not isinstance(planned, ArticlePage) or deferred(page):
            return html
        documents = self.plan.documents
        relative = functools.partial(relative_url, other=page.url)
        return link_numbers(html, documents.pattern, documents.targets, relative, planned.url)

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        if deferred(page):  # converted now (on_pre_page), as MkDocs would have
            page.render = functools.partial(self.convert, page)  # type: ignore[method-assign]
            page.render(config, self.files)
            page.content = self.on_page_content(
                page.content or "", page=page, config=config, files=self.files
            )
        planned = self.pages.get(page.file.src_uri)
        context["portal_page"] = planned or {}
        title = page.title or self.site.name
        shared = social.shared(self.plan.site, self.site, planned, page.url, title)
        context["portal_head"] = Markup(social.head_html(self.site, shared))
        # Keys for main.html's cache of the nav and of Material's config block: the config
        # depends only on the folder depth, the nav on the relative links to its entries.
        context["portal_depth"] = page.url.count("/")
        context["portal_nav_key"] = (
            None
            if page.url in self.nav_urls
            else tuple(relative_url(url, page.url) for url in self.nav_urls)
        )
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        precompress.write_notes()  # what this process compressed (the child's too)
        if self.side is not None:
            if self.side.child:
                self.side.report(self.cache.written, self.cache.indexed, self.keys.known)
            outcome, self.side = self.side.finish(), None
            self.cache.adopt(outcome.written, outcome.indexed)
            self.keys.known.update(outcome.keys)
        used = set(self.keys.values())
        self.cache.prune(used, time.time())
        self.cache.save(used)

    def on_build_error(self, *, error: Exception) -> None:
        if self.side is not None:
            if self.side.child:
                self.side.report({}, {}, {}, error)  # does not return
            self.side.abandon()
            self.side = None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        return templates.set_up(env, config, self.plan)
