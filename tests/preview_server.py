"""`portal serve` as an editor runs it: a real process on a free loopback port, over a copy
of the sample that the tests edit."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

INPUTS = ("mkdocs.yml", "news", "notices", "attachments", "content", "overrides")
EDIT_SECONDS = 5.0  # the bound for an edit to show


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(check: Callable[[], bool], seconds: float) -> float:
    """Seconds until `check()` held; fails the test after `seconds`."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.1)
    return time.monotonic() - start


@dataclass
class Preview:
    root: Path
    url: str

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def page(self, path: str = "") -> tuple[int, str]:
        return get(self.url + path)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(root: Path, ready: str) -> Iterator[Preview]:
    """`portal serve` over `root` until the home page holds `ready`."""
    port = free_port()
    command = [sys.executable, "-m", "portal.cli", "serve", "-f", str(root / "mkdocs.yml")]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    preview = Preview(root, f"http://127.0.0.1:{port}/")

    def home_is_up() -> bool:
        try:
            return ready in preview.page()[1]
        except OSError:
            return False

    try:
        wait_for(home_is_up, 90)  # the first build processes the sample's photos
        yield preview
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
        assert "Traceback" not in output and "INFO" not in output, output


def copy_sample(root: Path) -> Path:
    for name in INPUTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    with running(copy_sample(tmp_path_factory.mktemp("preview")), "portal-citizens") as served:
        yield served
