"""Build stage (cache checks): cache entries already found sound, known by their identity.

An entry is read and checked against its checksum the first time a build uses it; after that
its identity on disk (device, inode, size, modification time) stands for the check. Entries
are only ever replaced by a rename (a new inode), never written in place, so an entry that was
damaged, truncated or edited since shows another identity and is read and checked again. The
index is a plain file in the cache: deleting it only costs one build the reading.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
Identity = tuple[int, int, int, int]  # device, inode, size, modification time (ns)
_SUM = re.compile(r"([^\t]+)\t([0-9a-f]{64})")


def identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class Checked:
    """The entries found sound by earlier builds (`index`), and those of this one."""

    def __init__(self, index: Path) -> None:
        self.index = index
        self.known = {path: found for found, path in read_identities(index)}
        self.seen: dict[str, Identity] = {}  # written back by save(): this build's entries

    def sound(self, path: str, check: Callable[[], bool]) -> Identity | None:
        """The identity of the entry at `path` if it is sound (by that identity when an
        earlier build checked it, else by `check()`, which reads it), or None."""
        try:
            found = identity(os.stat(path))
        except OSError:
            return None
        if self.known.get(path) != found and not check():
            return None
        self.seen[path] = found
        return found

    def vouch(self, path: str, found: Identity) -> None:
        """An entry another process of this build wrote, whole when it has identity `found`."""
        self.known[path] = found

    def add(self, path: str) -> None:
        """An entry this build wrote (and so knows sound)."""
        try:
            self.seen[path] = identity(os.stat(path))
        except OSError:
            pass

    def save(self) -> None:
        write_identities(self.index, ((found, path) for path, found in self.seen.items()))


def read_identities(index: Path) -> list[tuple[Identity, str]]:
    """The (identity, text) lines of an index file; none when it is missing or damaged."""
    rows: list[tuple[Identity, str]] = []
    try:
        lines = index.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return rows
    for line in lines:
        fields = line.split("\t", 4)
        if len(fields) == 5 and all(f.isdigit() for f in fields[:4]):
            device, inode, size, mtime = map(int, fields[:4])
            rows.append(((device, inode, size, mtime), fields[4]))
    return rows


def write_identities(index: Path, rows: Iterable[tuple[Identity, str]]) -> None:
    """Write (identity, text) lines to `index`, atomically."""
    _replace(index, "".join("\t".join((*map(str, found), value)) + "\n" for found, value in rows))


def store(path: Path, data: bytes) -> str:
    """A cache entry: `data` at `path`, as a new file (a new inode), never written in place: an
    entry may be linked into a published site. Returns the SHA-256 of `data`, which the cache
    keeps apart (`read_sums`): an entry without one, such as one interrupted half-way, is a
    miss. Creating the file beats a temporary file and a rename: about half the system time on
    ext4, where every file created is dear (a checksum file beside each entry was one more)."""
    _create(path, data)
    return hashlib.sha256(data).hexdigest()


def holds(path: Path, digest: str | None) -> bytes | None:
    """The bytes at `path` when their SHA-256 is `digest`; None when missing or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if digest is not None and hashlib.sha256(data).hexdigest() == digest else None


def read_sums(table: Path) -> dict[str, str]:
    """The name -> SHA-256 rows of a cache's table; a damaged row is left out (its entry is a
    miss, made again), a missing table gives none."""
    try:
        text = table.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {m[1]: m[2] for m in map(_SUM.fullmatch, text.splitlines()) if m}


def write_sums(table: Path, sums: Iterable[tuple[str, str]]) -> None:
    """Write name -> SHA-256 rows to `table`, atomically."""
    _replace(table, "".join(f"{name}\t{digest}\n" for name, digest in sums))


def _replace(table: Path, text: str) -> None:
    """`table` holds `text`, whole: written beside it, then renamed over it."""
    table.parent.mkdir(parents=True, exist_ok=True)
    temporary = table.with_name(f".{table.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(table)


def remove(path: Path) -> None:
    """Delete a stored entry (it may be missing already)."""
    _unlink(path)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _create(path: Path, content: bytes) -> None:
    try:
        fd = os.open(path, _NEW, 0o666)
    except FileExistsError:
        if _same(path, content):  # another thread stored the same entry
            return
        # A damaged entry made again (or one another thread is still writing): a new file
        # renamed over it, so that the name always holds a whole file.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_bytes(content)
        temporary.replace(path)
        return
    with os.fdopen(fd, "wb") as file:
        file.write(content)


def _same(path: Path, content: bytes) -> bool:
    try:
        return os.path.getsize(path) == len(content) and path.read_bytes() == content
    except OSError:
        return False
