"""Notices in the built sample site: pages, listings by kind, expiry, and their place in the
home page, archive, tags and feeds."""

from __future__ import annotations

from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from tests.conftest import item, soup
from tests.synthetic import mkdocs_yml

EXPIRED = "thong-bao/to-chuc-ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-nam-2018/"
CONG_VAN_602 = "thong-bao/day-manh-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2018/"


def listed(site: Path, url: str) -> list[str]:
    page = soup(site, url)
    return [a["href"].split("thong-bao/")[-1] for a in page.select(".portal-card__title a")]


def test_notice_page_shows_its_metadata_block_above_the_body(sample_site: Path) -> None:
    page = soup(sample_site, CONG_VAN_602)
    rows = {
        tr.th.get_text(strip=True): " ".join(tr.td.get_text().split())
        for tr in page.select(".portal-notice__meta tr")
    }
    assert rows["Loại văn bản"] == "Công văn"
    assert rows["Số ký hiệu"] == "602/UBND-NCTCD"
    assert rows["Ngày ban hành"] == "Thứ năm, 08/02/2018"
    assert rows["Cơ quan ban hành"] == "Ủy ban nhân dân tỉnh Long An"
    # The position as the document writes it, never lowercased.
    assert rows["Người ký"] == "Trần Văn B (tên mẫu), KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"
    assert rows["Hiệu lực"] == "Còn hiệu lực"
    header = page.select_one(".portal-doc-header")
    assert header.select_one(".portal-doc-header__number").get_text() == "Số: 602/UBND-NCTCD"
    assert (
        header.select_one(".portal-doc-header__place-date").get_text()
        == "Long An, ngày 08 tháng 02 năm 2018"
    )
    body = page.select_one(".portal-notice__body")
    assert (
        page.select_one(".portal-notice__meta").find_next("div", class_="portal-notice__body")
        is body
    )
    assert page.select_one("[data-portal-print]").get_text() == "In thông báo"


def test_listing_shows_notices_in_force_newest_first_with_kind_filters(sample_site: Path) -> None:
    current = listed(sample_site, "nguoi-dan-can-biet")
    assert EXPIRED.split("thong-bao/")[-1] not in current
    assert len(current) == 6
    page = soup(sample_site, "nguoi-dan-can-biet")
    filters = {a.get_text(): a["href"] for a in page.select(".portal-filters a")}
    assert filters["Tất cả (6)"] == "./"
    assert filters["Công văn (2)"] == "cong-van/"
    assert filters["Hết hiệu lực (1)"] == "het-hieu-luc/"
    assert len(listed(sample_site, "nguoi-dan-can-biet/cong-van")) == 2
    assert len(listed(sample_site, "nguoi-dan-can-biet/quyet-dinh")) == 1


def test_expired_notice_is_listed_apart_and_keeps_its_page(sample_site: Path) -> None:
    assert listed(sample_site, "nguoi-dan-can-biet/het-hieu-luc") == [
        EXPIRED.split("thong-bao/")[-1]
    ]
    page = soup(sample_site, EXPIRED)
    assert page.select_one(".portal-badge--expired").get_text() == "Hết hiệu lực"
    rows = {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True)
        for tr in page.select(".portal-notice__meta tr")
    }
    assert rows["Hiệu lực"].startswith("Hết hiệu lực")


def test_notices_flow_into_home_archive_tags_and_feeds(sample_site: Path) -> None:
    home = soup(sample_site, "")
    assert any("thong-bao/" in a["href"] for a in home.select(".portal-citizens a"))
    archive = [
        a["href"]
        for path in sorted((sample_site / "luu-tru/2018").rglob("index.html"))
        for a in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select(
            ".portal-card__title a"
        )
    ]
    assert any(CONG_VAN_602 in href for href in archive)
    tag = [
        a["href"] for a in soup(sample_site, "the/van-ban-chi-dao").select(".portal-card__title a")
    ]
    assert any("thong-bao/" in href for href in tag)
    feed = feedparser.parse((sample_site / "chuyen-muc/nguoi-dan-can-biet/rss.xml").read_bytes())
    assert any(CONG_VAN_602 in e.link for e in feed.entries)


def test_notice_problems_fail_the_build_with_file_line_and_field(project) -> None:
    config = mkdocs_yml().replace(
        "      categories:", "      notice_kinds: [Thông báo, Công văn]\n      categories:"
    )
    proj = project(
        {
            "news/a.md": item("Tin", "2018-02-08 09:00"),
            "notices/a.md": "---\ntitle: A\nkind: Tờ trình\nnumber: 1/TB\ndate: 2018-01-01\n"
            "issuer: X\nplace: Long An\n---\n\nNội dung.\n",
        },
        config=config,
    )
    err = proj.problems()
    assert (
        'notices/a.md:3: kind: không có loại văn bản "Tờ trình" — dùng một trong: Thông báo,' in err
    )
    assert "notices/a.md:1: signer: còn thiếu người ký — thêm dòng signer:" in err
