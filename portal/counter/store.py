"""Counter (store): the visitor counter's state: views per day and per page in a database
(SQLite by default, PostgreSQL for several hosts), visitors online in memory.

Privacy by construction: nothing that identifies a reader reaches the disk. A visitor is a hash
of IP address, user agent and a salt that changes every day (Vietnam time) and lives only in
memory; the hashes themselves are kept in memory for five minutes to count who is online.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..dates import TZ
from .views import Views

ONLINE_SECONDS = 5 * 60
MAX_PATH = 512

Clock = Callable[[], float]  # seconds since the epoch


@dataclass(frozen=True)
class Counts:
    online: int
    today: int
    total: int
    page: int | None = None

    def as_json(self) -> dict[str, int]:
        data = {"online": self.online, "today": self.today, "total": self.total}
        if self.page is not None:
            data["page"] = self.page
        return data


def open_views(database: str | Path) -> Views:
    """`postgresql://…` (or `postgres://…`) for PostgreSQL; anything else is a SQLite file."""
    if str(database).startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresViews  # psycopg only for those who use it

        return PostgresViews(str(database))
    from .sqlite import SqliteViews

    return SqliteViews(Path(database))


def valid_path(path: object) -> bool:
    """A site path: starts with "/", printable, bounded; never a full URL or a query."""
    return (
        isinstance(path, str)
        and path.startswith("/")
        and not path.startswith("//")
        and len(path) <= MAX_PATH
        and path.isprintable()
        and "?" not in path
        and "#" not in path
    )


class Counter:
    """Thread-safe. Views are counted in batches: one transaction (one disk flush) for all
    the views that arrived while the last one was being written."""

    def __init__(self, database: str | Path, clock: Clock = time.time) -> None:
        self.clock = clock
        self.views = open_views(database)
        self._lock = threading.Lock()
        self._online: dict[str, float] = {}
        self._pruned = 0.0
        self._salt_day = ""
        self._salt = b""

    def day(self) -> str:
        return datetime.fromtimestamp(self.clock(), TZ).date().isoformat()

    def visitor(self, address: str, user_agent: str) -> str:
        """An anonymous visitor id, stable for one day; the salt is never written anywhere."""
        with self._lock:
            today = self.day()
            if today != self._salt_day:
                self._salt_day, self._salt = today, secrets.token_bytes(32)
            salt = self._salt
        return hashlib.sha256(salt + f"{address}\x00{user_agent}".encode()).hexdigest()

    def record(self, path: str, visitor: str) -> Counts:
        """Count one view of `path`; the counts after it."""
        return self.record_many([(path, visitor)])[0]

    def record_many(self, views: list[tuple[str, str]]) -> list[Counts]:
        """Count each (path, visitor) in one transaction; each view's counts after it."""
        if not all(valid_path(path) for path, _ in views):
            raise ValueError("invalid path")
        now = self.clock()
        totals = self.views.add(self.day(), [path for path, _ in views])
        with self._lock:
            self._online.update((visitor, now) for _, visitor in views)
            online = self._online_now(now)
        return [Counts(online, totals.today, totals.total, totals.pages[p]) for p, _ in views]

    def counts(self, path: str | None = None) -> Counts:
        now = self.clock()
        totals = self.views.read(self.day(), path)
        with self._lock:
            online = self._online_now(now)
        return Counts(online, totals.today, totals.total, totals.pages[path] if path else None)

    def _online_now(self, now: float) -> int:
        if not 0 <= now - self._pruned < 1.0:  # at most once a second, whatever the traffic
            self._pruned = now
            self._prune(now - ONLINE_SECONDS)
        return len(self._online)

    def _prune(self, cutoff: float) -> None:
        for visitor in [v for v, seen in self._online.items() if seen < cutoff]:
            del self._online[visitor]

    def close(self) -> None:
        self.views.close()
