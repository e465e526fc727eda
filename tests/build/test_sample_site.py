"""The repository's own sample site builds, and what a reader sees on it is right."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal.dates import build_time
from portal.mkdocs.plugin import PortalPlugin  # noqa: F401  (the entry point must import)
from tests.build.site_checks import (
    all_text,
    broken_links,
    external_resources,
    html_files,
    repo_plan,
    tree_digest,
)
from tests.conftest import BUILDS, REPO, soup

SITE_HOST = "congan.longan.example.vn"
NOTICE_KINDS = ("Thông báo", "Công văn", "Kế hoạch", "Quyết định", "Chỉ thị", "Hướng dẫn")


@pytest.fixture(scope="module")
def sample_items():
    """Every item of the sample, drafts and future ones included (as a preview plans it)."""
    return repo_plan(preview=True).collections.published


def categories_of_repo():
    return repo_plan().collections.categories


def test_sample_has_enough_items_across_categories_and_years(sample_items) -> None:
    published = [i for i in sample_items if not i.draft and i.date <= build_time()]
    assert len(published) >= 15
    assert {i.category.slug for i in published} == {c.slug for c in categories_of_repo()}
    assert min(i.year for i in published) <= 2012 and max(i.year for i in published) >= 2024
    assert all(i.tags for i in sample_items)


def test_every_published_item_has_its_page_and_drafts_have_none(
    sample_site: Path, sample_items
) -> None:
    text = all_text(sample_site)
    for item in sample_items:
        page = sample_site / item.url / "index.html"
        if item.draft:
            assert not page.exists()
            assert item.url not in text and item.title not in text
        else:
            h1 = soup(sample_site, item.url).select_one(".portal-article h1, .portal-notice h1")
            assert h1 is not None and h1.get_text(strip=True) == item.title


def test_article_page_shows_vietnamese_date_category_tags_and_other_news(sample_site: Path) -> None:
    page = soup(
        sample_site,
        "tin-tuc/ket-qua-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-trong-co-quan-doanh-nghiep",
    )
    assert page.html["lang"] == "vi"
    time = page.select_one(".portal-meta time")
    assert time.get_text() == "Thứ tư, 25/04/2018, 09:30"
    assert time["datetime"] == "2018-04-25T09:30:00+07:00"
    assert page.select_one(".portal-meta a").get_text() == "Người dân cần biết"
    assert [t.get_text() for t in page.select(".portal-tag")][:1] == ["ANTT"]
    crumbs = [a.get_text() for a in page.select(".portal-breadcrumb a")]
    assert crumbs == ["Trang chủ", "Người dân cần biết"]
    others = [a.get_text() for a in page.select(".portal-others a")]
    # Published just before it in its category, notices included: the notice of the same day
    # (00:00), then the plan of 22/3, and so on back to the UBND news item of 09/02/2018.
    assert others[0].startswith("Thông báo kết quả công tác xây dựng phong trào")
    assert others[1].startswith("Kế hoạch phối hợp xây dựng điểm phong trào")
    assert others[3].startswith("UBND tỉnh đẩy mạnh xây dựng phong trào")
    assert len(others) == 5
    assert page.select_one(".portal-prevnext a[rel=next]") is not None


def test_home_page_highlights_citizens_block_and_links_every_category(sample_site: Path) -> None:
    page = soup(sample_site, "")
    block = page.select_one(".portal-citizens")
    assert block.h2.get_text(strip=True) == "Người dân cần biết"
    assert len(block.select("li a")) == 5
    sections = page.select(".portal-home__category h2 a, .portal-citizens h2 a")
    linked = {a["href"].rstrip("/").split("/")[-1] for a in sections}
    assert {c.slug for c in categories_of_repo()} <= linked


def test_archive_index_counts_items_per_year(sample_site: Path, sample_items) -> None:
    page = soup(sample_site, "luu-tru")
    rows = {li.a.get_text(): li.get_text() for li in page.select(".portal-years li")}
    published = [i for i in sample_items if not i.draft]
    assert set(rows) == {str(i.year) for i in published}
    listed_2018 = [
        a["href"]
        for path in (sample_site / "luu-tru" / "2018").rglob("index.html")
        for a in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select(
            ".portal-card__title a"
        )
    ]
    assert len(listed_2018) == sum(1 for i in published if i.year == 2018) > 10
    assert f"{len(listed_2018)} tin bài" in rows["2018"]


def test_every_internal_link_resolves(sample_site: Path) -> None:
    assert broken_links(sample_site) == []


def test_no_page_requests_another_host(sample_site: Path) -> None:
    assert external_resources(sample_site, SITE_HOST) == []
    assert "fonts.googleapis" not in all_text(sample_site)


def test_not_found_page_is_vietnamese(sample_site: Path) -> None:
    page = BeautifulSoup((sample_site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert page.h1.get_text() == "Không tìm thấy trang"


def test_articles_are_not_in_the_nav(sample_site: Path) -> None:
    for path in html_files(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert not [
            a for a in page.select(".md-nav a, .md-tabs a") if "tin-tuc/" in a.get("href", "")
        ]


def test_two_builds_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    """The second build is plain `mkdocs build` with a relative config path: the plugin alone
    gives the whole site (reused pages linked), as `portal build` does."""
    again = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", again]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    BUILDS.append(str(again))

    def ours(folder: Path) -> dict[str, str]:
        # Pagefind's bundle names and orders its shards as its threads finish: not byte-stable;
        # `.portal/` and the `.gz` copies are what `portal build` (not plain MkDocs) adds.
        skipped = ("pagefind/", ".portal/")
        digests = tree_digest(folder).items()
        return {k: v for k, v in digests if not k.startswith(skipped) and not k.endswith(".gz")}

    assert ours(again) == ours(sample_site)
    assert len([path for path in ours(again) if path.endswith(".xml")]) > 20


def test_every_text_file_has_its_gzip_for_the_web_server(sample_site: Path) -> None:
    texts = [
        path for path in sample_site.rglob("*")
        if path.suffix in (".html", ".xml", ".css", ".js", ".json") and path.stat().st_size > 512
        and ".portal" not in path.parts  # for the timer and nginx's maps, never served
    ]  # fmt: skip
    assert len(texts) > 100
    for path in texts:
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == path.read_bytes(), path


def test_without_a_service_no_page_shows_the_counter_or_a_note_about_it(
    sample_site: Path,
) -> None:
    for path in html_files(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        widget = page.select_one("[data-portal-counter]")
        assert widget is not None and widget["data-endpoint"] == ""
        # No service configured: the widget is hidden whole, with no note for the operator.
        assert widget.has_attr("hidden")
        assert widget.select_one("[data-counter-note]").get_text() == ""
        assert "bộ đếm" not in page.get_text()
        labels = [dt.get_text() for dt in widget.select("dt")]
        assert labels == ["Đang trực tuyến", "Hôm nay", "Tổng số lượt truy cập"]


def test_no_inline_script_or_style_so_a_strict_policy_holds(sample_site: Path) -> None:
    """Data blocks (JSON-LD, Material's JSON config) are not run; nothing else is inline."""
    for path in html_files(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        inline = [
            s for s in page.select("script:not([src])")
            if s.get("type") not in ("application/ld+json", "application/json")
        ]  # fmt: skip
        assert inline == [], path
        assert page.select("style") == [] and page.select("[style]") == [], path
        assert not any(a.startswith("on") for tag in page.find_all(True) for a in tag.attrs), path
