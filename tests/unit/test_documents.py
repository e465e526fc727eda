"""Pure pieces of the documents feature: CSV tables, references, the register, sizes."""

import io
from dataclasses import replace
from datetime import datetime

import openpyxl
import pytest
import yaml

from portal.content.load import SourceDoc
from portal.content.models import Attachment, Category, FileType, Item, NoticeInfo, Signer
from portal.content.references import check_references, inline_ids
from portal.content.tables import TableError, parse_csv
from portal.dates import TZ
from portal.outputs.links import expand_shorthand, link_numbers
from portal.outputs.xlsx import to_xlsx
from portal.site.register import number_pattern, number_targets, register_entries
from portal.vi import format_size

WHEN = datetime(2018, 4, 25, tzinfo=TZ)


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffSTT;Tên;Loại hình\r\n1;Bệnh viện Đa khoa Long An;Cơ quan\r\n"
        "2;Công ty A, B;Doanh nghiệp\r\n\r\n",
        'STT,Tên,Loại hình\n1,Bệnh viện Đa khoa Long An,Cơ quan\n2,"Công ty A, B",Doanh nghiệp\n',
    ],
)
def test_csv_with_bom_or_not_comma_or_semicolon(data: str) -> None:
    table = parse_csv(data.encode("utf-8"))
    assert table.headers == ("STT", "Tên", "Loại hình")
    assert table.rows == (
        ("1", "Bệnh viện Đa khoa Long An", "Cơ quan"),
        ("2", "Công ty A, B", "Doanh nghiệp"),
    )
    assert table.counts("Loại hình") == [("Cơ quan", 1), ("Doanh nghiệp", 1)]


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"a;b\n1;2\n3\n", 3, "dòng này có 1 ô, dòng tên cột có 2 ô"),
        (b"a;a\n1;2\n", 1, "hai cột trùng tên"),
        (b"a;\n1;2\n", 1, "cột trống tên"),
        (b"\n1;2\n", 1, "(tên các cột) đang trống"),
        ("a;b\n1;Tân An\n".encode("cp1258"), 1, "không lưu theo bảng mã UTF-8"),
    ],
)
def test_malformed_csv_names_the_line_and_the_fix(data: bytes, line: int, message: str) -> None:
    with pytest.raises(TableError) as caught:
        parse_csv(data)
    assert caught.value.line == line and message in str(caught.value) and caught.value.fix


def test_xlsx_round_trips_and_is_byte_identical_between_builds() -> None:
    table = parse_csv("STT;Tên\n1;Đảng ủy Khối doanh nghiệp\n2;Kho bạc\n".encode())
    first, second = to_xlsx(table, "Danh sách", WHEN), to_xlsx(table, "Danh sách", WHEN)
    assert first == second
    rows = list(openpyxl.load_workbook(io.BytesIO(first)).active.values)
    # Whole numbers are numbers in the spreadsheet; the rest is text.
    assert rows == [("STT", "Tên"), (1, "Đảng ủy Khối doanh nghiệp"), (2, "Kho bạc")]


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 KB"),
        (50, "0,1 KB"),
        (550, "0,5 KB"),
        (850, "0,8 KB"),
        (1536, "1,5 KB"),
        (12209, "12 KB"),
        (1258291, "1,2 MB"),
    ],
)
def test_format_size_is_vietnamese(size: int, text: str) -> None:
    assert format_size(size) == text


def attachment(
    id: str, number: str = "", kind: str = "Công văn", pages: int | None = 2
) -> Attachment:  # noqa: A002
    return Attachment(
        id,
        f"attachments/{id}.pdf",
        f"attachments/{id}.yml",
        f"Tài liệu {id}",
        kind,
        WHEN,
        "pdf",
        FileType("PDF", "Tài liệu PDF", "application/pdf"),
        1258291,
        "0" * 64,
        number=number,
        issuer="UBND tỉnh",
        pages=pages,
    )


def doc(body: str, attachments: str = "") -> SourceDoc:
    """A news file whose front matter (lines 2-4) ends with `attachments` on line 4."""
    meta = {"title": "Tin", "attachments": yaml.safe_load(attachments)} if attachments else {}
    return SourceDoc("news/tin.md", meta, {"title": 2, "attachments": 4}, body, body_line=6)


def item(body: str, attachments: tuple[str, ...] = (), slug: str = "tin") -> Item:
    return Item(
        f"news/{slug}.md",
        "Tin",
        slug,
        WHEN,
        Category("A", "a"),
        body,
        body_line=6,
        attachments=attachments,
    )


