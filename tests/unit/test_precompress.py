"""Precompression: a `.gz` beside each text file, reused from its cache only when sound."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from portal.build import precompress

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


def test_a_page_compressed_as_it_was_rendered_is_linked_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`warm` compresses a page into the cache as the render stores it, and notes the page's
    identity and the entry it wrote: `precompress` links that entry without reading the page
    or unpacking the entry. An entry that was there before is checked once, as always."""
    cache, pages = tmp_path / "cache", tmp_path / "pages"
    pages.mkdir()
    stored = pages / "trang.html"  # the page cache's entry, which the site links
    stored.write_bytes(PAGE)
    root = site(tmp_path / "site")
    (root / "tin-tuc/a/index.html").unlink()
    os.link(stored, root / "tin-tuc/a/index.html")
    warmer = precompress.Warmer(cache)
    warmer.warm(PAGE, stored)
    feed = (root / "rss.xml").read_bytes()
    warmer.warm(feed, root / "rss.xml")
    warmer.warm(feed, root / "rss.xml")  # there already: not vouched for
    warmer.write_notes()  # as each rendering process does at the end of its render
    unpacked: list[str] = []
    real = precompress._unpacks_to
    monkeypatch.setattr(
        precompress, "_unpacks_to", lambda e, d: unpacked.append(e.name) or real(e, d)
    )
    read: list[str] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: read.append(p.name) or real_read(p))
    assert precompress.precompress(root, cache) == 0  # both were compressed by `warm`
    assert "index.html" not in read and len(unpacked) == 0
    assert gzip.decompress((root / "tin-tuc/a/index.html.gz").read_bytes()) == PAGE
    assert gzip.decompress((root / "rss.xml.gz").read_bytes()) == feed
    assert not list(cache.glob(".warmed-*"))  # the notes are taken once
    # With no notes, a new entry of the same bytes is read and checked.
    (root / "rss.xml.gz").unlink()
    for entry in cache.rglob("*.gz"):
        entry.unlink()
    warmer.warm(feed, root / "rss.xml")
    warmer.write_notes()
    (cache / "checked.tsv").unlink()
    for notes in cache.glob(".warmed-entries-*"):
        notes.unlink()
    assert precompress.precompress(root, cache) == 1  # the page's entry was deleted above
    assert len(unpacked) == 1
