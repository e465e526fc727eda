"""The preview's watcher: a save is seen at once through file events, and by the poll alone
where the system gives none."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from portal.preview import watch


def _repository(root: Path) -> Path:
    (root / "news" / "2024").mkdir(parents=True)
    (root / "news" / "2024" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text("site_name: Thử\n", encoding="utf-8")
    return config


def _watching(config: Path, interval: float) -> tuple[watch.Watcher, threading.Event]:
    seen = threading.Event()
    watcher = watch.Watcher(config, seen.set, interval=interval)
    watcher.start()
    assert watcher.ready.wait(5.0)
    return watcher, seen


def test_a_save_is_seen_at_once_not_at_the_next_poll(tmp_path: Path) -> None:
    config = _repository(tmp_path)
    watcher, seen = _watching(config, interval=60.0)
    try:
        assert watcher.observer is not None, "this system gives file events (inotify)"
        start = time.monotonic()
        (tmp_path / "news" / "2024" / "a.md").write_text("---\ntitle: B\n---\n", encoding="utf-8")
        assert seen.wait(5.0), "the save was not seen"
        assert time.monotonic() - start < 2.0
        seen.clear()
        # A folder made after the start is watched too.
        (tmp_path / "news" / "2025").mkdir()
        time.sleep(0.3)
        seen.clear()
        (tmp_path / "news" / "2025" / "b.md").write_text("---\ntitle: C\n---\n", encoding="utf-8")
        assert seen.wait(5.0), "a file in a new folder was not seen"
    finally:
        watcher.stop()


def test_reading_files_is_not_a_change(tmp_path: Path) -> None:
    config = _repository(tmp_path)
    watcher, seen = _watching(config, interval=60.0)
    try:
        (tmp_path / "news" / "2024" / "a.md").read_text(encoding="utf-8")
        assert not seen.wait(1.0)
    finally:
        watcher.stop()


def test_without_file_events_the_poll_finds_the_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch, "_observe", lambda paths, nudge: None)
    config = _repository(tmp_path)
    watcher, seen = _watching(config, interval=0.2)
    try:
        assert watcher.observer is None
        (tmp_path / "news" / "2024" / "a.md").write_text("---\ntitle: D\n---\n", encoding="utf-8")
        assert seen.wait(5.0)
    finally:
        watcher.stop()
