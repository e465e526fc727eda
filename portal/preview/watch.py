"""Preview stage (watch): notice any change to the inputs of the site by polling.

Polling, not file-system events: it sees folders created after the start, works on network
drives and in containers, and costs a few milliseconds a scan at ten thousand files.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from ..site.settings import read_settings

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime in ns, size)
DEFAULT_INPUTS = ("news", "notices", "attachments", "content", "overrides")


def inputs(config_file: Path) -> list[Path]:
    """Every file and folder a build reads: the configuration, the content folders and the
    theme overrides (the defaults while the configuration itself cannot be read)."""
    root = config_file.parent
    try:
        settings = read_settings(config_file)
        names = [settings.news_dir, settings.notices_dir, settings.attachments_dir]
        names += [settings.docs_dir, settings.custom_dir]
    except Exception:  # noqa: BLE001 (a broken mkdocs.yml is shown by the build, not here)
        names = list(DEFAULT_INPUTS)
    return [config_file, *(root / name for name in names if name)]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(mtime, size) of every file under `paths`, hidden files and folders left out."""
    found: Snapshot = {}
    for path in paths:
        if path.is_file():
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith("."):
                    full = os.path.join(folder, name)
                    try:
                        stat = os.stat(full)
                    except FileNotFoundError:  # removed while scanning: the next scan sees it
                        continue
                    found[full] = (stat.st_mtime_ns, stat.st_size)
    return found


class Watcher(threading.Thread):
    """Calls `changed()` each time a scan finds the inputs of `config_file` changed."""

    def __init__(
        self,
        config_file: Path,
        changed: Callable[[], None],
        interval: float = 0.25,
        paused: Callable[[], bool] = lambda: False,
    ):
        super().__init__(name="portal-watch", daemon=True)
        self.config_file = config_file
        self.changed = changed
        self.interval = interval
        self.paused = paused  # while it says so (a build runs), no scan competes with it
        self.stopped = threading.Event()

    def run(self) -> None:
        last = snapshot(inputs(self.config_file))
        while not self.stopped.wait(self.interval):
            if self.paused():  # what changes meanwhile is found by the first scan after
                continue
            now = snapshot(inputs(self.config_file))
            if now != last:
                last = now
                self.changed()

    def stop(self) -> None:
        self.stopped.set()
