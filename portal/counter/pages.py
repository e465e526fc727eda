"""Counter (pages): the paths that may be counted, as the last build published them.

The build writes every page's path into the site (`urls.COUNTABLE`); the service counts a view
only for one of them, so invented paths never reach the database. An old address of a page
(site/addresses.py) is listed with the page it moved to, and its views count for that page.
A new build is noticed by the file's identity changing, checked at most once a second.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from .. import urls

RECHECK_SECONDS = 1.0


def normalized(path: str) -> str:
    """The path a page is listed under: `/a/index.html` is `/a/`."""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


class Pages:
    def __init__(self, site: Path) -> None:
        self.file = site / urls.COUNTABLE
        self._lock = threading.Lock()
        self._identity: tuple[int, int, int] | None = None
        self._paths: frozenset[str] = frozenset()
        self._moved: dict[str, str] = {}
        self._checked = 0.0

    def _reload(self) -> None:
        try:
            stat = os.stat(self.file)
        except OSError:
            self._identity, self._paths, self._moved = None, frozenset(), {}
            return
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if identity != self._identity:
            lines = [line.split(" ") for line in self.file.read_text("utf-8").split("\n")]
            self._paths = frozenset(line[0] for line in lines if len(line) == 1 and line[0])
            self._moved = {line[0]: line[1] for line in lines if len(line) == 2}
            self._identity = identity

    def page_of(self, path: str) -> str | None:
        """The page a view of `path` counts for: itself, the page an old address moved to,
        or None for a path the site does not publish."""
        now = time.monotonic()
        with self._lock:
            if now - self._checked >= RECHECK_SECONDS:
                self._checked = now
                self._reload()
            path = normalized(path)
            path = self._moved.get(path, path)
            return path if path in self._paths else None

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.page_of(path) is not None
