"""Site stage (plan): load → validate → collect in one call, with every problem found.

`plan_site` turns settings into everything the site will publish as pages, with its photos
processed; nothing here knows MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from ..code import THEME
from ..content.attachments import Loaded, load_attachments
from ..content.confined import outside_links
from ..content.load import SourceDoc, load_folder
from ..content.memo import ContentMemo
from ..content.models import Attachment, Item
from ..content.news import validate_news
from ..content.notices import validate_notices
from ..content.photos import attach_images, doc_photos
from ..content.references import check_references
from ..content.tables import formula_warnings
from ..content.unfinished import unfinished
from ..content.videos import attach_videos, doc_videos
from ..errors import ContentError
from ..images.cache import Prepared
from ..images.process import image_size
from ..images.video import PreparedVideos
from . import addresses, media
from .addresses import Entry
from .channels import Channel, channels
from .collect import Collections, collect
from .documents import Documents, collect_documents
from .pagelist import all_pages
from .pages import Page
from .settings import Settings

DEFAULT_CARD = "assets/portal-share-card.jpg"  # shipped with the theme: no name on it


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
    warnings: tuple[ContentError, ...] = ()  # what an editor should fix, but may publish
    videos: PreparedVideos = field(default_factory=PreparedVideos)
    addresses: addresses.Addresses = field(default_factory=addresses.Addresses)

    @property
    def notices(self) -> list[ContentError]:
        """Addresses this build moves or removes: told, not refused."""
        return addresses.notices(self.addresses)


def plan_site(
    settings: Settings,
    now: datetime,
    process_photos: bool = True,
    record: Mapping[str, Entry] | None = None,
    memo: ContentMemo | None = None,
) -> tuple[SitePlan, list[ContentError]]:
    """Everything the site will publish, and every problem found. With problems, the plan holds
    the sound items only, so that later checks (URL clashes) still run; it is not for building.

    `process_photos=False` (`portal check`) decodes each new photo to find its problems but
    processes none. `record`: the addresses published before (site/addresses.py). `memo`:
    what reading and validating gave before, for unchanged files.
    """
    docs, items, errors = read_items(settings, memo or ContentMemo())
    folders = (settings.news_dir, settings.notices_dir)
    photos_of, image_errors = doc_photos(settings.root, docs, folders)
    videos_of, video_errors = doc_videos(settings.root, docs, folders)
    items = attach_videos(attach_images(items, photos_of), videos_of)
    errors += image_errors + video_errors
    loaded, warnings, document_errors = read_documents(settings, docs)
    errors += document_errors
    card = share_card(settings)
    if isinstance(card, ContentError):
        errors.append(card)
        card = None
    if errors:  # the rest of the plan only from files without problems
        wrong = {error.path for error in errors}
        items = [item for item in items if item.source not in wrong]
    collections = collect(items, settings.categories, now, settings.preview)
    # Every problem in one run, photos included, without processing a photo while other
    # problems remain: a typo never costs a minute of processing.
    make = process_photos and not errors
    published = {item.source for item in collections.published}
    photos, photo_errors = media.photos(settings, photos_of, published, make)
    videos, video_errors = media.videos(settings, videos_of, published, make and not photo_errors)
    errors += photo_errors + video_errors
    documents = collect_documents(loaded, collections.published)
    found = addresses.reconcile(
        record or {},
        published_things(collections.published, documents.attachments, docs),
        unsure={error.path for error in errors},
    )
    feeds = tuple(channels(collections, settings.site_name, settings.feed_size))
    pages = all_pages(collections, documents, feeds, settings.notice_kinds, settings.page_size)
    plan = SitePlan(
        settings, collections, documents, feeds, tuple(pages), photos, card, tuple(warnings),
        videos, found,
    )  # fmt: skip
    return plan, errors


def read_items(
    settings: Settings, memo: ContentMemo
) -> tuple[list[SourceDoc], list[Item], list[ContentError]]:
    """Every news item and notice read and validated, with the problems of their files and of
    links that leave the repository."""
    root = settings.root
    inputs = (
        settings.news_dir,
        settings.notices_dir,
        settings.attachments_dir,
        settings.docs_dir,
        settings.custom_dir,
    )
    errors = [error for folder in dict.fromkeys(inputs) for error in outside_links(root, folder)]
    docs, load_errors = load_folder(root, settings.news_dir, memo)
    items, item_errors = validate_news(docs, settings.categories, memo)
    errors += load_errors + item_errors
    citizens = next((c for c in settings.categories if c.slug == settings.citizens_category), None)
    if citizens is not None:
        notice_docs, load_errors = load_folder(root, settings.notices_dir, memo)
        notices, notice_errors = validate_notices(notice_docs, settings.notice_kinds, citizens)
        items += notices
        docs += notice_docs
        errors += load_errors + notice_errors
    errors += unfinished(docs, settings.max_tags)
    return docs, items, errors


def read_documents(
    settings: Settings, docs: list[SourceDoc]
) -> tuple[Loaded, list[ContentError], list[ContentError]]:
    """The documents, the warnings about their lists (cells a spreadsheet would run), and the
    problems of the documents and of the references to them."""
    kinds = settings.attachment_kinds or settings.notice_kinds
    loaded, errors = load_attachments(settings.root, settings.attachments_dir, kinds)
    warnings = [
        warning
        for attachment in loaded.attachments
        if attachment.id in loaded.tables
        for warning in formula_warnings(attachment.source, loaded.tables[attachment.id])
    ]
    errors += check_references(docs, {a.id: a for a in loaded.attachments})
    return loaded, warnings, errors


def published_things(
    items: Iterable[Item], attachments: Iterable[Attachment], docs: Iterable[SourceDoc]
) -> list[addresses.Published]:
    """Every address this build publishes an item or a document at, as the record of
    addresses knows them: items by their file, or their date and title; documents (the page,
    the file and its spreadsheet copy) by their file, or its digest."""
    lines = {doc.path: doc.lines.get("url") or doc.line_of("title") for doc in docs}
    found = [
        addresses.Published(
            item.url,
            item.source,
            addresses.item_key(item.date.isoformat(), item.title),
            item.title,
            lines.get(item.source, 1),
            item.aliases,
        )
        for item in items
    ]
    for a in attachments:
        found.append(addresses.Published(a.url, a.meta_source, f"sha256:{a.sha256}", a.title))
        found.append(
            addresses.Published(a.file_url, a.source, f"file:{a.sha256}", a.title, page=False)
        )
        if a.tabular:
            key = f"xlsx:{a.sha256}"
            found.append(addresses.Published(a.xlsx_url, a.source, key, a.title, page=False))
    return found


def share_card(settings: Settings) -> ShareImage | ContentError | None:
    """The configured default share picture, measured; an error if it is not an image."""
    if not settings.share_card:  # the portal's own, without a name (portal/theme/assets/)
        size = image_size(THEME / DEFAULT_CARD)
        return ShareImage(DEFAULT_CARD, *size, settings.site_name) if size else None
    size = image_size(settings.root / settings.docs_dir / settings.share_card)
    if size is None:
        return ContentError(
            settings.config_file,
            settings.line_of("share_card"),
            "share_card",
            f'"{settings.share_card}" không phải ảnh trong {settings.docs_dir}/',
            f"đặt share_card là một ảnh JPEG 1200×630 trong {settings.docs_dir}/, hoặc bỏ dòng "
            "này để dùng ảnh có sẵn của cổng",
        )
    return ShareImage(settings.share_card, *size, settings.site_name)
