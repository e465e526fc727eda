"""Commands (above every stage): `portal publish`, `portal status` and `portal update`, the
run a server's timer makes every minute.

`update` never stops at a step that fails: a git server that does not answer is reported,
and the site is built from the commits already fetched, so items and expiries go live on
time. Every failure is recorded in the target (`status.json`) and told once by e-mail to the
addresses in `notify_email`; one more e-mail says when publishing works again.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import commands
from .dates import build_time, parse_datetime
from .deploy import notify, release, schedule
from .deploy.target import STATUS, Snapshot, Target, target_of
from .errors import ContentErrors
from .site.settings import read_settings
from .vi import UI, format_schedule


def _what(info: dict[str, Any]) -> str:
    return UI["release_what"].format(
        commit=(info.get("commit") or "?")[:7],
        subject=info.get("subject") or "",
        newest=info.get("newest") or "",
    )


def publish(
    site: Path,
    target: str,
    keep: int = 5,
    rollback: bool = False,
    if_changed: bool = False,
    unpin: bool = False,
) -> int:
    """`portal publish`: a new release, a step back (pinned), or the pin let go."""
    try:
        if unpin:
            held = release.unpin(target).pin
            print(UI["unpinned" if held else "not_pinned"].format(target=target))
            return 0
        if rollback:
            done = release.rollback(target, build_time())
            assert done.release is not None
            what = _what(done.release.info)
            print(UI["rolled_back"].format(name=done.release.name, target=target, what=what))
            return 0
        done = release.publish(site, target, build_time(), keep, if_changed)
    except release.PublishFailed as exc:
        print(f"Chưa đăng: {exc}", file=sys.stderr)
        return 1
    if done.made and done.release is not None:
        what = _what(done.release.info)
        print(UI["published"].format(name=done.release.name, target=target, what=what))
    elif done.why == "pinned" and done.pin is not None:
        since = format_schedule(parse_datetime(done.pin["since"]))
        print(UI["pinned"].format(name=done.pin["release"], since=since, target=target))
    elif done.why == "identical" and done.release is not None:
        print(UI["identical"].format(name=done.release.name))
    else:
        print(UI["not_due"])
    return 0


def status_of(snapshot: Snapshot, target: str) -> dict[str, Any]:
    """Everything `portal status` tells, as data (`--format json` prints it as it is)."""

    def described(name: str | None) -> dict[str, Any] | None:
        found = snapshot.release(name)
        if found is None:
            return None
        published = found.published.isoformat(timespec="seconds") if found.published else None
        return {"release": found.name, "published": published, **found.info}

    live = described(snapshot.current)
    next_change = None
    if live and live.get("next_change"):
        next_change = {
            "when": live["next_change"],
            "what": live.get("next_what"),
            "expires": live.get("next_expires"),
        }
    return {
        "target": target,
        "live": live,
        "pin": snapshot.pin,
        "next_change": next_change,
        "last_run": snapshot.status.get("last_run"),
        "last_success": snapshot.status.get("last_success"),
        "failure": snapshot.status.get("failure"),
        "releases": [described(r.name) for r in reversed(snapshot.releases)],
    }


def status(target: str, as_json: bool = False) -> int:
    """`portal status`: what is live, a pin, the next change, the last failure, releases."""
    try:
        data = status_of(target_of(target).snapshot(), target)
    except (release.PublishFailed, OSError) as exc:
        print(UI["status_unreachable"].format(target=target, why=exc), file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for line in status_lines(data):
        print(line)
    return 0


def _when(value: str | None) -> str:
    return format_schedule(parse_datetime(value)) if value else "—"


def status_lines(data: dict[str, Any]) -> list[str]:
    live = data["live"]
    lines = [UI["status_target"].format(target=data["target"])]
    if live is None:
        lines.append(UI["status_nothing_live"])
    else:
        lines.append(
            UI["status_live"].format(name=live["release"], when=_when(live.get("published")))
            + " "
            + _what(live)
        )
    pin = data["pin"]
    lines.append(
        UI["status_pin"].format(
            name=pin["release"], since=_when(pin["since"]), target=data["target"]
        )
        if pin
        else UI["status_no_pin"]
    )
    change = data["next_change"]
    if change:
        key = "next_expiry" if change.get("expires") else "next_publish"
        lines.append(UI[key].format(when=_when(change["when"]), what=change.get("what") or ""))
    else:
        lines.append(UI["status_no_change"])
    failure = data["failure"]
    if failure:
        lines.append(
            UI["status_failure"].format(since=_when(failure["since"]), what=failure["summary"])
        )
        lines += [f"  {problem}" for problem in failure.get("problems", [])]
    else:
        lines.append(UI["status_ok"].format(when=_when(data["last_success"])))
    lines.append(UI["status_releases"].format(count=len(data["releases"])))
    for kept in data["releases"]:
        mark = " ←" if live and kept["release"] == live["release"] else ""
        lines.append(f"  {kept['release']}  {_what(kept)}{mark}")
    return lines


@dataclass
class Failed:
    """One thing the scheduled run could not do, as the status and the e-mail tell it."""

    kind: str  # git, content, crash, disk, publish
    summary: str
    problems: list[str] = field(default_factory=list)


def git_pull(root: Path) -> Failed | None:
    """The commits on the git server, or why not (the run goes on from those it has)."""
    command = ["git", "-C", str(root), "pull", "--ff-only", "--quiet"]
    env = {"GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes"}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **env},
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Failed("git", UI["failed_git"], [f"{UI['detail']}: {exc}"])
    if done.returncode == 0:
        return None
    detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
    return Failed("git", UI["failed_git"], [f"{UI['detail']}: {detail[0]}"])


def update(config_file: Path, target: str, keep: int = 5) -> int:
    """`portal update`: pull, build if due, publish if changed; report what failed."""
    root, site = config_file.parent, config_file.parent / "site"
    endpoint = target_of(target)
    snapshot = endpoint.snapshot()
    state = dict(snapshot.status)
    now = build_time()
    failed: list[Failed] = []
    pulled = git_pull(root)
    if pulled is not None:
        print(pulled.summary, *pulled.problems, sep="\n  ", file=sys.stderr)
        failed.append(pulled)
    failure = commands.Failure()
    code = commands.build(config_file, site, if_due=True, failure=failure)
    if code == 1:
        summary = UI["failed_content"].format(count=len(failure.problems))
        failed.append(Failed("content", summary, failure.problems))
    elif code != 0:
        kind = "disk" if failure.disk_full else "crash"
        failed.append(Failed(kind, UI[f"failed_{kind}"].format(log=failure.log), [failure.crash]))
    elif publish(site, target, keep, if_changed=True) != 0:
        failed.append(Failed("publish", UI["failed_publish"].format(target=target)))
    try:
        settings = read_settings(config_file)
        state["notify"] = {"emails": list(settings.notify_email), "smtp": settings.notify_smtp}
    except ContentErrors:
        pass  # the configuration is what failed: tell the addresses the last good one named
    record(endpoint, state, failed, now, root)
    return 1 if failed else 0


def record(
    endpoint: Target, state: dict[str, Any], failed: list[Failed], now: datetime, root: Path
) -> None:
    """status.json brought up to this run, and an e-mail for a new failure or a recovery."""
    when = now.isoformat(timespec="seconds")
    state["last_run"] = when
    before = state.get("failure")
    recipients = state.get("notify", {}).get("emails", [])
    smtp = state.get("notify", {}).get("smtp", "localhost:25")
    live = status_of(endpoint.snapshot(), str(endpoint))["live"]
    if failed:
        told = [[f.kind, f.summary, f.problems] for f in failed]
        fingerprint = hashlib.sha256(json.dumps(told, ensure_ascii=False).encode()).hexdigest()
        same = before is not None and before.get("fingerprint") == fingerprint
        failure = {
            "since": before["since"] if same else when,
            "when": when,
            "kinds": [f.kind for f in failed],
            "summary": "; ".join(f.summary for f in failed),
            "problems": [p for f in failed for p in f.problems],
            "commit": schedule.head(root),
            **schedule.author(root),
            "fingerprint": fingerprint,
            "notified": bool(same and before.get("notified")),
        }
        if not failure["notified"] and recipients:
            mail = notify.failure_mail(failure, live, now)
            failure["notified"] = notify.send(smtp, recipients, *mail)
        state["failure"] = failure
    else:
        state["last_success"] = when
        if before is not None and before.get("notified") and recipients:
            notify.send(smtp, recipients, *notify.recovery_mail(live, now))
        state["failure"] = None
    endpoint.write(STATUS, json.dumps(state, ensure_ascii=False, indent=1).encode("utf-8"))
