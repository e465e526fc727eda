"""Debian's nginx with the shipped configuration (`deploy/try-nginx.sh`) on a loopback port, in
front of a copy of the sample site and a running counter service."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from portal.counter.pages import Pages
from portal.counter.service import CounterServer, RateLimit
from portal.counter.store import Counter
from portal.outputs import precompress

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


@pytest.fixture(scope="session")
def nginx(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    if not Path(NGINX).exists():
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(f"nginx not found at {NGINX}; CI must install Debian's nginx")
        pytest.skip("nginx is not installed (apt-get install nginx-light); nginx tests skipped")
    root = tmp_path_factory.mktemp("nginx")
    site = with_counter(sample_site, root / "site")
    counter = Counter(root / "counter.sqlite3")
    port, counter_port = free_port(), free_port()
    origin = f"http://127.0.0.1:{port}"
    service = CounterServer(
        ("127.0.0.1", counter_port), counter, origin, True, RateLimit(100, 100), Pages(site)
    )
    threading.Thread(target=service.serve_forever, daemon=True).start()
    log = (root / "nginx.log").open("w")
    process = subprocess.Popen(
        ["sh", str(REPO / "deploy/try-nginx.sh"), str(site), str(port), str(counter_port)],
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
        yield Served(origin + "/", site, counter)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(10)
        log.close()
        service.shutdown()
        service.server_close()
        counter.close()
