"""Feed checks modelled on the W3C Feed Validation Service's messages.

Each check names the validator message it guards against, so a feed that passes these has
none of the errors or warnings that apply to the portal's feeds.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
from feedparser.sanitizer import _HTMLSanitizer
from lxml import etree

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} \+0700$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$")
HTML_IN_TEXT = re.compile(r"<[a-zA-Z/!]")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def html_problems(html: str, where: str) -> list[str]:
    """SecurityRisk, SecurityRiskAttr, DangerousStyleAttr and ContainsRelRef in escaped HTML."""
    parser = _Tags()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.tags:
        if tag not in _HTMLSanitizer.acceptable_elements:
            problems.append(f"{where}: SecurityRisk <{tag}>")
        for name, value in attrs:
            if name not in _HTMLSanitizer.acceptable_attributes:
                problems.append(f"{where}: SecurityRiskAttr {name} on <{tag}>")
            if name == "style":
                for prop in re.findall(r"([-\w]+)\s*:", value or ""):
                    if prop not in _HTMLSanitizer.acceptable_css_properties:
                        problems.append(f"{where}: DangerousStyleAttr {prop}")
            if name in ("href", "src") and value and not re.match(r"^\w+:", value):
                problems.append(f"{where}: ContainsRelRef {value}")
    return problems


def _text(element: etree._Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _absolute(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def check_rss(path: Path, public_url: str) -> list[str]:
    """Problems in one RSS 2.0 file published at `public_url`."""
    data = path.read_bytes()
    problems: list[str] = []
    parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append(f"feedparser: {parsed.bozo_exception}")
    channel = etree.fromstring(data).find("channel")
    if channel is None:
        return [*problems, "MissingElement channel"]
    for name in ("title", "link", "description"):
        if not _text(channel.find(name)).strip():
            problems.append(f"MissingElement channel/{name}")
    link = _text(channel.find("link"))
    if not _absolute(link):
        problems.append(f"InvalidFullLink channel/link {link}")
    if _text(channel.find("language")) != "vi":
        problems.append("InvalidLanguage")
    if not _text(channel.find("generator")):
        problems.append("MissingElement generator")
    self_links = [e for e in channel.findall("atom:link", NS) if e.get("rel") == "self"]
    if len(self_links) != 1:
        problems.append("MissingAtomSelfLink")
    elif self_links[0].get("href") != public_url:
        problems.append(f"SelfDoesntMatchLocation {self_links[0].get('href')} != {public_url}")
    elif self_links[0].get("type") != "application/rss+xml":
        problems.append("SelfNotAtom/type")
    image = channel.find("image")
    if image is None:
        problems.append("MissingElement image")
    else:
        url = _text(image.find("url"))
        if not _absolute(url) or url.rsplit(".", 1)[-1].lower() not in (
            "png",
            "jpg",
            "jpeg",
            "gif",
        ):
            problems.append(f"ImageUrlFormat {url}")
        if _text(image.find("link")) != link:
            problems.append("ImageLinkDoesntMatch")
        if _text(image.find("title")) != _text(channel.find("title")):
            problems.append("ImageTitleDoesntMatch")
        if (
            int(_text(image.find("width")) or 88) > 144
            or int(_text(image.find("height")) or 31) > 400
        ):
            problems.append("InvalidWidth/InvalidHeight of image")
    items = channel.findall("item")
    dates = []
    guids = []
    for n, item in enumerate(items):
        where = f"item {n}"
        for name in ("title", "link", "description", "guid", "pubDate"):
            if not _text(item.find(name)).strip():
                problems.append(f"{where}: MissingElement {name}")
        guid = item.find("guid")
        guids.append(_text(guid))
        if guid is not None and (
            guid.get("isPermaLink") != "true" or _text(guid) != _text(item.find("link"))
        ):
            problems.append(f"{where}: guid is not the permalink")
        if not _absolute(_text(item.find("link"))):
            problems.append(f"{where}: InvalidFullLink")
        pub = _text(item.find("pubDate"))
        if not RFC822.match(pub):
            problems.append(f"{where}: InvalidRFC2822Date {pub}")
        else:
            dates.append(parsedate_to_datetime(pub))
        for name in ("title", "description"):
            if HTML_IN_TEXT.search(_text(item.find(name))):
                problems.append(f"{where}: ContainsUndeclaredHTML in {name}")
        if not _text(item.find("dc:creator", NS)):
            problems.append(f"{where}: no author (dc:creator)")
        content = item.find("content:encoded", NS)
        enclosure = item.find("enclosure")
        if enclosure is not None:
            if not _absolute(enclosure.get("url", "")) or not enclosure.get("length", "").isdigit():
                problems.append(f"{where}: enclosure needs an absolute url and a length")
            if not enclosure.get("type"):
                problems.append(f"{where}: enclosure without type")
        elif content is None:
            problems.append(f"{where}: no content:encoded")
        else:
            problems += html_problems(_text(content), where)
        for category in item.findall("category"):
            if category.get("domain") and not _absolute(category.get("domain")):
                problems.append(f"{where}: category domain not absolute")
    if len(set(guids)) != len(guids):
        problems.append("DuplicateValue guid")
    last = _text(channel.find("lastBuildDate"))
    if not RFC822.match(last):
        problems.append(f"InvalidRFC2822Date lastBuildDate {last}")
    elif dates and parsedate_to_datetime(last) != max(dates):
        problems.append("lastBuildDate is not the newest item's date")
    return problems


def check_atom(path: Path, public_url: str, unique_updated: bool = True) -> list[str]:
    """Problems in one Atom 1.0 file published at `public_url`."""
    data = path.read_bytes()
    problems: list[str] = []
    parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append(f"feedparser: {parsed.bozo_exception}")
    feed = etree.fromstring(data)
    if feed.get("{http://www.w3.org/XML/1998/namespace}lang") != "vi":
        problems.append("xml:lang is not vi")
    for name in ("id", "title", "updated"):
        if not _text(feed.find(f"atom:{name}", NS)).strip():
            problems.append(f"MissingElement feed/{name}")
    if not _text(feed.find("atom:author/atom:name", NS)):
        problems.append("MissingElement feed/author")
    links = {e.get("rel", "alternate"): e for e in feed.findall("atom:link", NS)}
    if "self" not in links:
        problems.append("MissingSelf")
    elif (
        links["self"].get("href") != public_url
        or links["self"].get("type") != "application/atom+xml"
    ):
        problems.append(f"SelfDoesntMatchLocation {links['self'].get('href')}")
    if "alternate" not in links or not _absolute(links["alternate"].get("href", "")):
        problems.append("MissingElement alternate link")
    for name in ("icon", "logo"):
        if not _absolute(_text(feed.find(f"atom:{name}", NS))):
            problems.append(f"{name} is not an absolute URL")
    updated = _text(feed.find("atom:updated", NS))
    if not RFC3339.match(updated):
        problems.append(f"InvalidRFC3339Date feed/updated {updated}")
    ids, entry_updated = [], []
    for n, entry in enumerate(feed.findall("atom:entry", NS)):
        where = f"entry {n}"
        links = entry.findall("atom:link", NS)
        enclosures = [link for link in links if link.get("rel") == "enclosure"]
        required = ("id", "title", "updated", "published", "summary", "author/atom:name")
        for name in required + (() if enclosures else ("content",)):
            if not _text(entry.find(f"atom:{name}", NS)).strip():
                problems.append(f"{where}: MissingElement {name}")
        ids.append(_text(entry.find("atom:id", NS)))
        for name in ("updated", "published"):
            value = _text(entry.find(f"atom:{name}", NS))
            if not RFC3339.match(value):
                problems.append(f"{where}: InvalidRFC3339Date {name} {value}")
        entry_updated.append(_text(entry.find("atom:updated", NS)))
        alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != 1 or not _absolute(alternates[0].get("href", "")):
            problems.append(f"{where}: MissingContentOrAlternate or a second alternate link")
        for link in enclosures:
            if not _absolute(link.get("href", "")) or not link.get("length", "").isdigit():
                problems.append(f"{where}: enclosure link needs an absolute href and a length")
        content = entry.find("atom:content", NS)
        if content is not None:
            if content.get("type") != "html":
                problems.append(f"{where}: content type is not html")
            problems += html_problems(_text(content), where)
        for name in ("title", "summary"):
            if HTML_IN_TEXT.search(_text(entry.find(f"atom:{name}", NS))):
                problems.append(f"{where}: ContainsUndeclaredHTML in {name}")
    if len(set(ids)) != len(ids):
        problems.append("DuplicateIds")
    if unique_updated and len(set(entry_updated)) != len(entry_updated):
        problems.append("DuplicateUpdated")
    if entry_updated and RFC3339.match(updated):
        newest = max(datetime.fromisoformat(u) for u in entry_updated)
        if datetime.fromisoformat(updated) != newest:
            problems.append("feed updated is not the newest entry's")
    return problems
