"""A page's cache key is the digest of what its template is told (site/views.py): a new fact
in an item's view, shown by a template, rebuilds the pages that show it when only that fact
changes, with no change to any key code."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal import commands
from portal.site.views import ItemView, Views
from tests.build.test_incremental import cold, site_tree, tree  # noqa: F401 (a fixture)


@dataclasses.dataclass(frozen=True)
class WithWeather(ItemView):
    """A fact the site could come to state about an item one day: here, read from a file of
    the repository, so that it changes while no item does."""

    weather: str = ""


def test_a_new_fact_of_an_item_s_view_rebuilds_the_page_that_shows_it(
    site_tree: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PORTAL_NOW", "2024-04-01T00:00")
    weather = site_tree / "thoi-tiet.txt"
    weather.write_text("Trời nắng", encoding="utf-8")
    made = Views.item

    def item(self: Views, found) -> ItemView:  # type: ignore[no-untyped-def]
        base = made(self, found)
        facts = {f.name: getattr(base, f.name) for f in dataclasses.fields(ItemView)}
        return WithWeather(**facts, weather=weather.read_text(encoding="utf-8"))

    monkeypatch.setattr(Views, "item", item)  # the view only: build/pagekeys.py is untouched
    article = site_tree / "overrides/article.html"
    text = article.read_text(encoding="utf-8")
    shown = '<p class="thoi-tiet">{{ portal_page.item.weather }}</p>'
    article.write_text(text.replace("{% block content %}", "{% block content %}" + shown, 1))
    config, site = site_tree / "mkdocs.yml", site_tree / "site"

    def page() -> str:
        html = (site / "tin-tuc/tin-so-5/index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "lxml").select_one(".thoi-tiet").get_text()

    assert commands.build(config, site) == 0
    assert page() == "Trời nắng"
    assert commands.build(config, site) == 0  # nothing changed: every page from the cache
    weather.write_text("Trời mưa", encoding="utf-8")  # only the new fact changes
    assert commands.build(config, site) == 0
    assert page() == "Trời mưa"
    assert tree(site) == cold(site_tree, tmp_path / "cold")
