"""The scheduled publish as the shipped systemd service runs it (`deploy/portal-publish.service`),
against a real git remote, a real SMTP server on loopback and a release folder: failures
reach the editors once, rollbacks stick, identical builds make no release, and a git server
that does not answer does not keep a timed item offline."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from email import message_from_bytes, policy
from email.message import EmailMessage as Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from portal import cli
from tests.conftest import HOME, REPO, item, write_files
from tests.nginx_server import free_port
from tests.synthetic import mkdocs_yml

UNIT = REPO / "deploy/portal-publish.service"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def inbox():
    """A throwaway SMTP server on loopback that keeps what it receives."""
    box = Inbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    box.address = f"127.0.0.1:{port}"
    yield box
    controller.stop()


def text(message: Message) -> str:
    return message.get_content()


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Nguyễn Biên Tập", "-c", "user.email=bt@example.vn"]
    done = subprocess.run([*command, *args], cwd=root, check=True, capture_output=True, text=True)
    return done.stdout


def service_commands(repo: Path, target: Path) -> list[list[str]]:
    """The ExecStart lines of the shipped unit, with this machine's paths: what the timer
    really runs, in its order."""
    unit = UNIT.read_text(encoding="utf-8")
    lines = re.findall(r"^ExecStart=-?(.+)$", unit, re.MULTILINE)
    assert lines, "the unit starts nothing"
    portal = [sys.executable, "-m", "portal.cli"]
    commands = []
    for line in lines:
        words = shlex.split(line.replace("/srv/portal/www", str(target)))
        assert words[0].endswith("/portal"), words  # everything goes through one command
        commands.append([*portal, *words[1:]])
    assert re.search(r"^WorkingDirectory=/srv/portal/repo$", unit, re.MULTILINE)
    return commands


class Server:
    """A press office's git server (a bare repository), the web server's clone that the
    timer runs in, and the release folder nginx serves."""

    def __init__(self, root: Path, smtp: str) -> None:
        self.upstream, self.desk, self.repo = root / "git", root / "ban-bien-tap", root / "repo"
        self.target = root / "www"
        config = mkdocs_yml().replace(
            "  - portal:\n",
            f"  - portal:\n      notify_email: [bientap@example.vn]\n      notify_smtp: {smtp}\n",
        )
        write_files(
            self.desk,
            {
                "mkdocs.yml": config,
                "content/index.md": HOME,
                ".gitignore": "/site/\n/.cache/\n/.site*/\n",
                "news/dau-tien.md": item("Tin đầu tiên", "2024-04-01 07:00"),
            },
        )
        subprocess.run(
            ["git", "init", "-q", "--bare", "-b", "main", str(self.upstream)], check=True
        )
        git(self.desk, "init", "-q", "-b", "main")
        git(self.desk, "remote", "add", "origin", str(self.upstream))
        self.commit("Tin đầu tiên")
        subprocess.run(["git", "clone", "-q", str(self.upstream), str(self.repo)], check=True)

    def commit(self, message: str, files: dict[str, str] | None = None) -> None:
        write_files(self.desk, files or {})
        git(self.desk, "add", "-A")
        git(self.desk, "commit", "-q", "-m", message)
        git(self.desk, "push", "-q", "origin", "main")

    def run(self, now: str) -> str:
        """One run of the timer's service at `now` (Vietnam time)."""
        env = {**os.environ, "PORTAL_NOW": now, "PYTHONPATH": str(REPO)}
        printed = ""
        for command in service_commands(self.repo, self.target):
            done = subprocess.run(
                command, cwd=self.repo, env=env, capture_output=True, text=True, timeout=300
            )
            printed += done.stdout + done.stderr
            assert "Traceback" not in printed, printed
        return printed

    def status(self, capsys) -> dict:
        capsys.readouterr()
        assert cli.main(["status", str(self.target), "--format", "json"]) == 0
        return json.loads(capsys.readouterr().out)

    def live_html(self, url: str) -> Path:
        return self.target / "current" / url / "index.html"


