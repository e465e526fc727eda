"""Build stage (compression): a `.gz` beside every text file of the built site, which nginx's
`gzip_static` sends as it is, so the server never compresses a page per request.

A file's `.gz` is kept in a cache named by the digest of the file's bytes, and published by hard
link: after a one-article edit only the few changed pages are compressed. An entry is used only
when it unpacks to bytes of that digest (a damaged one is made again); once checked, its
identity on disk stands for the check (`checked.py`). Reused pages are the page cache's own
files, the same inode build after build: an index of their identity -> digest spares reading
and hashing them again. The `.gz` files carry no time or name, so the same bytes always give
the same `.gz`.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from isal import igzip

from .assemble import files_under
from .checked import (
    Checked,
    Identity,
    identity,
    read_identities,
    remove,
    store,
    write_identities,
)
from .pagecache import publish

# Text that gzip shrinks; photos, PDFs, XLSX and Pagefind's chunks are compressed already.
SUFFIXES = frozenset(
    {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".csv", ".webmanifest", ".vtt"}
)
MIN_BYTES = 512  # below one packet the header costs more than it saves
LEVEL = 6  # zlib's: level 9 saves under 0.1 % on these files and takes twice as long
# ISA-L's best level for what the build writes by the thousand, pages, and for XML (the feeds
# and the sitemap are large): 5 times faster than zlib's level 6 on pages, for about 8 % more bytes
# (5.3 KiB a page instead of 4.9). A cold build compresses every page; zlib took 7 s of CPU at
# 10,000 items. The theme's stylesheets and scripts, which a first visit loads, stay with zlib:
# ISA-L made them 10 to 20 % larger.
PAGE_LEVEL = 3


def gzipped(data: bytes) -> bytes:
    """`data` as a gzip member with no name and no time: the same bytes on every build."""
    if data[:64].lstrip().lower().startswith((b"<!doctype html", b"<?xml")):
        return igzip.compress(data, compresslevel=PAGE_LEVEL, mtime=0)
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


class Warmer:
    """Pages compressed as they are rendered, into the cache `precompress` takes them from: a
    cold build compresses on both rendering cores instead of after them. Each rendering process
    has its own, and writes its notes (`write_notes`) before its render ends."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.pending: dict[str, list[str]] = {}  # kind -> lines not written yet
        self.made: set[str] = set()  # folders known to exist: a mkdir per page is dear

    def warm(self, data: bytes, page: Path, digest: str | None = None) -> Path | None:
        """Compress `data`; `page` is the page cache's entry of it, which the site links: its
        identity goes into the notes with the digest, and so does the identity of the entry
        written here, so that `precompress` neither reads the page again nor checks an entry
        this build made. An entry there already is left for `precompress` to check. `digest`:
        the SHA-256 of `data`, when the caller has it (the page cache's sum). Returns the entry
        (None: too small to compress)."""
        if len(data) < MIN_BYTES:
            return None
        digest = digest or _digest(data)
        entry = self.cache / digest[:2] / f"{digest}.gz"
        if not entry.exists():
            if digest[:2] not in self.made:
                entry.parent.mkdir(parents=True, exist_ok=True)
                self.made.add(digest[:2])
            store(entry, gzipped(data))
            self._note("entries", identity(os.stat(entry)), str(entry))
        self._note("pages", identity(os.stat(page)), digest)
        return entry

    def _note(self, kind: str, found: Identity, text: str) -> None:
        self.pending.setdefault(kind, []).append("\t".join((*map(str, found), text)) + "\n")

    def write_notes(self) -> None:
        """This process's notes, to files of its own (a forked child ends without flushing
        anything). Notes never written (a process that died) cost `precompress` reading those
        pages again, nothing more."""
        for kind, lines in self.pending.items():
            name = f".warmed-{kind}-{os.getpid()}.tsv"
            with open(self.cache / name, "a", encoding="utf-8") as notes:
                notes.writelines(lines)
        self.pending.clear()


def _take_notes(cache: Path, kind: str) -> list[tuple[Identity, str]]:
    """The rows of every rendering process's notes of `kind`, which are then deleted."""
    rows = []
    for notes in cache.glob(f".warmed-{kind}-*.tsv"):
        rows += read_identities(notes)
        notes.unlink(missing_ok=True)
    return rows


