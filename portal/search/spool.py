"""Search stage (kept parts): what Pagefind is handed of each page a render drew, written aside
by the process that drew it.

Storing a page cuts out its indexed part anyway (its digest keys the page's shard). Kept here,
the search stage need not read the page back, decode all of it and cut it again (about 100 µs
a page); kept on disk rather than in memory, no process holds them (at 50,000 items, 200 MB
more at the end of the render when the child handed them over in memory). Each process
appends to a file of its own; a part is known by (file, offset, length).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

Location = tuple[str, int, int]  # spool file, offset, length
PREFIX = ".parts-"


class Spool:
    """One process's parts, in a file of its own in `folder`, opened when the first is added
    (in the process that draws: a forked child opens its own)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.found: dict[str, Location] = {}  # output path -> where its part is
        self._file: BinaryIO | None = None
        self._path = ""
        self._pid = 0

    def add(self, output: str, part: bytes) -> None:
        if self._file is None or self._pid != os.getpid():
            self.folder.mkdir(parents=True, exist_ok=True)
            self._pid = os.getpid()
            self._path = str(self.folder / f"{PREFIX}{self._pid}")
            self._file = open(self._path, "wb")  # noqa: SIM115 (closed by close())
        self.found[output] = (self._path, self._file.tell(), len(part))
        self._file.write(part)

    def close(self) -> None:
        """Everything added is on disk (before another process reads it)."""
        if self._file is not None and self._pid == os.getpid():
            self._file.close()
        self._file = None

    def discard(self) -> None:
        """A render that failed: its files go."""
        self.close()
        for file in {self._path, *(file for file, _, _ in self.found.values())} - {""}:
            Path(file).unlink(missing_ok=True)
        self.found.clear()


class Parts:
    """The kept parts of a render (`found`: output path -> location), each taken once."""

    def __init__(self, found: Mapping[str, Location]) -> None:
        self.found = dict(found)
        self._fds: dict[str, int] = {}
        for file in sorted({file for file, _, _ in self.found.values()}):
            try:
                self._fds[file] = os.open(file, os.O_RDONLY)
            except OSError:  # gone: its pages are read from the site
                continue

    def take(self, path: str) -> str | None:
        """The part of the page at `path`, or None when the render kept none (or its file
        does not hold it whole: the page is then read from the site)."""
        found = self.found.pop(path, None)
        if found is None or found[0] not in self._fds:
            return None
        file, offset, length = found
        data = os.pread(self._fds[file], length, offset)
        return data.decode("utf-8") if len(data) == length else None

    def close(self) -> None:
        """The files closed and deleted: the render's parts are used."""
        for file, fd in self._fds.items():
            os.close(fd)
            Path(file).unlink(missing_ok=True)
        self._fds.clear()
