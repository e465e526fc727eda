"""The site assembled from the spare folder holds exactly the new site, and the live site that
shares its files is never touched."""

from __future__ import annotations

import os
from pathlib import Path

from portal.build.assemble import assemble, files_under, swap


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _contents(root: Path) -> dict[str, bytes]:
    return {rel: Path(entry.path).read_bytes() for rel, entry in files_under(root).items()}


def test_the_spare_becomes_exactly_the_new_site(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _write(cache, {"a.html": b"<p>A</p>", "b.html": b"<p>B</p>"})
    spare, fresh = tmp_path / "spare", tmp_path / "fresh"
    _write(
        spare,
        {
            "tin-tuc/a/index.html": b"<p>A cu</p>",  # stale copy of a reused page
            "tin-tuc/a/index.html.gz": b"gz",  # kept: the compression stage checks it
            "tin-tuc/xoa/index.html": b"<p>xoa</p>",  # a deleted item
            "tin-tuc/xoa/index.html.gz": b"gz",
            "tin-tuc/moi/index.html/x": b"left by an interrupted build",
            "pagefind/pagefind.js": b"search",  # the search stage's
            "assets/cu.css": b"old",
        },
    )
    os.link(cache / "b.html", spare / "b.html")  # already the cache's file
    (spare / "rong" / "long").mkdir(parents=True)
    _write(fresh, {"index.html": b"<p>home</p>", "tin-tuc/moi/index.html": b"<p>moi</p>"})
    reused = {"tin-tuc/a/index.html": cache / "a.html", "b.html": cache / "b.html"}
    b_inode = (spare / "b.html").stat().st_ino

    assemble(fresh, reused, spare)

    assert _contents(spare) == {
        "index.html": b"<p>home</p>",
        "tin-tuc/moi/index.html": b"<p>moi</p>",
        "tin-tuc/a/index.html": b"<p>A</p>",
        "tin-tuc/a/index.html.gz": b"gz",
        "b.html": b"<p>B</p>",
        "pagefind/pagefind.js": b"search",
    }
    assert (spare / "tin-tuc/a/index.html").samefile(cache / "a.html")
    assert (spare / "b.html").stat().st_ino == b_inode
    assert not (spare / "tin-tuc/xoa").exists()
    assert files_under(fresh) == {}


def test_the_live_site_sharing_files_is_never_written(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _write(cache, {"a.html": b"<p>A</p>"})
    live, spare, fresh = tmp_path / "site", tmp_path / "spare", tmp_path / "fresh"
    _write(live, {"index.html": b"<p>home 1</p>"})
    spare.mkdir()
    os.link(live / "index.html", spare / "index.html")  # the same inode in both
    os.link(cache / "a.html", spare / "trang.html")
    os.link(cache / "a.html", live / "trang.html")
    _write(fresh, {"index.html": b"<p>home 2</p>", "trang.html": b"<p>A2</p>"})

    assemble(fresh, {}, spare)

    assert (live / "index.html").read_bytes() == b"<p>home 1</p>"
    assert (live / "trang.html").read_bytes() == b"<p>A</p>"
    assert (cache / "a.html").read_bytes() == b"<p>A</p>"
    assert _contents(spare) == {"index.html": b"<p>home 2</p>", "trang.html": b"<p>A2</p>"}


def test_swap_trades_the_live_site_and_the_spare(tmp_path: Path) -> None:
    live, staging = tmp_path / "site", tmp_path / ".site.staging"
    _write(staging, {"index.html": b"1"})
    swap(staging, live)  # no site yet
    assert (live / "index.html").read_bytes() == b"1" and not staging.exists()
    _write(staging, {"index.html": b"2"})
    swap(staging, live)
    assert (live / "index.html").read_bytes() == b"2"
    assert (staging / "index.html").read_bytes() == b"1"  # the replaced site, kept as spare
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.staging", "site"]
