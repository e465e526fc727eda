"""A second province adopts the portal: the wheel installed into a fresh environment outside
this repository, `portal init` with its name, domain and hotline, then `portal check` and
`portal build`; its pages carry its identity, its repository no copy of the theme, and axe-core
finds nothing on its home page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from portal import __version__
from tests.browser.axe import violations
from tests.conftest import REPO

NAME, URL, PHONE = (
    "Công an tỉnh Bình Dương",
    "https://congan.binhduong.example.vn/",
    "0274 3822 113",
)


def run(*command: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=900,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A province's repository, made and built with the portal installed from its wheel."""
    work = tmp_path_factory.mktemp("tinh-moi")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", REPO)
    [wheel] = (work / "dist").glob("portal-*.whl")
    run(sys.executable, "-m", "venv", work / "venv")
    pip = [work / "venv/bin/python", "-m", "pip", "install", "-q"]
    run(*pip, "-c", REPO / "constraints.txt", wheel, cwd=work)
    portal = work / "venv/bin/portal"
    assert run(portal, "--version").strip() == f"portal {__version__}"
    repo = work / "binh-duong"
    run(portal, "init", repo, "--name", NAME, "--url", URL, "--phone", PHONE, cwd=work)
    checked = run(portal, "check", cwd=repo)
    assert "[CẦN ĐIỀN:" in checked and "Cảnh báo: mkdocs.yml" in checked  # still to fill
    run(portal, "build", cwd=repo)
    return repo


def test_the_new_province_builds_with_its_identity_and_no_copy_of_the_theme(
    province: Path,
) -> None:
    home = BeautifulSoup((province / "site/index.html").read_text("utf-8"), "lxml")
    assert NAME in home.title.get_text()
    assert home.select_one('a[href="tel:02743822113"]') is not None
    colours = (province / "site/assets/portal-colors.css").read_text("utf-8")
    assert "--md-primary-fg-color: #9b1b1f;" in colours
    # No share card of its own yet: a shared link shows the portal's, which ships with it.
    card = home.select_one('meta[property="og:image"]')["content"]
    assert card == URL + "assets/portal-share-card.jpg"
    with Image.open(province / "site/assets/portal-share-card.jpg") as image:
        assert image.size == (1200, 630)
    assert home.select_one('link[rel="icon"]')["href"].endswith("assets/emblem.svg")
    theme_files = [
        p.relative_to(province).as_posix()
        for p in province.rglob("*")
        if p.is_file()
        and p.suffix in (".html", ".css", ".js", ".woff2")
        and p.relative_to(province).parts[0] not in ("site", ".cache")
    ]
    assert theme_files == []  # the theme comes with the package, so an upgrade brings it
    assert (province / ".github/workflows/portal.yml").is_file()
    assert "portal==" in (province / "requirements.txt").read_text("utf-8")


def test_axe_finds_nothing_on_the_new_province_s_home_page(province: Path, browser, serve) -> None:
    url = serve(province / "site")
    for viewport in ({"width": 360, "height": 640}, {"width": 1366, "height": 768}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert violations(page) == []
        context.close()
    shutil.rmtree(province / ".cache", ignore_errors=True)
