"""Outputs stage: the sitemap and robots.txt; every published page with its last change.

/sitemap.xml is an index naming the files that list the pages (50,000 at most each, as the
protocol requires). Material's JavaScript fetches `sitemap.xml` next to every
`<link rel="alternate">` of a page (meant for language versions); the feed links are
alternates too, so a full sitemap there would be downloaded on every page view, about 2 MB at
10,000 items. The small index keeps that request cheap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from .. import urls

PER_FILE = 50_000
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
_VIDEO_NS = 'xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"'


def part_name(number: int) -> str:
    return "sitemap-pages.xml" if number == 1 else f"sitemap-pages-{number}.xml"


@dataclass(frozen=True)
class SitemapVideo:
    """A video on a page, as the sitemap video extension describes it to search engines."""

    content: str  # site-relative URLs
    thumbnail: str
    title: str
    description: str
    seconds: float


def _video(site_url: str, video: SitemapVideo) -> str:
    parts = (
        ("thumbnail_loc", urls.absolute(site_url, video.thumbnail)),
        ("title", video.title),
        ("description", video.description),
        ("content_loc", urls.absolute(site_url, video.content)),
        ("duration", str(max(1, round(video.seconds)))),
    )
    inner = "".join(f"<video:{name}>{escape(value)}</video:{name}>" for name, value in parts)
    return f"<video:video>{inner}</video:video>"


def urlset(
    site_url: str,
    pages: Sequence[tuple[str, datetime | None]],
    videos: Mapping[str, Sequence[SitemapVideo]] | None = None,
) -> bytes:
    """One sitemap file: (site-relative URL, last modified) of each page, with its videos."""
    videos = videos or {}
    shown = any(url in videos for url, _ in pages)
    namespaces = f"{_NS} {_VIDEO_NS}" if shown else _NS
    lines = [_HEAD, f"<urlset {namespaces}>\n"]
    for url, modified in pages:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        extra = "".join(_video(site_url, video) for video in videos.get(url, ()))
        loc = escape(urls.absolute(site_url, url))
        lines.append(f"  <url><loc>{loc}</loc>{lastmod}{extra}</url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode()


def sitemaps(
    site_url: str,
    pages: Sequence[tuple[str, datetime | None]],
    videos: Mapping[str, Sequence[SitemapVideo]] | None = None,
) -> dict[str, bytes]:
    """sitemap.xml (the index) and the files it names, by site-relative path."""
    ordered = sorted(pages)
    parts = [ordered[i : i + PER_FILE] for i in range(0, len(ordered), PER_FILE)] or [[]]
    files = {part_name(n): urlset(site_url, part, videos) for n, part in enumerate(parts, start=1)}
    entries = []
    for number, part in enumerate(parts, start=1):
        newest = max((m for _, m in part if m), default=None)
        lastmod = f"<lastmod>{newest.isoformat()}</lastmod>" if newest else ""
        loc = escape(urls.absolute(site_url, part_name(number)))
        entries.append(f"  <sitemap><loc>{loc}</loc>{lastmod}</sitemap>\n")
    index = f"{_HEAD}<sitemapindex {_NS}>\n{''.join(entries)}</sitemapindex>\n"
    files[urls.SITEMAP] = index.encode()
    return files


def robots(site_url: str) -> bytes:
    """Every page may be crawled; the search index's fragments are not pages."""
    base = urlsplit(site_url).path or "/"
    return (
        "User-agent: *\n"
        f"Disallow: {base}{urls.PAGEFIND}\n"
        f"\nSitemap: {urls.absolute(site_url, urls.SITEMAP)}\n"
    ).encode()


def paths(pages: int) -> list[str]:
    """The sitemap files a site of `pages` pages has: the index and its parts."""
    parts = max(1, -(-pages // PER_FILE))
    return [urls.SITEMAP] + [part_name(n) for n in range(1, parts + 1)]
