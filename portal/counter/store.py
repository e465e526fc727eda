"""Counter (store): the visitor counter's state, views per day and per page in SQLite, visitors
online in memory.

Privacy by construction: nothing that identifies a reader reaches the disk. A visitor is a hash
of IP address, user agent and a salt that changes every day (Vietnam time) and lives only in
memory; the hashes themselves are kept in memory for five minutes to count who is online.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..dates import TZ

ONLINE_SECONDS = 5 * 60
MAX_PATH = 512

Clock = Callable[[], float]  # seconds since the epoch

_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily (day TEXT PRIMARY KEY, views INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, views INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 1), views INTEGER NOT NULL);
INSERT OR IGNORE INTO totals (id, views) VALUES (1, 0);
"""


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
    """Thread-safe; several processes may share one database file (SQLite locking, WAL)."""

    def __init__(self, database: Path, clock: Clock = time.time) -> None:
        self.clock = clock
        database.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(
            database, timeout=30, check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a view counted is a view kept, crash or not
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._online: dict[str, float] = {}
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

    def record(self, path: str, visitor: str) -> None:
        """Count one view of `path`, in one transaction."""
        if not valid_path(path):
            raise ValueError("invalid path")
        now, today = self.clock(), self.day()
        with self._lock:
            self._online[visitor] = now
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO daily (day, views) VALUES (?, 1) "
                    "ON CONFLICT(day) DO UPDATE SET views = views + 1",
                    (today,),
                )
                self._db.execute(
                    "INSERT INTO pages (path, views) VALUES (?, 1) "
                    "ON CONFLICT(path) DO UPDATE SET views = views + 1",
                    (path,),
                )
                self._db.execute("UPDATE totals SET views = views + 1 WHERE id = 1")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def counts(self, path: str | None = None) -> Counts:
        now = self.clock()
        with self._lock:
            cutoff = now - ONLINE_SECONDS
            for visitor in [v for v, seen in self._online.items() if seen < cutoff]:
                del self._online[visitor]
            online = len(self._online)
            today = self._one("SELECT views FROM daily WHERE day = ?", (self.day(),))
            total = self._one("SELECT views FROM totals WHERE id = 1", ())
            page = self._one("SELECT views FROM pages WHERE path = ?", (path,)) if path else None
        return Counts(online, today, total, page)

    def _one(self, sql: str, args: tuple[object, ...]) -> int:
        row = self._db.execute(sql, args).fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        with self._lock:
            self._db.close()
