"""Shared by every stage: each public URL pattern of the portal, relative to the site root,
without a leading slash."""

from __future__ import annotations

import posixpath

ARTICLE = "tin-tuc/{slug}/"
NOTICE = "thong-bao/{slug}/"
NOTICES = "nguoi-dan-can-biet/"
NOTICES_KIND = "nguoi-dan-can-biet/{slug}/"
NOTICES_EXPIRED = "nguoi-dan-can-biet/het-hieu-luc/"
CATEGORY = "chuyen-muc/{slug}/"
ATTACHMENT = "tai-lieu/{id}/"
ATTACHMENT_FILE = "tai-lieu/{id}.{ext}"
ATTACHMENTS = "tai-lieu/"
REGISTER = "van-ban/"
SEARCH = "tim-kiem/"
TAG = "the/{slug}/"
TAG_INDEX = "the/"
FEEDS_PAGE = "rss/"
SITE_MAP = "so-do-site/"
RSS = "rss.xml"
ATOM = "atom.xml"
ARCHIVE_INDEX = "luu-tru/"
ARCHIVE_YEAR = "luu-tru/{year}/"
PAGE_SUFFIX = "trang/{number}/"
COUNTABLE = "dem-luot-xem.txt"  # every page's path, for the counting service
IMAGE = "anh/{name}"  # photo derivatives; names carry a content hash, so they never change
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
RECORD = ".portal/addresses.tsv"  # the record of published addresses, copied into each site
PAGEFIND = "pagefind/"  # the search index, written by Pagefind after the build


def article(slug: str) -> str:
    return ARTICLE.format(slug=slug)


def notice(slug: str) -> str:
    return NOTICE.format(slug=slug)


def notices(kind_slug: str = "") -> str:
    """The notices listing, or one kind's listing when `kind_slug` is given."""
    return NOTICES_KIND.format(slug=kind_slug) if kind_slug else NOTICES


def notices_expired() -> str:
    return NOTICES_EXPIRED


def category(slug: str) -> str:
    return CATEGORY.format(slug=slug)


def attachment(id: str) -> str:  # noqa: A002 (the attachment's id)
    return ATTACHMENT.format(id=id)


def attachment_file(id: str, ext: str) -> str:  # noqa: A002
    return ATTACHMENT_FILE.format(id=id, ext=ext)


def attachments() -> str:
    return ATTACHMENTS


def register() -> str:
    return REGISTER


def search() -> str:
    return SEARCH


def tag(slug: str) -> str:
    return TAG.format(slug=slug)


def tag_index() -> str:
    return TAG_INDEX


def feeds_page() -> str:
    return FEEDS_PAGE


def site_map() -> str:
    return SITE_MAP


def rss(base: str) -> str:
    """The RSS feed of a listing at `base` ("" for the whole site)."""
    return base + RSS


def atom(base: str) -> str:
    return base + ATOM


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL made absolute; `site_url` ends with a slash."""
    return site_url + url


def image(name: str) -> str:
    return IMAGE.format(name=name)


def video(name: str) -> str:
    """A video, its poster or its subtitles: /video/<name>-<content digest>.<ext>."""
    return f"video/{name}"


def archive_index() -> str:
    return ARCHIVE_INDEX


def archive_year(year: int) -> str:
    return ARCHIVE_YEAR.format(year=year)


def paged(base: str, number: int) -> str:
    """Page 1 of a listing is its base URL; page n is `<base>trang/<n>/`."""
    return base if number == 1 else base + PAGE_SUFFIX.format(number=number)


def src_uri(url: str) -> str:
    """The virtual Markdown path that MkDocs (directory URLs on) publishes at `url`."""
    return url + "index.md" if url else "index.md"


def output_path(url: str) -> str:
    """The file a page at `url` is written to (directory URLs)."""
    return url + "index.html"


def relative(url: str, page_url: str) -> str:
    """`url` as a link from the page at `page_url` (both site-relative)."""
    folder = page_url
    head, tail = posixpath.split(page_url)
    if "." in tail:
        folder = head
    link = posixpath.relpath("/" + url, "/" + folder)
    return link + "/" if url.endswith("/") else link
