"""`portal serve`: an edit shows by itself, problems show as a Vietnamese page and the server
keeps answering, drafts and scheduled items are marked."""

from __future__ import annotations

import urllib.request

import feedparser
from bs4 import BeautifulSoup

from portal import urls
from tests.conftest import item
from tests.preview_server import EDIT_SECONDS, Preview, copy_sample, running, wait_for

NEW = "news/2024/tin-xem-truoc.md"


def test_a_new_article_shows_on_the_home_page_without_a_restart(preview: Preview) -> None:
    preview.write(NEW, item("Tuần tra kiểm soát dịp cuối năm", "2024-12-20 08:00", "ANTT"))
    wait_for(lambda: "Tuần tra kiểm soát dịp cuối năm" in preview.page()[1], EDIT_SECONDS)
    status, html = preview.page("tin-tuc/tuan-tra-kiem-soat-dip-cuoi-nam/")
    assert status == 200 and "Tuần tra kiểm soát dịp cuối năm" in html
    # Every served page carries the script that reloads it after the next build.
    assert "__preview__/version" in html


def test_a_broken_file_shows_its_problem_and_the_server_keeps_answering(
    preview: Preview,
) -> None:
    preview.write(NEW, item("Tuần tra kiểm soát dịp cuối năm", "20/12/2024", "ANTT"))
    wait_for(lambda: "Nội dung có lỗi" in preview.page()[1], EDIT_SECONDS)
    for path in ("", "tin-tuc/", "chuyen-muc/an-ninh-trat-tu/", "khong-co-trang-nay/"):
        status, html = preview.page(path)
        assert status == 200, path
        problem = BeautifulSoup(html, "lxml").select_one("li")
        assert problem is not None, path
        assert f"{NEW}, dòng 3 (date)" in problem.select_one(".where").get_text()
        assert "không phải ngày" in problem.select_one(".what").get_text()
        assert "viết date: 2024-12-20" in problem.select_one(".fix").get_text()
    # The stylesheet of the last good build is still served, so nothing else breaks.
    assert preview.page("assets/portal.css")[0] == 200

    preview.write(NEW, item("Tuần tra kiểm soát dịp cuối năm", "2024-12-20 08:00", "ANTT"))
    wait_for(lambda: "portal-citizens" in preview.page()[1], EDIT_SECONDS)
    assert "Tuần tra kiểm soát dịp cuối năm" in preview.page()[1]


def test_drafts_and_scheduled_items_are_marked_on_their_pages_and_in_listings(
    preview: Preview,
) -> None:
    preview.write("news/2099/hen-gio.md", item("Tin hẹn giờ đăng", "2099-11-24 08:00", "ANTT"))
    preview.write(
        "news/2024/nhap.md", item("Tin còn là bản nháp", "2024-12-21 08:00", "ANTT", draft="true")
    )
    wait_for(lambda: "Tin còn là bản nháp" in preview.page()[1], EDIT_SECONDS)
    listing = BeautifulSoup(preview.page("chuyen-muc/an-ninh-trat-tu/")[1], "lxml")
    marks = {
        card.select_one(".portal-card__title").get_text(strip=True): card.select_one(".portal-mark")
        for card in listing.select(".portal-card")
    }
    assert marks["Tin hẹn giờ đăng"].get_text() == "Hẹn giờ đăng: 08:00, Thứ ba, 24/11/2099"
    assert marks["Tin còn là bản nháp"].get_text() == "Bản nháp — chưa đăng"
    assert marks["Tuần tra kiểm soát dịp cuối năm"] is None
    article = BeautifulSoup(preview.page("tin-tuc/tin-hen-gio-dang/")[1], "lxml")
    assert article.select_one(".portal-pending").get_text(strip=True).startswith("Hẹn giờ đăng")


def test_a_broken_configuration_is_shown_too_and_recovers(preview: Preview) -> None:
    config = preview.root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("page_size: 10", "page_size: mười"), encoding="utf-8")
    try:
        wait_for(lambda: "Nội dung có lỗi" in preview.page()[1], EDIT_SECONDS)
        assert "mkdocs.yml, dòng" in preview.page()[1]
    finally:
        config.write_text(good, encoding="utf-8")
    wait_for(lambda: "portal-citizens" in preview.page()[1], EDIT_SECONDS)


def test_starting_with_a_problem_serves_the_problem_page(tmp_path) -> None:
    root = copy_sample(tmp_path)
    (root / "news/2024/hong.md").write_text("---\ntitle: [Hỏng\n---\n\nx\n", encoding="utf-8")
    with running(root, "Nội dung có lỗi") as served:
        assert "news/2024/hong.md, dòng 2" in served.page("tin-tuc/")[1]
        (root / "news/2024/hong.md").unlink()
        wait_for(lambda: "portal-citizens" in served.page()[1], EDIT_SECONDS)


def test_unchanged_pages_are_answered_from_the_page_cache(preview: Preview) -> None:
    article = "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san/"
    preview.write(NEW, item("Bản tin cuối tuần", "2024-12-21 08:00", "ANTT"))
    wait_for(lambda: "Bản tin cuối tuần" in preview.page()[1], EDIT_SECONDS)
    builds = sorted(
        (preview.root / ".cache/preview").glob("build-*"), key=lambda p: p.stat().st_mtime
    )
    # The article did not change: this build wrote nothing for it, yet it is served whole.
    assert not (builds[-1] / article / "index.html").exists()
    status, html = preview.page(article)
    assert status == 200 and "Cảnh báo thủ đoạn giả danh" in html and "__preview__/version" in html
    # Without its final slash it is found too, as a folder would be.
    with urllib.request.urlopen(preview.url + article.rstrip("/"), timeout=10) as response:
        assert response.url == preview.url + article and response.status == 200


def test_the_preview_s_feeds_and_generated_files_follow_each_edit(preview: Preview) -> None:
    """Generated files are made when a reader asks for them (preview/serve.py): each
    answer is the file of the build shown, never of an older one."""
    title = "Tin cho người đọc RSS xem trước"
    address = "tin-tuc/tin-cho-nguoi-doc-rss-xem-truoc/"

    def entry() -> dict:
        status, text = preview.page(urls.rss(""))
        assert status == 200
        return next(e for e in feedparser.parse(text).entries if e.title == title)

    preview.write(NEW, item(title, "2024-12-22 08:00", "ANTT", body="Nội dung lần đầu."))
    wait_for(lambda: "Nội dung lần đầu." in preview.page(address)[1], EDIT_SECONDS)
    assert "Nội dung lần đầu." in entry().description
    preview.write(NEW, item(title, "2024-12-22 08:00", "ANTT", body="Nội dung đã sửa lại."))
    wait_for(lambda: "Nội dung đã sửa lại." in preview.page(address)[1], EDIT_SECONDS)
    assert "Nội dung đã sửa lại." in entry().description
    assert "Nội dung lần đầu." not in entry().description
    with urllib.request.urlopen(preview.url + "assets/portal-colors.css", timeout=10) as css:
        assert css.headers["Content-Type"] == "text/css"
        assert "--md-primary-fg-color" in css.read().decode("utf-8")
    status, sitemap = preview.page("sitemap.xml")
    assert status == 200 and "<sitemapindex" in sitemap
