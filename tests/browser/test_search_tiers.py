"""Searching a site of many years in Chromium: the newest news first, older news on request.

The corpus is indexed in shards of a year, merged by the search page in tiers of two shards
(tests/conftest.py), as a site of tens of thousands of items is in tiers of 8,000 items.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlparse

import pytest

from tests.browser.axe import violations
from tests.build.site_checks import search_tiers

QUERY = "camera triển khai"  # in most items of every year, not in the corpus's other pages
SETTLED = "() => document.querySelector('.portal-search__results[aria-busy=false]')"


@pytest.fixture(scope="module")
def corpus_url(corpus, serve) -> str:
    return serve(corpus.site)


class Visit:
    """One page of the browser, with the search bundles it fetched."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page()
        self.bundles: set[str] = set()
        self.page.on("request", self.note)

    def note(self, request) -> None:
        path = urlparse(request.url).path
        if re.match(r"/pagefind/\d{4}-\d{4}/", path):
            self.bundles.add(path.split("/")[2])

    def search(self, url: str, **filters: str) -> int:
        params = "".join(f"&{k}={quote(v)}" for k, v in filters.items())
        self.page.goto(f"{url}tim-kiem/?q={quote(QUERY)}{params}")
        return self.settled()

    def settled(self) -> int:
        """The number of results the status reports, once they are shown."""
        self.page.wait_for_function(SETTLED, timeout=10000)
        status = self.page.text_content("[data-search-status]")
        return int(re.search(r"Tìm thấy ([\d.]+) kết quả", status)[1].replace(".", ""))

    def years(self) -> set[int]:
        metas = self.page.eval_on_selector_all(
            ".portal-search__results .portal-card__meta", "ps => ps.map(p => p.textContent)"
        )
        return {int(found[1]) for meta in metas if (found := re.search(r"/(\d{4})\b", meta))}


def shard(bundle: dict) -> str:
    return bundle["path"].split("/")[1]


def span(tier: list[dict]) -> tuple[int, int]:
    return min(b["first"] for b in tier), max(b["last"] for b in tier)


def test_a_search_covers_the_newest_tier_and_each_older_one_on_request(
    browser, corpus, corpus_url: str
) -> None:
    tiers = search_tiers(corpus.site)
    assert len(tiers) == 3
    visit = Visit(browser)
    counts = [visit.search(corpus_url)]
    older = visit.page.locator("[data-search-older]")
    for i, tier in enumerate(tiers):
        # What was searched, and only that, was fetched; the status says from which year.
        assert visit.bundles == {shard(b) for t in tiers[: i + 1] for b in t}
        assert min(visit.years()) >= span(tier)[0]
        status = visit.page.text_content("[data-search-status]")
        if i + 1 < len(tiers):
            assert f"từ năm {span(tier)[0]} đến nay" in status
            first, last = span(tiers[i + 1])
            assert older.is_visible() and older.text_content().endswith(f"({first}–{last})")
            older.click()
            counts.append(visit.settled())
        else:
            assert "từ năm" not in status, status
            assert older.is_hidden()
    assert counts == sorted(set(counts))  # each tier found more
    visit.page.close()
    # Every year, chosen in the filter, is searched whole without asking: its shard is
    # merged, and no other. The years' results add up to the whole search's.
    by_year = 0
    for tier in tiers:
        for bundle in tier:
            visit = Visit(browser)
            found = visit.search(corpus_url, year=str(bundle["first"]))
            assert visit.bundles == {shard(bundle)}
            assert visit.years() == {bundle["first"]}
            assert visit.page.locator("[data-search-older]").is_hidden()
            by_year += found
            visit.page.close()
    assert by_year == counts[-1]


def test_clearing_the_year_searches_the_newest_tier_again(browser, corpus, corpus_url) -> None:
    tiers = search_tiers(corpus.site)
    oldest = tiers[-1][-1]
    visit = Visit(browser)
    visit.search(corpus_url, year=str(oldest["first"]))
    visit.page.select_option("select[name=year]", "")
    found = visit.settled()
    assert visit.bundles == {shard(b) for b in tiers[0]} | {shard(oldest)}
    assert "year=" not in visit.page.url
    # The reader is told what was searched, and offered the next tier.
    status = visit.page.text_content("[data-search-status]")
    assert f"từ năm {span(tiers[0])[0]} đến nay" in status
    first, last = span(tiers[1])
    assert visit.page.text_content("[data-search-older]").endswith(f"({first}–{last})")
    assert found > 0
    visit.page.close()


def test_the_older_news_button_passes_axe_and_keeps_the_keyboard_in_place(
    browser, corpus, corpus_url
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{corpus_url}tim-kiem/?q={quote(QUERY)}")
    page.wait_for_function(SETTLED, timeout=10000)
    older = page.locator("[data-search-older]")
    assert older.is_visible() and older.bounding_box()["height"] >= 44
    assert violations(page) == []
    # Pressed from the keyboard, the button goes; focus moves to the status that reads out
    # the wider search's count, not to the top of the page.
    older.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(SETTLED, timeout=10000)
    assert page.evaluate("document.activeElement.hasAttribute('data-search-status')")
    context.close()


def test_a_query_only_old_news_answers_is_offered_the_older_tiers(browser, corpus_url) -> None:
    # "37": in the title of item 37 alone ("… số 37"), of 2012, the corpus's oldest year.
    page = browser.new_page()
    page.goto(f"{corpus_url}tim-kiem/?q={quote('37')}")
    page.wait_for_function(SETTLED, timeout=10000)
    status = page.text_content("[data-search-status]")
    assert status.startswith("Không tìm thấy kết quả. Đã tìm trong tin từ năm"), status
    while page.locator("[data-search-older]").is_visible():
        page.click("[data-search-older]")
        page.wait_for_function(SETTLED, timeout=10000)
    titles = page.eval_on_selector_all(
        ".portal-search__results .portal-card__title a", "links => links.map(a => a.textContent)"
    )
    assert len(titles) == 1 and titles[0].endswith(" số 37"), titles
    page.close()
