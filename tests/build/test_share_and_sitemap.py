"""Share cards, structured data, sitemap and robots.txt of the built sample site."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from tests.build.site_checks import html_files, page_url, repo_plan
from tests.conftest import soup

SITE = "https://congan.longan.example.vn/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PHOTO_ARTICLE = (
    "tin-tuc/khen-thuong-15-tap-the-25-ca-nhan-trong-phong-trao-toan-dan-bao-ve-an-ninh-to/"
)
NOTICE = "thong-bao/day-manh-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2018/"


@pytest.fixture(scope="module")
def published():
    """The sample's published items, as the plugin plans them."""
    return {item.url: item for item in repo_plan().collections.published}


def open_graph(page: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in page.select("meta[property], meta[name^='twitter:']"):
        found.setdefault(meta.get("property") or meta["name"], []).append(meta["content"])
    return found


def json_ld(page: BeautifulSoup) -> dict[str, dict]:
    scripts = page.select("script[type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def site_file(site: Path, absolute: str) -> Path:
    assert absolute.startswith(SITE), absolute
    return site / urlsplit(absolute).path.lstrip("/")


def test_every_item_page_has_its_share_card(sample_site: Path, published) -> None:
    for url, item in published.items():
        tags = open_graph(soup(sample_site, url))
        assert tags["og:type"] == ["article"] and tags["og:title"] == [item.title]
        assert tags["og:url"] == [SITE + url]
        assert tags["og:description"] == [item.summary] == tags["twitter:description"]
        assert tags["article:published_time"] == [item.date.isoformat()]
        assert tags["article:published_time"][0].endswith("+07:00")
        assert tags["twitter:card"] == ["summary_large_image"]
        image = site_file(sample_site, tags["og:image"][0])
        with Image.open(image) as picture:
            assert [str(picture.width), str(picture.height)] == [
                tags["og:image:width"][0],
                tags["og:image:height"][0],
            ]
        assert tags["og:image"] == tags["twitter:image"]


def test_a_lead_photo_becomes_a_1200_by_630_card(sample_site: Path) -> None:
    tags = open_graph(soup(sample_site, PHOTO_ARTICLE))
    assert "-card.jpg" in tags["og:image"][0]
    with Image.open(site_file(sample_site, tags["og:image"][0])) as card:
        assert card.size == (1200, 630) and not card.getexif()
    assert tags["og:image:alt"][0].startswith("Hội trường hội nghị tổng kết")


def test_pages_without_a_photo_share_the_default_card(sample_site: Path) -> None:
    for url in ("", "gioi-thieu/", NOTICE, "chuyen-muc/giao-thong/"):
        tags = open_graph(soup(sample_site, url))
        assert tags["og:image"] == [SITE + "assets/share-card.jpg"], url
        assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])
    assert open_graph(soup(sample_site, ""))["og:type"] == ["website"]


def test_news_json_ld_is_a_news_article_with_breadcrumbs_and_the_organisation(
    sample_site: Path, published
) -> None:
    item = published[PHOTO_ARTICLE]
    nodes = json_ld(soup(sample_site, PHOTO_ARTICLE))
    organisation = nodes["GovernmentOrganization"]
    assert organisation["name"] == "Công an tỉnh Long An" and organisation["url"] == SITE
    assert site_file(sample_site, organisation["logo"]["url"]).is_file()
    article = nodes["NewsArticle"]
    assert article["headline"] == item.title
    assert article["mainEntityOfPage"] == SITE + PHOTO_ARTICLE
    for key in ("datePublished", "dateModified"):
        assert datetime.fromisoformat(article[key]).utcoffset().total_seconds() == 7 * 3600
    assert article["datePublished"] == item.date.isoformat()
    assert article["publisher"] == {"@id": organisation["@id"]}
    assert all(site_file(sample_site, url).is_file() for url in article["image"])
    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Trang chủ", "Tin hoạt động", item.title]
    assert [c["item"] for c in crumbs] == [
        SITE,
        SITE + "chuyen-muc/tin-hoat-dong/",
        SITE + PHOTO_ARTICLE,
    ]


def test_notice_json_ld_is_an_article_with_its_number(sample_site: Path) -> None:
    nodes = json_ld(soup(sample_site, NOTICE))
    assert "NewsArticle" not in nodes
    assert nodes["Article"]["identifier"] == "602/UBND-NCTCD"
    assert nodes["Article"]["genre"] == "Công văn"
    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert crumbs[1] == {
        "@type": "ListItem",
        "position": 2,
        "name": "Người dân cần biết",
        "item": SITE + "nguoi-dan-can-biet/",
    }


def test_home_json_ld_names_the_site_and_its_search(sample_site: Path) -> None:
    nodes = json_ld(soup(sample_site, ""))
    action = nodes["WebSite"]["potentialAction"]
    assert action["target"] == SITE + "tim-kiem/?q={search_term_string}"
    assert "GovernmentOrganization" in nodes


def test_sitemap_lists_exactly_the_published_pages_with_their_last_change(
    sample_site: Path, published
) -> None:
    index = etree.parse(str(sample_site / "sitemap.xml")).getroot()
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    entries: dict[str, str | None] = {}
    for loc in index.findall("s:sitemap/s:loc", NS):
        part = etree.parse(str(site_file(sample_site, loc.text))).getroot()
        for url in part.findall("s:url", NS):
            lastmod = url.find("s:lastmod", NS)
            entries[url.find("s:loc", NS).text] = None if lastmod is None else lastmod.text
    pages = {
        SITE + page_url(sample_site, path).lstrip("/")
        for path in html_files(sample_site)
        if path.name == "index.html"
    }
    assert set(entries) == pages
    assert SITE + "404.html" not in entries
    for url, item in published.items():
        assert entries[SITE + url] == item.modified.isoformat()
    assert all(value and value.endswith("+07:00") for value in entries.values())
    # A listing changes when its newest item does.
    giao_thong = [i for i in published.values() if i.category.slug == "giao-thong"]
    newest = max(i.modified for i in giao_thong)
    assert entries[SITE + "chuyen-muc/giao-thong/"] == newest.isoformat()
    assert not (sample_site / "sitemap.xml.gz").exists()


def test_robots_txt_points_to_the_sitemap(sample_site: Path) -> None:
    lines = (sample_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE}sitemap.xml" in lines
    assert not any(line.strip() == "Disallow: /" for line in lines)
