"""Deploy stage (release): `portal publish`, an atomic deploy with rollbacks that stick.

Each publish copies the site into a new release named by its time and commit, then swaps
`current` in one rename: a reader gets the old site or the new one, never a mix.

- A build identical to the live release makes no new release.
- `rollback` points `current` at the release before the live one and pins it: later
  publishes (the timer's every minute) leave it live until `unpin`.
- Keeping the newest `keep` releases never drops the live one or the pinned one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..dates import TZ
from .schedule import STATE
from .target import PIN, PublishFailed, Release, Snapshot, Target, target_of

__all__ = ["PublishFailed", "Outcome", "publish", "rollback", "unpin", "release_name"]


@dataclass(frozen=True)
class Outcome:
    """What a publish did, for the message: `made` is False when nothing changed."""

    release: Release | None
    made: bool
    why: str = ""  # "identical", "pinned", "unchanged" when nothing was made
    pin: dict | None = None


def release_name(now: datetime, commit: str | None, taken: set[str]) -> str:
    """<date>-<time>-<commit>: sorted by time, and telling what it was built from."""
    base = now.astimezone(TZ).strftime("%Y%m%d-%H%M%S") + (f"-{commit[:7]}" if commit else "")
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def _built(site: Path) -> dict:
    try:
        return json.loads((site / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def publish(
    site: Path, written: str, now: datetime, keep: int = 5, if_changed: bool = False
) -> Outcome:
    """Publish `site` to a folder or `user@host:/path`, unless a pin holds or the live
    release already is this site."""
    if not (site / "index.html").is_file():
        raise PublishFailed(f"{site} chưa có trang đã dựng: chạy portal build trước")
    target = target_of(written)
    snapshot = target.snapshot()
    live = snapshot.release(snapshot.current)
    if snapshot.pin is not None:
        return Outcome(live, False, "pinned", snapshot.pin)
    info = _built(site)
    if live is not None and if_changed and live.info == info:
        return Outcome(live, False, "unchanged")
    if live is not None and target.identical(site):
        return Outcome(live, False, "identical")
    taken = {r.name for r in snapshot.releases}
    name = release_name(now, info.get("commit"), taken)
    target.publish(site, name)
    _prune(target, [*(r.name for r in snapshot.releases), name], name, keep)
    return Outcome(Release(name, info), True)


def rollback(written: str, now: datetime) -> Outcome:
    """The release before the live one goes live and is pinned there."""
    target = target_of(written)
    snapshot = target.snapshot()
    names = [r.name for r in snapshot.releases]
    if snapshot.current not in names or names.index(snapshot.current) == 0:
        raise PublishFailed("không có bản trước để quay lại")
    previous = snapshot.releases[names.index(snapshot.current) - 1]
    target.point(previous.name)
    pin = {"release": previous.name, "since": now.astimezone(TZ).isoformat(timespec="seconds")}
    target.write(PIN, json.dumps(pin, ensure_ascii=False).encode("utf-8"))
    return Outcome(previous, True, pin=pin)


def unpin(written: str) -> Snapshot:
    """Let scheduled publishes publish again; returns what the target held."""
    target = target_of(written)
    snapshot = target.snapshot()
    target.write(PIN, None)
    return snapshot


def _prune(target: Target, names: list[str], live: str, keep: int) -> None:
    """The newest `keep` releases stay, and the live one whatever its age (a publish under a
    pin makes nothing and prunes nothing)."""
    old = sorted(names)[:-keep] if keep > 0 else []
    target.remove([n for n in old if n != live])
