"""Content stage (validate): the typed content models, what validation produces and every later
stage consumes.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, fields
from datetime import date, datetime

from .. import urls


@dataclass(frozen=True)
class Category:
    name: str
    slug: str
    short: str = ""
    description: str = ""

    @functools.cached_property
    def url(self) -> str:
        return urls.category(self.slug)


@dataclass(frozen=True)
class Tag:
    """A tag as readers see it: spellings that differ only in case, form or spaces are one tag."""

    name: str  # the most common spelling
    slug: str

    @property
    def url(self) -> str:
        return urls.tag(self.slug)


@dataclass(frozen=True)
class Signer:
    """Người ký: the authority line ("KT. GIÁM ĐỐC") is empty when the head signs in person."""

    name: str
    position: str
    authority: str = ""


@dataclass(frozen=True)
class NoticeInfo:
    """What makes an item an official notice (thông báo, công văn, kế hoạch, …)."""

    kind: str
    number: str  # số và ký hiệu, e.g. 602/UBND-NCTCD
    issuer: str
    place: str  # địa danh, e.g. Long An
    subject: str  # trích yếu
    signer: Signer
    parent_issuer: str = ""
    recipients: tuple[str, ...] = ()
    valid_until: date | None = None

    def expired(self, today: date) -> bool:
        return self.valid_until is not None and self.valid_until < today


@dataclass(frozen=True)
class ImageRef:
    """A photo an item uses: in its body (`![alt](photo.jpg "caption")`) or as its lead."""

    source: str  # the image file, relative to the project root
    written: str  # the path as the Markdown wrote it: how the rendered <img> names it
    alt: str  # empty for a decorative picture
    caption: str = ""
    line: int = 1  # where the Markdown file uses it, for messages
    decorative: bool = False


@dataclass(frozen=True)
class VideoRef:
    """A video an item shows: `![mô tả](clip.mp4 "chú thích")`, with the files beside it."""

    source: str  # the video file, relative to the project root
    written: str  # the path as the Markdown wrote it
    description: str  # what it shows, for people who cannot watch it
    caption: str = ""
    line: int = 1
    captions: str = ""  # clip.vtt beside it: subtitles in Vietnamese (WebVTT)
    poster: str = ""  # clip.jpg (or .png, .webp) beside it; else a frame of the video


@dataclass(frozen=True)
class Item:
    """A news item, or a notice when `notice` is set; both flow into listings and feeds."""

    source: str  # path relative to the project root
    title: str
    slug: str
    date: datetime
    category: Category
    body: str
    body_line: int = 1
    tags: tuple[str, ...] = ()
    summary: str = ""
    author: str = ""
    draft: bool = False
    updated: datetime | None = None
    notice: NoticeInfo | None = None
    attachments: tuple[str, ...] = ()  # ids from front matter, in the order given
    aliases: tuple[str, ...] = ()  # old addresses the editor listed, without the first "/"
    image: ImageRef | None = None  # the lead photo: on the article, listings and share cards
    images: tuple[ImageRef, ...] = ()  # photos in the body, in order
    videos: tuple[VideoRef, ...] = ()  # videos in the body, in order

    @functools.cached_property  # asked for tens of thousands of times per build
    def url(self) -> str:
        return urls.notice(self.slug) if self.notice else urls.article(self.slug)

    @functools.cached_property
    def digest(self) -> str:
        """The item's own fields, digested once per object (a long-lived preview keeps the
        objects of the files it did not read again). The body is hashed as it is, not through
        its repr: half the time on long articles."""
        body = self.body.encode()
        digest = hashlib.sha256(f"{len(body)}\0".encode())
        digest.update(body)
        digest.update(repr(tuple(getattr(self, name) for name in _FIELDS)).encode())
        return digest.hexdigest()

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def modified(self) -> datetime:
        return self.updated or self.date


_FIELDS = tuple(field.name for field in fields(Item) if field.name != "body")  # Item.digest's


@dataclass(frozen=True)
class FileType:
    abbreviation: str  # PDF
    name: str  # what readers call it: "Tài liệu PDF", "Bảng tính CSV"
    media_type: str  # application/pdf


@dataclass(frozen=True)
class Attachment:
    """A published document: the file, what it is, and how to verify it."""

    id: str  # the slug: /tai-lieu/<id>/ describes it, /tai-lieu/<id>.<ext> is the file
    source: str  # the file, relative to the project root
    meta_source: str  # its metadata file
    title: str
    kind: str
    date: datetime
    ext: str
    file_type: FileType
    size: int
    sha256: str
    number: str = ""
    issuer: str = ""
    description: str = ""
    replaces: str = ""
    pages: int | None = None  # PDFs only
    group_by: tuple[str, ...] = ()  # columns of a tabular attachment to count rows by

    @property
    def url(self) -> str:
        return urls.attachment(self.id)

    @property
    def file_url(self) -> str:
        return urls.attachment_file(self.id, self.ext)

    @property
    def tabular(self) -> bool:
        return self.ext == "csv"

    @property
    def xlsx_url(self) -> str:
        return urls.attachment_file(self.id, "xlsx")
