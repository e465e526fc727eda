"""Debian's nginx with the shipped configuration (`deploy/try-nginx.sh`) on a loopback port, in
front of a copy of the sample site and a running counter service."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from portal.build import precompress
from portal.counter.pages import Pages
from portal.counter.service import CounterServer, RateLimit
from portal.counter.store import Counter

REPO = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Served:
    url: str
    site: Path
    counter: Counter


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_counter(site: Path, into: Path) -> Path:
    """A copy of the site whose counter widget calls the service behind nginx (/dem)."""
    shutil.copytree(site, into, symlinks=True)
    for page in into.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'data-endpoint=""' in text:
            data = text.replace('data-endpoint=""', 'data-endpoint="/dem"').encode("utf-8")
            page.write_bytes(data)
            page.with_name(page.name + ".gz").write_bytes(precompress.gzipped(data))
    return into


def require_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(f"nginx not found at {NGINX}; CI must install Debian's nginx")
        pytest.skip("nginx is not installed (apt-get install nginx-light); nginx tests skipped")


@contextmanager
def running_nginx(site: Path, root: Path, counter_port: int | None = None) -> Iterator[str]:
    """`deploy/try-nginx.sh` in front of `site` until the block ends: yields its base URL.
    `reload(process)` (SIGHUP) makes it read the site's maps of old addresses again."""
    require_nginx()
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    log = (root / "nginx.log").open("w")
    command = ["sh", str(REPO / "deploy/try-nginx.sh"), str(site), str(port)]
    process = subprocess.Popen(
        command + ([str(counter_port)] if counter_port else []),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(origin + "/", timeout=2).close()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {(root / 'nginx.log').read_text()}")
                time.sleep(0.1)
        running[origin] = process
        yield origin
    finally:
        running.pop(origin, None)
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(10)
        log.close()


running: dict[str, subprocess.Popen] = {}


def reload(origin: str) -> None:
    """nginx at `origin` reads its configuration and the live maps again, as
    portal-nginx-reload.service does after a publish."""
    running[origin].send_signal(signal.SIGHUP)
    time.sleep(1.0)  # the new workers take over; the old ones finish what they serve


@pytest.fixture(scope="session")
def nginx(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_nginx()
    root = tmp_path_factory.mktemp("nginx")
    site = with_counter(sample_site, root / "site")
    counter = Counter(root / "counter.sqlite3")
    counter_port = free_port()
    with running_nginx(site, root, counter_port) as origin:
        service = CounterServer(
            ("127.0.0.1", counter_port), counter, origin, True, RateLimit(100, 100), Pages(site)
        )
        threading.Thread(target=service.serve_forever, daemon=True).start()
        try:
            yield Served(origin + "/", site, counter)
        finally:
            service.shutdown()
            service.server_close()
            counter.close()
