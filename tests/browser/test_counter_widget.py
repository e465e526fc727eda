"""The counter widget in a real browser, with the service running and with it stopped."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from pathlib import Path

from portal.counter.pages import Pages
from portal.counter.service import CounterServer
from portal.counter.store import Counter

ARTICLE = "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san/"
NOTICE = "thong-bao/thong-bao-ve-thu-doan-gia-danh-co-quan-cong-an-de-lua-dao-chiem-doat-tai-san/"


def point_widget_at(site: Path, endpoint: str, into: Path) -> Path:
    """A copy of the built site whose widget uses `endpoint`, as `counter_endpoint` would set."""
    shutil.copytree(site, into)
    for page in into.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(
            text.replace('data-endpoint=""', f'data-endpoint="{endpoint}"'), encoding="utf-8"
        )
    return into


def widget(page) -> dict[str, str]:
    return {
        key: page.locator(f'[data-portal-counter] [data-count="{key}"]').inner_text()
        for key in ("online", "today", "total")
    }


def test_numbers_appear_when_the_service_runs(
    browser, serve, sample_site: Path, tmp_path: Path
) -> None:
    database = tmp_path / "data" / "counter.sqlite3"
    counter = Counter(database)
    visitor = counter.visitor("198.51.100.7", "earlier reader")
    with sqlite3.connect(database) as db:  # earlier days' views, so the total has thousands
        db.execute("UPDATE totals SET views = views + 19731")
    counter.record("/", visitor)
    served = tmp_path / "site"
    server = CounterServer(("127.0.0.1", 0), counter, "http://placeholder", pages=Pages(served))
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    site_url = serve(point_widget_at(sample_site, endpoint, served))
    server.origin = site_url.rstrip("/")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(site_url + ARTICLE)
        page.wait_for_function(
            "document.querySelector('[data-count=\"total\"]').textContent !== '—'", timeout=5000
        )
        assert widget(page) == {"online": "2", "today": "2", "total": "19.733"}
        # The article's own count, beside its date: this reader's view is its first.
        assert page.locator(".portal-meta [data-portal-views]").inner_text() == "| Lượt xem: 1"
        page.goto(site_url + NOTICE)
        page.wait_for_selector("[data-portal-views]:not([hidden])", timeout=5000)
        assert page.locator("[data-portal-views] td").inner_text() == "1"
        page.close()
    finally:
        server.shutdown()
        server.server_close()
        counter.close()


def test_a_stopped_service_shows_a_dash_and_a_complete_page(
    browser, serve, sample_site: Path, tmp_path: Path
) -> None:
    # A port with nothing listening: the request fails at once or times out within a second.
    site_url = serve(point_widget_at(sample_site, "http://127.0.0.1:9", tmp_path / "site"))
    page = browser.new_page()
    page.goto(site_url + ARTICLE)
    page.wait_for_timeout(1500)
    # No row of dashes: a sentence says the numbers are missing, and no article count shows.
    assert not page.locator("[data-counter-numbers]").is_visible()
    assert page.locator("[data-counter-note]").inner_text() == (
        "Bộ đếm lượt truy cập đang không trả lời; số liệu sẽ hiện lại sau."
    )
    assert not page.locator("[data-portal-views]").is_visible()
    assert page.locator(".portal-article h1").is_visible()
    assert page.locator(".md-footer").count() == 1
    page.close()


def test_without_an_endpoint_the_widget_sends_nothing(browser, serve, sample_site: Path) -> None:
    site_url = serve(sample_site)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + ARTICLE)
    page.wait_for_load_state("networkidle")
    assert not page.locator("[data-portal-counter]").is_visible()
    assert "bộ đếm" not in page.locator("body").inner_text()
    assert not page.locator("[data-portal-views]").is_visible()
    assert not [url for url in requests if re.search(r"/api/", url)]
    page.close()
