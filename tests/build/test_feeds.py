"""Feeds of the sample site and of generated corpora, checked as feed readers and the W3C
validator would check them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from portal.text import fold
from tests.build.feed_checks import check_atom, check_rss
from tests.build.site_checks import html_files
from tests.build.test_sample_site import categories_of_repo
from tests.conftest import Project

SAMPLE_URL = "https://congan.longan.example.vn/"


def feed_files(site: Path) -> list[Path]:
    return sorted([*site.rglob("rss.xml"), *site.rglob("atom.xml")])


def check_all(site: Path, site_url: str, unique_updated: bool = True) -> list[str]:
    problems = []
    for path in feed_files(site):
        rel = path.relative_to(site).as_posix()
        if path.name == "rss.xml":
            found = check_rss(path, site_url + rel)
        else:
            found = check_atom(path, site_url + rel, unique_updated)
        problems += [f"{rel}: {p}" for p in found]
    return problems


def entry_links(path: Path) -> list[str]:
    return [e.link for e in feedparser.parse(path.read_bytes()).entries]


def test_sample_site_has_a_feed_pair_for_the_site_every_category_and_every_tag(
    sample_site: Path,
) -> None:
    folders = {p.parent.relative_to(sample_site).as_posix() for p in feed_files(sample_site)}
    tags = {
        p.parent.relative_to(sample_site).as_posix()
        for p in (sample_site / "the").glob("*/index.html")
    }
    expected = {".", "tai-lieu"} | {f"chuyen-muc/{c.slug}" for c in categories_of_repo()} | tags
    assert folders == expected
    assert "the/antt" in folders
    for folder in folders:
        assert (sample_site / folder / "rss.xml").is_file() and (
            sample_site / folder / "atom.xml"
        ).is_file()


def test_sample_feeds_have_nothing_the_w3c_validator_would_flag(sample_site: Path) -> None:
    assert check_all(sample_site, SAMPLE_URL) == []


def test_antt_feed_holds_exactly_the_newest_antt_items_in_order(sample_site: Path) -> None:
    pages = []
    for path in [
        *sample_site.glob("tin-tuc/*/index.html"),
        *sample_site.glob("thong-bao/*/index.html"),
    ]:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        tags = [fold(a.get_text()) for a in page.select(".portal-tag")]
        if "antt" in tags:
            when = page.select_one(".portal-meta time, .portal-notice__meta time")["datetime"]
            url = path.parent.relative_to(sample_site).as_posix()
            pages.append((when, SAMPLE_URL + url + "/"))
    expected = [url for _, url in sorted(pages, reverse=True)][:30]
    assert len(expected) >= 5
    assert entry_links(sample_site / "the" / "antt" / "rss.xml") == expected
    assert entry_links(sample_site / "the" / "antt" / "atom.xml") == expected


def test_feed_entries_carry_dates_authors_categories_and_full_content(sample_site: Path) -> None:
    feed = feedparser.parse((sample_site / "the" / "antt" / "rss.xml").read_bytes())
    entry = next(e for e in feed.entries if "ket-qua-phong-trao" in e.link)
    assert entry.published == "Wed, 25 Apr 2018 09:30:00 +0700"
    assert entry.author == "Phòng PV28 (mẫu)"
    # A tag's feed names the category and that tag; the site's feed names every tag.
    assert [t.term for t in entry.tags] == ["Người dân cần biết", "ANTT"]
    site = feedparser.parse((sample_site / "rss.xml").read_bytes())
    same = next(e for e in site.entries if e.link == entry.link)
    assert {t.term for t in same.tags} >= {"Người dân cần biết", "ANTT", "Camera an ninh"}
    assert entry.summary.startswith("150 cơ quan, doanh nghiệp, nhà trường")
    assert "<table>" in entry.content[0].value and "19.732" in entry.content[0].value
    atom = feedparser.parse((sample_site / "the" / "antt" / "atom.xml").read_bytes())
    atom_entry = next(e for e in atom.entries if "ket-qua-phong-trao" in e.link)
    assert atom_entry.published == "2018-04-25T09:30:00+07:00"
    assert atom_entry.updated == "2018-04-25T09:30:00+07:00"
    assert atom_entry.id == entry.link


def test_every_page_announces_the_site_feeds_and_listings_their_own(sample_site: Path) -> None:
    for path in html_files(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        alternates = {
            (link["type"], link["href"].rsplit("/", 1)[-1])
            for link in page.select('link[rel="alternate"]')
        }
        assert {
            ("application/rss+xml", "rss.xml"),
            ("application/atom+xml", "atom.xml"),
        } <= alternates
    antt = BeautifulSoup((sample_site / "the/antt/index.html").read_text(encoding="utf-8"), "lxml")
    hrefs = [link["href"] for link in antt.select('link[rel="alternate"]')]
    assert "rss.xml" in hrefs and "atom.xml" in hrefs  # its own, relative to /the/antt/
    visible = antt.select_one(".portal-rss a")
    assert visible["href"] == "rss.xml" and visible.get_text() == "Theo dõi qua RSS"
    category = BeautifulSoup(
        (sample_site / "chuyen-muc/an-ninh-trat-tu/index.html").read_text(encoding="utf-8"), "lxml"
    )
    assert category.select_one(".portal-rss a")["href"] == "rss.xml"


def test_feeds_page_lists_every_feed_with_its_public_url(sample_site: Path) -> None:
    page = BeautifulSoup((sample_site / "rss/index.html").read_text(encoding="utf-8"), "lxml")
    listed = {a.get_text() for a in page.select(".portal-feeds td a")}
    for path in feed_files(sample_site):
        assert SAMPLE_URL + path.relative_to(sample_site).as_posix() in listed
    assert page.h1.get_text() == "RSS"


def test_generated_corpus_feeds_pass_and_hold_the_newest_thirty(corpus: Project) -> None:
    assert check_all(corpus.site, "https://congan.example.vn/") == []
    antt = feedparser.parse((corpus.site / "the/antt/rss.xml").read_bytes())
    assert len(antt.entries) == 30
    links = [e.link for e in antt.entries]
    assert not any("nhap-antt" in link or "tuong-lai-antt" in link for link in links)
    tagged = []
    for path in (corpus.site / "tin-tuc").glob("*/index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if "ANTT" in [a.get_text() for a in page.select(".portal-tag")]:
            tagged.append((page.select_one(".portal-meta time")["datetime"], path.parent.name))
    assert [link.split("/")[-2] for link in links] == [
        slug for _, slug in sorted(tagged, reverse=True)
    ][:30]


def test_hostile_text_gives_escaped_well_formed_feeds(odd: Project) -> None:
    proj = odd
    expected_title = unicodedata.normalize(
        "NFC", 'Tin <script>alert("x")</script> & "ngoặc" \'đơn\' Tổ quốc'
    )
    for rel in ("rss.xml", "atom.xml", "the/b-antt-b/rss.xml", "the/a-b/atom.xml"):
        feed = feedparser.parse((proj.site / rel).read_bytes())
        assert feed.bozo == 0, (rel, feed.get("bozo_exception"))
        [entry] = [e for e in feed.entries if e.link.endswith("/tin-tuc/hostile-feed/")]
        assert entry.title == expected_title
        content = entry.content[0].value
        assert "<script>" not in content and "&lt;script&gt;" in content
        assert "\x02" not in content
        assert 'href="https://congan.example.vn/tin-tuc/khac/"' in content
        # The site's feeds name every tag; a tag's feed names its own.
        named = {
            "rss.xml": {"<b>ANTT</b>", "A&B"},
            "atom.xml": {"<b>ANTT</b>", "A&B"},
            "the/b-antt-b/rss.xml": {"<b>ANTT</b>"},
            "the/a-b/atom.xml": {"A&B"},
        }[rel]
        assert {t.term for t in entry.tags} >= named
    raw = (proj.site / "rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>ANTT</b>" not in raw