def test_inline_references_are_found_with_their_lines() -> None:
    body = "Mở đầu.\n\nXem [danh sách](tai-lieu:danh-sach) và\n[](tai-lieu:cv-602)."
    assert inline_ids(body) == [("danh-sach", 3), ("cv-602", 4)]


def test_unknown_references_name_the_file_line_and_known_ids() -> None:
    known = {"cv-602": attachment("cv-602")}
    errors = check_references(
        [doc("A\n\n[x](tai-lieu:khong-co)", attachments="[cv-602, cv-620]")], known
    )
    assert [(e.path, e.line, e.field) for e in errors] == [
        ("news/tin.md", 4, "attachments"),
        ("news/tin.md", 8, "nội dung"),
    ]
    # A near miss is named; an id like no other gets the list of ids.
    assert errors[0].fix.startswith('có phải là "cv-602"?')
    assert errors[1].fix == "dùng một trong các mã: cv-602"


def test_shorthand_becomes_a_link_with_the_documents_metadata_line() -> None:
    known = {"cv-602": attachment("cv-602")}
    text = expand_shorthand(
        "Xem [](tai-lieu:cv-602) và [bản gốc](tai-lieu:cv-602).", known, lambda u: "../../" + u
    )
    assert text == (
        "Xem [Tài liệu cv-602](../../tai-lieu/cv-602/) (PDF, 2 trang, 1,2 MB) và "
        "[bản gốc](../../tai-lieu/cv-602/) (PDF, 2 trang, 1,2 MB)."
    )


def notice(slug: str, number: str, issuer: str = "UBND tỉnh") -> Item:
    signer = Signer("Trần Văn B", "Phó Chủ tịch")
    info = NoticeInfo("Công văn", number, issuer, "Long An", f"V/v {slug}", signer)
    return replace(item("", slug=slug), notice=info)


def test_register_is_newest_first_and_a_lone_pdf_is_its_own_row() -> None:
    pdf = attachment("cv-602", number="602/UBND-NCTCD")
    entries = register_entries([], [pdf, attachment("ds", number="")])
    assert [(e.url, e.files) for e in entries] == [("tai-lieu/cv-602/", (pdf,))]
    targets = number_targets(entries)
    assert targets == {"602/ubnd-nctcd": "tai-lieu/cv-602/"}


def test_register_merges_a_notice_and_its_files_into_one_row() -> None:
    pdf, docx = (
        attachment("cv-602", number="602/UBND-NCTCD"),
        attachment("cv-602-docx", "602/ubnd-nctcd"),
    )
    entries = register_entries([notice("cv", "602/UBND-NCTCD")], [pdf, docx])
    [entry] = entries
    assert (entry.url, entry.subject, entry.files) == ("thong-bao/cv/", "V/v cv", (pdf, docx))
    assert number_targets(entries) == {"602/ubnd-nctcd": "thong-bao/cv/"}


def test_a_number_on_two_notices_is_two_documents_and_links_nowhere() -> None:
    pdf = attachment("cv-1", number="1/CV")
    entries = register_entries([notice("a", "1/CV"), notice("b", "1/CV", "UBND huyện")], [pdf])
    assert sorted(e.url for e in entries) == ["tai-lieu/cv-1/", "thong-bao/a/", "thong-bao/b/"]
    assert number_targets(entries) == {}


def test_numbers_link_in_text_but_not_in_links_code_or_longer_numbers() -> None:
    pattern = number_pattern(["602/UBND-NCTCD", "538"])
    targets = {"602/ubnd-nctcd": "thong-bao/cv/", "538": "thong-bao/x/"}
    html = (
        "<p>Công văn số 602/UBND-NCTCD, <a href='x'>602/UBND-NCTCD</a>,"
        " <code>602/UBND-NCTCD</code>, 1602/UBND-NCTCD, 602/UBND-NCTCD-1 và 538 hộ.</p>"
    )
    out = link_numbers(html, pattern, targets, lambda u: "../../" + u, "tin-tuc/a/")
    assert out.count('class="portal-docref"') == 1
    assert (
        'Công văn số <a class="portal-docref" href="../../thong-bao/cv/">602/UBND-NCTCD</a>,' in out
    )
    assert "538 hộ" in out  # a bare number is too common to link
    assert link_numbers(html, pattern, targets, str, "thong-bao/cv/").count("portal-docref") == 0
