"""Deploy stage (schedule): when the site changes by itself, and whether a build is due.

A build records in the site what it was built from (git HEAD) and the next moment the site will
change with no file edited: the next scheduled item going live, or the next notice expiring.
A timer (`portal build --if-due`) rebuilds only when HEAD has moved or that moment has passed.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from ..dates import TZ, parse_datetime
from ..site.collect import Collections

STATE = ".portal/build.json"  # inside the built site; nginx serves no dotted path


@dataclass(frozen=True)
class NextChange:
    when: datetime
    what: str  # the item's title
    expires: bool  # True: a notice expiring; False: an item going live


def next_change(collections: Collections) -> NextChange | None:
    """The soonest moment after the build time at which the site changes by itself."""
    found = [NextChange(item.date, item.title, False) for item in collections.scheduled[:1]]
    for item in collections.published:
        until = item.notice.valid_until if item.notice else None
        if until is not None and not collections.is_expired(item):
            # Expired from the first moment of the next day, Vietnam time.
            moment = datetime.combine(until + timedelta(days=1), time(), tzinfo=TZ)
            found.append(NextChange(moment, item.title, True))
    return min(found, key=lambda change: change.when, default=None)


def head(root: Path) -> str | None:
    """The commit checked out at `root`, or None outside git."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True, text=True, check=True, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def author(root: Path) -> dict[str, str]:
    """Who made HEAD and what they wrote of it ({} outside git): for `portal status` and the
    e-mail about a failed publish."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%an%x1f%ae%x1f%s"],
            capture_output=True, text=True, check=True, timeout=30,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    parts = result.stdout.strip().split("\x1f")
    return dict(zip(("author", "email", "subject"), parts, strict=False)) if len(parts) == 3 else {}


def state(
    commit: str | None,
    change: NextChange | None,
    newest: str = "",
    made_by: dict[str, str] | None = None,
) -> bytes:
    """The site's `.portal/build.json`: what it was built from, its newest item, and the next
    moment it changes by itself. No clock time: two builds of one commit are byte for byte
    the same (a release's name tells when it was published)."""
    data = {
        "commit": commit,
        "next_change": change.when.isoformat() if change else None,
        "next_what": change.what if change else None,
        "next_expires": change.expires if change else None,
        "newest": newest,
        **(made_by or {}),
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")


def due(site: Path, commit: str | None, now: datetime) -> bool:
    """Whether a build could change `site`: never built, built from another commit or outside
    git, or past the next change it recorded."""
    try:
        recorded = json.loads((site / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    if commit is None or recorded.get("commit") != commit:
        return True
    when = recorded.get("next_change")
    return when is not None and parse_datetime(when) <= now
