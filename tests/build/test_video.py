"""Video in the built sample site: the player, its poster and subtitles, feeds and sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
from PIL import Image

from tests.conftest import REPO, soup

ARTICLE = "tin-tuc/tin-antt-ngay-22-9-2020"
SOURCE = REPO / "news/2020/tin-antt-22-9-2020.mp4"
SITE_URL = "https://congan.longan.example.vn/"
VIDEO_NS = "{http://www.google.com/schemas/sitemap-video/1.1}"


def local(site: Path, page: str, href: str) -> Path:
    """The built file a relative link on `page` points to (never another host)."""
    target = urlsplit(urljoin(f"{SITE_URL}{page}/", href))
    assert f"{target.scheme}://{target.netloc}/" == SITE_URL, href
    return site / target.path.lstrip("/")


def test_the_video_is_a_player_with_poster_and_subtitles(sample_site: Path) -> None:
    page = soup(sample_site, ARTICLE)
    [video] = page.select(".portal-article figure.portal-video video")
    assert video.has_attr("controls") and video["preload"] == "none"
    assert video["aria-label"].startswith("Bản tin an ninh trật tự ngày 22/9/2020")
    assert (video["width"], video["height"]) == ("640", "360")
    source = video.select_one("source")
    assert source["type"] == "video/mp4"
    assert local(sample_site, ARTICLE, source["src"]).read_bytes() == SOURCE.read_bytes()
    with Image.open(local(sample_site, ARTICLE, video["poster"])) as poster:
        assert poster.format == "JPEG" and poster.size == (640, 360)
        # A frame of the clip (its red background), not a blank picture.
        red, green, _ = poster.convert("RGB").getpixel((20, 20))
        assert red > 120 and green < 60
    track = video.select_one("track")
    assert (track["kind"], track["srclang"]) == ("captions", "vi")
    captions = local(sample_site, ARTICLE, track["src"]).read_text(encoding="utf-8")
    assert captions == SOURCE.with_suffix(".vtt").read_text(encoding="utf-8")
    caption = page.select_one("figure.portal-video figcaption").get_text(" ", strip=True)
    assert "4 giây" in caption and "Tải video (MP4, 23 KB)" in caption


def test_feeds_enclose_the_video_and_the_sitemap_lists_it(sample_site: Path) -> None:
    size = SOURCE.stat().st_size
    for feed in ("rss.xml", "atom.xml", "the/video/rss.xml", "the/video/atom.xml"):
        parsed = feedparser.parse((sample_site / feed).read_bytes())
        assert parsed.bozo == 0, feed
        [entry] = [e for e in parsed.entries if e.link.endswith(f"/{ARTICLE}/")]
        [enclosure] = entry.enclosures
        assert enclosure.type == "video/mp4" and int(enclosure.length) == size, feed
        assert enclosure.href.startswith(SITE_URL + "video/"), feed
        assert 'poster="https://' in entry.content[0].value  # absolute in a feed reader
    urlset = ET.parse(sample_site / "sitemap-pages.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    [url] = [u for u in urlset if u.findtext(f"{ns}loc") == f"{SITE_URL}{ARTICLE}/"]
    video = url.find(f"{VIDEO_NS}video")
    assert video.findtext(f"{VIDEO_NS}content_loc").endswith(".mp4")
    assert video.findtext(f"{VIDEO_NS}thumbnail_loc").endswith(".jpg")
    assert video.findtext(f"{VIDEO_NS}duration") == "4"
    for tag in ("content_loc", "thumbnail_loc"):
        path = video.findtext(f"{VIDEO_NS}{tag}").removeprefix(SITE_URL)
        assert (sample_site / path).is_file(), path
