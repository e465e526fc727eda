import pytest

from portal.content.load import parse_document
from portal.content.memo import ContentMemo
from portal.content.models import Category, Item
from portal.content.news import validate_news
from portal.errors import ContentError, ContentErrors
from portal.text import normalize_text

CATEGORIES = (
    Category("Tin hoạt động", "tin-hoat-dong"),
    Category("Tin an ninh trật tự", "an-ninh-trat-tu", short="ANTT"),
)


def check(*texts: str) -> tuple[list[Item], list[ContentError]]:
    docs = []
    for n, text in enumerate(texts):
        doc = parse_document(text, f"news/{n}.md")
        assert not isinstance(doc, list), doc
        docs.append(doc)
    return validate_news(docs, CATEGORIES, ContentMemo())


GOOD = (
    "---\ntitle: Tin mới\ndate: 2018-02-08 09:00\ncategory: ANTT\n---\n\nĐoạn đầu.\n\nĐoạn hai.\n"
)


def test_a_valid_item_gets_defaults() -> None:
    items, errors = check(GOOD)
    assert errors == []
    [item] = items
    assert item.slug == "tin-moi" and item.url == "tin-tuc/tin-moi/"
    assert item.category.slug == "an-ninh-trat-tu"
    assert item.summary == "Đoạn đầu."
    assert item.date.isoformat() == "2018-02-08T09:00:00+07:00"
    assert (item.draft, item.tags, item.author) == (False, (), "")


@pytest.mark.parametrize(
    ("front_matter", "line", "field", "message", "fix"),
    [
        ("date: 2018-02-08\ncategory: ANTT", 1, "title", "còn thiếu", 'thêm dòng "title: …"'),
        (
            "title: 2018\ndate: 2018-02-08\ncategory: ANTT",
            2,
            "title",
            "cần viết thành chữ",
            'title: "2018"',
        ),
        ("title: A\ncategory: ANTT", 1, "date", "còn thiếu", "date: 2024-12-31 08:00"),
        (
            "title: A\ndate: 08/02/2018\ncategory: ANTT",
            3,
            "date",
            '"08/02/2018" không phải ngày',
            "viết date: 2018-02-08",  # the fix is the editor's own date, rewritten
        ),
        (
            "title: A\ndate: 8/2/2018 9h30\ncategory: ANTT",
            3,
            "date",
            '"8/2/2018 9h30" không phải ngày',
            "viết date: 2018-02-08 09:30",
        ),
        ("title: A\ndate: 2018-02-08", 1, "category", "còn thiếu", "category"),
        (
            "title: A\ndate: 2018-02-08\ncategory: Tin tức",
            4,
            "category",
            'không có chuyên mục "Tin tức"',
            "Tin an ninh trật tự, Tin hoạt động",
        ),
        (
            "title: A\ndate: 2018-02-08\ncategory: tin an ninh trat tuu",
            4,
            "category",
            'không có chuyên mục "tin an ninh trat tuu"',
            "viết category: Tin an ninh trật tự",  # a typo, typed without diacritics
        ),
        (
            "title: A\ndate: 2018-02-08\ncategory: ANTT\ncatgory: x",
            5,
            "catgory",
            'không có mục "catgory"',
            'có phải là "category"',
        ),
        (
            "title: A\ndate: 2018-02-08\ncategory: ANTT\ntags: ANTT, Công an",
            5,
            "tags",
            "cần viết thành danh sách",
            "viết tags: [ANTT, Công an]",
        ),
        (
            "title: A\ndate: 2018-02-08\ncategory: ANTT\ntags: [a, '']",
            5,
            "tags",
            "không phải một từ",
            "bỏ đi",
        ),
        (
            "title: A\ndate: 2018-02-08\ncategory: ANTT\ndraft: yes please",
            5,
            "draft",
            "true hoặc false",
            "draft: true",
        ),
        (
            "title: A\ndate: 2018-02-08\ncategory: ANTT\nurl: Tin Mới",
            5,
            "url",
            "không dùng được trong đường dẫn",
            "url: tin-moi",
        ),
        (
            "title: A\ndate: 2018-02-08\ncategory: ANTT\nupdated: 2018-01-01",
            5,
            "updated",
            "sớm hơn ngày đăng",
            "lần cuối",
        ),
        ("title: '!!!'\ndate: 2018-02-08\ncategory: ANTT", 2, "title", "không có chữ", "url:"),
    ],
)
def test_each_problem_names_line_field_and_fix(
    front_matter: str, line: int, field: str, message: str, fix: str
) -> None:
    items, errors = check(f"---\n{front_matter}\n---\n\nThân bài.\n")
    assert items == []
    matching = [e for e in errors if e.field == field]
    assert matching, errors
    error = matching[0]
    assert error.line == line and message in error.message and fix in error.fix
    assert str(error).startswith(f"news/0.md:{line}: {field}: ")
    assert " — " in str(error)


