"""The MkDocs adapter: a thin layer that runs the pipeline and hands its pages to MkDocs.

Nothing else in the package imports MkDocs (but `mkdocs_config.py`, its options), so moving to
another engine touches only these two files and the templates.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

import PIL.Image
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from . import sitemap, social, urls, vi
from .dates import build_time
from .errors import ContentError, ContentErrors
from .feeds import SiteInfo, render_channel, render_documents
from .figures import (
    SIZES_THUMB,
    FigureExtension,
    PagePhotos,
    photo_element,
    picture_element,
    picture_html,
)
from .history import last_commits
from .markdown_ext import EscapeHtmlExtension
from .mkdocs_config import PortalConfig
from .models import Category, ImageRef
from .pages import PageSpec
from .pipeline import Plan, Settings, plan_site, prepare_photos
from .references import describe, expand_shorthand
from .register import link_numbers
from .tables import to_xlsx
from .text import d_folded_words, slugify
from .write import write_files

UNUSED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search")


class PortalPlugin(BasePlugin[PortalConfig]):
    plan: Plan
    specs: dict[str, PageSpec]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        categories = tuple(
            Category(
                name=cat.name,
                slug=cat.slug or slugify(cat.name),
                short=cat.short,
                description=cat.description,
            )
            for cat in self.config.categories
        )
        settings = Settings(
            root=root,
            categories=categories,
            site_name=config.site_name,
            site_url=config.site_url or "",
            news_dir=self.config.news_dir,
            notices_dir=self.config.notices_dir,
            notice_kinds=tuple(self.config.notice_kinds),
            attachments_dir=self.config.attachments_dir,
            attachment_kinds=tuple(self.config.attachment_kinds),
            citizens_category=self.config.citizens_category,
            page_size=self.config.page_size,
            feed_size=self.config.feed_size,
            preview=(
                self.config.preview
                if self.config.preview is not None
                else os.environ.get("PORTAL_PREVIEW", "").lower() in ("1", "true", "yes")
            ),
            config_file=Path(config.config_file_path).name,
        )
        try:
            self.plan = plan_site(settings, build_time())
        except ContentErrors as exc:
            # Raised before MkDocs cleans site_dir: the previous site stays as it was.
            raise PluginError(exc.report()) from None
        try:
            self.photos = prepare_photos(
                root, self.plan.collections.published, root / self.config.image_cache
            )
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        self.figures = FigureExtension()
        config.markdown_extensions.append(self.figures)  # type: ignore[arg-type]
        self.site = social.Site(
            url=config.site_url or "",
            name=config.site_name,
            description=config.site_description or config.site_name,
            logo=self.config.feed_icon,
            card=self.default_card(config),
        )
        self.specs = {spec.src_uri: spec for spec in self.plan.pages}
        self.feed_items = {item.url for ch in self.plan.channels for item in ch.items}
        self.html: dict[str, str] = {}
        config.markdown_extensions.append(EscapeHtmlExtension())  # type: ignore[arg-type]
        config.nav = (config.nav or []) + [
            {vi.UI["categories"]: [{cat.name: urls.src_uri(cat.url)} for cat in categories]},
            {vi.UI["archive"]: urls.src_uri(urls.archive_index())},
        ]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        clashes = [
            ContentError(
                f"{config.docs_dir}/{spec.src_uri}",
                1,
                "url",
                f"/{spec.url} is also generated from {spec.source or 'a listing'}",
                "rename or move the static page",
            )
            for spec in self.plan.pages
            if files.get_file_from_path(spec.src_uri) is not None
        ] + [
            ContentError(
                f"{config.docs_dir}/{path}",
                1,
                "url",
                f"/{path} is a generated feed",
                "rename the file",
            )
            for path in self.output_paths()
            if files.get_file_from_path(path) is not None
        ]
        if clashes:
            raise PluginError(ContentErrors(clashes).report())
        # Material ships lunr and its search worker even with its search plugin off; nothing
        # loads them, so they are not published (about 1.2 MB).
        for file in list(files):
            if file.src_uri.startswith(UNUSED_THEME_ASSETS):
                files.remove(file)
        published = dict(self.photos.files)
        for item in self.plan.collections.published:
            if item.image:
                site_path, cached = self.photos.cards[item.image.source]
                published[site_path] = cached
        for site_path, cached in published.items():
            files.append(File.generated(config, site_path, abs_src_path=str(cached)))
        self.files = files
        for spec in self.plan.pages:
            # Never in the nav: a nav listing every article makes every page list every article.
            files.append(
                File.generated(
                    config, spec.src_uri, content=spec.markdown, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.specs.get(page.file.src_uri)
        self.figures.page = None
        if spec is not None and "item" in spec.context:
            markdown = expand_shorthand(
                markdown, self.plan.documents.by_id, lambda url: get_relative_url(url, page.url)
            )
            pictures = self.photos.pictures
            self.figures.page = PagePhotos(
                {
                    ref.written: (pictures[ref.source], ref.decorative)
                    for ref in spec.context["item"].images
                },
                lambda url: get_relative_url(url, page.url),
            )
        if spec is not None:
            # Material prints page.meta values unescaped; Markup makes them safe once.
            page.meta["template"] = spec.template
            page.meta["title"] = escape(spec.title)
            item = spec.context.get("item")
            if item is not None:
                page.meta["description"] = escape(item.summary)
                if item.author:
                    page.meta["author"] = escape(item.author)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or "item" not in spec.context:
            return html
        item = spec.context["item"]
        if self.figures.page and self.figures.page.unknown:
            raise PluginError(
                ContentErrors(
                    [
                        ContentError(
                            item.source,
                            item.body_line,
                            "image",
                            f'photo "{src}" is not written as ![alt text](photo.jpg "caption")',
                            "write each photo inline with its file path beside the article",
                        )
                        for src in self.figures.page.unknown
                    ]
                ).report()
            )
        documents = self.plan.documents
        html = link_numbers(
            html,
            documents.pattern,
            documents.targets,
            lambda url: get_relative_url(url, page.url),
            spec.url,
        )
        # Feeds carry the full article; keep the HTML only of items that are in some feed.
        if spec.url in self.feed_items:
            # Feed readers show the first picture of an entry as its image.
            lead = str(self.lead_photo(item.image, page.url)) if item.image else ""
            self.html[spec.url] = lead + html  # str: Markup + str would escape the body
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = SiteInfo(
            url=config.site_url or "",
            name=config.site_name,
            description=config.site_description or config.site_name,
            author=config.site_author or config.site_name,
            rights=config.copyright or "",
            icon=self.config.feed_icon,
            logo=self.config.feed_logo,
        )
        outputs: dict[str, bytes] = {}
        for channel in self.plan.channels:
            outputs.update(render_channel(channel, site, self.plan.collections, self.html))
        documents = self.plan.documents
        outputs.update(render_documents(documents.attachments, site, self.config.feed_size))
        for attachment in documents.attachments:
            outputs[attachment.file_url] = documents.files[attachment.id].read_bytes()
            if attachment.id in documents.tables:
                table = documents.tables[attachment.id]
                outputs[attachment.xlsx_url] = to_xlsx(table, attachment.title, attachment.date)
        # The portal's sitemap replaces MkDocs' (whose lastmod is the build date everywhere).
        outputs.update(sitemap.sitemaps(site.url, self.sitemap_entries(config)))
        outputs[urls.ROBOTS] = sitemap.robots(site.url)
        (Path(config.site_dir) / "sitemap.xml.gz").unlink(missing_ok=True)
        write_files(Path(config.site_dir), outputs)

    def sitemap_entries(self, config: MkDocsConfig) -> list[tuple[str, datetime | None]]:
        """Every published page with its last change: generated pages know theirs; static
        pages take their last commit, and the home page also its newest item."""
        root = Path(config.config_file_path).resolve().parent
        docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        changed = last_commits(root, docs)
        newest = max((i.modified for i in self.plan.collections.published), default=None)
        entries = []
        for file in self.files.documentation_pages():
            spec = self.specs.get(file.src_uri)
            modified = spec.modified if spec else changed.get(f"{docs}/{file.src_uri}")
            if file.url in ("", "./") and newest:
                modified = max(modified, newest) if modified else newest
            entries.append(("" if file.url == "./" else file.url, modified))
        return entries

    def output_paths(self) -> list[str]:
        """Files the plugin writes besides pages: feeds, documents and their XLSX copies."""
        paths = [p for ch in self.plan.channels for p in (ch.rss_url, ch.atom_url)]
        paths += [urls.rss(urls.attachments()), urls.atom(urls.attachments())]
        paths += [urls.ROBOTS, sitemap.part_name(1)]
        for attachment in self.plan.documents.attachments:
            paths.append(attachment.file_url)
            if attachment.tabular:
                paths.append(attachment.xlsx_url)
        return paths

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        spec = self.specs.get(page.file.src_uri)
        context["portal_page"] = spec.context if spec else {}
        shared = self.shared(page, spec)
        context["portal_head"] = Markup(social.head_html(self.site, shared))
        # Keys for main.html's cache of the nav and of Material's config block: the config
        # depends only on the folder depth, the nav on the relative links to its entries.
        context["portal_depth"] = page.url.count("/")
        context["portal_nav_key"] = (
            None
            if page.url in self.nav_urls
            else tuple(get_relative_url(url, page.url) for url in self.nav_urls)
        )
        return context

    def shared(self, page: Page, spec: PageSpec | None) -> social.Shared:
        """The page as share cards and structured data describe it."""
        context = spec.context if spec else {}
        item = context.get("item")
        if item is None:
            category = context.get("category")
            description = (category.description if category else "") or self.site.description
            title = spec.title if spec else (page.title or self.site.name)
            return social.Shared(page.url, title, description, self.site.card)
        image = self.site.card
        if item.image:
            card = self.photos.pictures[item.image.source].card
            image = social.ShareImage(card.jpeg, card.width, card.height, item.image.alt)
        tags = tuple(tag.name for tag in self.plan.collections.tags_of(item))
        crumbs = social.crumbs_of(item)
        return social.Shared(item.url, item.title, item.summary, image, item, tags, crumbs)

    def default_card(self, config: MkDocsConfig) -> social.ShareImage | None:
        if not self.config.share_card:
            return None
        docs_dir = Path(config.docs_dir)
        path = docs_dir / self.config.share_card
        try:
            with PIL.Image.open(path) as card:
                width, height = card.size
        except OSError:
            error = ContentError(
                Path(config.config_file_path).name,
                1,
                "share_card",
                f'"{self.config.share_card}" is not an image in {docs_dir.name}/',
                "run python scripts/share_card.py, or set share_card to a 1200×630 JPEG",
            )
            raise PluginError(ContentErrors([error]).report()) from None
        return social.ShareImage(self.config.share_card, width, height, config.site_name)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_urls = sorted({page.url for page in nav.pages})
        for spec in self.plan.pages:
            file = files.get_file_from_path(spec.src_uri)
            if not spec.markdown and file is not None and file.page is None:
                _TemplatePage(None, file, config)  # registers itself as file.page
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Our templates (custom_dir) escape by default; Material's own expect raw HTML.
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        ours = (
            {p.relative_to(custom_dir).as_posix() for p in custom_dir.rglob("*.html")}
            if custom_dir
            else set()
        )
        env.autoescape = lambda name: name in ours
        env.filters["vi_date"] = vi.format_date
        env.filters["vi_short_date"] = vi.format_short_date
        env.filters["vi_number"] = vi.format_number
        env.filters["vi_place_date"] = vi.format_place_date
        env.filters["vi_size"] = vi.format_size
        env.filters["describe"] = describe
        env.globals["documents"] = self.plan.documents
        env.filters["slugify"] = slugify
        env.filters["d_folded_words"] = d_folded_words
        env.globals["portal_photo"] = self.photo_markup
        collections = self.plan.collections
        env.globals["ui"] = vi.UI
        env.globals["counter_endpoint"] = self.config.counter_endpoint.rstrip("/")
        env.globals["urls"] = urls
        env.globals["portal"] = collections
        env.globals["portal_cache"] = {}
        env.globals["site_feed"] = self.plan.channels[0]
        env.globals["citizens_category"] = next(
            (cat for cat in collections.categories if cat.slug == self.config.citizens_category),
            None,
        )
        return env

    @pass_context
    def photo_markup(self, context: Context, ref: ImageRef, kind: str = "lead") -> Markup:
        """An item's photo in a template: "lead" on its page, "thumb" on listings."""
        if kind == "lead":
            return self.lead_photo(ref, context["page"].url)
        picture = self.photos.pictures[ref.source]
        relative = lambda url: get_relative_url(url, context["page"].url)  # noqa: E731
        return picture_html(picture_element(picture, "", relative, SIZES_THUMB))

    def lead_photo(self, ref: ImageRef, page_url: str) -> Markup:
        """An item's lead photo with its links relative to `page_url`."""
        relative = lambda url: get_relative_url(url, page_url)  # noqa: E731
        picture = self.photos.pictures[ref.source]
        return picture_html(photo_element(picture, ref.alt, ref.caption, relative, lead=True))


class _TemplatePage(Page):
    """A generated page that is all template (listings, indexes): no Markdown to convert.

    MkDocs builds a new Markdown instance for every page; thousands of listing pages would
    pay for it to convert an empty string.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
