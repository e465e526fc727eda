"""Feeds of the sample site and of generated corpora, checked as feed readers and the W3C
validator would check them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from portal import cli
from portal.text import fold
from tests.build.feed_checks import check_atom, check_rss
from tests.build.site_checks import html_files, tree_digest
from tests.build.test_sample_site import categories_of_repo
from tests.conftest import Project, item
from tests.synthetic import mkdocs_yml, write_corpus

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
    assert {t.term for t in entry.tags} >= {"Người dân cần biết", "ANTT", "Camera an ninh"}
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


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """250 items (so feeds are cut at 30), plus an ANTT draft and an ANTT future item."""
    root = tmp_path_factory.mktemp("feeds")
    config = write_corpus(root, 250)
    project = Project(root)
    project.write(
        {
            "news/nhap.md": item("Nháp ANTT", "2019-01-01 08:00", tags="[ANTT]", draft="true"),
            "news/sau.md": item("Tương lai ANTT", "2099-01-01 08:00", tags="[ANTT]"),
        }
    )
    assert cli.build(config, project.site) == 0
    return project


def test_generated_corpus_feeds_pass_and_hold_the_newest_thirty(corpus_site: Project) -> None:
    assert check_all(corpus_site.site, "https://congan.example.vn/") == []
    antt = feedparser.parse((corpus_site.site / "the/antt/rss.xml").read_bytes())
    assert len(antt.entries) == 30
    links = [e.link for e in antt.entries]
    assert not any("nhap-antt" in link or "tuong-lai-antt" in link for link in links)
    tagged = []
    for path in (corpus_site.site / "tin-tuc").glob("*/index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if "ANTT" in [a.get_text() for a in page.select(".portal-tag")]:
            tagged.append((page.select_one(".portal-meta time")["datetime"], path.parent.name))
    assert [link.split("/")[-2] for link in links] == [
        slug for _, slug in sorted(tagged, reverse=True)
    ][:30]


def test_two_builds_give_byte_identical_feeds(corpus_site: Project, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert cli.build(corpus_site.root / "mkdocs.yml", again) == 0
    first = {k: v for k, v in tree_digest(corpus_site.site).items() if k.endswith(".xml")}
    second = {k: v for k, v in tree_digest(again).items() if k.endswith(".xml")}
    assert first == second and len(first) > 20


def test_hostile_text_gives_escaped_well_formed_feeds(project) -> None:
    title = 'Tin <script>alert("x")</script> & "ngoặc" \'đơn\'\x01\x0b' + unicodedata.normalize(
        "NFD", " Tổ quốc"
    )
    proj = project(
        {
            "news/a.md": item(
                title.replace("\\", "\\\\")
                .replace('"', '\\"')
                .replace("\x01", "\\x01")
                .replace("\x0b", "\\v"),
                "2018-02-08 09:00",
                body="Thân <script>alert(1)</script> & <b>đậm</b>\x02 [liên kết](../khac/)",
                tags='["<b>ANTT</b>", "A&B"]',
                slug="hostile",
            )
        }
    )
    assert proj.build() == 0
    expected_title = unicodedata.normalize(
        "NFC", 'Tin <script>alert("x")</script> & "ngoặc" \'đơn\' Tổ quốc'
    )
    for rel in ("rss.xml", "atom.xml", "the/b-antt-b/rss.xml", "the/a-b/atom.xml"):
        feed = feedparser.parse((proj.site / rel).read_bytes())
        assert feed.bozo == 0, (rel, feed.get("bozo_exception"))
        [entry] = feed.entries
        assert entry.title == expected_title
        content = entry.content[0].value
        assert "<script>" not in content and "&lt;script&gt;" in content
        assert "\x02" not in content
        assert 'href="https://congan.example.vn/tin-tuc/khac/"' in content
        assert {t.term for t in entry.tags} >= {"<b>ANTT</b>", "A&B"}
    raw = (proj.site / "rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>ANTT</b>" not in raw


@pytest.mark.parametrize("site_url", ["", "/tin/", "congan.example.vn", "ftp://congan.example.vn/"])
def test_missing_or_relative_site_url_is_a_clear_error(project, capfd, site_url: str) -> None:
    config = mkdocs_yml().replace("site_url: https://congan.example.vn/", f"site_url: '{site_url}'")
    proj = project({"news/a.md": item("Tin", "2018-02-08 09:00")}, config=config)
    assert proj.build() != 0
    err = capfd.readouterr().err
    # MkDocs rejects some forms itself; the portal rejects the rest. Either way, the field is named.
    assert "site_url" in err
    assert "is not an absolute URL" in err or "should include the http:// (scheme)" in err
    assert "Traceback" not in err
