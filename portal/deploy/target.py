"""Deploy stage (target): the folder releases live in, on this machine or on a server.

    TARGET/releases/<time>-<commit>/   each published site, whole (`.portal/build.json` inside)
    TARGET/current -> releases/<name>  what nginx serves, swapped in one rename
    TARGET/pin                         the release a rollback holds live (JSON), if any
    TARGET/status.json                 the scheduled publisher's last run and last failure

A target is a local folder or `user@host:/path`, reached with ssh and rsync (`RSYNC_RSH`
sets the ssh command and key). Everything `portal status` shows is read in one go: a local
folder directly, a server as one small tar stream over ssh.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import shutil
import subprocess
import tarfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..dates import TZ
from .schedule import STATE

RELEASES, CURRENT, PIN, STATUS = "releases", "current", "pin", "status.json"


class PublishFailed(Exception):
    """Nothing changed on the target; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Release:
    name: str
    info: dict[str, Any] = field(default_factory=dict)  # its .portal/build.json

    @property
    def published(self) -> datetime | None:
        """When it was published: its name begins with the date and time (Vietnam time)."""
        try:
            return datetime.strptime(self.name[:15], "%Y%m%d-%H%M%S").replace(tzinfo=TZ)
        except ValueError:
            return None


@dataclass(frozen=True)
class Snapshot:
    """What a target holds: its releases (oldest first), the live one, a pin, the last run."""

    releases: tuple[Release, ...] = ()
    current: str | None = None
    pin: dict[str, Any] | None = None
    status: dict[str, Any] = field(default_factory=dict)

    def release(self, name: str | None) -> Release | None:
        return next((r for r in self.releases if r.name == name), None)


def _json(data: bytes | None) -> Any:
    try:
        return json.loads(data) if data else None
    except ValueError:
        return None


class Local:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __str__(self) -> str:
        return str(self.path)

    def snapshot(self) -> Snapshot:
        folder = self.path / RELEASES
        names = (
            sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name[0] != ".")
            if folder.is_dir()
            else []
        )
        releases = tuple(Release(n, _json(_read(folder / n / STATE)) or {}) for n in names)
        link = self.path / CURRENT
        live = Path(os.readlink(link)).name if link.is_symlink() else None
        pin = _json(_read(self.path / PIN))
        return Snapshot(releases, live, pin, _json(_read(self.path / STATUS)) or {})

    def publish(self, site: Path, name: str) -> None:
        """A copy of `site` in releases/<name> (hard links where it can), then the swap."""
        staging = self.path / RELEASES / f".{name}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.parent.mkdir(parents=True, exist_ok=True)

        def link(src: str, dst: str) -> None:
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)

        shutil.copytree(site, staging, copy_function=link, symlinks=False)
        staging.rename(self.path / RELEASES / name)
        self.point(name)

    def point(self, name: str) -> None:
        """`current` -> releases/<name>, in one rename."""
        temporary = self.path / f".{CURRENT}.{os.getpid()}"
        temporary.unlink(missing_ok=True)
        os.symlink(f"{RELEASES}/{name}", temporary)
        os.replace(temporary, self.path / CURRENT)

    def remove(self, names: list[str]) -> None:
        for name in names:
            shutil.rmtree(self.path / RELEASES / name, ignore_errors=True)

    def write(self, name: str, data: bytes | None) -> None:
        """A small file of the target (pin, status.json) replaced in one rename; None deletes."""
        path = self.path / name
        if data is None:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{name}.new")
        temporary.write_bytes(data)
        temporary.replace(path)

    def identical(self, site: Path) -> bool:
        """Whether the live release holds exactly the files of `site`, byte for byte (a
        file hard-linked from the same build is the same file, read no further)."""
        live = self.path / CURRENT
        if not live.is_dir():
            return False
        return _same_tree(site, live)  # build.json aside: when it was built is no content


