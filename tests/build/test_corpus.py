"""End-to-end builds of generated corpora: listings, archives, publishing rules, bad input."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import pytest

from tests.build.site_checks import all_text, broken_links, html_files, tree_digest
from tests.conftest import article_links, item
from tests.synthetic import mkdocs_yml, write_corpus

PAGE_SIZE = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    """37 items over five categories and several years, plus a draft and a future item."""
    from portal import cli
    from tests.conftest import Project

    root = tmp_path_factory.mktemp("corpus")
    config = write_corpus(root, 37, page_size=PAGE_SIZE)
    project = Project(root)
    project.write(
        {
            "news/nhap.md": item("Bản nháp bí mật", "2015-01-01 08:00", draft="true"),
            "news/tuong-lai.md": item("Tin của tương lai", "2099-01-01 08:00"),
        }
    )
    assert cli.build(config, project.site) == 0
    return project


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
        url = f"{base}trang/{len(pages) + 1}/"
        assert nxt["href"].endswith(f"trang/{len(pages) + 1}/")


def test_every_item_has_a_page_and_drafts_and_future_items_appear_nowhere(corpus) -> None:
    urls = [u for u, _, _ in published_items(corpus)]
    assert len(urls) == 37
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
        assert len(pages) == math.ceil(len(expected) / PAGE_SIZE)
        assert all(len(p) == PAGE_SIZE for p in pages[:-1])
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


def test_preview_publishes_drafts_and_future_items(corpus, tmp_path: Path) -> None:
    from portal import cli

    site = tmp_path / "preview"
    assert cli.build(corpus.root / "mkdocs.yml", site, preview=True) == 0
    assert (site / "tin-tuc" / "ban-nhap-bi-mat" / "index.html").is_file()
    assert (site / "tin-tuc" / "tin-cua-tuong-lai" / "index.html").is_file()


def test_page_size_does_not_grow_with_the_number_of_articles(project, tmp_path: Path) -> None:
    sizes = {}
    for count in (40, 200):
        root = tmp_path / f"n{count}"
        from portal import cli

        config = write_corpus(root, count, page_size=PAGE_SIZE)
        assert cli.build(config, root / "site") == 0
        first = sorted((root / "site" / "tin-tuc").glob("*/index.html"))[0]
        sizes[count] = {
            "home": len((root / "site" / "index.html").read_bytes()),
            "article": len(first.read_bytes()),
            "listing": len(
                (root / "site" / "chuyen-muc" / "giao-thong" / "index.html").read_bytes()
            ),
        }
    for page, small in sizes[40].items():
        # Titles and summaries differ between corpora; a page listing every article would add
        # kilobytes per ten articles.
        assert abs(sizes[200][page] - small) < 3000, (page, sizes)


def test_hostile_text_is_escaped_in_html(project) -> None:
    hostile = '<script>alert("x")</script> & "quotes" \'single\''
    proj = project(
        {
            "news/a.md": item(
                hostile.replace('"', '\\"'),
                "2018-02-08 09:00",
                body="Thân <script>alert(1)</script> và <b>đậm</b> [bấm](javascript:alert(1))"
                ' [rê chuột](b.html){: onmouseover="alert(2)" class="x" }',
                tags='["<img src=x onerror=alert(1)>", "A&B"]',
                author='"<i>Tác giả</i>"',
                slug="hostile",
            )
        },
        config=mkdocs_yml() + "markdown_extensions: [attr_list]\n",  # as the sample site
    )
    assert proj.build() == 0
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


def test_nfd_input_is_published_as_nfc(project) -> None:
    title = unicodedata.normalize("NFD", "Đảng ủy Khối doanh nghiệp tỉnh")
    proj = project(
        {
            "news/nfd.md": item(
                title, "2018-03-16 08:00", body=unicodedata.normalize("NFD", "Tổ quốc")
            )
        }
    )
    assert proj.build() == 0
    page = proj.html("tin-tuc/dang-uy-khoi-doanh-nghiep-tinh/")
    text = page.select_one(".portal-article").get_text()
    assert unicodedata.normalize("NFC", title) in text and "Tổ quốc" in text
    assert unicodedata.is_normalized("NFC", text)


def test_broken_content_fails_with_every_problem_and_leaves_the_site_unchanged(
    project, capfd
) -> None:
    proj = project({"news/ok.md": item("Tin tốt", "2018-02-08 09:00")})
    assert proj.build() == 0
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
        r"news/2018/bad-yaml\.md:\d+: front matter: the YAML cannot be read .* — ",
        r"news/2018/bad-fields\.md:3: date: \"08/02/2018\" is not a date — write it as YYYY-MM-DD",
        r"news/2018/bad-fields\.md:4: category: unknown category \"Tin tức\" — use one of: ",
        r"news/2018/bad-fields\.md:5: catgory: unknown field \"catgory\" — did you mean",
        r"news/dup\.md:2: slug: \"tin-tot\" is also used by news/ok\.md — ",
        r"news/ok\.md:2: slug: \"tin-tot\" is also used by news/dup\.md — ",
    ):
        assert re.search(expected, err), (expected, err)
    assert "Traceback" not in err
    assert tree_digest(proj.site) == before
