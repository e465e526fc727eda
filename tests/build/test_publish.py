"""Publishing: scheduled items go live when the timer's run comes after their time, and a
release swaps in whole, with rollback."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

from portal import cli
from portal.deploy.schedule import STATE
from tests.build.site_checks import tree_digest as digest
from tests.conftest import item


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def commit(root: Path, message: str) -> None:
    git(root, "add", ".")
    git(
        root, "-c", "user.name=Biên tập", "-c", "user.email=bt@example.vn", "commit", "-qm", message
    )


def committed(project, files: dict[str, str]):
    # Build output stays out of git, as in the portal's own .gitignore.
    proj = project({**files, ".gitignore": "/site/\n/.site*/\n/.cache/\n"})
    git(proj.root, "init", "-q")
    commit(proj.root, "tin")
    return proj


def test_the_timer_publishes_a_scheduled_item_once_it_is_due(
    project, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    proj = committed(
        project,
        {
            "news/hom-nay.md": item("Tin hôm nay", "2024-04-01 07:00", "ANTT"),
            "news/hen-gio.md": item("Tin hẹn giờ", "2024-05-01 08:00", "ANTT"),
        },
    )
    config = ["-f", str(proj.root / "mkdocs.yml")]
    monkeypatch.setenv("PORTAL_NOW", "2024-04-01T09:00")
    assert cli.main(["build", "--if-due", *config]) == 0  # never built: due
    out = capsys.readouterr().out
    assert "Lần đăng tiếp theo: 08:00, Thứ tư, 01/05/2024 — «Tin hẹn giờ» đến giờ đăng." in out
    state = json.loads((proj.site / STATE).read_text())
    assert state["next_change"] == "2024-05-01T08:00:00+07:00" and len(state["commit"]) == 40
    assert not proj.exists("tin-tuc/tin-hen-gio")
    built = proj.site.stat().st_ino

    assert cli.main(["build", "--if-due", *config]) == 0  # nothing new: no rebuild
    assert "Không có gì mới" in capsys.readouterr().out and proj.site.stat().st_ino == built

    monkeypatch.setenv("PORTAL_NOW", "2024-05-01T08:01")
    assert cli.main(["build", "--if-due", *config]) == 0
    assert proj.exists("tin-tuc/tin-hen-gio") and proj.site.stat().st_ino != built
    assert json.loads((proj.site / STATE).read_text())["next_change"] is None
    rebuilt = proj.site.stat().st_ino
    capsys.readouterr()
    assert cli.main(["build", "--if-due", *config]) == 0
    assert "Không có gì mới" in capsys.readouterr().out and proj.site.stat().st_ino == rebuilt

    # A new commit is due at once.
    (proj.root / "news/moi.md").write_text(item("Tin mới", "2024-05-01 07:00", "ANTT"))
    commit(proj.root, "moi")
    assert cli.main(["build", "--if-due", *config]) == 0
    assert proj.exists("tin-tuc/tin-moi")


def test_a_notice_expiry_is_the_next_change(project, capsys, monkeypatch) -> None:
    notice = (
        "---\ntitle: Thông báo tạm ngừng\nkind: Thông báo\nnumber: 1/TB\ndate: 2024-03-01\n"
        "valid_until: 2024-06-30\nissuer: Công an tỉnh\nplace: Long An\n"
        "signer: {name: A, position: GIÁM ĐỐC}\n---\n\nNội dung.\n"
    )
    proj = project({"notices/tam-ngung.md": notice})
    monkeypatch.setenv("PORTAL_NOW", "2024-04-01T09:00")
    assert cli.main(["build", "-f", str(proj.root / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    expected = (
        "Lần đăng tiếp theo: 00:00, Thứ hai, 01/07/2024 — «Thông báo tạm ngừng» hết hiệu lực."
    )
    assert expected in out


def test_publish_swaps_whole_releases_and_rolls_back(project, tmp_path: Path, capsys) -> None:
    proj = project({"news/a.md": item("Tin đầu tiên", "2024-04-01 07:00", "ANTT")})
    config = ["-f", str(proj.root / "mkdocs.yml")]
    target = tmp_path / "www"
    assert cli.main(["build", *config]) == 0
    assert cli.main(["publish", str(target), *config]) == 0
    first = digest(target / "current")
    first_home = (target / "current/index.html").read_bytes()
    (proj.root / "news/b.md").write_text(item("Tin thứ hai", "2024-04-02 07:00", "ANTT"))
    assert cli.main(["build", *config]) == 0
    second_home = (proj.site / "index.html").read_bytes()
    assert second_home != first_home

    seen: set[bytes] = set()
    failures: list[Exception] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                seen.add((target / "current/index.html").read_bytes())
            except OSError as exc:  # a reader must never find the site missing
                failures.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert cli.main(["publish", str(target), *config]) == 0
        deadline = time.monotonic() + 5
        while second_home not in seen and time.monotonic() < deadline:
            time.sleep(0.01)  # the reader goes on until it has read the new release
    finally:
        done.set()
        reader.join()
    assert failures == [] and seen <= {first_home, second_home} and second_home in seen
    # Publishing the same build again, or a rebuild of it, makes no new release.
    assert cli.main(["build", *config]) == 0
    capsys.readouterr()
    for _ in range(2):
        assert cli.main(["publish", str(target), *config]) == 0
        assert "đã giống hệt trang vừa dựng: không tạo bản mới" in capsys.readouterr().out
    assert len(list((target / "releases").iterdir())) == 2
    assert cli.main(["publish", "--if-changed", str(target), *config]) == 0
    assert "Không có gì mới" in capsys.readouterr().out

    assert cli.main(["publish", "--rollback", str(target), *config]) == 0
    assert digest(target / "current") == first
    assert "Bản này được giữ (ghim)" in capsys.readouterr().out
    assert cli.main(["publish", "--rollback", str(target), *config]) == 1
    assert "không có bản trước" in capsys.readouterr().err
    # Only the newest releases are kept, never the live (pinned) one.
    assert cli.main(["publish", "--unpin", str(target), *config]) == 0
    (proj.root / "news/c.md").write_text(item("Tin thứ ba", "2024-04-03 07:00", "ANTT"))
    assert cli.main(["build", *config]) == 0
    assert cli.main(["publish", "--keep", "1", str(target), *config]) == 0
    assert len(list((target / "releases").iterdir())) == 1


def test_publish_over_ssh_swaps_releases_and_rolls_back(
    project, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, sshd
) -> None:
    """The same release and swap on a server, through a real sshd and rsync on loopback."""
    monkeypatch.setenv("RSYNC_RSH", sshd.rsh)
    proj = project({"news/a.md": item("Tin đầu tiên", "2024-04-01 07:00", "ANTT")})
    config = ["-f", str(proj.root / "mkdocs.yml")]
    www = tmp_path / "may-chu/www"
    target = f"{sshd.host}:{www}"
    assert cli.main(["build", *config]) == 0
    assert cli.main(["publish", target, *config]) == 0
    first = digest(www / "current")
    assert first == digest(proj.site)
    (proj.root / "news/b.md").write_text(item("Tin thứ hai", "2024-04-02 07:00", "ANTT"))
    assert cli.main(["build", *config]) == 0
    assert cli.main(["publish", target, *config]) == 0
    assert digest(www / "current") == digest(proj.site) != first
    # Unchanged files are hard links to the release before: a publish copies only what changed.
    old, new = sorted((www / "releases").iterdir())
    assert (old / "assets/portal-early.js").samefile(new / "assets/portal-early.js")
    assert not list((www / "releases").glob(".*"))  # no half-copied release left behind
    capsys.readouterr()
    assert cli.main(["publish", "--if-changed", target, *config]) == 0
    assert "Không có gì mới" in capsys.readouterr().out
    assert cli.main(["publish", "--rollback", target, *config]) == 0
    assert digest(www / "current") == first
    assert cli.main(["publish", "--rollback", target, *config]) == 1
    assert "không có bản trước" in capsys.readouterr().err
    # The pin holds on the server too, until --unpin.
    assert cli.main(["publish", target, *config]) == 0
    assert "Đang giữ bản" in capsys.readouterr().out and digest(www / "current") == first
    assert cli.main(["publish", "--unpin", target, *config]) == 0
    assert cli.main(["publish", target, *config]) == 0
    assert digest(www / "current") == digest(proj.site)
