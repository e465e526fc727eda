"""Counter (pages): the paths that may be counted, as the last build published them.

The build writes every page's path into the site (`urls.COUNTABLE`); the service counts a view
only for one of them, so invented paths never reach the database. A new build is noticed by
the file's identity changing, checked at most once a second.
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
        self._checked = 0.0

    def _reload(self) -> None:
        try:
            stat = os.stat(self.file)
        except OSError:
            self._identity, self._paths = None, frozenset()
            return
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if identity != self._identity:
            text = self.file.read_text(encoding="utf-8")
            self._paths = frozenset(line for line in text.split("\n") if line)
            self._identity = identity

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        now = time.monotonic()
        with self._lock:
            if now - self._checked >= RECHECK_SECONDS:
                self._checked = now
                self._reload()
            return normalized(path) in self._paths
