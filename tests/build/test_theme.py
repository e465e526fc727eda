"""The portal's theme ships in its package: a site changes one block of it the way Material's
sites do, and sets its identity (colours) in mkdocs.yml, checked for contrast."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from portal import cli
from portal.code import THEME
from portal.site import colors
from tests.build.site_checks import html_files
from tests.conftest import REPO, item
from tests.synthetic import mkdocs_yml

FOOTER = """{% extends "portal/main.html" %}
{% block footer %}<footer class="md-footer">
<p class="chan-trang-rieng">Chân trang riêng của tỉnh</p></footer>{% endblock %}
"""


def test_a_site_that_overrides_one_block_keeps_the_packaged_theme_everywhere_else(
    project,
) -> None:
    proj = project(
        {"news/a.md": item("Tin một", "2024-03-01 08:00"), "overrides/main.html": FOOTER},
        config=mkdocs_yml(custom_dir=Path("overrides")),
    )
    assert proj.build() == 0
    pages = list(html_files(proj.site))
    assert len(pages) > 10
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if path.name == "index.html":
            assert page.select_one(".chan-trang-rieng").get_text() == "Chân trang riêng của tỉnh"
            assert page.select_one(".portal-footer") is None  # the block, replaced
            assert page.select_one(".portal-toolbar") is not None  # the rest, the portal's
    # The site's repository holds its one change, not a copy of the theme.
    assert [p.name for p in (proj.root / "overrides").rglob("*") if p.is_file()] == ["main.html"]
    assert (proj.site / "assets/portal.css").read_bytes() == (
        THEME / "assets/portal.css"
    ).read_bytes()


def test_too_little_contrast_fails_the_build_with_a_shade_that_passes(project, capsys) -> None:
    config = mkdocs_yml().replace(
        "  - portal:\n", '  - portal:\n      colors: {primary: "#e57373", accent: "#fad650"}\n'
    )
    proj = project({"news/a.md": item("Tin một", "2024-03-01 08:00")}, config=config)
    capsys.readouterr()
    assert cli.main(["build", "-f", str(proj.root / "mkdocs.yml")]) == 1
    said = capsys.readouterr().err
    assert 'colors.primary: màu "#e57373" không đủ tương phản' in said
    assert "Traceback" not in said
    suggestion = said.split('primary: "')[1].split('"')[0]
    assert colors.problems(suggestion, "#fad650") == []  # the shade it suggests passes
    (proj.root / "mkdocs.yml").write_text(config.replace("#e57373", suggestion), "utf-8")
    assert proj.build() == 0
    css = (proj.site / "assets/portal-colors.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {suggestion};" in css


def test_the_sample_site_is_built_from_the_packaged_theme_with_its_own_change(
    sample_site: Path,
) -> None:
    own = sorted(
        p.relative_to(REPO / "overrides").as_posix()
        for p in (REPO / "overrides").rglob("*")
        if p.is_file()
    )
    assert own == ["main.html"]  # the sample's one change: search engines asked not to list it
    for path in list(html_files(sample_site))[:20]:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert page.select_one('head meta[name="robots"]')["content"] == "noindex"
        # The site's emblem is its icon and its logo, never Material's.
        assert page.select_one('link[rel="icon"]')["href"].endswith("assets/emblem.svg")
        assert page.select_one(".md-logo img")["src"].endswith("assets/emblem.svg")
        assert page.select_one(".portal-footer") is not None
    assert (sample_site / "assets/portal.js").read_bytes() == (
        THEME / "assets/portal.js"
    ).read_bytes()
