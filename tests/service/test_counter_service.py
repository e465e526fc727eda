"""The counting service on a loopback port: exact counts, bad input, CORS, limits, restarts;
on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from portal import urls
from portal.counter.pages import Pages
from portal.counter.service import CounterServer, RateLimit
from portal.counter.store import Counter

ORIGIN = "https://congan.longan.example.vn"
PAGES = frozenset({"/", "/tin-tuc/a/", *(f"/p/{n}/" for n in range(5))})  # the pages "built"


def request(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def view(base: str, path: str = "/tin-tuc/a/", **headers: str) -> int:
    body = json.dumps({"path": path}).encode()
    return request(base + "api/view", body, {"Content-Type": "text/plain", **headers})[0]


def counts(base: str, path: str = "/tin-tuc/a/") -> dict[str, int]:
    return json.loads(request(base + f"api/counts?path={path}")[2])


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where the counts go: a SQLite file, or a fresh database on the test's PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "counter.sqlite3")
    return request.getfixturevalue("postgres")()


def stored(database: str) -> tuple[int, int]:
    """(rows in `pages`, the stored total), read from the database itself."""
    import psycopg

    connect = psycopg.connect if database.startswith("postgresql://") else sqlite3.connect
    db = connect(database)
    try:
        rows = db.execute("SELECT count(*) FROM pages").fetchone()
        total = db.execute("SELECT views FROM totals").fetchone()
    finally:
        db.close()
    return int(rows[0]), int(total[0])


@pytest.fixture
def service(database: str) -> Iterator[str]:
    counter = Counter(database)
    server = CounterServer(
        ("127.0.0.1", 0), counter, ORIGIN, rate_limit=RateLimit(1000, 1000), pages=PAGES
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    counter.close()


def test_counts_increase_exactly_by_the_views_sent(service: str) -> None:
    assert counts(service) == {"online": 0, "today": 0, "total": 0, "page": 0}
    for _ in range(25):
        assert view(service) == 200
    assert view(service, "/") == 200
    assert counts(service) == {"online": 1, "today": 26, "total": 26, "page": 25}


@pytest.mark.parametrize(
    ("method", "route", "body", "status"),
    [
        ("POST", "api/view", b"x" * 3000, 413),
        ("POST", "api/view", b"not json", 400),
        ("POST", "api/view", b"\xff\xfe", 400),
        ("POST", "api/view", b"[1, 2]", 400),
        ("POST", "api/view", json.dumps({"path": "https://evil.example/"}).encode(), 400),
        ("POST", "api/view", json.dumps({"path": "/" + "a" * 600}).encode(), 400),
        ("POST", "api/view", json.dumps({"trang": "/"}).encode(), 400),
        ("POST", "api/counts", b"{}", 405),
        ("POST", "khac", b"{}", 404),
        ("GET", "api/view", None, 404),
        ("GET", "api/counts?path=khong-co-gach", None, 400),
        ("PUT", "api/view", b"{}", 405),
    ],
)
def test_bad_requests_get_4xx_and_change_nothing(
    service: str, method: str, route: str, body: bytes | None, status: int
) -> None:
    before = counts(service)
    got, _, payload = request(service + route, body, {"Content-Type": "text/plain"}, method)
    assert got == status
    assert "error" in json.loads(payload)
    assert counts(service) == before


def test_cors_only_for_the_sites_own_origin(service: str) -> None:
    body = json.dumps({"path": "/"}).encode()
    _, headers, _ = request(service + "api/view", body, {"Origin": ORIGIN})
    assert headers.get("Access-Control-Allow-Origin") == ORIGIN
    assert "Set-Cookie" not in headers
    _, headers, _ = request(service + "api/view", body, {"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in headers
    status, _, _ = request(
        service + "api/view", None, {"Origin": "https://evil.example"}, "OPTIONS"
    )
    assert status == 403
    status, headers, _ = request(service + "api/view", None, {"Origin": ORIGIN}, "OPTIONS")
    assert status == 204 and headers["Access-Control-Allow-Origin"] == ORIGIN


def test_a_client_over_the_rate_limit_gets_429(database: str) -> None:
    counter = Counter(database)
    server = CounterServer(
        ("127.0.0.1", 0), counter, ORIGIN, rate_limit=RateLimit(0.001, 5), pages=PAGES
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert [view(base) for _ in range(7)] == [200] * 5 + [429, 429]
        assert counts(base)["total"] == 5
    finally:
        server.shutdown()
        server.server_close()
        counter.close()


def test_concurrent_views_from_threads_are_all_counted(service: str) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda n: view(service, f"/p/{n % 5}/"), range(200)))
    assert results == [200] * 200
    assert counts(service)["total"] == 200


_WORKER = """
import sys
from portal.counter.store import Counter
counter = Counter(sys.argv[1])
visitor = counter.visitor("203.0.113.9", "worker")
for _ in range(int(sys.argv[2])):
    counter.record("/tin-tuc/a/", visitor)
