"""Site stage (plan): load → validate → collect in one call, with every problem found.

`plan_site` turns settings into everything the site will publish as pages, with its photos
processed; nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..content.attachments import load_attachments
from ..content.load import load_folder
from ..content.models import Item
from ..content.news import validate_news
from ..content.notices import validate_notices
from ..content.photos import attach_images
from ..content.references import check_references
from ..errors import ContentError, ContentErrors
from ..images.cache import Prepared, prepare
from ..images.process import image_size
from .channels import Channel, channels
from .collect import Collections, collect
from .documents import Documents, collect_documents
from .pagelist import all_pages
from .pages import Page
from .settings import Settings


@dataclass(frozen=True)
class ShareImage:
    url: str  # site-relative
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class SitePlan:
    settings: Settings
    collections: Collections
    documents: Documents
    channels: tuple[Channel, ...]
    pages: tuple[Page, ...]
    photos: Prepared
    share_card: ShareImage | None  # the default share picture, if the portal has one


def plan_site(settings: Settings, now: datetime) -> SitePlan:
    """Everything the site will publish; raises ContentErrors with every problem found."""
    root = settings.root
    docs, errors = load_folder(root, settings.news_dir)
    items, item_errors = validate_news(docs, settings.categories)
    errors += item_errors
    citizens = next((c for c in settings.categories if c.slug == settings.citizens_category), None)
    if citizens is not None:
        notice_docs, load_errors = load_folder(root, settings.notices_dir)
        notices, notice_errors = validate_notices(notice_docs, settings.notice_kinds, citizens)
        items += notices
        docs += notice_docs
        errors += load_errors + notice_errors
    folders = (settings.news_dir, settings.notices_dir)
    items, image_errors = attach_images(root, items, docs, folders)
    errors += image_errors
    kinds = settings.attachment_kinds or settings.notice_kinds
    loaded, attachment_errors = load_attachments(root, settings.attachments_dir, kinds)
    errors += attachment_errors
    by_id = {a.id: a for a in loaded.attachments}
    field_lines = {d.path: d.line_of("attachments") for d in docs}
    errors += check_references(items, by_id, field_lines)
    card = share_card(settings)
    if isinstance(card, ContentError):
        errors.append(card)
        card = None
    collections = collect(items, settings.categories, now, settings.preview)
    # Photos only once every reference is sound: a typo never costs a minute of processing.
    photos = Prepared()
    if not errors:
        photos, photo_errors = prepare_photos(
            root, collections.published, root / settings.image_cache
        )
        errors += photo_errors
    if errors:
        raise ContentErrors(errors)
    documents = collect_documents(loaded, collections.published)
    feeds = tuple(channels(collections, settings.site_name, settings.feed_size))
    pages = all_pages(collections, documents, feeds, settings.notice_kinds, settings.page_size)
    return SitePlan(settings, collections, documents, feeds, tuple(pages), photos, card)


def prepare_photos(
    root: Path, items: Sequence[Item], cache_dir: Path
) -> tuple[Prepared, list[ContentError]]:
    """Process (or take from the cache) every photo the published items use, with an error
    naming each item and line that uses a photo that cannot be published."""
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
    return prepared, errors


def share_card(settings: Settings) -> ShareImage | ContentError | None:
    """The configured default share picture, measured; an error if it is not an image."""
    if not settings.share_card:
        return None
    size = image_size(settings.root / settings.docs_dir / settings.share_card)
    if size is None:
        return ContentError(
            settings.config_file,
            settings.line_of("share_card"),
            "share_card",
            f'"{settings.share_card}" is not an image in {settings.docs_dir}/',
            "run python scripts/share_card.py, or set share_card to a 1200×630 JPEG",
        )
    return ShareImage(settings.share_card, *size, settings.site_name)
