from datetime import date

import pytest

from portal.content.load import parse_document
from portal.content.models import Category
from portal.content.notices import validate_notices
from portal.vi import format_place_date

CITIZENS = Category("Người dân cần biết", "nguoi-dan-can-biet")
KINDS = ("Thông báo", "Công văn", "Kế hoạch")
GOOD = """---
title: Đẩy mạnh phong trào năm 2018
kind: Công văn
number: 602/UBND-NCTCD
date: 2018-02-08
issuer: Ủy ban nhân dân tỉnh Long An
place: Long An
subject: V/v đẩy mạnh phong trào
signer:
  authority: TM. ỦY BAN NHÂN DÂN
  position: KT. CHỦ TỊCH, PHÓ CHỦ TỊCH
  name: Trần Văn B
recipients: [Các sở, ngành, Lưu VT]
tags: [Văn bản chỉ đạo]
valid_until: 2018-12-31
---

Nội dung công văn.
"""


def check(*texts: str):
    docs = []
    for n, text in enumerate(texts):
        doc = parse_document(text, f"notices/{n}.md")
        assert not isinstance(doc, list), doc
        docs.append(doc)
    return validate_notices(docs, KINDS, CITIZENS)


def test_a_valid_notice() -> None:
    [item], errors = check(GOOD)
    assert errors == []
    notice = item.notice
    assert item.url == "thong-bao/day-manh-phong-trao-nam-2018/"
    assert item.category == CITIZENS
    assert (notice.kind, notice.number, notice.place) == ("Công văn", "602/UBND-NCTCD", "Long An")
    assert notice.signer.authority == "TM. ỦY BAN NHÂN DÂN" and notice.signer.name == "Trần Văn B"
    assert notice.recipients == ("Các sở", "ngành", "Lưu VT")
    assert notice.valid_until == date(2018, 12, 31)
    assert notice.expired(date(2019, 1, 1)) and not notice.expired(date(2018, 12, 31))


def test_subject_defaults_to_title_and_numbers_may_be_plain_digits() -> None:
    text = GOOD.replace("subject: V/v đẩy mạnh phong trào\n", "").replace("602/UBND-NCTCD", "538")
    [item], errors = check(text)
    assert errors == [] and item.notice.subject == item.title and item.notice.number == "538"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (("kind: Công văn", "kind: Tờ trình"), "kind", 'không có loại văn bản "Tờ trình"'),
        (("kind: Công văn\n", ""), "kind", "còn thiếu"),
        (("number: 602/UBND-NCTCD\n", ""), "number", "còn thiếu"),
        (("date: 2018-02-08", "date: 08/02/2018"), "date", "không phải ngày"),
        (("issuer: Ủy ban nhân dân tỉnh Long An\n", ""), "issuer", "còn thiếu"),
        (("place: Long An\n", ""), "place", "còn thiếu"),
        (("subject: V/v đẩy mạnh phong trào", "subject: [a, b]"), "subject", "cần viết thành chữ"),
        (("  name: Trần Văn B\n", ""), "signer", "còn thiếu họ tên"),
        (
            ("  position: KT. CHỦ TỊCH, PHÓ CHỦ TỊCH\n", "  chuc_vu: x\n"),
            "signer",
            'không có mục "chuc_vu"',
        ),
        (
            ("recipients: [Các sở, ngành, Lưu VT]", "recipients: Lưu VT"),
            "recipients",
            "cần viết thành danh sách",
        ),
        (
            ("valid_until: 2018-12-31", "valid_until: 2017-01-01"),
            "valid_until",
            "sớm hơn ngày ban hành",
        ),
        (("valid_until: 2018-12-31", "valid_until: mãi mãi"), "valid_until", "không phải ngày"),
        (
            ("tags: [Văn bản chỉ đạo]", "tags: [Văn bản chỉ đạo]\nauthor: X"),
            "author",
            "không có mục",
        ),
        (("Nội dung công văn.", ""), "nội dung", "chưa có nội dung"),
    ],
)
def test_every_notice_field_is_checked(change: tuple[str, str], field: str, message: str) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    items, errors = check(text)
    assert items == []
    assert any(e.field == field and message in e.message for e in errors), errors
    error = next(e for e in errors if e.field == field)
    assert error.path == "notices/0.md" and error.line >= 1 and error.fix


def test_signer_missing_entirely() -> None:
    start, end = GOOD.index("signer:"), GOOD.index("recipients:")
    _, errors = check(GOOD[:start] + GOOD[end:])
    assert [(e.field, e.message) for e in errors] == [("signer", "còn thiếu người ký")]


def test_same_number_from_the_same_issuer_is_an_error_on_both_files() -> None:
    other = GOOD.replace("Đẩy mạnh phong trào năm 2018", "Một văn bản khác")
    _, errors = check(GOOD, other)
    assert sorted((e.path, e.field, e.line) for e in errors) == [
        ("notices/0.md", "number", 4),
        ("notices/1.md", "number", 4),
    ]
    assert "trùng với notices/1.md" in next(e for e in errors if e.path == "notices/0.md").message


def test_same_number_from_another_issuer_is_fine() -> None:
    other = GOOD.replace("Đẩy mạnh phong trào năm 2018", "Khác").replace(
        "issuer: Ủy ban nhân dân tỉnh Long An", "issuer: Công an tỉnh Long An"
    )
    items, errors = check(GOOD, other)
    assert errors == [] and len(items) == 2


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2018, 2, 8), "Long An, ngày 08 tháng 02 năm 2018"),
        (date(2018, 3, 7), "Long An, ngày 07 tháng 3 năm 2018"),
        (date(2018, 1, 15), "Long An, ngày 15 tháng 01 năm 2018"),
        (date(2018, 12, 25), "Long An, ngày 25 tháng 12 năm 2018"),
    ],
)
def test_place_date_line_follows_the_decree(day: date, text: str) -> None:
    assert format_place_date("Long An", day) == text
