"""Counter (service): the counting service over HTTP (standard library only): record a view, read
the counts.

    POST /api/view     body {"path": "/tin-tuc/x/"} (text/plain or application/json)
                       -> 200 {"online", "today", "total", "page"}
    GET  /api/counts?path=/tin-tuc/x/  -> 200 {"online", "today", "total", "page"}
    GET  /healthz      -> 200 ok

Bounded input (body size, path length), a per-client rate limit, CORS for the site's own origin
only, no cookies, and no client address in any log.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Container
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .pages import Pages, normalized
from .store import Counter, valid_path

MAX_BODY = 2048


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


class CounterServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        counter: Counter,
        origin: str,
        trust_proxy: bool = False,
        rate_limit: RateLimit | None = None,
        pages: Pages | Container[str] = (),
    ) -> None:
        super().__init__(address, CounterHandler)
        self.counter = counter
        self.pages = pages  # the paths a view may be counted for
        self.origin = origin.rstrip("/")
        self.trust_proxy = trust_proxy
        self.rate_limit = rate_limit or RateLimit()


class CounterHandler(BaseHTTPRequestHandler):
    server: CounterServer
    protocol_version = "HTTP/1.1"
    server_version = "portal-counter"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # access logs would hold readers' addresses

    def client(self) -> str:
        address = self.client_address[0]
        if self.server.trust_proxy and address in ("127.0.0.1", "::1"):
            forwarded = self.headers.get("X-Real-IP") or self.headers.get("X-Forwarded-For", "")
            address = forwarded.split(",")[0].strip() or address
        return address

    def send_json(self, status: int, data: dict[str, Any]) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_cors()
        self.end_headers()
        self.wfile.write(body)

    def send_cors(self) -> None:
        self.send_header("Vary", "Origin")
        if self.headers.get("Origin", "").rstrip("/") == self.server.origin:
            self.send_header("Access-Control-Allow-Origin", self.server.origin)

    def fail(self, status: int, message: str) -> None:
        self.close_connection = True
        self.send_json(status, {"error": message})

    def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
        if self.headers.get("Origin", "").rstrip("/") != self.server.origin:
            return self.fail(403, "origin not allowed")
        self.send_response(204)
        self.send_cors()
        self.send_header("Access-Control-Allow-Methods", "GET, POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if url.path != "/api/counts":
            return self.fail(404, "not found")
        path = parse_qs(url.query).get("path", [None])[0]
        if path is not None and not valid_path(path):
            return self.fail(400, "invalid path")
        path = normalized(path) if path is not None else None
        if path is not None and path not in self.server.pages:
            return self.fail(404, "no such page")
        self.send_json(200, self.server.counter.counts(path).as_json())

    def do_POST(self) -> None:  # noqa: N802
        route = urlsplit(self.path).path
        if route == "/api/counts":
            return self.fail(405, "method not allowed")
        if route != "/api/view":
            return self.fail(404, "not found")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self.fail(411, "Content-Length required")
        if length > MAX_BODY or length < 0:
            return self.fail(413, "body too large")
        raw = self.rfile.read(length)
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self.fail(400, "body must be JSON")
        path = data.get("path") if isinstance(data, dict) else None
        if not valid_path(path):
            return self.fail(400, "path must be a site path such as /tin-tuc/x/")
        path = normalized(path)
        if path not in self.server.pages:
            return self.fail(404, "no such page")  # nothing written for invented paths
        client = self.client()
        counter = self.server.counter
        if not self.server.rate_limit.allow(client, time.monotonic()):
            return self.fail(429, "too many requests")
        visitor = counter.visitor(client, self.headers.get("User-Agent", ""))
        counter.record(path, visitor)
        self.send_json(200, counter.counts(path).as_json())

    def do_PUT(self) -> None:  # noqa: N802
        self.fail(405, "method not allowed")

    do_DELETE = do_PATCH = do_PUT  # noqa: N815
