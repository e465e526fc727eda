"""Searching the built sample site in Chromium, the way a citizen types: without diacritics."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from bs4 import BeautifulSoup

from portal.text import slugify

ARTICLE = "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san/"


def search(page, site_url: str, query: str, **filters: str) -> list[str]:
    """Titles of all results for a query, in order."""
    params = "&".join([f"q={quote(query)}", *(f"{k}={quote(v)}" for k, v in filters.items())])
    page.goto(f"{site_url}tim-kiem/?{params}")
    settled = "() => document.querySelector('.portal-search__results[aria-busy=false]')"
    page.wait_for_function(settled, timeout=10000)
    for _ in range(20):  # "Xem thêm" until every result is shown
        if not page.locator("[data-search-more]").is_visible():
            break
        page.click("[data-search-more]")
        page.wait_for_function(settled, timeout=10000)
    return page.eval_on_selector_all(
        ".portal-search__results .portal-card__title a", "links => links.map(a => a.textContent)"
    )


def test_queries_without_diacritics_find_articles_and_notices_first(browser, site_url: str) -> None:
    page = browser.new_page()
    assert "Tổ quốc" in search(page, site_url, "to quoc")[0]
    lua_dao = search(page, site_url, "lua dao")
    assert {t.split()[0] for t in lua_dao[:2]} == {"Cảnh", "Thông"}
    assert all("lừa đảo" in t for t in lua_dao[:2])
    dang_uy = search(page, site_url, "dang uy")
    assert any(t.startswith("Kết quả phong trào Toàn dân") for t in dang_uy[:5])
    benh_vien = search(page, site_url, "benh vien")
    assert "Bệnh viện" in benh_vien[0] or "bệnh viện" in benh_vien[0]
    page.close()


WORD = re.compile(r"\w+")


def visible_words(site: Path, url: str) -> set[str]:
    """Every word a reader sees on a built page (hidden elements, scripts and styles aside)."""
    path = site / urlparse(url).path.lstrip("/") / "index.html"
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    for element in page.select("[hidden], script, style, noscript"):
        element.decompose()
    return {word.lower() for word in WORD.findall(page.get_text(" "))}


@pytest.mark.parametrize("query", ["lừa đảo", "lua dao"])
def test_excerpts_show_only_the_pages_text_and_whole_words_come_first(
    browser, site_url: str, sample_site: Path, query: str
) -> None:
    page = browser.new_page()
    search(page, site_url, query)
    found = page.eval_on_selector_all(
        ".portal-search__results li",
        """items => items.map(li => ({
            url: li.querySelector("h2 a").href,
            excerpt: li.querySelector(".portal-card__summary").textContent,
            marked: [...li.querySelectorAll("mark")].map(m => m.textContent.toLowerCase()),
        }))""",
    )
    page.close()
    assert len(found) >= 2
    for result in found:
        seen = visible_words(sample_site, result["url"])
        excerpt = {word.lower() for word in WORD.findall(result["excerpt"])}
        assert excerpt and excerpt <= seen, (result["url"], excerpt - seen)
        # Only words that are the query's words are marked (not "luật" for "lua", not "dảo").
        assert {slugify(word) for word in result["marked"]} <= {"lua", "dao"}, result
    # The pages that hold both words, as words, come first.
    for result in found[:2]:
        assert {"lừa", "đảo"} <= visible_words(sample_site, result["url"]), result["url"]
        assert {"lừa", "đảo"} <= set(result["marked"]), result


def test_a_query_typed_with_marks_does_not_match_other_words_it_begins(
    browser, site_url: str
) -> None:
    page = browser.new_page()
    titles = search(page, site_url, "lừa")
    # "lua" begins "luật" (Đường dây nóng: "vi phạm pháp luật"); "lừa" does not.
    assert titles and all("lừa" in t.lower() for t in titles)
    assert "Đường dây nóng" in search(page, site_url, "lua")
    page.close()


def test_the_search_page_has_one_search_box(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "tim-kiem/")
    assert page.locator("input[type=search]").count() == 1
    assert page.get_by_label("Tìm kiếm", exact=False).count() == 1
    page.close()


def test_a_document_number_finds_its_document(browser, site_url: str) -> None:
    page = browser.new_page()
    titles = search(page, site_url, "602/UBND-NCTCD")
    assert titles[0].startswith(("Công văn số 602/UBND-NCTCD", "Đẩy mạnh xây dựng phong trào"))
    assert "Đẩy mạnh xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018" in titles[:3]
    page.close()


def test_old_and_new_accent_placement_find_the_same_pages(browser, site_url: str) -> None:
    page = browser.new_page()
    for old, new in (("Đức Hoà", "Đức Hòa"), ("Uỷ ban", "Ủy ban")):
        found = set(search(page, site_url, old))
        assert found and found == set(search(page, site_url, new)), (old, new)
    page.close()


def test_filters_narrow_results_by_kind_and_category(browser, site_url: str) -> None:
    page = browser.new_page()
    everything = search(page, site_url, "phong trao")
    cong_van = search(page, site_url, "phong trao", kind="Công văn")
    assert 0 < len(cong_van) < len(everything)
    metas = page.eval_on_selector_all(
        ".portal-search__results .portal-card__meta", "ps => ps.map(p => p.textContent)"
    )
    assert all("Công văn" in meta for meta in metas)
    assert page.locator("select[name=kind]").input_value() == "Công văn"
    page.close()


def test_header_box_leads_to_a_shareable_url_and_back_works(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + ARTICLE)
    page.fill("#portal-q", "to giac toi pham")
    page.press("#portal-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=to+giac+toi+pham")
    page.wait_for_selector(".portal-search__results li")
    assert page.locator("#portal-search-q").input_value() == "to giac toi pham"
    page.fill("#portal-search-q", "lua dao")
    page.press("#portal-search-q", "Enter")
    page.wait_for_url("**q=lua+dao")
    page.go_back()
    page.wait_for_function(
        "document.querySelector('#portal-search-q').value === 'to giac toi pham'"
    )
    page.close()


def test_no_result_message_and_no_javascript_fallback(browser, site_url: str) -> None:
    page = browser.new_page()
    assert search(page, site_url, "zqxwv") == []
    assert page.inner_text("[data-search-status]") == "Không tìm thấy kết quả"
    page.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "tim-kiem/?q=to+quoc")
    assert "Tìm kiếm cần JavaScript" in page.content()
    assert page.locator("noscript a").get_attribute("href").endswith("luu-tru/")
    context.close()


def test_an_ordinary_page_loads_no_search_assets(browser, site_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlparse(request.url).path))
    page.goto(site_url + ARTICLE)
    page.wait_for_load_state("networkidle")
    assert requests and not [
        p
        for p in requests
        if "pagefind" in p or p.endswith("search.js") or "lunr" in p or "workers/search" in p
    ]
    page.close()
