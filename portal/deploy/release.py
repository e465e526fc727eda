"""Deploy stage (release): `portal publish`, an atomic deploy with rollback.

Each publish copies the site into a new folder under `TARGET/releases/`, then swaps the
`TARGET/current` symlink in one rename: a reader (nginx's `root TARGET/current;`) gets the old
site or the new one, never a mix. The last `keep` releases stay; `rollback` points `current` at
the release before it. A target `user@host:/path` does the same over ssh with rsync.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from ..dates import TZ
from .schedule import STATE

RELEASES = "releases"
CURRENT = "current"


class PublishFailed(Exception):
    """Nothing changed on the target; the message says why, in Vietnamese."""


def release_name(now: datetime) -> str:
    return now.astimezone(TZ).strftime("%Y%m%d-%H%M%S-%f")


def releases(target: Path) -> list[str]:
    folder = target / RELEASES
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def current(target: Path) -> str | None:
    link = target / CURRENT
    return Path(os.readlink(link)).name if link.is_symlink() else None


def _point(target: Path, name: str) -> None:
    """`current` -> releases/<name>, in one rename."""
    temporary = target / f".{CURRENT}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(f"{RELEASES}/{name}", temporary)
    os.replace(temporary, target / CURRENT)


def _copy(source: Path, target: Path) -> None:
    """Hard links where the file system allows (the site's files never change in place)."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, symlinks=False)


def publish_local(site: Path, target: Path, now: datetime, keep: int = 5) -> str:
    name = release_name(now)
    staging = target / RELEASES / f".{name}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    _copy(site, staging)
    staging.rename(target / RELEASES / name)
    _point(target, name)
    live = current(target)
    for old in releases(target)[:-keep] if keep > 0 else []:
        if old != live:
            shutil.rmtree(target / RELEASES / old, ignore_errors=True)
    return name


def rollback_local(target: Path) -> str:
    names, live = releases(target), current(target)
    if live not in names or names.index(live) == 0:
        raise PublishFailed("không có bản trước để quay lại")
    previous = names[names.index(live) - 1]
    _point(target, previous)
    return previous


def _remote(target: str) -> tuple[str, str] | None:
    """`user@host:/path` -> (user@host, /path); None for a local folder."""
    if ":" in target and not Path(target).exists():
        host, path = target.split(":", 1)
        return host, path.rstrip("/") or "/"
    return None


def _ssh() -> list[str]:
    return shlex.split(os.environ.get("RSYNC_RSH", "ssh"))  # the same key for rsync and ssh


def remote_commands(site: Path, host: str, path: str, name: str, keep: int) -> list[list[str]]:
    """rsync the site into a hidden folder beside the live release, rename it into place,
    then swap: an interrupted copy is never a release. Files are compared by content, not
    time (every build writes fresh files), and the unchanged ones are hard-linked against the
    live release: only what changed crosses the network, and keeps its old time (and ETag)."""
    base, staging = shlex.quote(path), shlex.quote(f"{RELEASES}/.{name}")
    swap = (
        f"cd {base} && mv -T {staging} {RELEASES}/{shlex.quote(name)} && "
        f"ln -sfn {RELEASES}/{shlex.quote(name)} .{CURRENT}.new && "
        f"mv -T .{CURRENT}.new {CURRENT} && "
        f"ls -1d {RELEASES}/*/ | head -n -{keep} | xargs -r rm -rf"
    )
    return [
        [*_ssh(), host, f"mkdir -p {base}/{RELEASES}"],
        ["rsync", "-rlpD", "--checksum", "--delete", f"--link-dest=../../{CURRENT}/",
         f"{site}/", f"{host}:{path}/{RELEASES}/.{name}/"],
        [*_ssh(), host, swap],
    ]  # fmt: skip


def remote_rollback(host: str, path: str) -> list[str]:
    """One ssh command that points `current` at the release before it and prints its name."""
    script = (
        f'cd {shlex.quote(path)} && live=$(basename "$(readlink {CURRENT})") && '
        f"prev=$(ls -1 {RELEASES} | "
        f"awk -v live=\"$live\" '$0 == live {{print p; exit}} {{p = $0}}') && "
        f'[ -n "$prev" ] && ln -sfn "{RELEASES}/$prev" .{CURRENT}.new && '
        f'mv -T .{CURRENT}.new {CURRENT} && echo "$prev"'
    )
    return [*_ssh(), host, script]


def unchanged(site: Path, target: str) -> bool:
    """The live release was built from the same commit for the same next change: the timer
    has nothing to publish."""
    try:
        built = (site / STATE).read_bytes()
    except OSError:
        return False
    remote = _remote(target)
    if remote is None:
        try:
            return (Path(target) / CURRENT / STATE).read_bytes() == built
        except OSError:
            return False
    host, path = remote
    live = shlex.quote(f"{path}/{CURRENT}/{STATE}")
    done = subprocess.run([*_ssh(), host, f"cat {live}"], capture_output=True, check=False)
    return done.returncode == 0 and done.stdout == built


def publish(site: Path, target: str, now: datetime, keep: int = 5) -> str:
    """Publish `site` to a local folder or to `user@host:/path`; returns the release name."""
    if not (site / "index.html").is_file():
        raise PublishFailed(f"{site} chưa có trang đã dựng: chạy portal build trước")
    remote = _remote(target)
    if remote is None:
        return publish_local(site, Path(target), now, keep)
    name = release_name(now)
    for command in remote_commands(site, *remote, name, keep):
        if subprocess.run(command, check=False).returncode != 0:
            raise PublishFailed(f"lệnh {command[0]} không chạy được; bản đang chạy giữ nguyên")
    return name


def rollback(target: str) -> str:
    """Point the live release of a folder or a server back one; returns its name."""
    remote = _remote(target)
    if remote is None:
        return rollback_local(Path(target))
    done = subprocess.run(remote_rollback(*remote), capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise PublishFailed("không có bản trước để quay lại, hoặc không kết nối được máy chủ")
    return done.stdout.strip()
