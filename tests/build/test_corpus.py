"""End-to-end builds of generated corpora: listings, archives, publishing rules, bad input."""

from __future__ import annotations

import functools
import math
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from portal.repository import plan_repository
from tests.build.conftest import HOSTILE, NFD_TITLE
from tests.build.site_checks import all_text, broken_links, html_files, tree_digest
from tests.conftest import CORPUS_PAGE_SIZE, article_links, item


@functools.cache
def published_items(project) -> list[tuple[str, str, str]]:
    """(url, category slug, year) of every article page in the built site, from the pages."""
    result = []
    for path in sorted((project.site / "tin-tuc").glob("*/index.html")):
        url = f"tin-tuc/{path.parent.name}/"
        page = project.html(url)
        category = page.select_one(".portal-meta a")["href"].rstrip("/").split("/")[-1]
        year = page.select_one(".portal-meta time")["datetime"][:4]
        result.append((url, category, year))
    return result


def listing(project, base: str) -> list[list[str]]:
    """Article URLs on each page of a listing, following the pager from page 1."""
    pages = []
    url = base
    while True:
        soup = project.html(url)
        pages.append([re.sub(r"^(\.\./)+", "", href) for href in article_links(soup)])
        nxt = soup.select_one(".portal-pager a[rel=next]")
        if nxt is None:
            return pages
        following = urljoin("/" + url, nxt["href"])
        url = f"{base}trang/{len(pages) + 1}/"
        assert following == "/" + url


def test_every_item_has_a_page_and_drafts_and_future_items_appear_nowhere(corpus) -> None:
    urls = [u for u, _, _ in published_items(corpus)]
    assert len(urls) == 250
    text = all_text(corpus.site)
    for hidden in ("Bản nháp bí mật", "ban-nhap-bi-mat", "Tin của tương lai", "tin-cua-tuong-lai"):
        assert hidden not in text


def test_each_category_listing_holds_exactly_its_items_newest_first(corpus) -> None:
    items = published_items(corpus)
    for slug in {c for _, c, _ in items}:
        pages = listing(corpus, f"chuyen-muc/{slug}/")
        expected = [u for u, c, _ in items if c == slug]
        listed = [u for page in pages for u in page]
        assert sorted(listed) == sorted(expected)
        assert len(pages) == math.ceil(len(expected) / CORPUS_PAGE_SIZE)
        assert all(len(p) == CORPUS_PAGE_SIZE for p in pages[:-1])
        dates = [corpus.html(u).select_one(".portal-meta time")["datetime"] for u in listed]
        assert dates == sorted(dates, reverse=True)


def test_each_year_archive_holds_exactly_that_years_items(corpus) -> None:
    items = published_items(corpus)
    years = sorted({y for _, _, y in items})
    assert len(years) >= 2
    for year in years:
        listed = [u for page in listing(corpus, f"luu-tru/{year}/") for u in page]
        assert sorted(listed) == sorted(u for u, _, y in items if y == year)
    index = corpus.html("luu-tru/")
    assert [li.a.get_text() for li in index.select(".portal-years li")] == sorted(
        years, reverse=True
    )


def test_every_internal_link_resolves(corpus) -> None:
    assert broken_links(corpus.site) == []


def test_preview_publishes_drafts_and_future_items(corpus) -> None:
    published = plan_repository(corpus.root / "mkdocs.yml", preview=True).collections.published
    urls = {item.url for item in published}
    assert {"tin-tuc/ban-nhap-bi-mat/", "tin-tuc/tin-cua-tuong-lai/"} <= urls
    assert len(urls) == 252


def test_no_page_links_to_more_than_a_few_articles(corpus) -> None:
    """A page that listed every article (a nav of articles) would grow with the corpus."""
    limit = 2 * CORPUS_PAGE_SIZE + 10  # a listing page, its thumbnails and the newest on home
    assert len(published_items(corpus)) > 5 * limit
    for path in html_files(corpus.site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        articles = {a["href"] for a in page.select("a[href*='tin-tuc/']")}
        assert len(articles) <= limit, (path, len(articles))


def test_hostile_text_is_escaped_in_html(odd) -> None:
    proj, hostile = odd, HOSTILE
    for path in html_files(proj.site):
        page = path.read_text(encoding="utf-8")
        assert "<script>alert" not in page and "<img src=x" not in page and "<i>Tác giả" not in page
        assert "javascript:alert" not in page
    page = proj.html("tin-tuc/hostile/")
    # attr_list may set a class, never an event handler
    assert not [
        (tag.name, name)
        for tag in page.find_all(True)
        for name in tag.attrs
        if name.startswith("on")
    ]
    assert page.select_one(".portal-article__body a.x") is not None
    assert page.select_one(".portal-article h1").get_text() == hostile
    assert page.title.get_text().startswith(hostile)
    assert "<script>alert(1)</script>" in page.select_one(".portal-article__body").get_text()
    assert [t.get_text() for t in page.select(".portal-tag")] == [
        "<img src=x onerror=alert(1)>",
        "A&B",
    ]


def test_nfd_input_is_published_as_nfc(odd) -> None:
    proj, title = odd, NFD_TITLE
    page = proj.html("tin-tuc/dang-uy-khoi-doanh-nghiep-tinh/")
    text = page.select_one(".portal-article").get_text()
    assert unicodedata.normalize("NFC", title) in text and "Tổ quốc" in text
    assert unicodedata.is_normalized("NFC", text)


def test_broken_content_fails_with_every_problem_and_leaves_the_site_unchanged(
    project, capfd, sample_site: Path
) -> None:
    proj = project({"news/ok.md": item("Tin tốt", "2018-02-08 09:00")})
    shutil.copytree(sample_site, proj.site)  # the site published before the mistake
    before = tree_digest(proj.site)
    capfd.readouterr()
    proj.write(
        {
            "news/2018/bad-yaml.md": "---\ntitle: [oops\ndate: 2018-01-01\n---\n\nx\n",
            "news/2018/bad-fields.md": item(
                "Tin hỏng", "08/02/2018", category="Tin tức", catgory="x"
            ),
            "news/dup.md": item("Tin tốt", "2018-03-01 09:00"),
        }
    )
    assert proj.build() != 0
    err = capfd.readouterr().err
    for expected in (
        r"news/2018/bad-yaml\.md:2: phần đầu bài: danh sách mở bằng \"\[\" .* — thêm dấu \]",
        r"news/2018/bad-fields\.md:3: date: \"08/02/2018\" không phải ngày .* — viết date: 2018-02-08",  # noqa: E501
        r"news/2018/bad-fields\.md:4: category: không có chuyên mục \"Tin tức\" — dùng một trong: ",
        r"news/2018/bad-fields\.md:5: catgory: không có mục \"catgory\" — có phải là \"category\"",
        r"news/dup\.md:2: url: đường dẫn trang \"tin-tot\" trùng với bài news/ok\.md — ",
        r"news/ok\.md:2: url: đường dẫn trang \"tin-tot\" trùng với bài news/dup\.md — ",
        r"Chưa đăng gì: sửa 6 lỗi trên rồi dựng lại",
    ):
        assert re.search(expected, err), (expected, err)
    assert "Traceback" not in err
    assert tree_digest(proj.site) == before
