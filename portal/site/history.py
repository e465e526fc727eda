"""Site stage (plan): history, when each file last changed, from git, for pages that have no date
of their own.
"""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from ..dates import TZ


def last_commits(root: Path, folder: str) -> dict[str, datetime]:
    """Time of the last commit of each file under `folder` (paths relative to `root`); empty
    outside a git checkout. One `git log` for the whole folder."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cI", "--name-only", "--relative",
             "--", folder],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, datetime] = {}
    when = None
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            when = datetime.fromisoformat(line[1:]).astimezone(TZ)
        elif line and when is not None:
            dates.setdefault(line, when)  # newest first: the first date seen is the last change
    return dates