"""


def test_concurrent_views_from_processes_are_all_counted(database: str) -> None:
    """Several services (or hosts) on one database: no view is lost between them."""
    Counter(database).close()
    workers = [subprocess.Popen([sys.executable, "-c", _WORKER, database, "60"]) for _ in range(4)]
    assert [w.wait(timeout=120) for w in workers] == [0] * 4
    counter = Counter(database)
    assert counter.counts("/tin-tuc/a/").total == 240
    counter.close()


def start_service(
    data_dir: Path, database: str = "", *options: str
) -> tuple[subprocess.Popen[str], str]:
    """`portal counter` in a process of its own; its base URL."""
    site = data_dir.parent / "site"
    site.mkdir(exist_ok=True)
    (site / urls.COUNTABLE).write_text("".join(f"{p}\n" for p in sorted(PAGES)), encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "portal.cli",
            "counter",
            "--data-dir",
            str(data_dir),
            "--site",
            str(site),
            "--port",
            "0",
            "--origin",
            ORIGIN,
            *(["--database", database] if database else []),
            *options,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    process.stdout.close()  # the address is all we need from it
    base = line.split(" on ", 1)[1].strip()
    return process, base


def test_data_survives_a_crash_and_a_restart(tmp_path: Path) -> None:
    process, base = start_service(tmp_path)
    try:
        for _ in range(12):
            assert view(base) == 200
    finally:
        process.send_signal(signal.SIGKILL)  # a crash: no clean shutdown
        process.wait(timeout=10)
    process, base = start_service(tmp_path)
    try:
        assert counts(base)["total"] == 12
        assert view(base) == 200
        assert counts(base)["total"] == 13
    finally:
        process.terminate()
        process.wait(timeout=10)
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"127.0.0.1" not in stored and b"Python-urllib" not in stored


def test_today_and_online_follow_the_services_clock(database: str) -> None:
    from datetime import datetime

    from portal.dates import TZ

    now = [datetime(2024, 8, 28, 23, 59, 30, tzinfo=TZ).timestamp()]
    counter = Counter(database, clock=lambda: now[0])
    server = CounterServer(("127.0.0.1", 0), counter, ORIGIN, pages=PAGES)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert [view(base) for _ in range(3)] == [200] * 3
        assert counts(base)["today"] == 3
        now[0] += 31  # 00:00:01 in Vietnam, still the 28th in UTC
        assert counts(base) == {"online": 1, "today": 0, "total": 3, "page": 3}
        now[0] += 5 * 60
        assert counts(base)["online"] == 0
    finally:
        server.shutdown()
        server.server_close()
        counter.close()


def test_only_pages_of_the_last_build_are_counted(
    tmp_path: Path, database: str, monkeypatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / urls.COUNTABLE).write_text("/\n/tin-tuc/a/\n", encoding="utf-8")
    monkeypatch.setattr("portal.counter.pages.RECHECK_SECONDS", 0.0)
    counter = Counter(database)
    server = CounterServer(("127.0.0.1", 0), counter, ORIGIN, pages=Pages(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        assert view(base, "/bat-ky/duong-dan/nao/") == 404
        assert request(base + "api/counts?path=/bat-ky/")[0] == 404
        assert stored(database) == (0, 0)  # nothing written
        assert view(base, "/tin-tuc/a/") == 200
        assert view(base, "/tin-tuc/a/index.html") == 200  # the same page
        assert counts(base)["page"] == 2 and counts(base)["total"] == 2
        # A new build publishes a new page: it counts from then on.
        assert view(base, "/tin-tuc/moi/") == 404
        (site / urls.COUNTABLE).write_text("/\n/tin-tuc/a/\n/tin-tuc/moi/\n", encoding="utf-8")
        assert view(base, "/tin-tuc/moi/") == 200
        assert counter.counts("/tin-tuc/moi/").page == 1
    finally:
        server.shutdown()
        server.server_close()
        counter.close()
