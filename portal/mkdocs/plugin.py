"""MkDocs adapter: hands the domain's plan to MkDocs, and nothing more.

The plan (`portal.repository.plan_repository`) decides every page, file and problem; the
render session (`build/session.py`) decides which pages are reused, stores what is rendered
and keeps the bodies the feeds carry. Each hook below turns one MkDocs event into a call to
them. `build.render` hands the plugin its `mode`, the content `memo` and this render's page
`steps` before MkDocs starts. Only `portal/mkdocs/` imports MkDocs.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..build.mode import RenderMode
from ..build.session import RenderSession, Stored
from ..content.memo import ContentMemo
from ..errors import ContentErrors
from ..outputs import social
from ..outputs.links import expand_shorthand, link_numbers
from ..outputs.pictures import pictures_by_page
from ..outputs.videos import videos_by_page
from ..repository import plan_repository
from ..site.pagelist import menu
from ..site.pages import ArticlePage
from . import split, templates, theme
from .claims import Steps
from .config import PortalConfig
from .convert import Converter, converted_later, deferred
from .files import add_outputs, add_pages, converted, nav_entries
from .markdown import EscapeHtmlExtension, FigureExtension
from .markup import conforming
from .relative import relative_url

GONE_PAGE = "410.html"  # the page of an address whose item was removed, like 404.html
# Material's lunr and search worker ship with its search plugin off: not published (1.2 MB).
UNUSED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search")


class ContentProblems(PluginError):  # type: ignore[misc]
    """Content errors as MkDocs reports a plugin's failure; `errors` keeps them whole."""

    def __init__(self, errors: ContentErrors) -> None:
        super().__init__(errors.report())
        self.errors = errors


class PortalPlugin(BasePlugin[PortalConfig]):  # type: ignore[misc]
    mode = RenderMode()  # a plain `mkdocs build`: published, reused pages linked
    memo: ContentMemo | None = None
    steps: Steps | None = None  # this render's page steps (build.render), for a split render
    side: split.Split | None = None  # this process's side of a render on two cores

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            plan = plan_repository(
                Path(config.config_file_path),
                preview=self.mode.preview,
                published=self.mode.published,
                memo=self.memo,
            )
        except ContentErrors as exc:  # raised before MkDocs cleans site_dir: it stays
            raise ContentProblems(exc) from None
        self.plan, self.session = plan, RenderSession(plan, self.mode, self.memo)
        self.convert = Converter()
        self.site = social.site_of(plan.site)
        figures = FigureExtension(pictures_by_page(plan.site), videos_by_page(plan.site))
        config.markdown_extensions += [figures, EscapeHtmlExtension()]
        config.nav = (config.nav or []) + nav_entries(menu(plan.collections))
        config.theme.static_templates.discard("sitemap.xml")  # the plan writes the sitemap
        config.theme.static_templates.add(GONE_PAGE)
        theme.wire(config, plan.settings)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        for file in [f for f in files if f.src_uri.startswith(UNUSED_THEME_ASSETS)]:
            files.remove(file)
        body = functools.partial(self.session.body, converted=functools.partial(converted, files))
        add_outputs(files, config, self.plan.outputs, body, self.session.made_when_asked)
        self.to_render = add_pages(files, config, self.plan.pages, self.session.reuse, self.mode)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_urls = sorted({page.url for page in nav.pages})
        templates.register_pages(self.plan.pages, files, config)
        if self.steps and self.mode.compressed and len(self.to_render) >= split.SPLIT_AT:
            movable = self.session.movable(self.to_render)
            self.side = split.start(files, config, movable, self.steps) if movable else None
        if self.side is None or self.side.child:  # after the fork: on the second core
            self.session.save_memo()
        return nav

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        planned = self.session.planned(page.file.src_uri)
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
        planned = self.session.planned(page.file.src_uri)
        if planned is not None:  # by one Markdown instance (convert.py), even an empty page's
            render = converted_later if self.session.deferred(planned) else self.convert
            page.render = functools.partial(render, page)  # type: ignore[method-assign]
        return page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.session.planned(page.file.src_uri)
        if not isinstance(planned, ArticlePage) or deferred(page):
            return html
        documents, relative = self.plan.documents, functools.partial(relative_url, other=page.url)
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
        planned = self.session.planned(page.file.src_uri)
        view = self.session.view(planned) if planned else None  # all a template is told
        title = page.title or self.site.name
        shared = social.shared(self.plan.site, self.site, view, page.url, title)
        head = Markup(social.head_html(self.site, shared))
        context.update(portal_page=view or {}, portal_head=head)
        context.update(templates.chrome_keys(page.url, self.nav_urls))
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = conforming(output)
        planned = self.session.planned(page.file.src_uri)
        if planned is None:
            return output
        stored = self.session.store(planned, output, page.content or "", config.site_dir)
        page.content = ""  # stored: a feed has it already, or from the session
        return stored

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """404.html, 410.html and the other theme pages that are not Markdown pages."""
        return conforming(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.session.flush()  # what this process compressed (the child's too)
        if self.side is not None:
            session, side, self.side = self.session, self.side, None
            if side.child:
                side.report(session.stored())
            session.adopt(side.finish().stored)
        self.session.finish()

    def on_build_error(self, *, error: Exception) -> None:
        if self.side is not None:
            if self.side.child:
                self.session.discard()  # the parent discards its own
                self.side.report(Stored(), error)  # does not return
            self.side.abandon()
            self.side = None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        return templates.set_up(env, config, self.plan, self.session.views)
