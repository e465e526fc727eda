import os
import unicodedata
from pathlib import Path

import pytest

from portal.build import memofile
from portal.content import load
from portal.content import news as news_module
from portal.content.load import SourceDoc, load_folder, markdown_files, parse_document
from portal.content.memo import ContentMemo
from portal.content.models import Category
from portal.content.news import validate_each, validate_news
from portal.errors import ContentError


def parse(text: str) -> SourceDoc:
    result = parse_document(text, "news/a.md")
    assert isinstance(result, SourceDoc), result
    return result


def test_front_matter_fields_body_and_lines() -> None:
    doc = parse("---\ntitle: Tin\ndate: 2013-03-19 14:10\ntags: [ANTT, PCCC]\n---\n\nThân bài.\n")
    assert doc.meta == {"title": "Tin", "date": "2013-03-19 14:10", "tags": ["ANTT", "PCCC"]}
    assert doc.lines == {"title": 2, "date": 3, "tags": 4}
    assert doc.body.strip() == "Thân bài."
    assert doc.body_line == 6


def test_dates_stay_text_so_one_parser_owns_them() -> None:
    assert parse("---\ndate: 2018-02-08\n---\nx").meta["date"] == "2018-02-08"


def test_yaml_error_names_the_line() -> None:
    errors = parse_document("---\ntitle: Tin\ncategory: [ANTT\n---\nx", "news/a.md")
    assert isinstance(errors, list) and len(errors) == 1
    # Reported where the list opens (the parser only notices on the next line), with the fix
    # written from the editor's own line.
    assert (errors[0].path, errors[0].line, errors[0].field) == ("news/a.md", 3, "phần đầu bài")
    assert errors[0].message == 'danh sách mở bằng "[" nhưng chưa đóng bằng "]"'
    assert errors[0].fix.endswith("category: [ANTT]")


@pytest.mark.parametrize(
    ("line", "message", "fix"),
    [
        ("title: Công an: bắt giữ", 'dấu hai chấm ":"', 'title: "Công an: bắt giữ"'),
        ('title: "Công an tỉnh', "ngoặc kép mở nhưng chưa đóng", 'title: "Công an tỉnh"'),
        ("title 2018", "thiếu dấu hai chấm", "viết title: 2018"),
        ("  title: A", "thụt vào đầu dòng", "title: A"),
        ("title: @congan", 'bắt đầu bằng ký tự "@"', 'title: "@congan"'),
        ('title: "Công an" tỉnh', "sau dấu ngoặc kép", """title: '"Công an" tỉnh'"""),
        ("\ttitle: A", "tab", "dấu cách"),
    ],
)
def test_yaml_mistakes_are_told_in_plain_words_on_their_line(
    line: str, message: str, fix: str
) -> None:
    errors = parse_document(f"---\ndate: 2018-02-08\n{line}\nsummary: x\n---\nx", "news/a.md")
    assert isinstance(errors, list) and len(errors) == 1
    assert errors[0].line == 3 and message in errors[0].message and fix in errors[0].fix


def test_duplicate_field_is_an_error_not_a_silent_overwrite() -> None:
    errors = parse_document("---\ntitle: A\ntitle: B\n---\nx", "news/a.md")
    assert isinstance(errors, list)
    assert (errors[0].line, errors[0].field) == (3, "title")
    assert "dòng 2" in errors[0].message


def test_missing_or_unclosed_front_matter() -> None:
    for text, message in [
        ("Chỉ có thân bài", "không bắt đầu bằng phần đầu bài"),
        ("---\ntitle: A\n", "chưa có dòng"),
    ]:
        errors = parse_document(text, "news/a.md")
        assert isinstance(errors, list) and message in errors[0].message


def test_front_matter_that_is_not_fields() -> None:
    errors = parse_document("---\n- a\n- b\n---\nx", "news/a.md")
    assert isinstance(errors, list) and "tên: giá trị" in errors[0].message


