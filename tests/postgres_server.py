"""A throwaway PostgreSQL cluster (Debian's `postgresql`) in a temporary folder, listening only
on a unix socket there; `postgres_url()` gives each test a fresh database in it."""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def _as_owner(owner: str | None, command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
    return ["runuser", "-u", owner, "--", *command] if owner else command


@contextmanager
def cluster(root: Path) -> Iterator[Callable[[], str]]:
    """A cluster in `root` (empty), started; yields a function that makes a fresh database
    and returns its URL. Stopped on exit. Also used by scripts/counter_bench.py."""
    binaries = BINARIES[-1]
    owner = "postgres" if os.geteuid() == 0 else None
    if owner:
        user = pwd.getpwnam(owner)
        for folder in (root, *root.parents):
            if folder == Path("/"):
                break
            os.chmod(folder, os.stat(folder).st_mode | 0o711)  # the owner may walk down to it
        shutil.chown(root, user.pw_uid, user.pw_gid)
    data, sockets = root / "data", root / "sockets"
    run = lambda *command: subprocess.run(  # noqa: E731
        _as_owner(owner, list(command)), check=True, capture_output=True
    )
    run(str(binaries / "initdb"), "-D", str(data), "-U", "portal", "--auth=trust", "-E", "UTF8")
    run("mkdir", str(sockets))
    options = f"-k {sockets} -c listen_addresses='' -c fsync=on -c max_connections=200"
    run(str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"), "-o", options,
        "start")  # fmt: skip
    base = f"postgresql://portal@/{{}}?host={sockets}"
    numbers = itertools.count()

    def fresh() -> str:
        name = f"dem_{next(numbers)}"
        run(str(binaries / "createdb"), "-h", str(sockets), "-U", "portal", name)
        return base.format(name)

    try:
        yield fresh
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    if not BINARIES:
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail("PostgreSQL not found; CI must install Debian's postgresql")
        pytest.skip("postgresql is not installed; PostgreSQL tests skipped")
    with cluster(tmp_path_factory.mktemp("postgres")) as fresh:
        yield fresh
