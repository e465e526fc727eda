"""WCAG 2.1 AA on every page type, by checkers nobody on this project wrote: axe-core in
Chromium (at phone and desktop width) and the Nu Html Checker on the HTML itself."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from portal import urls
from portal.repository import plan_repository
from tests.browser.axe import WCAG_21_AA, version, violations
from tests.conftest import REPO

VNU = REPO / "tests/tools/node_modules/vnu-jar/build/dist/vnu.jar"
SIZES = {"phone": (360, 640), "desktop": (1366, 768)}
SEARCH = urls.search() + "?q=to+quoc"


@pytest.fixture(scope="module")
def page_types() -> dict[str, str]:
    """One URL of every page type of the sample site, found from its plan."""
    plan = plan_repository(REPO / "mkdocs.yml", process_photos=False)
    collections = plan.collections
    news = [i for i in collections.published if not i.notice]
    tabular = next(a for a in plan.documents.attachments if a.tabular)
    return {
        "home": "",
        "article with photo": next(i for i in news if i.image).url,
        "article without photo": next(i for i in news if not i.image and not i.videos).url,
        "article with video": next(i for i in news if i.videos).url,
        "notice": collections.notices[0].url,
        # A table wider than a phone scrolls in its own box, which the keyboard must reach.
        "notice with a table": next(i for i in collections.notices if "\n|" in i.body).url,
        "category": collections.categories[0].url,
        "tag": urls.tag("antt"),
        "tag index": urls.tag_index(),
        "archive": urls.archive_index(),
        "archive year": urls.archive_year(2018),
        "register": urls.register(),
        "document index": urls.attachments(),
        "CSV document": tabular.url,
        "search with results": SEARCH,
        "feeds": urls.feeds_page(),
        "site map": urls.site_map(),
        "404": "404.html",
    }


def open_page(context, site_url: str, url: str):
    page = context.new_page()
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    response = page.goto(site_url + url)
    assert response is not None and response.ok, url
    page.wait_for_load_state("networkidle")
    if url == SEARCH:
        page.wait_for_selector(".portal-search__results li")
    return page, missing


# Each cell's longest word (a run of letters: addresses and checksums may wrap anywhere),
# measured in the cell's own font, against the cell's content box.
NARROW_CELLS = """() => {
    const canvas = document.createElement("canvas").getContext("2d");
    const narrow = [];
    for (const cell of document.querySelectorAll("main td, main th")) {
        if (!cell.getClientRects().length) continue;
        const style = getComputedStyle(cell);
        canvas.font = style.font;
        const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
        const inner = cell.clientWidth - padding;
        for (const word of cell.textContent.match(/\\p{L}+/gu) || []) {
            const wide = canvas.measureText(word).width;
            if (wide > inner + 1) narrow.push(`${word} (${Math.round(wide)}px in ${inner}px)`);
        }
    }
    return narrow;
}"""


@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_no_wcag_21_aa_violation_and_nothing_is_missing(
    browser, site_url: str, page_types: dict[str, str], size: str
) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    found: dict[str, list[str]] = {}
    pinned = json.loads((REPO / "tests/tools/package.json").read_text())["devDependencies"]
    for name, url in page_types.items():
        page, missing = open_page(context, site_url, url)
        assert version(page) == pinned["axe-core"]  # today's rules, not a bundled copy
        problems = violations(page, WCAG_21_AA)
        problems += [f"404: {url}" for url in missing]
        # Nothing scrolls sideways; a table too wide for the screen scrolls in its own box.
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        if overflow > 0:
            problems.append(f"the page scrolls sideways by {overflow}px")
        problems += [f"cell narrower than {word}" for word in page.evaluate(NARROW_CELLS)]
        if problems:
            found[name] = problems
        page.close()
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_nu_html_checker_finds_no_error(
    browser, site_url: str, sample_site: Path, page_types: dict[str, str], tmp_path: Path
) -> None:
    java = shutil.which("java")
    if not VNU.is_file() or java is None:
        message = "the Nu Html Checker needs Java and `npm ci` in tests/tools (make test runs it)"
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    files = [
        sample_site / urls.output_path(url) if url != "404.html" else sample_site / url
        for url in page_types.values()
        if url != SEARCH
    ]
    # The search page as readers get it: with its results written in by script.
    page, _ = open_page(browser.new_context(), site_url, SEARCH)
    searched = tmp_path / "tim-kiem.html"
    searched.write_text(page.content(), encoding="utf-8")
    page.context.close()
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, [*files, searched]),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == [], "\n".join(errors)


# Controls and links that stand on their own (not words inside a sentence), too small to tap.
SMALL_TARGETS = """() => [...document.querySelectorAll("a[href], button, input, select")]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
    .filter((el) => !el.closest("main p, .md-typeset td, .md-sidebar, .md-header, .md-search"))
    .filter((el) => el.getBoundingClientRect().height < 43.5)
    .map((el) => `${el.textContent.trim().slice(0, 40)}: ${el.getBoundingClientRect().height}px`)"""


def test_on_a_phone_every_control_and_standalone_link_is_44_px_tall(
    browser, site_url: str, page_types: dict[str, str]
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True)
    found = {}
    for name, url in page_types.items():
        page, _ = open_page(context, site_url, url)
        small = page.evaluate(SMALL_TARGETS)
        if small:
            found[name] = small
        page.close()
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
