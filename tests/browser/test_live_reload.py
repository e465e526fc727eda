"""The preview in Chromium: a page left open shows an edit by itself."""

from __future__ import annotations

import time

from tests.conftest import item
from tests.preview_server import EDIT_SECONDS, Preview


def test_an_open_page_shows_an_edit_without_reloading_by_hand(browser, preview: Preview) -> None:
    page = browser.new_page()
    try:
        page.goto(preview.url + "chuyen-muc/an-ninh-trat-tu/")
        assert "Cảnh giác lừa đảo qua điện thoại" not in page.content()
        start = time.monotonic()
        preview.write(
            "news/2024/canh-giac.md",
            item("Cảnh giác lừa đảo qua điện thoại", "2024-12-22 08:00", "ANTT"),
        )
        page.wait_for_selector(
            ".portal-card__title >> text=Cảnh giác lừa đảo qua điện thoại",
            timeout=EDIT_SECONDS * 1000,
        )
        assert time.monotonic() - start <= EDIT_SECONDS
        assert page.url == preview.url + "chuyen-muc/an-ninh-trat-tu/"
    finally:
        page.close()