def test_failures_reach_the_editors_once_and_rollbacks_stick(tmp_path, inbox, capsys) -> None:
    server = Server(tmp_path, inbox.address)
    server.run("2024-04-01T08:00")
    before = server.status(capsys)
    assert before["live"]["newest"] == "Tin đầu tiên" and before["pin"] is None
    assert before["failure"] is None and len(before["releases"]) == 1
    first = before["live"]["release"]
    assert before["live"]["commit"][:7] in first  # named by time and commit

    # A commit with a content error: every run fails, one e-mail says so.
    server.commit("Tin sai ngày", {"news/sai.md": item("Tin sai ngày", "01/04/2024")})
    for minute in ("08:01", "08:02", "08:03"):
        server.run(f"2024-04-01T{minute}")
    [mail] = inbox.messages
    body = text(mail)
    assert "Chưa đăng được trang" in mail["Subject"] and mail["To"] == "bientap@example.vn"
    assert "news/sai.md:3: date:" in body and "viết date: 2024-04-01" in body  # file, line, fix
    assert "«Tin sai ngày», của Nguyễn Biên Tập <bt@example.vn>" in body  # the commit's author
    assert "Trang đang chạy vẫn giữ nguyên" in body and first in body
    failed = server.status(capsys)
    assert failed["live"]["release"] == first
    assert failed["failure"]["problems"][0].startswith("news/sai.md:3: date:")
    capsys.readouterr()
    assert cli.main(["status", str(server.target)]) == 0
    told = capsys.readouterr().out
    assert "Lỗi từ 08:01, Thứ hai, 01/04/2024" in told and "news/sai.md:3" in told

    # Fixed: published again, and one more e-mail says so.
    server.commit("Sửa ngày", {"news/sai.md": item("Tin đúng ngày", "2024-04-01 08:00")})
    server.run("2024-04-01T08:04")
    assert len(inbox.messages) == 2 and "Đã đăng lại được" in inbox.messages[1]["Subject"]
    fixed = server.status(capsys)
    assert fixed["failure"] is None and fixed["live"]["newest"] == "Tin đúng ngày"
    assert len(fixed["releases"]) == 2

    # A rollback sticks through the timer's runs, until --unpin.
    capsys.readouterr()
    assert cli.main(["publish", "--rollback", str(server.target)]) == 0
    said = capsys.readouterr().out
    assert first in said and "tin mới nhất «Tin đầu tiên»" in said
    for minute in ("08:05", "08:06", "08:07"):
        assert "Đang giữ bản" in server.run(f"2024-04-01T{minute}")
        assert server.status(capsys)["live"]["release"] == first
    pinned = server.status(capsys)
    assert pinned["pin"]["release"] == first and len(pinned["releases"]) == 2
    assert cli.main(["publish", "--unpin", str(server.target)]) == 0
    server.run("2024-04-01T08:08")
    unpinned = server.status(capsys)
    assert unpinned["pin"] is None and unpinned["live"]["newest"] == "Tin đúng ngày"

    # A build identical to the live release makes no new release.
    releases = len(unpinned["releases"])
    config = ["-f", str(server.repo / "mkdocs.yml")]
    assert cli.main(["build", *config]) == 0
    assert cli.main(["publish", str(server.target), "--site-dir", str(server.repo / "site")]) == 0
    assert "không tạo bản mới" in capsys.readouterr().out
    assert len(server.status(capsys)["releases"]) == releases
    assert len(inbox.messages) == 2


def test_a_timed_item_goes_live_when_the_git_server_does_not_answer(
    tmp_path, inbox, capsys
) -> None:
    server = Server(tmp_path, inbox.address)
    server.commit("Hẹn giờ", {"news/hen-gio.md": item("Tin hẹn 14:04", "2024-04-01 14:04")})
    server.run("2024-04-01T14:00")  # fetched, not yet due
    assert not server.live_html("tin-tuc/tin-hen-14-04").exists()
    git(server.repo, "remote", "set-url", "origin", str(tmp_path / "khong-co-may-chu.git"))
    printed = server.run("2024-04-01T14:05")
    assert "không lấy được commit mới" in printed
    assert server.live_html("tin-tuc/tin-hen-14-04").is_file()
    status = server.status(capsys)
    assert status["live"]["newest"] == "Tin hẹn 14:04" and status["failure"]["kinds"] == ["git"]
    [mail] = inbox.messages
    assert "không lấy được commit mới từ máy chủ git" in text(mail)
    server.run("2024-04-01T14:06")
    assert len(inbox.messages) == 1  # the same failure is told once
