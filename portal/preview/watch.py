"""Preview stage (watch): notice any change to the inputs of the site.

A scan of every input's (mtime, size) decides what changed: it sees folders created after the
start, works on network drives and in containers, and costs a few hundredths of a second at
ten thousand files. The operating system's file events (inotify, through watchdog) only say
when to scan, so a save is seen at once instead of at the next poll; where there are none,
the poll alone still finds every change.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..site.settings import read_settings

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime in ns, size)
DEFAULT_INPUTS = ("news", "notices", "attachments", "content", "overrides")
# Events that can change a file's (mtime, size); reading a file (the build does) is not one.
_WRITES = frozenset({"created", "deleted", "modified", "moved", "closed"})


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
    """Calls `changed()` each time a scan finds the inputs of `config_file` changed: at once
    after a file event, and every `interval` seconds in any case."""

    def __init__(
        self,
        config_file: Path,
        changed: Callable[[], None],
        interval: float = 1.0,
        paused: Callable[[], bool] = lambda: False,
    ):
        super().__init__(name="portal-watch", daemon=True)
        self.config_file = config_file
        self.changed = changed
        self.interval = interval
        self.paused = paused  # while it says so (a build runs), no scan competes with it
        self.stopped = threading.Event()
        self.nudged = threading.Event()
        self.observer: Any = None
        self.ready = threading.Event()  # set once the first scan is taken

    def run(self) -> None:
        last = snapshot(inputs(self.config_file))
        self.observer = _observe(inputs(self.config_file), self.nudged.set)
        self.ready.set()
        while not self.stopped.is_set():
            self.nudged.wait(self.interval)
            if self.stopped.is_set():
                break
            if self.paused():  # what changes meanwhile is found by the first scan after
                self.stopped.wait(0.05)
                continue
            self.nudged.clear()
            now = snapshot(inputs(self.config_file))
            if now != last:
                last = now
                self.changed()

    def stop(self) -> None:
        self.stopped.set()
        self.nudged.set()
        if self.observer is not None:
            self.observer.stop()


class _Nudge(FileSystemEventHandler):  # type: ignore[misc]
    def __init__(self, nudge: Callable[[], None]) -> None:
        self.nudge = nudge

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _WRITES:
            self.nudge()


def _observe(paths: Iterable[Path], nudge: Callable[[], None]) -> Any:
    """A watchdog observer calling `nudge` on every write under `paths`, or None where the
    system gives no events (the poll then finds every change on its own)."""
    observer = Observer()
    observer.daemon = True
    try:
        for path in paths:
            if path.is_dir():
                observer.schedule(_Nudge(nudge), str(path), recursive=True)
            elif path.is_file():
                observer.schedule(_Nudge(nudge), str(path.parent), recursive=False)
        observer.start()
    except (OSError, RuntimeError):  # e.g. the system's limit of inotify watches reached
        return None
    return observer
