"""Outputs stage (feed bodies): an article's page HTML as feed readers and validators take it:
plain photos and videos, tables without the page's scrolling box, absolute links, and only
the characters XML 1.0 allows."""

from __future__ import annotations

import re
from urllib.parse import urljoin

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_URL_ATTR = re.compile(r'(\s(?:href|src|poster)=")([^"]*)(")')
# The portal's own photo markup (figures.py): one <picture>, a WebP <source>, a JPEG <img>.
_PICTURE = re.compile(r"<picture><source [^>]*/>(<img [^>]*/>)</picture>")
_VIDEO_EXTRAS = re.compile(r'<track [^>]*/>|\s(?:aria-label|download)="[^"]*"')
_PAGE_ONLY_ATTR = re.compile(r'\s(?:srcset|sizes|loading|decoding|fetchpriority)="[^"]*"')
# A body's table in its scrolling box (mkdocs/markdown.py): a page's keyboard aid, which feed
# validators flag (role, tabindex on a div).
_TABLE_BOX = re.compile(
    r'<div class="portal-table-scroll"[^>]*>(<table>.*?</table>)</div>', re.DOTALL
)


def clean_xml_text(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)


def plain_pictures(html: str) -> str:
    """Feed readers get each photo as one `<img>` (the 960 px JPEG): they do not know
    `<picture>`, `srcset` or lazy loading, and validators flag them."""

    def one(match: re.Match[str]) -> str:
        return _PAGE_ONLY_ATTR.sub("", match.group(1))

    return _PICTURE.sub(one, html)


def plain_videos(html: str) -> str:
    """Feed readers get a video with its poster, sources and download link: subtitle tracks,
    ARIA names and `download` are outside what feed validators accept (the enclosure carries
    the file itself)."""
    return _VIDEO_EXTRAS.sub("", html)


def plain_tables(html: str) -> str:
    """Feed readers get a body's tables as tables, without the page's scrolling box."""
    return _TABLE_BOX.sub(r"\1", html)


def absolutize_html(html: str, page_url: str) -> str:
    """Every href and src URL made absolute against the page's own absolute URL."""

    def one(match: re.Match[str]) -> str:
        return match.group(1) + urljoin(page_url, match.group(2)) + match.group(3)

    return _URL_ATTR.sub(one, html)


def feed_html(html: str, link: str) -> str:
    """The body of the article at `link` (absolute) as a feed entry carries it."""
    return clean_xml_text(absolutize_html(plain_tables(plain_videos(plain_pictures(html))), link))
