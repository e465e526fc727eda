"""Content stage (memo): what reading and validating gave for each file, while the file is
the same on disk, so that a long-lived preview, or a build that restored the memo of the last
one (build/memofile.py), parses and validates only the files that changed.

One `ContentMemo` is made by the command that plans (build, check, serve) and handed to
`load` and `validate`; nothing here reads or writes a file.
"""

from __future__ import annotations

import os
from typing import Any

Identity = tuple[int, int, int]  # inode, modification time (ns), size


def identity(path: str) -> Identity:
    stat = os.stat(path)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class ContentMemo:
    """`parsed`: (path, name shown) -> (identity on disk, what parsing gave);
    `validated`: name shown -> (the very document checked, what it was checked against, the
    result), valid while `load` returns that same document object."""

    def __init__(self) -> None:
        self.parsed: dict[tuple[str, str], tuple[Identity, Any]] = {}
        self.validated: dict[str, tuple[Any, tuple[Any, ...], Any]] = {}
        self.kept: set[int] = set()  # ids of the entries as last restored or saved

    def known(self, path: str, rel: str, now: Identity) -> Any | None:
        found = self.parsed.get((path, rel))
        return found[1] if found is not None and found[0] == now else None

    def remember(self, path: str, rel: str, now: Identity, result: Any) -> None:
        self.parsed[(path, rel)] = (now, result)

    def validation(self, doc: Any, against: tuple[Any, ...]) -> Any | None:
        found = self.validated.get(doc.path)
        return found[2] if found is not None and found[0] is doc and found[1] == against else None

    def validate(self, doc: Any, against: tuple[Any, ...], result: Any) -> None:
        self.validated[doc.path] = (doc, against, result)

    def prune(self) -> None:
        """Forget files that are gone, and validations of documents no longer parsed."""
        for key in [key for key in self.parsed if not os.path.exists(key[0])]:
            del self.parsed[key]
        docs = {id(known[1]) for known in self.parsed.values()}
        for path in [p for p, known in self.validated.items() if id(known[0]) not in docs]:
            del self.validated[path]

    def entries(self) -> list[object]:
        return [*self.parsed.values(), *self.validated.values()]

    def changed(self) -> int:
        """Entries made since the memo was last restored or saved."""
        return sum(1 for entry in self.parsed.values() if id(entry) not in self.kept)
