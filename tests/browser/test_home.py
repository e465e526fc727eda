"""The home page as a citizen first sees it: on a 360×640 phone and on a desktop."""

from __future__ import annotations

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1366, "height": 768}


def inside_first_screen(page, selector: str) -> list[str]:
    """Texts of the visible elements matching `selector` that lie wholly in the first screen."""
    return page.eval_on_selector_all(
        selector,
        """(els) => els.filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                && box.bottom <= innerHeight && box.right <= innerWidth;
        }).map((el) => el.textContent.trim())""",
    )


def test_a_phone_sees_a_headline_and_the_hotline_on_the_first_screen(
    browser, site_url: str
) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(site_url)
    headlines = inside_first_screen(page, ".portal-lead-story__title a")
    assert headlines and headlines[0].startswith("Khen thưởng 15 tập thể")
    assert any(t.startswith("113") for t in inside_first_screen(page, "a[href='tel:113']"))
    # Nothing pokes out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_a_desktop_uses_the_width_for_news_beside_the_citizens_block(
    browser, site_url: str
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    news = page.locator(".portal-home__news").bounding_box()
    side = page.locator(".portal-home__side").bounding_box()
    # Side by side, and together most of the window: no empty menu column beside them.
    assert side["x"] > news["x"] + news["width"] - 1 and abs(side["y"] - news["y"]) < 5
    assert side["x"] + side["width"] - news["x"] > 0.75 * DESKTOP["width"]
    assert inside_first_screen(page, ".portal-lead-story__title a")
    assert inside_first_screen(page, ".portal-citizens li a")
    page.close()
