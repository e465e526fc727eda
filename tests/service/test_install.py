"""`deploy/install.sh` as an IT officer runs it, under a temporary prefix (never the machine's
own /etc): folders, a deploy key, the Python environment, systemd units and nginx with this
server's paths, the first release; run twice, it changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

UNITS = (
    "portal-publish.service",
    "portal-publish.timer",
    "portal-nginx-reload.path",
    "portal-nginx-reload.service",
    "portal-counter.service",
)


def install(prefix: Path) -> str:
    command = ["sh", str(REPO / "deploy/install.sh"), "--prefix", str(prefix)]
    command += ["--repo", str(REPO), "--domain", "congan.thu.example.vn"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    prefix = tmp_path_factory.mktemp("may-chu")
    return prefix, install(prefix)


def test_the_install_script_sets_up_a_server_under_a_prefix(installed) -> None:
    prefix, said = installed
    home = prefix / "srv/portal"
    assert (home / "venv/bin/portal").is_file() and (home / "repo/.git").is_dir()
    assert (home / ".ssh/id_ed25519.pub").read_text().startswith("ssh-ed25519 ")
    assert "deploy key, chỉ đọc" in said
    assert (home / "www/current/index.html").is_file()  # the first release
    service = (prefix / "etc/systemd/system/portal-publish.service").read_text()
    assert f"ExecStart={home}/venv/bin/portal update {home}/www" in service
    assert "/srv/portal" not in service.replace(str(home), "")
    nginx = (prefix / "etc/nginx/conf.d/portal.conf").read_text()
    assert "server_name congan.thu.example.vn;" in nginx
    assert f"include {home}/www/current/.portal/moved*.map;" in nginx
    counter = (prefix / "etc/systemd/system/portal-counter.service").read_text()
    assert "--origin https://congan.thu.example.vn" in counter
    status = subprocess.run(
        [str(home / "venv/bin/portal"), "status", str(home / "www")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Đang chạy: bản " in status.stdout


def test_running_it_again_changes_nothing(installed) -> None:
    prefix, _ = installed
    before = {p: p.stat().st_mtime_ns for p in (prefix / "etc").rglob("*") if p.is_file()}
    again = install(prefix)
    assert "không cài lại" in again and "Đã ghi" not in again and "Đã tạo" not in again
    after = {p: p.stat().st_mtime_ns for p in (prefix / "etc").rglob("*") if p.is_file()}
    assert after == before


def test_systemd_accepts_the_installed_units(installed) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not on this machine")
    prefix, _ = installed
    units = [str(prefix / "etc/systemd/system" / unit) for unit in UNITS]
    done = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