class Remote:
    def __init__(self, host: str, path: str) -> None:
        self.host, self.path = host, path

    def __str__(self) -> str:
        return f"{self.host}:{self.path}"

    def _ssh(self, script: str, **kwargs: Any) -> subprocess.CompletedProcess:
        return subprocess.run([*ssh(), self.host, script], check=False, **kwargs)

    def snapshot(self) -> Snapshot:
        base = shlex.quote(self.path)
        script = (
            f"cd {base} 2>/dev/null || exit 0; tar -cf - --ignore-failed-read "
            f"{CURRENT} {PIN} {STATUS} {RELEASES}/*/{STATE} 2>/dev/null; exit 0"
        )
        done = self._ssh(script, capture_output=True)
        if done.returncode != 0:
            raise PublishFailed(f"không kết nối được {self.host} qua ssh")
        files: dict[str, bytes] = {}
        names: set[str] = set()
        live = None
        if done.stdout:
            with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
                for member in tar.getmembers():
                    if member.name == CURRENT and member.issym():
                        live = Path(member.linkname).name
                    elif member.isfile():
                        files[member.name] = tar.extractfile(member).read()  # type: ignore[union-attr]
                        if member.name.startswith(f"{RELEASES}/"):
                            names.add(member.name.split("/")[1])
        releases = tuple(
            Release(n, _json(files.get(f"{RELEASES}/{n}/{STATE}")) or {}) for n in sorted(names)
        )
        return Snapshot(releases, live, _json(files.get(PIN)), _json(files.get(STATUS)) or {})

    def publish(self, site: Path, name: str) -> None:
        """rsync into a hidden folder beside the live release, rename it into place, then
        swap: an interrupted copy is never a release. Files are compared by content and the
        unchanged ones hard-linked against the live release: only what changed crosses."""
        base, staging = shlex.quote(self.path), f"{RELEASES}/.{name}"
        steps = [
            [*ssh(), self.host, f"mkdir -p {base}/{RELEASES}"],
            ["rsync", "-rlpD", "--checksum", "--delete", f"--link-dest=../../{CURRENT}/",
             f"{site}/", f"{self.host}:{self.path}/{staging}/"],
            [*ssh(), self.host, f"cd {base} && mv -T {shlex.quote(staging)} "
             f"{RELEASES}/{shlex.quote(name)}"],
        ]  # fmt: skip
        for step in steps:
            if subprocess.run(step, check=False).returncode != 0:
                raise PublishFailed(f"lệnh {step[0]} không chạy được; bản đang chạy giữ nguyên")
        self.point(name)

    def point(self, name: str) -> None:
        release = shlex.quote(f"{RELEASES}/{name}")
        script = (
            f"cd {shlex.quote(self.path)} && ln -sfn {release} .{CURRENT}.new && "
            f"mv -T .{CURRENT}.new {CURRENT}"
        )
        if self._ssh(script).returncode != 0:
            raise PublishFailed(f"không đổi được bản đang chạy trên {self.host}")

    def remove(self, names: list[str]) -> None:
        if names:
            folders = " ".join(shlex.quote(f"{RELEASES}/{n}") for n in names)
            self._ssh(f"cd {shlex.quote(self.path)} && rm -rf {folders}")

    def write(self, name: str, data: bytes | None) -> None:
        path = shlex.quote(f"{self.path}/{name}")
        if data is None:
            self._ssh(f"rm -f {path}")
            return
        self._ssh(f"cat > {path}.new && mv -T {path}.new {path}", input=data)

    def identical(self, site: Path) -> bool:
        """rsync's dry run, by content: nothing to send and nothing to delete."""
        done = subprocess.run(
            ["rsync", "-rlpDn", "--checksum", "--delete", "-i", f"--exclude=/{STATE}",
             f"{site}/", f"{self.host}:{self.path}/{CURRENT}/"],
            capture_output=True, check=False,
        )  # fmt: skip
        return done.returncode == 0 and not done.stdout.strip()


Target = Local | Remote


def target_of(written: str) -> Target:
    """`user@host:/path` (a server) or a folder on this machine."""
    if ":" in written and not Path(written).exists():
        host, path = written.split(":", 1)
        return Remote(host, path.rstrip("/") or "/")
    return Local(Path(written))


def ssh() -> list[str]:
    return shlex.split(os.environ.get("RSYNC_RSH", "ssh"))  # the same key for rsync and ssh


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _same_tree(a: Path, b: Path) -> bool:
    names_a, names_b = _files(a), _files(b)
    if names_a.keys() != names_b.keys():
        return False
    for rel, (stat_a, path_a) in names_a.items():
        stat_b, path_b = names_b[rel]
        if stat_a.st_size != stat_b.st_size:
            return False
        same_file = (stat_a.st_dev, stat_a.st_ino) == (stat_b.st_dev, stat_b.st_ino)
        if not same_file and path_a.read_bytes() != path_b.read_bytes():
            return False
    return True


def _files(root: Path) -> dict[str, tuple[os.stat_result, Path]]:
    found = {}
    for directory, _, files in os.walk(root):
        for name in files:
            path = Path(directory, name)
            found[path.relative_to(root).as_posix()] = (path.stat(), path)
    found.pop(STATE, None)
    return found
