"""A real OpenSSH server on loopback, for `portal publish user@host:/path`: its own host key,
one client key, and no access for anything else. Started by the tests, stopped after them."""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.nginx_server import free_port

SSHD = "/usr/sbin/sshd"


@dataclass(frozen=True)
class Ssh:
    host: str  # user@127.0.0.1
    rsh: str  # the ssh command for RSYNC_RSH: port, key, no prompts


@pytest.fixture(scope="session")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ssh]:
    if not Path(SSHD).exists() or not shutil.which("rsync"):
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail("sshd or rsync not found; CI must install openssh-server and rsync")
        pytest.skip("openssh-server or rsync is not installed; ssh publishing tests skipped")
    root = tmp_path_factory.mktemp("sshd")
    for key in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / key)], check=True
        )
    (root / "authorized_keys").write_text((root / "client.pub").read_text())
    port = free_port()
    (root / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {root / 'host'}\n"
        f"PidFile {root / 'sshd.pid'}\nAuthorizedKeysFile {root / 'authorized_keys'}\n"
        "StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nUsePAM no\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation, when run as root
    log = (root / "sshd.log").open("w")
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(root / "sshd_config")], stderr=log)
    rsh = (
        f"ssh -p {port} -i {root / 'client'} -o BatchMode=yes -o StrictHostKeyChecking=no "
        f"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
    )
    host = f"{getpass.getuser()}@127.0.0.1"
    try:
        deadline = time.monotonic() + 15
        while subprocess.run([*rsh.split(), host, "true"], capture_output=True).returncode:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"sshd did not start: {(root / 'sshd.log').read_text()}")
            time.sleep(0.2)
        yield Ssh(host, rsh)
    finally:
        process.terminate()
        process.wait(10)
        log.close()
