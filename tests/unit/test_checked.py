"""Cache entries checked once are known by their identity; any change to them is read again."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from portal.build.checked import Checked, holds, store
from portal.build.pagecache import PageCache, publish


def _reads(path: Path, log: list[str]) -> bool:
    log.append(path.name)
    return path.read_bytes() == b"tot"


def test_an_entry_checked_once_is_not_read_again(tmp_path: Path) -> None:
    entry = tmp_path / "a.html"
    entry.write_bytes(b"tot")
    first = Checked(tmp_path / "checked.tsv")
    reads: list[str] = []
    assert first.sound(str(entry), lambda: _reads(entry, reads))
    first.save()
    second = Checked(tmp_path / "checked.tsv")
    assert second.sound(str(entry), lambda: _reads(entry, reads))
    assert reads == ["a.html"]


def test_a_replaced_or_edited_entry_is_read_and_its_damage_found(tmp_path: Path) -> None:
    entry = tmp_path / "a.html"
    entry.write_bytes(b"tot")
    checked = Checked(tmp_path / "checked.tsv")
    assert checked.sound(str(entry), lambda: _reads(entry, []))
    checked.save()
    entry.unlink()
    entry.write_bytes(b"hon")  # another file at the same path: another inode
    assert not Checked(tmp_path / "checked.tsv").sound(str(entry), lambda: _reads(entry, []))
    entry.write_bytes(b"tot")
    fresh = Checked(tmp_path / "checked.tsv")
    assert fresh.sound(str(entry), lambda: _reads(entry, []))
    fresh.save()
    with entry.open("r+b") as f:  # edited in place, same size: a new modification time
        f.write(b"h")
    os.utime(entry, ns=(0, entry.stat().st_mtime_ns + 1_000_000))
    reads: list[str] = []
    assert not Checked(tmp_path / "checked.tsv").sound(str(entry), lambda: _reads(entry, reads))
    assert reads == ["a.html"]


def test_the_page_cache_finds_a_damaged_entry_after_it_was_trusted(tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    cache.put("ab" * 32, b"<p>trang</p>")
    assert cache.verified("ab" * 32) is not None
    cache.save()
    entry = tmp_path / "ab" / f"{'ab' * 32}.html"
    entry.unlink()
    entry.write_bytes(b"<p>hong</p>")
    assert PageCache(tmp_path).verified("ab" * 32) is None
    assert PageCache(tmp_path).verified("cd" * 32) is None  # missing


def test_an_entry_damaged_or_without_its_sum_is_a_miss(tmp_path: Path) -> None:
    key = "ab" * 32
    cache = PageCache(tmp_path)
    cache.put(key, b"<p>trang</p>")
    assert cache.read(key) == b"<p>trang</p>"
    cache.save()
    entry = cache.path(key)
    entry.write_bytes(b"<p>tran")  # truncated in place
    assert PageCache(tmp_path).read(key) is None
    assert PageCache(tmp_path).verified(key) is None
    # Written by a build that never saved its sums (interrupted): not trusted, made again.
    other = tmp_path / "other"
    PageCache(other).put(key, b"<p>trang</p>")
    assert PageCache(other).read(key) is None
    assert PageCache(other).present(key) is None
    again = PageCache(other)
    again.put(key, b"<p>trang</p>")
    again.save()
    assert PageCache(other).verified(key) == again.path(key)
    assert PageCache(other).present(key) == again.path(key)
    assert not list(tmp_path.rglob("*.sha256"))  # the sums are one table, not a file each


def test_storing_again_never_writes_into_a_published_link(tmp_path: Path) -> None:
    entry, published = tmp_path / "a.html", tmp_path / "site.html"
    store(entry, b"cu")
    os.link(entry, published)
    digest = store(entry, b"moi")
    assert digest == hashlib.sha256(b"moi").hexdigest()
    assert holds(entry, digest) == b"moi"
    assert published.read_bytes() == b"cu"
    assert os.stat(entry).st_ino != os.stat(published).st_ino


def test_threads_storing_the_same_entry_always_find_it_whole(tmp_path: Path) -> None:
    """Two files of a site with the same bytes share one `.gz` entry, compressed by two threads
    at once: the entry's name never lacks a whole file to link."""
    data = b"<p>trang</p>" * 5000
    entry = tmp_path / "ab.gz"

    def one(n: int) -> None:
        for round_ in range(40):
            store(entry, data)
            target = tmp_path / f"site-{n}-{round_}"
            publish(entry, target)
            assert target.read_bytes() == data

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(one, range(6)))
    assert holds(entry, hashlib.sha256(data).hexdigest()) == data
