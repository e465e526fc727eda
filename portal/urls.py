"""Every public URL pattern of the portal, relative to the site root, without a leading slash."""

from __future__ import annotations

ARTICLE = "tin-tuc/{slug}/"
CATEGORY = "chuyen-muc/{slug}/"
ARCHIVE_INDEX = "luu-tru/"
ARCHIVE_YEAR = "luu-tru/{year}/"
PAGE_SUFFIX = "trang/{number}/"


def article(slug: str) -> str:
    return ARTICLE.format(slug=slug)


def category(slug: str) -> str:
    return CATEGORY.format(slug=slug)


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