INDEX = "index.tsv"  # the files of the last build: identity -> digest
_RUN = 256  # files a compressing thread takes at a time


def precompress(site: Path, cache: Path, folder: str = "", skip: str = "", workers: int = 2) -> int:
    """Write `name.gz` beside each compressible file of `site` of at least MIN_BYTES; returns
    how many had to be compressed (the rest came from `cache`).

    `folder` (relative to `site`, ending in "/"): only the files under it; `skip`: a folder
    under it left out. A build compresses the pages while the search bundle is being made, and the
    bundle after: each part keeps its own indexes in the cache."""
    part = folder.strip("/").replace("/", "-")
    index = cache / (f"{part}-{INDEX}" if part else INDEX)
    known = dict(read_identities(index))
    checked = Checked(cache / (f"{part}-checked.tsv" if part else "checked.tsv"))
    if not folder:  # the pages: what the render compressed
        known.update(_take_notes(cache, "pages"))
        for found, entry in _take_notes(cache, "entries"):
            checked.vouch(entry, found)
    present = files_under(site / folder, skip)
    files = []
    for rel, entry in present.items():
        if os.path.splitext(rel)[1] in SUFFIXES:
            info = entry.stat()
            if info.st_size >= MIN_BYTES:
                have = present.get(rel + ".gz")
                files.append((Path(entry.path), identity(info), have and have.inode()))
    # A `.gz` whose file is gone, or is no longer compressed, goes (a reused folder has them).
    compressed = {f"{path}.gz" for path, _, _ in files}
    for rel, entry in present.items():
        if rel.endswith(".gz") and entry.path not in compressed:
            os.unlink(entry.path)

    # zlib and hashlib let go of the GIL on large buffers, so threads use both cores. A thread
    # pool's map makes a future per item (its chunksize is for processes): 28,000 of them cost
    # a second, so the threads are handed runs of files.
    def run(start: int) -> list[tuple[str, int]]:
        return [_one(*f, known.get(f[1]), cache, checked) for f in files[start : start + _RUN]]

    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = [made for part in pool.map(run, range(0, len(files), _RUN)) for made in part]
    rows = {ident: digest for (_, ident, _), (digest, _) in zip(files, done, strict=True)}
    write_identities(index, rows.items())
    checked.save()
    return sum(made for _, made in done)


def _one(
    path: Path,
    ident: Identity,
    have: int | None,
    digest: str | None,
    cache: Path,
    checked: Checked,
) -> tuple[str, int]:
    """(the file's digest, 1 if it had to be compressed); `have`: the inode of the `.gz` the
    folder has already, if any (the entry's own: nothing to do)."""
    data = None
    if digest is None:
        data = path.read_bytes()
        digest = _digest(data)
    entry = cache / digest[:2] / f"{digest}.gz"
    target = path.with_name(path.name + ".gz")
    sound = checked.sound(str(entry), lambda: _unpacks_to(entry, digest))
    if sound:
        if have != sound[1]:
            publish(entry, target)
        return digest, 0
    if data is None:  # the index said this file, but its entry is gone: from the bytes
        data = path.read_bytes()
        digest = _digest(data)
        entry = cache / digest[:2] / f"{digest}.gz"
    entry.parent.mkdir(parents=True, exist_ok=True)
    store(entry, gzipped(data))
    checked.add(str(entry))
    publish(entry, target)
    return digest, 1


def _digest(data: bytes) -> str:
    """SHA-256: the page cache's sum of a page names its `.gz` too (and it is the faster
    hash on CPUs with SHA instructions)."""
    return hashlib.sha256(data).hexdigest()


def _unpacks_to(entry: Path, digest: str) -> bool:
    """The entry is whole: it unpacks to the bytes its name is the digest of."""
    try:
        return _digest(gzip.decompress(entry.read_bytes())) == digest
    except (OSError, EOFError, zlib.error):  # gzip.BadGzipFile is an OSError
        return False


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
            remove(entry)
            removed += 1
    cache.mkdir(parents=True, exist_ok=True)
    marker.touch()
    return removed
