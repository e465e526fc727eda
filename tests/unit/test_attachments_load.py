"""Loading attachments from a folder: every way an editor can get it wrong."""

import os
from pathlib import Path

import pytest
from pypdf import PdfWriter

from portal.content.attachments import load_attachments

KINDS = ("Công văn", "Danh sách")
META = "title: Công văn 602\nkind: Công văn\nnumber: 602/UBND-NCTCD\ndate: 2018-02-08\n"


def pdf_bytes(pages: int = 2) -> bytes:
    import io

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def errors_of(root: Path) -> list[tuple[str, str, str]]:
    _, errors = load_attachments(root, "attachments", KINDS)
    return [(e.path, e.field, e.message) for e in errors]


def test_a_pdf_with_metadata_is_described(tmp_path: Path) -> None:
    data = pdf_bytes(3)
    write(tmp_path, {"attachments/2018/cv-602.pdf": data, "attachments/2018/cv-602.yml": META})
    loaded, errors = load_attachments(tmp_path, "attachments", KINDS)
    assert errors == []
    [a] = loaded.attachments
    assert (a.id, a.ext, a.pages, a.size, a.number) == (
        "cv-602",
        "pdf",
        3,
        len(data),
        "602/UBND-NCTCD",
    )
    assert a.url == "tai-lieu/cv-602/" and a.file_url == "tai-lieu/cv-602.pdf"
    assert a.file_type.abbreviation == "PDF" and len(a.sha256) == 64
    assert loaded.files["cv-602"] == tmp_path / "attachments/2018/cv-602.pdf"


def test_file_without_metadata_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"attachments/mat.pdf": pdf_bytes()})
    [(path, field, message)] = errors_of(tmp_path)
    assert (path, field) == ("attachments/mat.pdf", "tệp") and "chưa có thông tin" in message


def test_metadata_without_its_file_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"attachments/cv.yml": META})
    [(path, field, message)] = errors_of(tmp_path)
    assert (path, field) == (
        "attachments/cv.yml",
        "file",
    ) and "đang có: không có tệp nào" in message


@pytest.mark.parametrize("named", ["../../secret.txt", "../../attachments/../secret.txt"])
def test_a_path_that_leaves_the_folder_is_refused(tmp_path: Path, named: str) -> None:
    write(tmp_path, {"secret.txt": "x"})
    write(
        tmp_path,
        {
            "attachments/sub/cv.yml": META + f"file: {named}\n",
        },
    )
    found = errors_of(tmp_path)
    assert any(
        p == "attachments/sub/cv.yml" and f == "file" and "nằm ngoài thư mục attachments/" in m
        for p, f, m in found
    ), found


def test_a_link_pointing_outside_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"secret.pdf": pdf_bytes(), "attachments/cv.yml": META})
    os.symlink(tmp_path / "secret.pdf", tmp_path / "attachments" / "cv.pdf")
    assert any("nằm ngoài thư mục attachments/" in m for _, _, m in errors_of(tmp_path))


@pytest.mark.parametrize(
    ("meta", "field", "message"),
    [
        (
            META.replace("kind: Công văn", "kind: Tờ trình"),
            "kind",
            'không có loại văn bản "Tờ trình"',
        ),
        (META.replace("date: 2018-02-08\n", ""), "date", "còn thiếu"),
        (META + "tieu_de: x\n", "tieu_de", 'không có mục "tieu_de"'),
        (META + "replaces: khong-co\n", "replaces", 'không có tài liệu mã "khong-co"'),
        (META + "id: Cong Van\n", "id", "không dùng được trong đường dẫn"),
        ("title: [unclosed\n", "tệp thông tin", 'chưa đóng bằng "]"'),
    ],
)
def test_metadata_problems(tmp_path: Path, meta: str, field: str, message: str) -> None:
    write(tmp_path, {"attachments/cv.pdf": pdf_bytes(), "attachments/cv.yml": meta})
    found = errors_of(tmp_path)
    assert any(f == field and message in m for _, f, m in found), found


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"%PDF-1.4 this is not really a pdf", "PDF bị hỏng"),
        ("cv.heic", b"\x00\x00\x00\x18ftypheic", 'không đăng tệp loại ".heic"'),
        ("ds.csv", "a;b\n1;2;3\n", "dòng này có 3 ô"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: str | bytes, message: str) -> None:
    stem = name.split(".")[0]
    write(tmp_path, {f"attachments/{name}": content, f"attachments/{stem}.yml": META})
    found = errors_of(tmp_path)
    assert any(p == f"attachments/{name}" and message in m for p, _, m in found), found


def test_csv_groups_must_be_columns_and_ids_must_be_unique(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "attachments/a/ds.csv": "STT;Loại hình\n1;Cơ quan\n",
            "attachments/a/ds.yml": META.replace("Công văn", "Danh sách")
            + "group_by: [Loại hình, Cấp]\n",
            "attachments/b/ds.csv": "STT;Loại hình\n1;Cơ quan\n",
            "attachments/b/ds.yml": META.replace("Công văn", "Danh sách").replace("602", "604"),
        },
    )
    found = errors_of(tmp_path)
    assert any(f == "group_by" and 'không có cột "Cấp"' in m for _, f, m in found), found
    write(
        tmp_path,
        {"attachments/a/ds.yml": META.replace("Công văn", "Danh sách") + "group_by: [Loại hình]\n"},
    )
    found = errors_of(tmp_path)
    assert [(f, "trùng với" in m) for _, f, m in found] == [("id", True)]


def test_one_file_described_twice_is_an_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "attachments/cv.pdf": pdf_bytes(),
            "attachments/cv.yml": META,
            "attachments/ban-sao.yml": META.replace("602/", "603/") + "file: cv.pdf\n",
        },
    )
    found = errors_of(tmp_path)
    assert any(f == "file" and "đã có một tệp thông tin khác" in m for _, f, m in found), found
