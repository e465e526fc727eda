"""The whole pipeline in one call: load -> validate -> collect -> pages. No MkDocs here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from .attachments import load_attachments
from .collect import Collections, collect
from .documents import Documents, collect_documents
from .errors import ContentError, ContentErrors
from .feeds import Channel, channels
from .image_cache import Prepared, prepare
from .image_refs import attach_images
from .load import load_folder
from .models import Category, Item
from .pages import PageSpec, all_pages
from .references import check_references
from .text import is_slug
from .validate import validate_news
from .validate_notice import validate_notices


@dataclass(frozen=True)
class Settings:
    root: Path
    categories: tuple[Category, ...]
    site_name: str = ""
    site_url: str = ""
    news_dir: str = "news"
    notices_dir: str = "notices"
    notice_kinds: tuple[str, ...] = ()
    attachments_dir: str = "attachments"
    attachment_kinds: tuple[str, ...] = ()
    citizens_category: str = "nguoi-dan-can-biet"
    page_size: int = 10
    feed_size: int = 30
    preview: bool = False
    config_file: str = "mkdocs.yml"


@dataclass(frozen=True)
class Plan:
    collections: Collections
    documents: Documents
    channels: tuple[Channel, ...]
    pages: tuple[PageSpec, ...]


def check_settings(settings: Settings) -> list[ContentError]:
    """Problems in the portal's own configuration, reported like content problems."""
    errors = []
    seen: set[str] = set()
    for category in settings.categories:
        if not is_slug(category.slug) or category.slug in seen:
            errors.append(
                ContentError(
                    settings.config_file,
                    1,
                    "categories",
                    f'category "{category.name}": slug "{category.slug}" is invalid or taken',
                    "give each category its own slug of lowercase letters, digits and hyphens",
                )
            )
        seen.add(category.slug)
    for name, value in (("page_size", settings.page_size), ("feed_size", settings.feed_size)):
        if value < 1:
            errors.append(
                ContentError(settings.config_file, 1, name, "must be at least 1", f"set {name}: 10")
            )
    if settings.citizens_category not in seen:
        errors.append(
            ContentError(
                settings.config_file,
                1,
                "citizens_category",
                f'"{settings.citizens_category}" is not the slug of a declared category',
                "set citizens_category to the slug of the Người dân cần biết category",
            )
        )
    url = urlsplit(settings.site_url)
    if url.scheme not in ("http", "https") or not url.netloc or not settings.site_url.endswith("/"):
        errors.append(
            ContentError(
                settings.config_file,
                1,
                "site_url",
                f'"{settings.site_url}" is not an absolute URL; feeds and share links need one',
                "set site_url: https://congan.example.gov.vn/ (with the final slash)",
            )
        )
    return errors


def plan_site(settings: Settings, now: datetime) -> Plan:
    """Everything the site will publish; raises ContentErrors with every problem found."""
    errors = check_settings(settings)
    docs, load_errors = load_folder(settings.root, settings.news_dir)
    items, item_errors = validate_news(docs, settings.categories)
    errors += load_errors + item_errors
    citizens = next((c for c in settings.categories if c.slug == settings.citizens_category), None)
    if citizens is not None:
        notice_docs, load_errors = load_folder(settings.root, settings.notices_dir)
        notices, notice_errors = validate_notices(notice_docs, settings.notice_kinds, citizens)
        items += notices
        docs += notice_docs
        errors += load_errors + notice_errors
    folders = (settings.news_dir, settings.notices_dir)
    items, image_errors = attach_images(settings.root, items, docs, folders)
    errors += image_errors
    kinds = settings.attachment_kinds or settings.notice_kinds
    loaded, attachment_errors = load_attachments(settings.root, settings.attachments_dir, kinds)
    errors += attachment_errors
    by_id = {a.id: a for a in loaded.attachments}
    field_lines = {d.path: d.line_of("attachments") for d in docs}
    errors += check_references(items, by_id, field_lines)
    if errors:
        raise ContentErrors(errors)
    collections = collect(items, settings.categories, now, settings.preview)
    documents = collect_documents(loaded, collections.published)
    feeds = channels(collections, settings.site_name, settings.feed_size)
    pages = all_pages(collections, documents, feeds, settings.notice_kinds, settings.page_size)
    return Plan(collections, documents, tuple(feeds), tuple(pages))


def prepare_photos(root: Path, items: Sequence[Item], cache_dir: Path) -> Prepared:
    """Process (or take from the cache) every photo the published items use; raises
    ContentErrors naming each item and line that uses a photo that cannot be published."""
    uses = [
        (item, ref) for item in items for ref in ((item.image,) if item.image else ()) + item.images
    ]
    prepared = prepare(root, (ref.source for _, ref in uses), cache_dir)
    errors = [
        ContentError(
            item.source,
            ref.line,
            "image",
            f'photo "{ref.source}": {prepared.problems[ref.source].message}',
            prepared.problems[ref.source].fix,
        )
        for item, ref in uses
        if ref.source in prepared.problems
    ]
    if errors:
        raise ContentErrors(errors)
    return prepared
