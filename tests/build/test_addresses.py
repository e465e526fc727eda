"""A published address never breaks: a press office's month, step by step, through the
commands it runs (check, build, publish) and the shipped nginx, with real HTTP requests; then
the same from a fresh clone of the repository, with no cache and no site."""

from __future__ import annotations

import http.client
import posixpath
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from portal import cli
from portal.counter.pages import Pages
from tests.conftest import BUILDS, HOME, item, write_files
from tests.nginx_server import reload, running_nginx
from tests.synthetic import mkdocs_yml

SITE_URL = "https://congan.example.vn/"
OLD_TITLE = "Công an tỉnh tuần tra đêm"
NEW_TITLE = "Công an tỉnh tổ chức tuần tra ban đêm"


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Biên tập", "-c", "user.email=bt@example.vn", *args]
    return subprocess.run(command, cwd=root, check=True, capture_output=True, text=True).stdout


def get(origin: str, path: str) -> tuple[int, str, str]:
    """(status, Location, body) of one GET through nginx, redirects not followed."""
    parts = urlsplit(origin)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8", errors="replace")
    connection.close()
    return response.status, response.getheader("Location") or "", body


def portal(capsys, root: Path, *argv: str) -> str:
    code = cli.main([*argv, "-f", str(root / "mkdocs.yml")] if argv[0] != "publish" else [*argv])
    printed = "".join(capsys.readouterr())
    assert code == 0, printed
    return printed


def publish(capsys, root: Path, www: Path, origin: str | None) -> str:
    """check, then build and publish as the press office does; nginx reloads its maps."""
    checked = portal(capsys, root, "check")
    portal(capsys, root, "build")
    BUILDS.append(str(root / "site"))
    portal(capsys, root, "publish", str(www), "--site-dir", str(root / "site"))
    if origin is not None:
        reload(origin)
    return checked


def sitemap_paths(origin: str) -> set[str]:
    status, _, body = get(origin, "/sitemap-pages.xml")
    assert status == 200
    return {urlsplit(loc.get_text()).path for loc in BeautifulSoup(body, "xml").select("loc")}


def feed_ids(origin: str) -> dict[str, str]:
    """Each entry's id by its title, from the site's Atom feed as nginx serves it."""
    status, _, body = get(origin, "/atom.xml")
    assert status == 200
    entries = feedparser.parse(body.encode("utf-8")).entries
    assert len({e.title for e in entries}) == len(entries)  # one entry per item
    return {e.title: e.id for e in entries}


def assert_answers(origin: str, moved: dict[str, str], gone: set[str], live: set[str]) -> None:
    for old, new in moved.items():
        status, location, _ = get(origin, old)
        assert (status, urlsplit(location).path) == (301, new), old
    for path in gone:
        status, _, body = get(origin, path)
        assert status == 410, path
        page = BeautifulSoup(body, "lxml")
        assert page.h1.get_text() == "Trang đã được gỡ"
        hrefs = {posixpath.normpath(a["href"]) for a in page.select(".md-content a")}
        assert {"/", "/tim-kiem"} <= hrefs  # home and search, from any address
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    for path in live:
        assert get(origin, path)[0] == 200, path
    listed = sitemap_paths(origin)
    assert live <= listed and not listed & (set(moved) | gone)


