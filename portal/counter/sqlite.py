"""Counter (SQLite backend): the embedded default, one file beside the service.

Several processes may share the file (SQLite's locking, WAL). A transaction is durable before it
returns (`synchronous=FULL`): a view answered is a view kept, crash or not.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter as Tally
from pathlib import Path

from .views import Totals

_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily (day TEXT PRIMARY KEY, views INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, views INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 1), views INTEGER NOT NULL);
INSERT OR IGNORE INTO totals (id, views) VALUES (1, 0);
"""


class SqliteViews:
    def __init__(self, database: Path) -> None:
        database.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(
            database, timeout=30, check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def add(self, day: str, paths: list[str]) -> Totals:
        """Count one view of each of `paths` (repeats included) in one transaction; the counts
        after it, for those paths."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO daily (day, views) VALUES (?, ?) "
                    "ON CONFLICT(day) DO UPDATE SET views = views + excluded.views",
                    (day, len(paths)),
                )
                self._db.executemany(
                    "INSERT INTO pages (path, views) VALUES (?, ?) "
                    "ON CONFLICT(path) DO UPDATE SET views = views + excluded.views",
                    sorted(Tally(paths).items()),
                )
                self._db.execute("UPDATE totals SET views = views + ? WHERE id = 1", (len(paths),))
                totals = self._read(day, set(paths))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return totals

    def read(self, day: str, path: str | None) -> Totals:
        with self._lock:
            return self._read(day, {path} if path else set())

    def _read(self, day: str, paths: set[str]) -> Totals:
        today = self._db.execute("SELECT views FROM daily WHERE day = ?", (day,)).fetchone()
        total = self._db.execute("SELECT views FROM totals WHERE id = 1").fetchone()
        pages = dict.fromkeys(paths, 0)
        for path in paths:
            row = self._db.execute("SELECT views FROM pages WHERE path = ?", (path,)).fetchone()
            pages[path] = row[0] if row else 0
        return Totals(today[0] if today else 0, total[0] if total else 0, pages)

    def close(self) -> None:
        with self._lock:
            self._db.close()
