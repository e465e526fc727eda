"""The portal's face (NĐ 42/2022): hotlines on every page, the footer's facts, the site map."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal import urls
from portal.repository import plan_repository
from portal.site.facts import tel
from portal.text import first_paragraph
from tests.build.site_checks import html_files
from tests.conftest import REPO

ENGLISH = ("Made with", "Material for MkDocs", "Copyright", "Powered by", "Back to top")


def resolve(href: str, page_url: str) -> str:
    """A relative link on the page at `page_url` as a site URL ("" for the home page)."""
    joined = posixpath.normpath(posixpath.join(page_url, href))
    return "" if joined == "." else joined.rstrip("/") + "/"


@pytest.fixture(scope="module")
def plan():
    return plan_repository(REPO / "mkdocs.yml", process_photos=False)


def test_every_page_has_the_hotlines_as_tel_links_in_its_header(sample_site: Path, plan) -> None:
    hotlines = plan.settings.facts.hotlines
    assert hotlines
    wanted = [tel(line.target) for line in hotlines]
    pages = html_files(sample_site)
    assert len(pages) > 50
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        links = page.select(".portal-toolbar .portal-hotline a[href^='tel:']")
        assert [a["href"] for a in links] == wanted, path
        # The toolbar sits right under the header, before the page's own content.
        assert page.select_one(".portal-toolbar").find_next("main") is not None, path


def test_every_footer_holds_each_configured_fact_and_no_english(sample_site: Path, plan) -> None:
    given = plan.settings.facts
    assert {key for key, _ in given.agency} == {
        "owner", "address", "phone", "email", "responsible", "licence"
    }  # fmt: skip
    for path in html_files(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        footers = page.select("footer.md-footer")  # the page's own, not a notice's
        assert len(footers) == 1, path
        text = footers[0].get_text(" ", strip=True)
        for _, value in given.agency:
            assert value in text, (path, value)
        hrefs = {a["href"] for a in footers[0].select("a")}
        assert {link.target for link in (*given.services, *given.web_links)} <= hrefs, path
        assert f"mailto:{given.feedback}" in hrefs and tel(dict(given.agency)["phone"]) in hrefs
        assert not [word for word in ENGLISH if word.lower() in text.lower()], path


# Names Material gives in English where its Vietnamese strings stop, as a screen reader says them.
ENGLISH_NAMES = {"tabs", "logo", "header", "footer", "navigation", "search", "share", "close"}


def test_screen_readers_hear_no_english_names(sample_site: Path) -> None:
    for path in html_files(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        names = {
            value.strip().lower()
            for attribute in ("aria-label", "alt", "title")
            for element in page.select(f"[{attribute}]")
            if (value := element[attribute])
        }
        assert not names & ENGLISH_NAMES, (path, names & ENGLISH_NAMES)


def test_the_site_map_links_every_section_category_and_static_page(sample_site: Path, plan) -> None:
    page_url = urls.site_map()
    page = BeautifulSoup(
        (sample_site / urls.output_path(page_url)).read_text(encoding="utf-8"), "lxml"
    )
    linked = {
        urls.output_path(resolve(a["href"], page_url))
        for a in page.select("main a[href]") if not a["href"].startswith(("#", "http", "tel:"))
    }  # fmt: skip
    wanted = {
        urls.output_path(url)
        for url in (
            "", urls.notices(), urls.register(), urls.attachments(), urls.tag_index(),
            urls.archive_index(), urls.feeds_page(), urls.notices_expired(),
            *(category.url for category in plan.collections.categories),
            *(file.url for file in plan.static if file.url is not None),
        )
    }  # fmt: skip
    assert wanted - linked == set()
    # Every link on it leads to a page that exists, and every page links to the site map.
    assert all((sample_site / path).is_file() for path in linked)
    home = BeautifulSoup((sample_site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.select_one(f"footer a[href='{page_url}']") is not None


def test_no_summary_ends_in_a_colon(sample_site: Path, plan) -> None:
    # Three sample notices open with a lead-in ending in ":" and have no summary of their own.
    lead_ins = [i for i in plan.collections.published if first_paragraph(i.body).endswith(":")]
    assert len(lead_ins) >= 3
    assert all(i.summary.endswith(".") for i in lead_ins)
    shown = []
    for path in html_files(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        shown += [p.get_text(strip=True) for p in page.select(".portal-card__summary")]
        shown += [
            m["content"]
            for m in page.select("meta[name=description], meta[property='og:description']")
        ]
    assert len(shown) > 100
    assert not [text for text in shown if text.rstrip().endswith(":")]


def test_the_home_page_leads_with_news_and_tells_notices_from_news(sample_site: Path, plan) -> None:
    home = BeautifulSoup((sample_site / "index.html").read_text(encoding="utf-8"), "lxml")
    collections = plan.collections
    news = [i for i in collections.published if not i.notice]
    lead = next(i for i in news[:5] if i.image)
    story = home.select_one(".portal-lead-story")
    assert story.select_one(".portal-lead-story__title a").get_text() == lead.title
    assert story.select_one(".portal-lead-story__photo img")["fetchpriority"] == "high"
    latest = [a.get_text() for a in home.select(".portal-home__latest a")]
    assert latest == [i.title for i in news if i is not lead][:5]
    # A notice and a news item with the same title are told apart by kind and number.
    kinds = {
        li.select_one("a").get_text(): li.select_one(".portal-citizens__kind").get_text()
        for li in home.select(".portal-citizens li")
    }
    assert kinds[
        "Thông báo về thủ đoạn giả danh cơ quan Công an để lừa đảo chiếm đoạt tài sản"
    ] == ("Thông báo số 45/TB-CAT-PV01")
    assert "Tin bài" in kinds.values()
    # Every other category has its section, with a thumbnail where its newest item has a photo.
    sections = {s.h2.get_text(): s for s in home.select(".portal-home__category")}
    for category in collections.categories:
        if category.slug == plan.settings.citizens_category:
            continue
        first = collections.latest(category)[0]
        section = sections[category.name]
        assert section.select_one(".portal-home__first h3 a").get_text() == first.title
        assert bool(section.select_one(".portal-home__first img")) == bool(first.image)