@pytest.fixture(scope="module")
def press_office(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("addresses")
    repo, www = root / "repo", root / "www"
    write_files(
        repo,
        {
            "mkdocs.yml": mkdocs_yml(site_url=SITE_URL),
            ".gitignore": "/site/\n/.cache/\n/.site.*/\n",
            "content/index.md": HOME,
            "content/tim-kiem.md": "---\ntitle: Tìm kiếm\n---\n\nTìm kiếm.\n",
            "news/2024/tuan-tra.md": item(OLD_TITLE, "2024-03-01 08:00"),
            "news/2024/phong-chay.md": item("Diễn tập phòng cháy", "2024-03-02 08:00"),
            "news/2024/giao-thong.md": item(
                "Ra quân bảo đảm giao thông", "2024-03-03 08:00", url="ra-quan-giao-thong"
            ),
            "news/2024/tuyen-dung.md": item("Thông tin tuyển dụng cũ", "2024-03-04 08:00"),
        },
    )
    git(repo, "init", "-q")
    return repo, www


def test_every_address_keeps_answering_whatever_the_editor_changes(press_office, capsys) -> None:
    repo, www = press_office
    publish(capsys, repo, www, None)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Đăng lần đầu")
    first = "/tin-tuc/cong-an-tinh-tuan-tra-dem/"
    fire = "/tin-tuc/dien-tap-phong-chay/"
    traffic, removed = "/tin-tuc/ra-quan-giao-thong/", "/tin-tuc/thong-tin-tuyen-dung-cu/"
    with running_nginx(www / "current", www.parent) as origin:
        ids = feed_ids(origin)
        assert get(origin, first)[0] == 200

        # 1. A title fixed, with no url: line: the address made from it moves.
        article = repo / "news/2024/tuan-tra.md"
        article.write_text(article.read_text("utf-8").replace(OLD_TITLE, NEW_TITLE), "utf-8")
        told = publish(capsys, repo, www, origin)
        current = "/tin-tuc/cong-an-tinh-to-chuc-tuan-tra-ban-dem/"
        assert f"địa chỉ {first} sẽ đổi thành {current}; địa chỉ cũ sẽ tự chuyển" in told
        assert_answers(origin, {first: current}, set(), {current, fire, traffic})
        assert feed_ids(origin)[NEW_TITLE] == ids[OLD_TITLE]

        # 2. The file moved to another folder: its address does not change, nor its id.
        (repo / "news/2025").mkdir()
        (repo / "news/2024/phong-chay.md").rename(repo / "news/2025/phong-chay.md")
        told = publish(capsys, repo, www, origin)
        assert "địa chỉ /" not in told  # nothing moves, nothing to tell
        assert_answers(origin, {first: current}, set(), {current, fire, traffic})
        assert feed_ids(origin)["Diễn tập phòng cháy"] == ids["Diễn tập phòng cháy"]

        # 3. url: changed by hand.
        road = repo / "news/2024/giao-thong.md"
        road.write_text(
            road.read_text("utf-8").replace("ra-quan-giao-thong", "giao-thong"), "utf-8"
        )
        told = publish(capsys, repo, www, origin)
        renamed = "/tin-tuc/giao-thong/"
        assert f"địa chỉ {traffic} sẽ đổi thành {renamed}" in told
        moved = {first: current, traffic: renamed}
        assert_answers(origin, moved, set(), {current, fire, renamed})

        # 4. An item deleted: its address is gone, said so, never a bare 404.
        (repo / "news/2024/tuyen-dung.md").unlink()
        told = publish(capsys, repo, www, origin)
        assert f"địa chỉ {removed} sẽ bị gỡ khỏi trang" in told
        assert_answers(origin, moved, {removed}, {current, fire, renamed})
        latest = feed_ids(origin)
        assert latest[NEW_TITLE] == ids[OLD_TITLE] and removed.strip("/") not in str(latest)
        # The counter counts a view of an old address for the page it moved to.
        assert Pages(www / "current").page_of(first) == current
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "Một tháng của phòng biên tập")

    # A fresh clone (a CI runner, a new server): no cache, no site; the record is in git.
    clone = repo.parent / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    assert not (clone / "site").exists() and not (clone / ".cache").exists()
    told = publish(capsys, clone, www, None)
    assert "địa chỉ /" not in told
    with running_nginx(www / "current", www.parent) as origin:
        assert_answers(origin, moved, {removed}, {current, fire, renamed})
        assert feed_ids(origin)[NEW_TITLE] == ids[OLD_TITLE]


def test_old_addresses_written_by_hand_redirect_and_are_checked(project) -> None:
    proj = project(
        {
            "news/a.md": item(
                "Bài chuyển từ cổng cũ",
                "2024-03-01",
                aliases="[/tin-tuc/123-bai-cu.html, https://congan.example.vn/tin/cu/]",
            ),
            "news/b.md": item("Bài hỏng", "2024-03-02", aliases="['/tin?id=5']"),
        }
    )
    assert "news/b.md:5: aliases:" in proj.problems()
    (proj.root / "news/b.md").unlink()
    assert proj.build() == 0
    moved = (proj.site / ".portal/moved.map").read_text("utf-8")
    assert '"/tin-tuc/123-bai-cu.html" "/tin-tuc/bai-chuyen-tu-cong-cu/";' in moved
    assert '"/tin/cu/" "/tin-tuc/bai-chuyen-tu-cong-cu/";' in moved
    stub = BeautifulSoup((proj.site / "tin/cu/index.html").read_text("utf-8"), "lxml")
    canonical = "https://congan.example.vn/tin-tuc/bai-chuyen-tu-cong-cu/"
    assert stub.select_one('link[rel="canonical"]')["href"] == canonical
    assert stub.select_one('meta[http-equiv="refresh"]')["content"].endswith(
        "url=../../tin-tuc/bai-chuyen-tu-cong-cu/"
    )
    assert stub.select_one("main a")["href"] == "../../tin-tuc/bai-chuyen-tu-cong-cu/"
    assert stub.select_one('meta[name="robots"]')["content"] == "noindex"