def test_empty_body_is_an_error_on_the_body_line() -> None:
    _, errors = check("---\ntitle: A\ndate: 2018-02-08\ncategory: ANTT\n---\n\n   \n")
    assert [(e.field, e.line) for e in errors] == [("nội dung", 6)]


def test_all_problems_of_all_files_are_reported_at_once() -> None:
    _, errors = check(
        "---\ntitle: A\ndate: bad\ncategory: nope\nfoo: 1\n---\n\nx\n",
        "---\ndate: 2018-01-01\ncategory: ANTT\n---\n\n",
    )
    assert {(e.path, e.field) for e in errors} == {
        ("news/0.md", "date"),
        ("news/0.md", "category"),
        ("news/0.md", "foo"),
        ("news/1.md", "title"),
        ("news/1.md", "nội dung"),
    }


def test_duplicate_slugs_name_both_files() -> None:
    _, errors = check(GOOD, GOOD.replace("09:00", "10:00"))
    assert sorted((e.path, e.field) for e in errors) == [
        ("news/0.md", "url"),
        ("news/1.md", "url"),
    ]
    assert "news/1.md" in errors[0].message or "news/1.md" in errors[1].message


def test_tags_are_deduplicated_ignoring_case_and_spaces() -> None:
    items, _ = check(
        GOOD.replace("category: ANTT", "category: ANTT\ntags: [ANTT, ' antt ', Công an, 2018]")
    )
    assert items[0].tags == ("ANTT", "Công an", "2018")


def test_category_by_name_short_name_or_slug_in_any_case_with_or_without_diacritics() -> None:
    names = (
        "Tin an ninh trật tự",
        "antt",
        "an-ninh-trat-tu",
        "TIN AN NINH TRẬT TỰ",
        "an ninh trat tu",  # as the guide allows, typed on a phone
        "tin an ninh trat tu",
    )
    for name in names:
        items, errors = check(GOOD.replace("category: ANTT", f"category: {name}"))
        assert errors == [] and items[0].category.slug == "an-ninh-trat-tu"


def test_content_errors_report_lists_every_error() -> None:
    _, errors = check("---\ntitle: A\n---\n\nx\n")
    report = ContentErrors(errors).report()
    assert report.splitlines()[0] == "2 lỗi trong nội dung; chưa đăng gì, trang cũ vẫn giữ nguyên:"
    assert "news/0.md:1: date: còn thiếu" in report


def test_a_misspelt_required_field_gets_one_message_with_the_suggestion() -> None:
    _, errors = check("---\ntitle: A\ndate: 2018-02-08\ncatgory: ANTT\n---\n\nx\n")
    assert [(e.line, e.field) for e in errors] == [(4, "catgory")]
    assert 'có phải là "category"' in errors[0].fix


@pytest.mark.parametrize("field", ["date", "updated"])
def test_a_year_outside_the_portal_s_range_is_refused_in_words(field: str) -> None:
    extra = "\nupdated: 9999-12-31" if field == "updated" else ""
    date = "2018-02-08" if field == "updated" else "9999-12-31"
    _, errors = check(f"---\ntitle: A\ndate: {date}\ncategory: ANTT{extra}\n---\n\nx\n")
    [error] = [e for e in errors if e.field == field]
    assert "năm 9999 nằm ngoài" in error.message and "kiểm tra lại năm" in error.fix


@pytest.mark.parametrize(
    ("control", "name"),
    [
        ("\u202e", "right-to-left override"),
        ("\u202a", "left-to-right embedding"),
        ("\u2066", "left-to-right isolate"),
        ("\u2069", "pop directional isolate"),
        ("\u200f", "right-to-left mark"),
        ("\u200b", "zero-width space"),
        ("\u200d", "zero-width joiner"),
        ("\u2060", "word joiner"),
        ("\u00ad", "soft hyphen"),
    ],
)
def test_invisible_controls_never_reach_a_field(control: str, name: str) -> None:
    text = (
        f"---\ntitle: Số 1{control}13 của{control} Công an\ndate: 2018-02-08\n"
        f"category: ANTT\nurl: tin{control}-moi\n---\n\nĐoạn{control} đầu.\n"
    )
    items, errors = check(normalize_text(text))  # as every file is read (load.read_text)
    assert errors == [], name
    assert items[0].title == "Số 113 của Công an"
    assert items[0].slug == "tin-moi"
    assert control not in items[0].body or control == "\u200d"  # a body keeps emoji joiners
