"""In Chromium behind the shipped nginx (strict Content-Security-Policy): every part of the
portal works, and the browser reports no violation."""

from __future__ import annotations

from tests.browser.test_reading import body_font_px
from tests.browser.test_search import search
from tests.nginx_server import Served

# Recorded before any script of the page runs; the browser fires it for every blocked thing.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(" "));
});
"""
ARTICLE = "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san/"
NOTICE = "thong-bao/day-manh-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2018/"


def test_every_feature_works_under_the_policy_with_no_violation(browser, nginx: Served) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security" in m.text else None)
    try:
        for path in ("", ARTICLE, NOTICE, "van-ban/", "tai-lieu/danh-sach-150-cqdn/"):
            page.goto(nginx.url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__csp") == [], path
            # The counter widget reached the service through nginx.
            total = page.locator('[data-portal-counter] [data-count="total"]').inner_text()
            assert total != "—", path
        # Font size: the early script and the control.
        page.goto(nginx.url + ARTICLE)
        before = body_font_px(page)
        page.click("[data-portal-font-size] button[data-step='1']")
        assert body_font_px(page) > before
        page.reload()
        assert body_font_px(page) > before  # remembered, applied before first paint
        # Print: the footer's address comes from a constructed stylesheet, and a PDF is made.
        page.goto(nginx.url + NOTICE)
        rules = page.evaluate(
            "Array.from(document.adoptedStyleSheets)"
            ".map(s => Array.from(s.cssRules).map(r => r.cssText).join(''))"
        )
        assert any(NOTICE in rule and "@bottom-left" in rule for rule in rules), rules
        assert page.pdf(format="A4")[:5] == b"%PDF-"
        # Search: Pagefind's script, WebAssembly and index, and the merged shards.
        titles = search(page, nginx.url, "to quoc")
        assert any("Tổ quốc" in title for title in titles)
        assert page.evaluate("window.__csp") == [] and console == []
    finally:
        context.close()
