"""`portal check`: every problem of a repository in one run, without building."""

from __future__ import annotations

import re

from portal import cli
from tests.conftest import REPO, item

# The syntax GitHub Actions reads as an annotation on a file's line.
ANNOTATION = re.compile(r"^::error file=[^,:]+,line=\d+,title=[^:]+::.+$")


def broken(project):
    return project(
        {
            "news/a.md": item("Tin ngày sai", "31/12/2024"),
            "news/b.md": item("Tin ảnh", "2024-03-01 08:00", body="![Ảnh](khong-co.jpg)"),
            # Typed on a phone, without diacritics.
            "news/c.md": item("Tin chuyên mục", "2024-03-01 08:00", category="tin hoat donh"),
            "news/d.md": item(
                "Tin tài liệu", "2024-03-01 08:00", attachments="[khong-co-tai-lieu]"
            ),
            "news/e.md": "---\ntitle: [hỏng\ndate: 2024-03-01\n---\n\nx\n",
        }
    )


def test_the_sample_passes_the_check(capsys) -> None:
    assert cli.main(["check", "-f", str(REPO / "mkdocs.yml")]) == 0
    assert "không có lỗi" in capsys.readouterr().out


def test_every_problem_comes_out_in_one_run_with_its_line(project, capsys) -> None:
    proj = broken(project)
    assert cli.main(["check", "-f", str(proj.root / "mkdocs.yml")]) == 1
    out, err = capsys.readouterr()
    lines = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert lines == [
        'news/a.md:3: date: "31/12/2024" không phải ngày viết theo cách cổng đọc được'
        " — viết date: 2024-12-31 (năm-tháng-ngày, rồi giờ:phút nếu có)",
        'news/b.md:7: ảnh: không có tệp ảnh "news/khong-co.jpg"'
        " — chép ảnh vào đó hoặc sửa lại đường dẫn",
        'news/c.md:4: category: không có chuyên mục "tin hoat donh" — viết category: Tin hoạt động',
        'news/d.md:5: attachments: không có tài liệu mã "khong-co-tai-lieu"'
        " — thêm tài liệu vào attachments/ trước",
        'news/e.md:2: phần đầu bài: danh sách mở bằng "[" nhưng chưa đóng bằng "]"'
        " — thêm dấu ] ở cuối danh sách: title: [hỏng]",
    ]
    assert err.strip() == "Có 5 lỗi cần sửa."


def test_github_format_prints_one_annotation_per_problem(project, capsys) -> None:
    proj = broken(project)
    assert cli.main(["check", "-f", str(proj.root / "mkdocs.yml"), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert all(ANNOTATION.match(line) for line in lines), lines


def test_scheduled_items_are_listed_with_their_time(project, capsys) -> None:
    proj = project({"news/sau.md": item("Tin hẹn giờ", "2099-11-24 08:00")})
    assert cli.main(["check", "-f", str(proj.root / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    assert "Hẹn giờ đăng: 08:00, Thứ ba, 24/11/2099 — Tin hẹn giờ (news/sau.md)" in out
