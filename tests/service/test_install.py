"""`deploy/install.sh` as an IT officer runs it, under a temporary prefix (never the machine's
own /etc): folders, a deploy key, the Python environment, systemd units and nginx with this
server's paths, the first release; run twice, it changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal import __version__, cli
from tests.conftest import REPO

SITE = "https://congan.thu.example.vn/"

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


@pytest.fixture(scope="module")
def province_server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A province's repository made by `portal init`, pinning the portal by its wheel (as it
    would by a git tag), installed on a server under a prefix."""
    work = tmp_path_factory.mktemp("tinh")
    wheel_dir = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheel_dir, REPO],
        check=True,
        timeout=600,
    )
    [wheel] = wheel_dir.glob("portal-*.whl")
    repo = work / "repo"
    assert cli.main(["init", str(repo), "--name", "Công an tỉnh Thử", "--url", SITE]) == 0
    (repo / "requirements.txt").write_text(f"portal @ {wheel.as_uri()}\n", encoding="utf-8")
    author = ["-c", "user.name=Phòng Tham mưu", "-c", "user.email=pv@example.vn"]
    subprocess.run(["git", "init", "-q", repo], check=True)
    subprocess.run(["git", "-C", repo, "add", "-A"], check=True)
    subprocess.run(["git", "-C", repo, *author, "commit", "-q", "-m", "Khởi tạo"], check=True)
    prefix = work / "may-chu"
    command = ["sh", str(REPO / "deploy/install.sh"), "--prefix", str(prefix), "--repo", str(repo)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return prefix / "srv/portal"


def test_a_province_repository_gets_the_portal_version_it_pins(province_server: Path) -> None:
    version = subprocess.run(
        [str(province_server / "venv/bin/portal"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == f"portal {__version__}"
    home = (province_server / "www/current/index.html").read_text(encoding="utf-8")
    assert "Công an tỉnh Thử" in home
    # Its repository holds no installer and no theme: both came with the portal.
    assert not (province_server / "repo/deploy").exists()
    assert not (province_server / "repo/pyproject.toml").exists()
