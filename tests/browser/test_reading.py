"""What only a browser shows: the font-size control, layout on a phone, no outside requests."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

ARTICLE = "tin-tuc/ket-qua-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-trong-co-quan-doanh-nghiep/"


def body_font_px(page) -> float:
    return page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.portal-article__body p')).fontSize)"
    )


def test_font_size_control_is_remembered_across_pages(browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    default = body_font_px(page)
    page.click("[data-portal-font-size] button[data-step='1']")
    page.click("[data-portal-font-size] button[data-step='1']")
    larger = body_font_px(page)
    assert larger > default * 1.2
    other = page.locator(".portal-others a").first.get_attribute("href")
    page.goto(site_url + ARTICLE + other)
    assert body_font_px(page) == pytest.approx(larger)
    page.click("[data-portal-font-size] button[data-step='0']")
    assert body_font_px(page) == pytest.approx(default)
    context.close()


def test_phone_width_has_no_horizontal_scroll_and_requests_only_this_host(
    browser, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for url in ("", ARTICLE, "chuyen-muc/tin-hoat-dong/", "luu-tru/"):
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, url
    assert hosts == {urlparse(site_url).netloc}
    context.close()


def test_pages_are_complete_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    assert page.locator(".portal-article h1").is_visible()
    assert page.locator(".portal-others a").count() > 0
    assert not page.locator("[data-portal-font-size]").is_visible()
    context.close()


def test_the_sample_video_plays_with_its_subtitles(browser, site_url: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "tin-tuc/tin-antt-ngay-22-9-2020/")
    page.wait_for_load_state("networkidle")
    # preload="none": the page costs the reader the poster, not the video.
    assert not [url for url in requests if url.endswith(".mp4")]
    loaded = page.evaluate(
        """() => new Promise((done) => {
            const video = document.querySelector("video");
            video.addEventListener("loadedmetadata", () => done({
                seconds: video.duration, width: video.videoWidth,
                tracks: [...video.textTracks].map((t) => t.language),
            }));
            video.addEventListener("error", () => done({error: video.error.code}));
            video.preload = "metadata";
            video.load();
        })"""
    )
    assert loaded == {"seconds": 4, "width": 640, "tracks": ["vi"]}
    page.close()
