import unicodedata

import pytest

from portal.text import (
    first_paragraph,
    fold,
    is_slug,
    normalize_text,
    slugify,
    toc_slugify,
    whole_sentences,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đảng ủy Khối doanh nghiệp", "dang-uy-khoi-doanh-nghiep"),
        ("Đảng ủy", "dang-uy"),
        ("Tổ quốc", "to-quoc"),
        ("Tin an ninh trật tự", "tin-an-ninh-trat-tu"),
        ("Công văn 602/UBND-NCTCD", "cong-van-602-ubnd-nctcd"),
        (unicodedata.normalize("NFD", "Đường dây nóng"), "duong-day-nong"),
        ("  ANTT  ", "antt"),
        ("Hoà bình / hòa bình", "hoa-binh-hoa-binh"),
    ],
)
def test_slugify_keeps_d_as_d_and_is_ascii(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert is_slug(slug)


def test_long_slugs_are_cut_at_a_word_boundary_without_dropping_words() -> None:
    title = (
        "Xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trong khối cơ quan, "
        "doanh nghiệp, trường học"
    )
    slug = slugify(title)
    assert len(slug) <= 80
    assert (
        "xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-trong-khoi-co-quan-doanh".startswith(
            slug
        )
    )
    assert not slug.endswith("-")


def test_toc_slugify_uses_the_same_rules() -> None:
    assert toc_slugify("Đảng ủy Khối", "_") == "dang_uy_khoi"


def test_normalize_text_gives_nfc_without_bom_or_crlf() -> None:
    raw = "\ufeff" + unicodedata.normalize("NFD", "Tổ quốc\r\nĐảng ủy\rhết")
    assert normalize_text(raw) == "Tổ quốc\nĐảng ủy\nhết"


@pytest.mark.parametrize("text", ["not a slug", "Upper", "a--b", "-a", "đ", ""])
def test_is_slug_rejects(text: str) -> None:
    assert not is_slug(text)


def test_fold_makes_case_spacing_and_form_irrelevant() -> None:
    assert fold("  ANTT ") == fold("antt")
    assert fold(unicodedata.normalize("NFD", "Tổ  Quốc")) == fold("tổ quốc")


@pytest.mark.parametrize(
    ("markdown", "summary"),
    [
        ("# Tiêu đề\n\nĐoạn **đầu** tiên.\n\nĐoạn hai.", "Đoạn đầu tiên."),
        ("![ảnh](a.jpg)\n\nXem [văn bản](x.pdf) và `mã`.", "Xem văn bản và mã."),
        ("| a | b |\n|---|---|\n\nSau bảng.", "Sau bảng."),
        ("Dòng một\ndòng hai.", "Dòng một dòng hai."),
        ("", ""),
    ],
)
def test_first_paragraph_is_plain_text(markdown: str, summary: str) -> None:
    assert first_paragraph(markdown) == summary


LONG = "Công an tỉnh " + "tăng cường tuần tra kiểm soát " * 12 + "trên các tuyến đường."


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        # A lead-in that opens a list reads as a sentence of its own, never ending in ":".
        (
            "Công an tỉnh khuyến cáo một số thủ đoạn để người dân biết và phòng ngừa:",
            "Công an tỉnh khuyến cáo một số thủ đoạn để người dân biết và phòng ngừa.",
        ),
        ("Câu một. Câu hai!  Câu ba?", "Câu một. Câu hai! Câu ba?"),
        # Whole sentences up to the limit; "TP." is not the end of one.
        (
            "Sáng 19/3, tại TP. Tân An, Công an tỉnh tổng kết công tác năm. " + LONG,
            "Sáng 19/3, tại TP. Tân An, Công an tỉnh tổng kết công tác năm.",
        ),
        ("", ""),
    ],
)
def test_a_default_summary_ends_on_a_full_sentence(text: str, summary: str) -> None:
    assert whole_sentences(text) == summary


def test_a_first_sentence_over_the_limit_is_cut_at_a_word() -> None:
    summary = whole_sentences(LONG, limit=100)
    assert len(summary) <= 101 and summary.endswith("…")
    assert LONG.startswith(summary[:-1] + " ")  # cut between two words, not inside one
