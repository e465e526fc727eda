"""Outputs stage (compression): a `.gz` beside every text file of the built site, which nginx's
`gzip_static` sends as it is, so the server never compresses a page per request.

A file's `.gz` is kept in a cache named by the digest of the file's bytes, and published by
hard link: after a one-article edit only the few changed pages are compressed. An entry is
used only when it decompresses to exactly those bytes (a damaged one is made again). The
`.gz` files carry no time or name, so the same bytes always give the same `.gz`.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .pagecache import publish

# Text that gzip shrinks; photos, PDFs, XLSX and Pagefind's chunks are compressed already.
SUFFIXES = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".csv", ".webmanifest", ".vtt"}
)
MIN_BYTES = 512  # below one packet the header costs more than it saves
LEVEL = 6  # level 9 saves under 0.1 % on these pages and takes twice as long


def compressible(path: Path) -> bool:
    return path.suffix in SUFFIXES


def gzipped(data: bytes) -> bytes:
    """`data` as a gzip member with no name and no time: the same bytes on every build."""
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def precompress(site: Path, cache: Path, workers: int = 2) -> int:
    """Write `name.gz` beside each compressible file of `site` of at least MIN_BYTES; returns
    how many had to be compressed (the rest came from `cache`)."""
    files = [
        path
        for path in site.rglob("*")
        if compressible(path) and path.is_file() and path.stat().st_size >= MIN_BYTES
    ]
    # zlib and hashlib let go of the GIL on large buffers, so threads use both cores.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(lambda path: _one(path, cache), files, chunksize=64))


def _one(path: Path, cache: Path) -> int:
    data = path.read_bytes()
    digest = hashlib.blake2b(data, digest_size=20).hexdigest()
    entry = cache / digest[:2] / f"{digest}.gz"
    target = path.with_name(path.name + ".gz")
    if _sound(entry, data):
        publish(entry, target)
        return 0
    packed = gzipped(data)
    entry.parent.mkdir(parents=True, exist_ok=True)
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.{id(data)}")
    temporary.write_bytes(packed)
    temporary.replace(entry)
    publish(entry, target)
    return 1


def prune(cache: Path, now: float, max_age_days: float = 7.0) -> int:
    """Delete entries that no published file links to (one link: the cache's own) and that are
    older than `max_age_days`; at most once a day. Returns how many went."""
    marker = cache / ".pruned"
    if marker.exists() and now - marker.stat().st_mtime < 86400:
        return 0
    removed = 0
    for entry in cache.glob("??/*.gz"):
        info = entry.stat()
        if info.st_nlink == 1 and info.st_mtime < now - max_age_days * 86400:
            entry.unlink(missing_ok=True)
            removed += 1
    cache.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return removed


def _sound(entry: Path, data: bytes) -> bool:
    try:
        return zlib.decompress(entry.read_bytes(), wbits=31) == data
    except (OSError, zlib.error):
        return False