def test_load_folder_normalises_bom_crlf_and_nfd(tmp_path: Path) -> None:
    text = (
        "\ufeff---\r\ntitle: " + unicodedata.normalize("NFD", "Tổ quốc") + "\r\n---\r\n\r\nThân\r\n"
    )
    (tmp_path / "news" / "2018").mkdir(parents=True)
    (tmp_path / "news" / "2018" / "a.md").write_bytes(text.encode("utf-8"))
    (tmp_path / "news" / ".hidden.md").write_text("---\n---\n")
    (tmp_path / "news" / "bad.md").write_bytes(b"---\ntitle: \xff\n---\nx")
    docs, errors = load_folder(tmp_path, "news", ContentMemo())
    assert [d.path for d in docs] == ["news/2018/a.md"]
    assert docs[0].meta["title"] == unicodedata.normalize("NFC", "Tổ quốc")
    assert docs[0].body == "\nThân\n"
    assert [(e.path, e.field) for e in errors] == [("news/bad.md", "tệp")]


def test_many_new_files_are_parsed_on_two_cores_as_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forked child parses half of the files; what it sends back is what one process gets,
    broken files and their errors included, and it is remembered for the next load."""

    news = tmp_path / "news"
    for n in range(40):
        text = f"---\ntitle: Tin số {n}\ndate: 2024-01-{n % 28 + 1:02d}\n---\nThân bài {n}.\n"
        if n in (3, 33):  # one broken file in each half
            text = f"---\ntitle: [Tin hỏng {n}\n---\nThân.\n"
        (news / f"{n // 10}").mkdir(parents=True, exist_ok=True)
        (news / f"{n // 10}" / f"tin-{n}.md").write_text(text, encoding="utf-8")
    forks: list[int] = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    one = load_folder(tmp_path, "news", ContentMemo())
    memo = ContentMemo()
    monkeypatch.setattr(memofile, "PARALLEL_AT", 10)
    # Threads other tests left (servers) would keep `portal build`'s guard from forking.
    monkeypatch.setattr(memofile.threading, "active_count", lambda: 1)
    parsed_here: list[str] = []
    real = load.read_text
    monkeypatch.setattr(load, "read_text", lambda p, rel: parsed_here.append(rel) or real(p, rel))
    memofile.prefill(memo, markdown_files(tmp_path, "news"))
    two = load_folder(tmp_path, "news", memo)
    assert forks == [1] and len(parsed_here) == 20  # the other half came from the child
    assert two == one and len(one[0]) == 38 and len(one[1]) == 2
    assert len(memo.parsed) == 40
    memofile.prefill(memo, markdown_files(tmp_path, "news"))
    assert load_folder(tmp_path, "news", memo) == one and forks == [1]  # remembered: no fork


def test_files_checked_on_two_cores_are_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each process of the parse checks (its half) joins the memo: the planning that
    follows checks nothing again, and gets the items and problems one process gets."""
    news = tmp_path / "news"
    news.mkdir()
    for n in range(30):
        category = "Không có" if n in (4, 24) else "Tin hoạt động"  # one wrong in each half
        text = f"---\ntitle: Tin số {n}\ndate: 2024-01-{n % 28 + 1:02d}\n"
        text += f"category: {category}\n---\nThân bài số {n}.\n"
        (news / f"tin-{n:02d}.md").write_text(text, encoding="utf-8")
    categories = (Category("Tin hoạt động", "tin-hoat-dong"),)
    one = validate_news(load_folder(tmp_path, "news", ContentMemo())[0], categories, ContentMemo())
    monkeypatch.setattr(memofile, "PARALLEL_AT", 10)
    monkeypatch.setattr(memofile.threading, "active_count", lambda: 1)
    memo = ContentMemo()

    def check(parsed: list[SourceDoc | list[ContentError]]) -> None:
        validate_each([doc for doc in parsed if isinstance(doc, SourceDoc)], categories, memo)

    memofile.prefill(memo, markdown_files(tmp_path, "news"), check)
    assert len(memo.validated) == 30  # both halves, the child's sent back
    checked: list[str] = []
    real = news_module.validate_news_item
    monkeypatch.setattr(
        news_module,
        "validate_news_item",
        lambda doc, lookup: checked.append(doc.path) or real(doc, lookup),
    )
    two = validate_news(load_folder(tmp_path, "news", memo)[0], categories, memo)
    assert checked == []
    assert two == one and len(one[0]) == 28
    assert sorted(error.path for error in one[1]) == ["news/tin-04.md", "news/tin-24.md"]
