"""What the portal hands to Pagefind, read from the built HTML, and the index it gets."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal.search import service as indexer
from portal.search.index import SearchFailed, index_site, indexed_part, pagefind_html
from portal.search.spool import Parts, Spool
from tests.build.site_checks import html_files, search_tiers

ARTICLE = "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san"
NOTICE = "thong-bao/day-manh-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2018"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def pagefind_meta(page: BeautifulSoup) -> dict[str, str]:
    body = page.select_one("[data-pagefind-body]")
    found = {}
    for element in body.select("[data-pagefind-meta]"):
        key, _, value = element["data-pagefind-meta"].partition(":")
        found[key] = value
    return found


def pagefind_filters(page: BeautifulSoup) -> dict[str, str]:
    body = page.select_one("[data-pagefind-body]")
    return dict(
        e["data-pagefind-filter"].split(":", 1) for e in body.select("[data-pagefind-filter]")
    )


def test_only_content_pages_are_indexed(sample_site: Path) -> None:
    indexed, skipped = set(), set()
    for path in html_files(sample_site):
        rel = path.relative_to(sample_site).as_posix()
        (indexed if soup(path).select_one("[data-pagefind-body]") else skipped).add(
            rel.split("/")[0]
        )
    assert {
        "tin-tuc",
        "thong-bao",
        "tai-lieu",
        "gioi-thieu",
        "lien-he",
        "duong-day-nong",
    } <= indexed
    for listing in (
        "chuyen-muc",
        "luu-tru",
        "the",
        "nguoi-dan-can-biet",
        "van-ban",
        "rss",
        "tim-kiem",
        "index.html",
        "404.html",
    ):
        assert listing in skipped and listing not in indexed, listing
    assert (
        not (sample_site / "tai-lieu/index.html")
        .read_text(encoding="utf-8")
        .count("data-pagefind-body")
    )


def test_menus_counter_and_navigation_aids_are_outside_the_indexed_body(sample_site: Path) -> None:
    path = next((sample_site / "tin-tuc").glob("*/index.html"))
    body = soup(path).select_one("[data-pagefind-body]")
    for selector in (
        ".md-nav",
        ".md-header",
        "[data-portal-counter]",
        ".portal-breadcrumb",
        ".portal-others",
        ".md-footer",
    ):
        assert body.select_one(selector) is None, selector
    assert body.select_one(".portal-actions").has_attr("data-pagefind-ignore")


def test_item_pages_carry_title_date_category_kind_and_year(sample_site: Path) -> None:
    article = soup(sample_site / ARTICLE / "index.html")
    assert pagefind_meta(article) == {"date": "15/10/2024", "category": "Tin an ninh trật tự"}
    assert pagefind_filters(article) == {"category": "Tin an ninh trật tự", "year": "2024"}
    assert (
        article.select_one("[data-pagefind-body] h1").get_text()
        == "Cảnh báo thủ đoạn giả danh Công an gọi điện lừa đảo chiếm đoạt tài sản"
    )
    notice = soup(sample_site / NOTICE / "index.html")
    assert pagefind_filters(notice) == {
        "category": "Người dân cần biết",
        "year": "2018",
        "kind": "Công văn",
    }
    assert pagefind_meta(notice)["kind"] == "Công văn"
    document = soup(sample_site / "tai-lieu/danh-sach-150-cqdn/index.html")
    assert pagefind_filters(document) == {
        "kind": "Danh sách",
        "category": "Tài liệu",
        "year": "2018",
    }


def test_words_with_d_bar_are_also_indexed_with_d(sample_site: Path) -> None:
    article = soup(sample_site / ARTICLE / "index.html")
    folded = (
        article.select_one("[data-pagefind-body] [data-pagefind-weight]")
        .get_text()
        .strip("⟦⟧")
        .split()
    )
    assert {"dảo", "doạn", "diện"} <= set(folded)
    assert all("đ" not in word for word in folded)


def page_counts(bundles: list[Path]) -> list[int]:
    return [
        json.loads((b / "pagefind-entry.json").read_text())["languages"]["vi"]["page_count"]
        for b in bundles
    ]


@pytest.fixture(params=["sample_site", "corpus"])
def built(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """The sample's site, and the corpus's (shards of a year, tiers of two shards)."""
    site = request.getfixturevalue(request.param)
    return request.param, site if isinstance(site, Path) else site.site


def test_every_indexed_page_is_in_one_bundle_of_the_search_pages_tiers(
    built: tuple[str, Path],
) -> None:
    name, site = built
    tiers = search_tiers(site)
    bundles = [site / "pagefind", *(site / b["path"] for tier in tiers for b in tier)]
    indexed = [p for p in html_files(site) if soup(p).select_one("[data-pagefind-body]")]
    counts = page_counts(bundles)
    assert sum(counts) == len(indexed) and min(counts) > 0
    published = {p.name for p in (site / "pagefind").iterdir() if p.name[0].isdigit()}
    assert {b.name for b in bundles[1:]} == published
    # Newest first, each year in one shard; the corpus (shards of a year, tiers of two shards)
    # has three tiers, the sample one.
    years = [(b["first"], b["last"]) for tier in tiers for b in tier]
    assert years == sorted(years, reverse=True)
    assert all(a[0] > b[1] for a, b in pairwise(years))
    assert [len(tier) for tier in tiers] == ([1] if name == "sample_site" else [2, 2, 2])


def test_the_search_filters_list_every_value_the_pages_give_pagefind(
    built: tuple[str, Path],
) -> None:
    _, site = built
    counted: dict[str, Counter[str]] = defaultdict(Counter)
    for path in html_files(site):
        page = soup(path)
        if page.select_one("[data-pagefind-body]"):
            for name, value in pagefind_filters(page).items():
                counted[name][value] += 1
    search_page = soup(site / "tim-kiem/index.html")
    listed = {
        select["name"]: {
            o["value"]: int(o.get_text().rsplit("(", 1)[1].rstrip(")").replace(".", ""))
            for o in select.select("option")
            if o["value"]
        }
        for select in search_page.select("select[data-filter]")
    }
    assert listed == {name: dict(values) for name, values in counted.items()}
    years = list(listed["year"])
    assert years == sorted(years, reverse=True)


def test_the_index_is_built_for_vietnamese_and_lunr_is_gone(sample_site: Path) -> None:
    languages = json.loads((sample_site / "pagefind/pagefind-entry.json").read_text())["languages"]
    assert list(languages) == ["vi"]
    assert (
        not (sample_site / "search").exists() and not (sample_site / "search_index.json").exists()
    )
    # Material's lunr and search worker are not published either.
    scripts = sample_site / "assets/javascripts"
    assert not (scripts / "lunr").exists() and not list(scripts.glob("workers/search*"))


def test_the_indexed_part_is_what_pagefind_reads_and_none_when_unsure(sample_site: Path) -> None:
    """`indexed_part` keeps the language, the title and the `data-pagefind-body` element of
    every indexed page, without what Pagefind ignores in it; a page it cannot cut cleanly
    counts whole (None)."""
    ignored = 0
    for path in html_files(sample_site):
        html = path.read_text(encoding="utf-8")
        part = indexed_part(html)
        if "data-pagefind-body" not in html:
            assert part is None, path
            continue
        assert part is not None, path
        body = BeautifulSoup(html, "lxml").select_one("[data-pagefind-body]")
        assert body is not None
        for element in body.select("[data-pagefind-ignore]"):  # the date line, print button
            element.decompose()
            ignored += 1
        cut = BeautifulSoup(part, "lxml").select_one("[data-pagefind-body]")
        assert cut is not None, path
        # The same words in the same order (the parser keeps some runs of white space apart
        # that the cut joins; Pagefind reads any run of white space as one).
        assert cut.get_text().split() == body.get_text().split(), path
        assert not cut.select("[data-pagefind-ignore]"), path
        assert part.startswith('<html lang="vi"') and "<title>" in part
    assert ignored > 20
    page = '<html lang="vi"><title>T</title><div data-pagefind-body><div>a</div>'
    assert indexed_part(page + "</div>") is not None
    assert indexed_part(page) is None  # left open
    assert indexed_part(page + '</div><span data-pagefind-meta="x:y"></span>') is None
    # What Pagefind still reads in an ignored element (a filter), or one without a closing
    # tag, stays in the part.
    kept = '<p data-pagefind-ignore><span data-pagefind-filter="x:y"></span></p>'
    kept += '<img data-pagefind-ignore src="a.png">'
    assert kept in (indexed_part(page + kept + "</div>") or "")
    assert "bỏ qua" not in (indexed_part(page + "<p data-pagefind-ignore>bỏ qua</p></div>") or "-")


def test_pagefind_given_the_indexed_parts_makes_the_index_its_command_line_makes(
    sample_site: Path, tmp_path: Path
) -> None:
    """The search stage hands Pagefind's service each page's indexed part alone
    (`search.pagefind_html`): each page's fragment (named by the digest of its content: URL,
    title, text, meta, filters) is the one Pagefind's command line makes of the whole page on
    disk. The word index numbers pages in the order Pagefind got them (the command line's is
    the order it walks the folders in), so it is compared between two runs of the service: the
    same pages in the same order give the same index. Filter files are left aside: Pagefind
    orders them differently from one run to the next."""
    paths = sorted(
        p.relative_to(sample_site).as_posix()
        for p in html_files(sample_site)
        if "data-pagefind-body" in p.read_text("utf-8")
    )
    assert len(paths) > 20
    whole = tmp_path / "whole"
    for path in paths:
        (whole / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sample_site / path, whole / path)
    command = [sys.executable, "-m", "pagefind", "--site", str(whole), "--silent"]
    subprocess.run([*command, "--output-path", str(tmp_path / "cli")], check=True)
    pages = [(indexer.page_url(path), pagefind_html(sample_site / path)) for path in paths]
    files = indexer.index(pages, tmp_path / "service")
    indexer.index(iter(pages), tmp_path / "again")
    for rel, digest in files.items():
        assert hashlib.sha256((tmp_path / "service" / rel).read_bytes()).hexdigest() == digest
    assert (
        sum(map(len, (html for _, html in pages)))
        < sum((sample_site / path).stat().st_size for path in paths) / 2
    )

    def made(bundle: Path, kind: str) -> list[str]:
        return sorted(p.name for p in bundle.rglob(f"*.pf_{kind}"))

    assert made(tmp_path / "cli", "fragment") == made(tmp_path / "service", "fragment")
    assert len(made(tmp_path / "service", "fragment")) == len(paths)
    assert made(tmp_path / "service", "index") == made(tmp_path / "again", "index")
    assert len(made(tmp_path / "service", "index")) == len(made(tmp_path / "cli", "index")) > 0


def test_a_bundle_that_cannot_be_written_fails_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "tep").write_text("một tệp, không phải thư mục")
    page = '<html lang="vi"><title>T</title><main data-pagefind-body><h1>Tổ quốc</h1></main>'
    with pytest.raises(indexer.IndexFailed) as failed:
        indexer.index([("/a/", page)], tmp_path / "tep" / "bundle")
    assert "Not a directory" in str(failed.value)
    assert not (tmp_path / "tep").is_dir()


def _pages(site: Path, years: range, per_year: int) -> dict[str, list[str]]:
    """Article pages under `site`, one shard a year (as `search.plan.shards` names them)."""
    planned: dict[str, list[str]] = {}
    for year in years:
        for n in range(per_year):
            path = f"tin-tuc/bai-{year}-{n}/index.html"
            page = site / path
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(
                f'<html lang="vi"><title>Bài {n} năm {year}</title><main data-pagefind-body>'
                f"<h1>Bài {n} năm {year}</h1><p>Giữ gìn an ninh trật tự.</p></main>",
                encoding="utf-8",
            )
            planned.setdefault(f"{year}-{year}", []).append(path)
    return planned


def test_pagefind_is_told_after_it_has_every_page(tmp_path: Path) -> None:
    consumed: list[str] = []
    told: list[list[str]] = []

    def pages() -> Iterator[tuple[str, str]]:
        for n in range(3):
            consumed.append(f"/bai-{n}/")
            yield (
                f"/bai-{n}/",
                f'<html lang="vi"><title>{n}</title><main data-pagefind-body>x</main>',
            )

    indexer.index(pages(), tmp_path / "bundle", lambda: told.append(list(consumed)))
    assert told == [["/bai-0/", "/bai-1/", "/bai-2/"]]


def test_every_shard_is_published_and_meanwhile_runs_once(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    planned = _pages(site, range(2020, 2023), 3)
    ran: list[int] = []
    indexed = index_site(site, planned, cache, workers=2, meanwhile=lambda: ran.append(1))
    assert indexed == dict.fromkeys(planned, True) and ran == [1]
    for shard in planned:
        assert (site / "pagefind" / shard / "pagefind-entry.json").is_file()
    # Nothing to index the second time: the bundles are reused, and `meanwhile` still runs.
    indexed = index_site(site, planned, cache, workers=2, meanwhile=lambda: ran.append(2))
    assert indexed == dict.fromkeys(planned, False) and ran == [1, 2]


def test_a_first_shard_failing_before_pagefind_has_its_pages_fails_and_does_not_hang(
    tmp_path: Path,
) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    planned = _pages(site, range(2020, 2023), 2)
    missing = "tin-tuc/khong-co/index.html"  # keyed, but never written: its reading fails
    planned["2020-2020"].append(missing)
    ran: list[int] = []
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(
            index_site, site, planned, cache, {missing: "0"}, 2, lambda: ran.append(1)
        )
        with pytest.raises(SearchFailed):
            future.result(timeout=120)
    assert ran == [1]


def test_kept_parts_are_read_whole_once_or_not_at_all(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "kept")
    spool.add("tin-tuc/a/index.html", "<h1>Tổ quốc</h1>".encode())
    spool.add("tin-tuc/b/index.html", "<h1>Đảng ủy</h1>".encode())
    spool.close()
    file, offset, _ = spool.found["tin-tuc/b/index.html"]
    found = dict(spool.found, **{"tin-tuc/c/index.html": (str(tmp_path / "khong-co"), 0, 5)})
    parts = Parts(found)
    os.truncate(file, offset + 3)  # "b" cut short after the file was opened
    assert parts.take("tin-tuc/a/index.html") == "<h1>Tổ quốc</h1>"
    assert parts.take("tin-tuc/a/index.html") is None  # taken once
    assert parts.take("tin-tuc/b/index.html") is None  # not whole: read from the site
    assert parts.take("tin-tuc/c/index.html") is None  # its file is gone: read from the site
    parts.close()
    assert not list((tmp_path / "kept").iterdir())
