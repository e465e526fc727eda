"""Build stage (cache): rendered pages kept by key, so a build renders only what changed.

An entry is the page's HTML (and for an article the converted body that feeds carry). The
SHA-256 of each entry's bytes is kept in `sums.tsv`: an entry whose bytes do not match (a disk
error, a hand edit, an interrupted write) or that has no sum is a miss: the page is rendered
again and the entry replaced. Entries are written atomically and published by hard link, so an
unchanged page costs no copy. The folder (default `.cache/pages/`, git-ignored) may be deleted
at any time. An entry checked once is known by its identity on disk afterwards (`checked.py`).

Beside the entries, `indexed.tsv` keeps for each key the digest of what the search indexes of
the page (`search.indexed_part`), so the search stage knows a reused page's part unread.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Set
from pathlib import Path

from .checked import Checked, holds, read_sums, remove, store, write_sums

_INDEXED = "indexed.tsv"
_SUMS = "sums.tsv"  # entry file name -> SHA-256 of its bytes


class PageCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.checked = Checked(folder / "checked.tsv")
        self.sums = read_sums(folder / _SUMS)
        self.written: dict[str, str] = {}  # the entries this build wrote -> their SHA-256
        self.indexed = read_sums(folder / _INDEXED)  # key -> digest of its indexed part
        self.made: set[str] = set()  # folders known to exist: a mkdir per page is dear

    def path(self, key: str, kind: str = "html") -> Path:
        return self.folder / key[:2] / f"{key}.{kind}"

    def read(self, key: str, kind: str = "html") -> bytes | None:
        """The entry's bytes, or None when it is missing or damaged."""
        path = self.path(key, kind)
        return holds(path, self.sums.get(path.name))

    def verified(self, key: str, kind: str = "html") -> Path | None:
        """The entry's file, when it is there and sound."""
        path = self.path(key, kind)
        sound = self.checked.sound(str(path), lambda: self.read(key, kind) is not None)
        return path if sound else None

    def present(self, key: str, kind: str = "html") -> Path | None:
        """The entry's file when it is there with its sum, unread: for the preview, which shows
        pages and publishes nothing (every published page is `verified`)."""
        name = f"{key}.{kind}"
        path = os.path.join(self.folder, key[:2], name)  # strings: 14,000 a preview
        return Path(path) if name in self.sums and os.path.isfile(path) else None

    def put(self, key: str, data: bytes, kind: str = "html") -> Path:
        """Store an entry; returns its file."""
        path = self.path(key, kind)
        if key[:2] not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(key[:2])
        self.written[str(path)] = self.sums[path.name] = store(path, data)
        self.checked.add(str(path))
        return path

    def discard(self) -> None:
        """Delete the entries this build wrote: a build that failed (a broken link, a crash)
        must render its pages again next time, and report the same problems."""
        for path in self.written:
            remove(Path(path))
            self.sums.pop(os.path.basename(path), None)
        self.written.clear()

    def adopt(self, written: Mapping[str, str], indexed: dict[str, str]) -> None:
        """Entries another process of this build wrote (split.py's child), with their sums and
        the digests of their pages' indexed parts: known sound, and discarded with this
        build's own."""
        for path, digest in written.items():
            self.checked.add(path)
            self.sums[os.path.basename(path)] = digest
        self.written.update(written)
        self.indexed.update(indexed)

    def note_indexed(self, key: str, part: bytes) -> None:
        """What the search indexes of the page of `key` (`search.indexed_part`, UTF-8)."""
        self.indexed[key] = hashlib.sha256(part).hexdigest()

    def save(self, used: Set[str] | None = None) -> None:
        """Remember the entries' sums, those this build found or made sound, and the indexed
        parts of the pages of `used` keys (all known, by default), for the next build."""
        self.checked.save()
        write_sums(self.folder / _SUMS, sorted(self.sums.items()))
        kept = sorted(self.indexed.keys() if used is None else used & self.indexed.keys())
        write_sums(self.folder / _INDEXED, ((key, self.indexed[key]) for key in kept))

    def prune(self, used: set[str], now: float, max_age_days: float = 7.0) -> int:
        """Delete entries no build has used for `max_age_days`: every change of a template or
        of the portal leaves a whole site of old entries behind. Runs at most once a day (a
        walk of the cache costs a fraction of a second at 10,000 items). Returns how many
        files went."""
        marker = self.folder / ".pruned"
        if marker.exists() and now - marker.stat().st_mtime < 86400:
            return 0
        removed = 0
        limit = now - max_age_days * 86400
        for path in self.folder.glob("??/*"):
            if path.name.split(".", 1)[0] not in used and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                self.sums.pop(path.name, None)
                removed += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        marker.touch()
        return removed


def publish(source: Path, target: Path) -> None:
    """`source` at `target` by hard link, or by copy where links cannot be made."""
    try:
        os.link(source, target)
    except FileNotFoundError:  # the folder is new (or `source` is gone: the copy says so)
        os.makedirs(target.parent, exist_ok=True)
        _link_or_copy(source, target)
    except FileExistsError:
        target.unlink()
        _link_or_copy(source, target)
    except OSError:
        target.write_bytes(source.read_bytes())


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        os.link(source, target)
    except OSError:
        target.write_bytes(source.read_bytes())
