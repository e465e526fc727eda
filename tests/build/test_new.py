"""`portal new`: the files it writes are drafts that pass `portal check` as written; filled in
and marked ready, they are published by the next build."""

from __future__ import annotations

from datetime import datetime

import yaml

from portal import cli
from portal.content.unfinished import (
    NEWS_BODY,
    NO_NUMBER,
    NOTICE_BODY,
    SIGNER_NAME,
    SIGNER_POSITION,
)
from portal.dates import TZ, parse_datetime
from tests.unit.test_attachments_load import pdf_bytes


def test_new_files_pass_the_check_and_appear_in_the_next_build(project, capsys) -> None:
    proj = project({"attachments/2026/ke-hoach-tuan-tra.pdf": pdf_bytes()})
    config = ["-f", str(proj.root / "mkdocs.yml")]
    before = datetime.now(TZ).replace(second=0, microsecond=0)
    assert (
        cli.main(
            ["new", "tin", "Ra quân cao điểm: trấn áp tội phạm", "--category", "antt", *config]
        )
        == 0
    )  # noqa: E501
    assert cli.main(["new", "thong-bao", "Lịch tiếp công dân", "--kind", "thong bao", *config]) == 0  # noqa: E501
    pdf = proj.root / "attachments/2026/ke-hoach-tuan-tra.pdf"
    assert cli.main(["new", "tai-lieu", str(pdf), *config]) == 0
    year = before.year
    article = proj.root / f"news/{year}/ra-quan-cao-diem-tran-ap-toi-pham.md"
    notice = proj.root / f"notices/{year}/lich-tiep-cong-dan.md"
    meta = proj.root / "attachments/2026/ke-hoach-tuan-tra.yml"
    head = yaml.safe_load(article.read_text(encoding="utf-8").split("---")[1])
    # Dated now, in Vietnam time, in the category asked for (typed without diacritics).
    assert parse_datetime(head["date"]) >= before and head["category"] == "Tin an ninh trật tự"
    assert head["title"] == "Ra quân cao điểm: trấn áp tội phạm"
    # The address is written in at birth: a later edit of the title never moves it.
    assert head["url"] == "ra-quan-cao-diem-tran-ap-toi-pham"
    notice_head = yaml.safe_load(notice.read_text(encoding="utf-8").split("---")[1])
    assert notice_head["url"] == "lich-tiep-cong-dan"
    # Every field is explained to the editor in a Vietnamese comment.
    comments = [line for line in article.read_text(encoding="utf-8").splitlines() if "# " in line]
    assert any("Chuyên mục" in line for line in comments) and len(comments) >= 8
    assert yaml.safe_load(meta.read_text(encoding="utf-8"))["kind"] == "Kế hoạch"
    created = capsys.readouterr().out
    assert "Đã tạo" in created and "bản nháp" in created

    # Drafts: a file left as `portal new` wrote it passes the check and is not published.
    assert head["draft"] is True
    assert cli.main(["check", *config]) == 0
    assert "0 tin bài, 0 thông báo, 1 tài liệu" in capsys.readouterr().out
    # Marked ready with the sample sentences still in: refused, each on its line.
    for path in (article, notice):
        path.write_text(
            path.read_text(encoding="utf-8").replace("draft: true", "draft: false"), "utf-8"
        )
    assert cli.main(["check", *config]) == 1
    out = capsys.readouterr().out
    assert 'nội dung còn câu mẫu "Viết đoạn mở đầu ở đây' in out
    assert 'văn bản còn "Chưa có số"' in out and 'người ký còn chữ mẫu "Họ và tên' in out
    # Filled in, they pass and are published.
    filled = {
        NEWS_BODY: "Công an tỉnh ra quân trấn áp tội phạm.",
        NOTICE_BODY: "Lịch tiếp công dân của Công an tỉnh.",
        NO_NUMBER: "12/TB-CAT",
        SIGNER_NAME: "Nguyễn Văn A",
        SIGNER_POSITION: "GIÁM ĐỐC",
    }
    filled[head["title"]] = "Ra quân cao điểm tấn công, trấn áp tội phạm"
    for path in (article, notice):
        text = path.read_text(encoding="utf-8")
        for placeholder, value in filled.items():
            text = text.replace(placeholder, value)
        path.write_text(text, encoding="utf-8")
    assert cli.main(["check", *config]) == 0
    assert "1 tin bài, 1 thông báo, 1 tài liệu" in capsys.readouterr().out
    assert proj.build() == 0
    # The editor reads one Vietnamese summary; MkDocs' own log stays out of sight.
    out, err = capsys.readouterr()
    assert out.startswith("Đã dựng xong ") and "INFO" not in out + err and err == ""
    assert proj.exists("tin-tuc/ra-quan-cao-diem-tran-ap-toi-pham")
    assert proj.exists("thong-bao/lich-tiep-cong-dan")
    assert proj.exists("tai-lieu/ke-hoach-tuan-tra")
    assert notice.is_file()


def test_new_refuses_without_a_category_and_never_overwrites(project, capsys) -> None:
    proj = project()
    config = ["-f", str(proj.root / "mkdocs.yml")]
    assert cli.main(["new", "tin", "Tin", *config]) == 1
    err = capsys.readouterr().err
    assert "chưa chọn chuyên mục" in err and "Tin an ninh trật tự" in err
    assert not (proj.root / "news").exists()
    assert cli.main(["new", "tin", "Tin", "--category", "ANTT", *config]) == 0
    assert cli.main(["new", "tin", "Tin", "--category", "ANTT", *config]) == 1
    assert "đã có tệp" in capsys.readouterr().err
