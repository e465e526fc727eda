"""Counter (service): the counting service's routes: record a view, read the counts.

    POST /api/view     body {"path": "/tin-tuc/x/"} (text/plain or application/json)
                       -> 200 {"online", "today", "total", "page"}
    GET  /api/counts?path=/tin-tuc/x/  -> 200 {"online", "today", "total", "page"}
    GET  /healthz      -> 200 ok

Bounded input (connections, time, body size, path length), a per-client rate limit, CORS for
the site's own origin only, no cookies, and no client address in any log. Views are written in
batches (group commit): a view is answered 200 only after the transaction holding it is on disk,
and all the views that arrive while one transaction is written go into the next one.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Container
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

from . import http
from .pages import Pages, normalized
from .store import Counter, Counts, valid_path

MAX_BATCH = 1000


class RateLimit:
    """A token bucket per client: `burst` requests at once, refilled at `per_second`."""

    def __init__(self, per_second: float = 2.0, burst: int = 60) -> None:
        self.per_second, self.burst = per_second, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float) -> bool:
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - last) * self.per_second)
            if len(self._buckets) > 100_000:  # bounded memory under a flood of addresses
                self._buckets.clear()
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1, now)
            return True


class Batches:
    """Group commit: views wait in a queue; one writer thread commits all that are waiting."""

    def __init__(self, counter: Counter, database: ThreadPoolExecutor) -> None:
        self.counter = counter
        self.database = database
        self.waiting: list[tuple[str, str, asyncio.Future[Counts]]] = []
        self.ready = asyncio.Event()

    async def record(self, path: str, visitor: str) -> Counts:
        future: asyncio.Future[Counts] = asyncio.get_running_loop().create_future()
        self.waiting.append((path, visitor, future))
        self.ready.set()
        return await future

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await self.ready.wait()
            batch, self.waiting = self.waiting[:MAX_BATCH], self.waiting[MAX_BATCH:]
            if not self.waiting:
                self.ready.clear()
            views = [(path, visitor) for path, visitor, _ in batch]
            try:
                results = await loop.run_in_executor(self.database, self.counter.record_many, views)
            except Exception as exc:  # noqa: BLE001 (every waiting view hears of it)
                for *_, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (*_, future), counts in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(counts)


class CounterServer:
    """The service on a socket bound at once; `serve_forever` runs it (in any one thread) until
    `shutdown`. The names follow `socketserver`, which this replaced."""

    def __init__(
        self,
        address: tuple[str, int],
        counter: Counter,
        origin: str,
        trust_proxy: bool = False,
        rate_limit: RateLimit | None = None,
        pages: Pages | Container[str] = (),
        max_connections: int = http.MAX_CONNECTIONS,
    ) -> None:
        self.socket = http.listen(*address)
        self.server_address = self.socket.getsockname()[:2]
        self.counter = counter
        self.pages = pages  # the paths a view may be counted for
        self.origin = origin.rstrip("/")
        self.trust_proxy = trust_proxy
        self.rate_limit = rate_limit or RateLimit()
        self.connections = http.Connections(self.handle, max_connections)
        self.database = ThreadPoolExecutor(1, thread_name_prefix="counter-db")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        try:
            asyncio.run(self._main())
        finally:
            self._stopped.set()

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        self.batches = Batches(self.counter, self.database)
        writer = asyncio.create_task(self.batches.run())
        server = await asyncio.start_server(self.connections, sock=self.socket, limit=16384)
        async with server:
            await self._stop.wait()
            self.connections.close_all()
        writer.cancel()

    def shutdown(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._stopped.wait(10)

    def server_close(self) -> None:
        self.socket.close()
        self.database.shutdown(wait=True)

    # Routes

    async def handle(self, request: http.Request) -> http.Response:
        try:
            if request.method == "OPTIONS":
                return self.preflight(request)
            url = urlsplit(request.target)
            if request.method == "GET":
                return await self.get(request, url.path, url.query)
            if request.method == "POST":
                return await self.post(request, url.path)
            return self.fail(request, 405, "method not allowed")
        except Exception:  # noqa: BLE001 (the database is away: say so, keep serving)
            return self.fail(request, 503, "counter unavailable")

    def client(self, request: http.Request) -> str:
        address = request.client
        if self.trust_proxy and address in ("127.0.0.1", "::1"):
            forwarded = request.headers.get("x-real-ip") or request.headers.get(
                "x-forwarded-for", ""
            )
            address = forwarded.split(",")[0].strip() or address
        return address

    def cors(self, request: http.Request) -> list[tuple[str, str]]:
        headers = [("Vary", "Origin")]
        if request.headers.get("origin", "").rstrip("/") == self.origin:
            headers.append(("Access-Control-Allow-Origin", self.origin))
        return headers

    def json(self, request: http.Request, status: int, data: dict[str, object]) -> http.Response:
        headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Cache-Control", "no-store"),
            *self.cors(request),
        ]
        return http.Response(status, json.dumps(data).encode(), headers, close=status >= 400)

    def fail(self, request: http.Request, status: int, message: str) -> http.Response:
        return self.json(request, status, {"error": message})

    def preflight(self, request: http.Request) -> http.Response:
        if request.headers.get("origin", "").rstrip("/") != self.origin:
            return self.fail(request, 403, "origin not allowed")
        headers = [
            *self.cors(request),
            ("Access-Control-Allow-Methods", "GET, POST"),
            ("Access-Control-Allow-Headers", "Content-Type"),
            ("Access-Control-Max-Age", "86400"),
        ]
        return http.Response(204, b"", headers)

    def page_of(self, path: str) -> str | None:
        """The page a view of `path` counts for (an old address: the page it moved to)."""
        if isinstance(self.pages, Pages):
            return self.pages.page_of(path)
        path = normalized(path)
        return path if path in self.pages else None

    async def get(self, request: http.Request, route: str, query: str) -> http.Response:
        if route == "/healthz":
            return self.json(request, 200, {"status": "ok"})
        if route != "/api/counts":
            return self.fail(request, 404, "not found")
        path = parse_qs(query).get("path", [None])[0]
        if path is not None and not valid_path(path):
            return self.fail(request, 400, "invalid path")
        path = self.page_of(path) if path is not None else None
        if path is None and "path" in parse_qs(query):
            return self.fail(request, 404, "no such page")
        loop = asyncio.get_running_loop()
        counts = await loop.run_in_executor(self.database, self.counter.counts, path)
        return self.json(request, 200, counts.as_json())

    async def post(self, request: http.Request, route: str) -> http.Response:
        if route == "/api/counts":
            return self.fail(request, 405, "method not allowed")
        if route != "/api/view":
            return self.fail(request, 404, "not found")
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self.fail(request, 400, "body must be JSON")
        path = data.get("path") if isinstance(data, dict) else None
        if not valid_path(path):
            return self.fail(request, 400, "path must be a site path such as /tin-tuc/x/")
        path = self.page_of(path)
        if path is None:
            return self.fail(request, 404, "no such page")  # nothing written for invented paths
        client = self.client(request)
        if not self.rate_limit.allow(client, time.monotonic()):
            return self.fail(request, 429, "too many requests")
        visitor = self.counter.visitor(client, request.headers.get("user-agent", ""))
        counts = await self.batches.record(path, visitor)
        return self.json(request, 200, counts.as_json())
