"""Precompression: a `.gz` beside each text file, reused from its cache only when sound."""

from __future__ import annotations

import gzip
from pathlib import Path

from portal.outputs import precompress

PAGE = ("<p>Công an tỉnh Long An thông báo lịch tiếp công dân.</p>\n" * 40).encode()


def site(root: Path) -> Path:
    (root / "tin-tuc/a").mkdir(parents=True)
    (root / "tin-tuc/a/index.html").write_bytes(PAGE)
    (root / "rss.xml").write_bytes(PAGE.replace(b"<p>", b"<item>"))
    (root / "nho.css").write_bytes(b"a{color:red}")  # too small to gain
    (root / "anh.webp").write_bytes(PAGE)  # compressed already
    return root


def test_text_files_get_a_gzip_that_decompresses_to_them(tmp_path: Path) -> None:
    root = site(tmp_path / "site")
    assert precompress.precompress(root, tmp_path / "cache") == 2
    for name in ("tin-tuc/a/index.html", "rss.xml"):
        packed = (root / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (root / name).read_bytes()
        assert packed[4:8] == b"\0\0\0\0"  # no time: the same page gives the same bytes
    assert not (root / "nho.css.gz").exists() and not (root / "anh.webp.gz").exists()


def test_unchanged_files_come_from_the_cache_and_a_damaged_entry_is_redone(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    precompress.precompress(site(tmp_path / "one"), cache)
    second = site(tmp_path / "two")
    (second / "rss.xml").write_bytes(PAGE + b"<!-- sua -->")
    assert precompress.precompress(second, cache) == 1  # only the changed feed
    entry = next(p for p in cache.rglob("*.gz") if p.stat().st_nlink == 3)  # the page's
    entry.unlink()
    entry.write_bytes(gzip.compress(b"<p>hong</p>"))
    third = site(tmp_path / "three")
    assert precompress.precompress(third, cache) == 1  # the page; the first feed is cached
    assert gzip.decompress((third / "tin-tuc/a/index.html.gz").read_bytes()) == PAGE


def test_prune_removes_old_entries_that_no_site_links(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = site(tmp_path / "site")
    precompress.precompress(root, cache)
    (root / "rss.xml.gz").unlink()  # the feed's entry is now linked by nothing
    assert precompress.prune(cache, now=10**10) == 1
    (kept,) = cache.rglob("*.gz")
    assert kept.samefile(root / "tin-tuc/a/index.html.gz")


def test_a_folder_left_out_and_then_compressed_on_its_own(tmp_path: Path) -> None:
    """How a build compresses the pages while the search bundle is made, then the bundle:
    neither pass touches the other's files, and a stale `.gz` goes only in its own part."""
    root, cache = site(tmp_path / "site"), tmp_path / "cache"
    (root / "pagefind/vi").mkdir(parents=True)
    (root / "pagefind/pagefind.js").write_bytes(PAGE.replace(b"<p>", b"var "))
    (root / "pagefind/vi/cu.json.gz").write_bytes(b"stale")  # its file is gone
    assert precompress.precompress(root, cache, skip="pagefind/") == 2
    assert not (root / "pagefind/pagefind.js.gz").exists()
    assert (root / "pagefind/vi/cu.json.gz").exists()
    assert precompress.precompress(root, cache, folder="pagefind/") == 1
    assert gzip.decompress((root / "pagefind/pagefind.js.gz").read_bytes()).startswith(b"var ")
    assert not (root / "pagefind/vi/cu.json.gz").exists()
    assert (root / "rss.xml.gz").exists()
    # Each part remembers its own files: nothing to compress again in either.
    assert precompress.precompress(root, cache, skip="pagefind/") == 0
    assert precompress.precompress(root, cache, folder="pagefind/") == 0
