"""Counter (PostgreSQL backend): one count shared by several web hosts behind a load balancer.

`--database postgresql://user@host/db` selects it. The tables are the SQLite backend's; rows are
locked in one order (day, pages by path, total) so two hosts' batches never deadlock. A commit
is durable before it returns (PostgreSQL's default `synchronous_commit`).
"""

from __future__ import annotations

import threading
from collections import Counter as Tally

import psycopg

from .views import Totals

_SCHEMA = """
CREATE TABLE IF NOT EXISTS daily (day TEXT PRIMARY KEY, views BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, views BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 1), views BIGINT NOT NULL);
INSERT INTO totals (id, views) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
"""


class PostgresViews:
    def __init__(self, url: str) -> None:
        self._db = psycopg.connect(url)
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(8787)")  # hosts starting together
            self._db.execute(_SCHEMA)
        self._lock = threading.Lock()

    def add(self, day: str, paths: list[str]) -> Totals:
        """Count one view of each of `paths` in one transaction; the counts after it."""
        with self._lock, self._db.transaction(), self._db.cursor() as cursor:
            cursor.execute(
                "INSERT INTO daily (day, views) VALUES (%s, %s) "
                "ON CONFLICT (day) DO UPDATE SET views = daily.views + excluded.views",
                (day, len(paths)),
            )
            cursor.executemany(
                "INSERT INTO pages (path, views) VALUES (%s, %s) "
                "ON CONFLICT (path) DO UPDATE SET views = pages.views + excluded.views",
                sorted(Tally(paths).items()),
            )
            cursor.execute("UPDATE totals SET views = views + %s WHERE id = 1", (len(paths),))
            return self._read(cursor, day, set(paths))

    def read(self, day: str, path: str | None) -> Totals:
        with self._lock, self._db.transaction(), self._db.cursor() as cursor:
            return self._read(cursor, day, {path} if path else set())

    @staticmethod
    def _read(cursor: psycopg.Cursor, day: str, paths: set[str]) -> Totals:
        today = cursor.execute("SELECT views FROM daily WHERE day = %s", (day,)).fetchone()
        total = cursor.execute("SELECT views FROM totals WHERE id = 1").fetchone()
        pages = dict.fromkeys(paths, 0)
        if paths:
            rows = cursor.execute(
                "SELECT path, views FROM pages WHERE path = ANY(%s)", (sorted(paths),)
            )
            pages.update({path: int(views) for path, views in rows.fetchall()})
        return Totals(int(today[0]) if today else 0, int(total[0]) if total else 0, pages)

    def close(self) -> None:
        with self._lock:
            self._db.close()
