"""Every message an editor can get is Vietnamese, without programmers' words.

A corpus of broken files (every kind of problem the validators report: YAML, fields, news,
notices, documents, CSV lists, photos, references, URLs, configuration) goes through the
same entry point as `portal check`; the messages are gathered and searched.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal import cli
from portal.content.unfinished import NEWS_BODY, NO_NUMBER, SIGNER_NAME
from portal.errors import ContentError, ContentErrors
from portal.mkdocs.build import missing_links
from portal.repository import plan_repository
from tests import photo_files as pf
from tests import video_files as vf
from tests.conftest import REPO, item
from tests.conftest import write_files as write
from tests.synthetic import mkdocs_yml
from tests.unit.test_attachments_load import pdf_bytes

FORBIDDEN = re.compile(
    r"error|invalid|must|not found|front matter|yaml|slug|builderror|traceback", re.IGNORECASE
)
META = "title: Công văn\nkind: Công văn\ndate: 2018-02-08\n"
NOTICE = """---
title: Thông báo
kind: Thông báo
number: 12/TB-CAT
date: 2024-03-01
issuer: Công an tỉnh
place: Long An
signer: {name: Nguyễn Văn A, position: GIÁM ĐỐC}
---

Nội dung.
"""

BROKEN_NEWS = {
    # The file as a whole
    "latin1.md": b"---\ntitle: \xe0\n---\nx\n",
    "khong-dau.md": "Chỉ có nội dung.\n",
    "khong-dong.md": "---\ntitle: A\n",
    "danh-sach.md": "---\n- a\n- b\n---\nx\n",
    "ten-la-danh-sach.md": "---\n? [a, b]\n: c\n---\nx\n",
    "hai-lan.md": "---\ntitle: A\ntitle: B\n---\nx\n",
    # YAML syntax, each told in plain words
    "ngoac-vuong.md": "---\ntitle: A\ntags: [ANTT, Công an\nsummary: x\n---\nx\n",
    "hai-cham.md": "---\ntitle: Công an: bắt giữ\n---\nx\n",
    "tab.md": "---\ntitle: A\n\tdate: 2024\n---\nx\n",
    "ngoac-kep.md": '---\ntitle: "abc\ndate: 2024\n---\nx\n',
    "thieu-hai-cham.md": "---\ntitle: a\ndate 2024\ncategory: x\n---\nx\n",
    "thut-dong.md": "---\ntitle: a\n  date: b\n---\nx\n",
    "sao.md": "---\ntitle: *abc\n---\nx\n",
    "sau-ngoac.md": '---\ntitle: "Công an" tỉnh\n---\nx\n',
    "gach-dau-dong.md": "---\ntitle: a\n- b\n---\nx\n",
    "ngoac-nhon.md": "---\nsigner: {name: a, position: b\ndate: 1\n---\nx\n",
    # Fields
    "truong-la.md": item("A", "2024-01-01", tieu_de="x"),
    "thieu-het.md": "---\nauthor: A\n---\nx\n",
    "so.md": item("2018", "2024-01-01").replace('title: "2018"', "title: 2018"),
    "rong.md": item("", "2024-01-01"),
    "ngay-sai.md": item("A", "31/12/2024"),
    "nhap.md": item("A", "2024-01-01", draft="yes please"),
    "tags.md": item("A", "2024-01-01", tags="ANTT, Công an"),
    "tags-le.md": item("A", "2024-01-01", tags="[a, '', '!!!']"),
    "url.md": item("A", "2024-01-01", url="Tin Mới"),
    "tieu-de.md": item("!!!", "2024-01-01"),
    "cap-nhat.md": item("A", "2024-01-01", updated="2023-01-01"),
    "trong.md": item("Trống", "2024-01-01", body=""),
    "chuyen-muc.md": item("A", "2024-01-01", category="Tin tuc"),
    "chuyen-muc-gan.md": item("A", "2024-01-01", category="tin hoat donh"),
    "trung-1.md": item("Trùng", "2024-01-01"),
    "trung-2.md": item("Trùng", "2024-01-02"),
    # Photos
    "anh.md": item(
        "Ảnh",
        "2024-01-01",
        image="anh/khong-co.jpg",
        body="\n\n".join(
            [
                "![](anh/hong.jpg)",
                "![Mạng](https://cdn.example.com/a.jpg)",
                "![Gốc](/anh/a.jpg)",
                "![Ngoài](../../../etc/passwd.jpg)",
                "![iPhone](anh/IMG_1.HEIC)",
                "![Bản đồ](anh/ban-do.svg)",
                "![Tài liệu](anh/tai-lieu.docx)",
                "![Thiếu](anh/hongg.jpg)",
                "![Hỏng](anh/hong.jpg)",
                "![Ngẫu nhiên](anh/ngau-nhien.png)",
                "![To](anh/to.png)",
                "![Bom](anh/bom.png)",
                "![iPhone đổi tên](anh/iphone.jpg)",
                "![Tham chiếu][tc]\n\n[tc]: anh/hong.jpg",
            ]
        ),
    ),
    "mo-ta-thua.md": item("Mô tả", "2024-01-01", image_alt="Ảnh"),
    # Videos
    "video.md": item(
        "Video",
        "2024-01-01",
        body="\n\n".join(
            [
                "![](video/ok.mp4)",
                "![Quay bằng iPhone](video/clip.MOV)",
                "![Thiếu](video/khong-co.mp4)",
                "![Hỏng](video/hong.mp4)",
                "![Phụ đề sai](video/phu-de.webm)",
                "![Mạng](https://cdn.example.com/a.mp4)",
            ]
        ),
    ),
    # Hostile or unfinished bodies and fields (each refused with its line)
    "tab-tac-gia.md": (
        "---\ntitle: A\ndate: 2024-01-01\ncategory: ANTT\n\tauthor: Phòng Tham mưu\n---\nx\n"
    ),
    "tab-tu-khoa.md": "---\ntitle: A\ndate: 2024-01-01\ncategory: ANTT\ntags:\n\t- ANTT\n---\nx\n",
    "long-sau.md": item("Lồng sâu", "2024-01-01", body="- " * 3000 + "x"),
    "long-tab.md": item(
        "Lồng tab", "2024-01-02", body="\n".join("\t" * i + "- x" for i in range(300))
    ),
    "qua-dai.md": item("Quá dài", "2024-01-03", body="Công an tỉnh. " * 25_000),
    "ngoac-mo.md": item("Ngoặc mở", "2024-01-04", body="[a " * 10_000),
    "nhieu-tu-khoa.md": item(
        "Nhiều từ khóa", "2024-01-05", tags="[" + ", ".join(f"Từ {n}" for n in range(25)) + "]"
    ),
    "nam-xa.md": item("Năm xa", "9999-12-31"),
    "cau-mau.md": item("Câu mẫu", "2024-01-06", body=NEWS_BODY, draft="false"),
    "sai-ten-muc.md": "---\ntitle: A\ndate: 2024-01-01\ncatgory: ANTT\n---\nx\n",
    "mo-ta-anh.md": item("Mô tả ảnh", "2024-01-07", image="anh/hong.jpg"),
    # References to documents
    "tai-lieu.md": item(
        "TL", "2024-01-01", attachments="[cv-620]", body="Xem [](tai-lieu:khong-co)."
    ),
}
BROKEN_NOTICES = {
    "loai.md": NOTICE.replace("kind: Thông báo", "kind: Tờ trình"),
    "thieu-ky.md": NOTICE.replace("signer: {name: Nguyễn Văn A, position: GIÁM ĐỐC}\n", ""),
    "ky-chu.md": NOTICE.replace("signer: {name: Nguyễn Văn A, position: GIÁM ĐỐC}", "signer: A"),
    "ky-la.md": NOTICE.replace("position: GIÁM ĐỐC}", "chuc_vu: GIÁM ĐỐC, name2: [1]}"),
    "hieu-luc.md": NOTICE.replace("place: Long An", "place: Long An\nvalid_until: 2020-01-01"),
    "so-1.md": NOTICE.replace("title: Thông báo", "title: Thông báo một"),
    "so-2.md": NOTICE.replace("title: Thông báo", "title: Thông báo hai"),
    "hieu-luc-xa.md": NOTICE.replace("number: 12/TB-CAT", "number: 13/TB-CAT")
    .replace("place: Long An", "place: Long An\nvalid_until: 9999-12-31")
    .replace("title: Thông báo", "title: Thông báo hiệu lực xa"),
    "chua-co-so.md": NOTICE.replace("number: 12/TB-CAT", f'number: "{NO_NUMBER}"').replace(
        "title: Thông báo", "title: Thông báo chưa có số"
    ),
    "chua-ky.md": NOTICE.replace("number: 12/TB-CAT", "number: 14/TB-CAT")
    .replace("name: Nguyễn Văn A", f"name: {SIGNER_NAME}")
    .replace("title: Thông báo", "title: Thông báo chưa ký"),
}
BROKEN_ATTACHMENTS = {
    "mo-coi.pdf": pdf_bytes(),
    "thieu-tep.yml": META,
    "ten-tep.yml": META + "file: [a]\n",
    "ra-ngoai.yml": META + "file: ../../etc/passwd\n",
    "khong-co.yml": META + "file: khong-co-tep.pdf\n",
    "cv.pdf": pdf_bytes(),
    "cv.yml": META + "id: cv-602\n",
    "cv-hai.yml": META + "file: cv.pdf\n",
    "chay.exe": b"MZ",
    "chay.yml": META,
    "hong.pdf": b"%PDF-1.4 nothing",
    "hong.yml": META,
    "o.csv": "a;b\n1;2;3\n",
    "o.yml": META,
    "dau.csv": "\n1;2\n",
    "dau.yml": META,
    "cot.csv": "a;a\n1;2\n",
    "cot.yml": META,
    "ma.csv": "a;b\n1;Tân An\n".encode("cp1258"),
    "ma.yml": META,
    "ngoac.csv": 'a;b\n"1;2\n',
    "ngoac.yml": META,
    "nhom.csv": "Loại;Cấp\n1;2\n",
    "nhom.yml": META + "group_by: [Loai hinh]\n",
    "trung.pdf": pdf_bytes(),
    "trung.yml": META + "id: cv-602\nreplaces: cv-620\n",
    "loai.pdf": pdf_bytes(),
    "loai.yml": META.replace("kind: Công văn", "kind: Tờ trình") + "id: Cong Van\n",
    "cu-phap.pdf": pdf_bytes(),
    "cu-phap.yml": "title: [hỏng\n",
}
BROKEN_CONFIGS = {
    "tuy-chon": ("  - portal:\n", "  - portal:\n      pgae: 3\n      page_size: mười\n"),
    "chuyen-muc": ("      categories:\n", "      categories:\n        - {nam: A, x: 1}\n"),
    "duong-dan": ("url: an-ninh-trat-tu", "url: An Ninh"),
    "trang": ("      page_size: 10\n", "      page_size: 0\n      feed_size: 0\n"),
    "nguoi-dan": ("  - portal:\n", "  - portal:\n      citizens_category: khong-co\n"),
    "site-url": ("site_url: https://congan.example.vn/", "site_url: congan.example.vn"),
    "anh-chia-se": ("  - portal:\n", "  - portal:\n      share_card: assets/khong-co.jpg\n"),
    "cu-phap": ("docs_dir: content", "docs_dir: content: x"),
    "tuy-chon-gan": ("  - portal:\n", '  - portal:\n      hotline: "113"\n'),
    "muc-goc": ("docs_dir: content", "docs_dir: content\nsite_nmae: Công an tỉnh"),
    "so-tu-khoa": ("  - portal:\n", "  - portal:\n      max_tags: 0\n"),
    "tuy-chon-cu": ("  - portal:\n", "  - portal:\n      preview: true\n"),
    "mau-sac": ("  - portal:\n", '  - portal:\n      colors: {primary: "#ffff00", accent: đỏ}\n'),
    "quoc-huy": ("  - portal:\n", "  - portal:\n      emblem: assets/khong-co.svg\n"),
}


def problems_of(root: Path) -> list[ContentError]:
    try:
        plan_repository(root / "mkdocs.yml", process_photos=False)
    except ContentErrors as exc:
        return exc.errors
    return []


def assert_plain_vietnamese(messages: list[str]) -> None:
    bad = [message for message in messages if FORBIDDEN.search(message)]
    assert bad == [], "\n".join(bad)


@pytest.fixture(scope="module")
def corpus_errors(tmp_path_factory: pytest.TempPathFactory) -> list[ContentError]:
    """The problems of one repository holding the whole corpus of broken files."""
    root = tmp_path_factory.mktemp("broken")
    write(root, {"mkdocs.yml": mkdocs_yml(), "content/index.md": "# Trang chủ\n"})
    write(root, {f"news/{name}": text for name, text in BROKEN_NEWS.items()})
    write(root, {f"notices/{name}": text for name, text in BROKEN_NOTICES.items()})
    write(root, {f"attachments/{name}": data for name, data in BROKEN_ATTACHMENTS.items()})
    write(
        root,
        {
            "news/anh/hong.jpg": pf.corrupt(),
            "news/anh/ngau-nhien.png": bytes(range(256)) * 8,
            "news/anh/to.png": pf.oversized_png(),
            "news/anh/bom.png": pf.bomb_png(),
            "news/anh/iphone.jpg": pf.heic_named_jpg(),
            "news/video/ok.mp4": vf.video(),
            "news/video/hong.mp4": b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4,
            "news/video/phu-de.webm": vf.video("webm"),
            "news/video/phu-de.vtt": "1\n00:00:00,000 --> 00:00:01,000\nPhụ đề kiểu SRT\n",
            # A static page where a sound article goes, and a page linking nowhere.
            "news/hop-le.md": item("Hợp lệ", "2024-01-01"),
            "content/tin-tuc/hop-le/index.md": "# Hợp lệ\n",
        },
    )
    # Links that leave the repository, or loop: never followed, each named.
    outside = tmp_path_factory.mktemp("outside")
    write(outside, {"bai.md": item("Bài ở ngoài kho", "2024-01-01"), "x.pdf": pdf_bytes()})
    (root / "news/ngoai.md").symlink_to(outside / "bai.md")
    (root / "notices/ngoai").symlink_to(outside, target_is_directory=True)
    (root / "content/ngoai.md").symlink_to(outside / "bai.md")
    (root / "attachments/ngoai.pdf").symlink_to(outside / "x.pdf")
    (root / "news/vong").symlink_to(root / "news", target_is_directory=True)
    (root / "news/hong.md").symlink_to(root / "news/khong-co-dau.md")
    errors = problems_of(root)
    warning = (
        "Doc file 'gioi-thieu.md' contains a link 'khong-co.md', but the target is not found "
        "among documentation files."
    )
    write(root, {"content/gioi-thieu.md": "# A\n\nXem [trang](khong-co.md).\n"})
    return errors + missing_links([warning], root, "content", {})


def test_every_content_problem_is_told_without_programmers_words(corpus_errors) -> None:
    messages = [str(error) for error in corpus_errors]
    # Every problem names its file and a line in it.
    assert all(error.path and error.line >= 1 for error in corpus_errors)
    links = {error.path for error in corpus_errors if "lối tắt (symlink)" in error.message}
    assert links == {
        "news/ngoai.md",
        "notices/ngoai",
        "content/ngoai.md",
        "attachments/ngoai.pdf",
        "news/vong",
        "news/hong.md",
    }
    # The file outside is never read: none of its fields reaches a message.
    assert not [m for m in messages if "Bài ở ngoài kho" in m]
    # The corpus really reaches every validator: one problem or more from each file.
    named = {Path(error.path).stem for error in corpus_errors}
    corpus = {Path(name).stem for name in [*BROKEN_NEWS, *BROKEN_NOTICES, *BROKEN_ATTACHMENTS]}
    assert corpus - named == {"cv-hai"}, corpus - named  # claims cv.pdf first: cv.yml is wrong
    assert len(set(messages)) >= 80, len(set(messages))
    assert_plain_vietnamese([*messages, ContentErrors(corpus_errors).report()])


def test_the_editors_guide_explains_messages_that_really_occur(corpus_errors) -> None:
    guide = (REPO / "docs/huong-dan-bien-tap.md").read_text(encoding="utf-8")
    table = guide.split("## Các lỗi thường gặp và cách sửa", 1)[1]
    quoted = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    assert len(quoted) >= 30
    messages = [error.message for error in corpus_errors]
    for fragment in quoted:
        pattern = re.escape(fragment).replace("…", ".*").replace("\\…", ".*")
        assert any(re.search(pattern, message) for message in messages), fragment


def test_the_readme_links_the_guide_in_its_first_screen() -> None:
    first_screen = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:15])
    assert "(docs/huong-dan-bien-tap.md)" in first_screen


@pytest.mark.parametrize("change", BROKEN_CONFIGS.values(), ids=BROKEN_CONFIGS)
def test_every_configuration_problem_is_told_without_programmers_words(
    project, change: tuple[str, str]
) -> None:
    config = mkdocs_yml()
    assert change[0] in config
    proj = project(config=config.replace(change[0], change[1], 1))
    errors = problems_of(proj.root)
    assert errors and all(error.path == "mkdocs.yml" for error in errors)
    assert_plain_vietnamese([str(error) for error in errors])


def test_links_to_missing_pages_and_command_mistakes_are_vietnamese_too(
    tmp_path: Path, capsys
) -> None:
    write(tmp_path, {"content/gioi-thieu.md": "# A\n\nXem [trang](khong-co.md).\n"})
    warning = (
        "Doc file 'gioi-thieu.md' contains a link 'khong-co.md', but the target is not found "
        "among documentation files."
    )
    [error] = missing_links([warning], tmp_path, "content", {})
    assert (error.path, error.line) == ("content/gioi-thieu.md", 3)
    with pytest.raises(SystemExit):
        cli.main(["new", "tin"])
    with pytest.raises(SystemExit):
        cli.main(["bulid"])
    write(tmp_path, {"mkdocs.yml": mkdocs_yml()})
    config = str(tmp_path / "mkdocs.yml")
    assert cli.main(["new", "tin", "Tin mới", "-f", config]) == 1
    assert cli.main(["new", "tin", "Tin mới", "--category", "Tin tuc", "-f", config]) == 1
    assert cli.main(["new", "thong-bao", "Thông báo", "-f", config]) == 1
    assert cli.main(["new", "tai-lieu", "khong-co.pdf", "-f", config]) == 1
    out, err = capsys.readouterr()
    assert_plain_vietnamese([str(error), *out.splitlines(), *err.splitlines()])


def test_applying_each_suggested_line_never_leads_back(tmp_path: Path) -> None:
    """Every problem that suggests a line to write instead: written in, the file passes or
    moves on to another problem, and no new problem suggests the line it replaced (a loop
    such as quoting a value that is quoted already)."""
    applied = 0
    files = {**{f"news/{n}": t for n, t in BROKEN_NEWS.items() if isinstance(t, str)}}
    files |= {f"notices/{n}": t for n, t in BROKEN_NOTICES.items()}
    for number, (rel, text) in enumerate(files.items()):
        root = tmp_path / str(number)
        write(root, {"mkdocs.yml": mkdocs_yml(), "content/index.md": "# Trang chủ\n", rel: text})
        for error in [e for e in problems_of(root) if e.path == rel and e.suggestion]:
            lines = text.split("\n")
            replaced = lines[error.line - 1]
            lines[error.line - 1] = error.suggestion
            write(root, {rel: "\n".join(lines)})
            after = [e for e in problems_of(root) if e.path == rel]
            assert (error.line, error.message) not in {(e.line, e.message) for e in after}, rel
            assert replaced not in {e.suggestion for e in after}, rel
            write(root, {rel: text})
            applied += 1
    assert applied >= 12, applied


def test_a_tab_in_the_head_is_named_as_a_tab_on_its_own_line(tmp_path: Path) -> None:
    for name in ("tab-tac-gia.md", "tab-tu-khoa.md"):
        write(tmp_path, {"mkdocs.yml": mkdocs_yml(), f"news/{name}": BROKEN_NEWS[name]})
    errors = {e.path: e for e in problems_of(tmp_path)}
    author, tags = errors["news/tab-tac-gia.md"], errors["news/tab-tu-khoa.md"]
    assert (author.line, author.message) == (5, "dòng này có ký tự tab")
    assert author.suggestion == "author: Phòng Tham mưu"
    assert (tags.line, tags.message, tags.suggestion) == (6, "dòng này có ký tự tab", "  - ANTT")
