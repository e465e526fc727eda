"""Printing in headless Chromium: notices as administrative documents, articles as clean pages."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

LONG_NOTICE = (
    "thong-bao/thong-bao-ket-qua-cong-tac-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc/"
)
ARTICLE = "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san/"
A4 = (595.28, 841.89)
MARGIN = 20 / 25.4 * 72  # 20 mm, top and bottom (Nghị định 30/2020/NĐ-CP)
CONTENT_CENTRE = (30 + (210 - 30 - 15) / 2) / 25.4 * 72  # between the 30 mm and 15 mm margins
WITH_ATTACHMENT = "thong-bao/day-manh-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2018/"
CHROME = (
    "Giới thiệu",
    "Đường dây nóng",
    "Liên hệ",
    "Cỡ chữ",
    "In thông báo",
    "In bài viết",
    "Bản quyền",
    "Trang chủ",
    "Các tin khác",
    "Từ khóa",
)


def print_bytes(browser, url: str, browser_header: bool = False) -> bytes:
    """The page printed to PDF; with `browser_header`, Chromium adds its own date, title,
    address and page numbers wherever the page leaves it room, as its print dialog does."""
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    page.evaluate("document.fonts.ready.then(() => document.fonts.size)")
    data = page.pdf(prefer_css_page_size=True, display_header_footer=browser_header)
    page.close()
    return data


def print_pdf(browser, url: str) -> PdfReader:
    return PdfReader(io.BytesIO(print_bytes(browser, url)))


class Run(NamedTuple):
    text: str
    x: float
    y: float  # from the bottom of the page, in points
    size: float  # as printed, in points


def runs(page) -> list[Run]:
    """Each piece of text on a PDF page with where it stands and its printed size."""
    found: list[Run] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            scale = abs(tm[2] * cm[1] + tm[3] * cm[3])
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Run(text.strip(), x, y, round(size * scale, 2)))

    page.extract_text(visitor_text=visit)
    return found


def official(pdf: PdfReader) -> str:
    """The text inside the page area (20 mm from top and bottom): what the margins hold aside."""
    inside = [r.text for page in pdf.pages for r in runs(page) if MARGIN < r.y < A4[1] - MARGIN]
    return compact(" ".join(inside))


def compact(text: str) -> str:
    """NFC text without whitespace: pypdf splits Vietnamese words around their marks."""
    return unicodedata.normalize("NFC", "".join(text.split()))


def test_notice_prints_as_an_a4_administrative_document(browser, site_url: str) -> None:
    pdf = print_pdf(browser, site_url + LONG_NOTICE)
    assert len(pdf.pages) > 1, "the long sample notice must span pages"
    for page in pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) < 1.5 and abs(height - A4[1]) < 1.5
    first = compact(pdf.pages[0].extract_text())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BỘ CÔNG AN",
        "CÔNG AN TỈNH LONG AN",
        "Số: 28/TB-CAT-PV28",
        "Long An, ngày 25 tháng 4 năm 2018",
        "THÔNG BÁO",
    ):
        assert compact(expected) in first, expected
    everything = compact(" ".join(p.extract_text() for p in pdf.pages))
    for chrome in CHROME:
        assert compact(chrome) not in everything, chrome
    last = compact(pdf.pages[-1].extract_text())
    for expected in ("Nơi nhận:", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn C"):
        assert compact(expected) in last, expected
    # The footer names the public URL (site_url), not the server the test printed from.
    assert "https://congan.longan.example.vn/" + LONG_NOTICE[:40] in everything
    assert re.search(r"Inngày\d{2}/\d{2}/\d{4}", everything)


def test_page_numbers_are_at_the_top_centre_from_page_two(browser, site_url: str) -> None:
    pdf = print_pdf(browser, site_url + LONG_NOTICE)
    for number, page in enumerate(pdf.pages, start=1):
        top = [r for r in runs(page) if r.y > A4[1] - MARGIN]
        if number == 1:
            assert top == []
            continue
        [mark] = [r for r in top if r.text == str(number)]
        assert 13 <= mark.size <= 14
        assert abs(mark.x + mark.size * 0.25 * len(mark.text) - CONTENT_CENTRE) < 6, mark


def test_a_notice_with_a_wide_table_prints_in_one_serif_at_13_pt(
    browser, site_url: str, tmp_path
) -> None:
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail("pdffonts is missing: CI installs poppler-utils")
        pytest.skip("pdffonts is missing (apt-get install poppler-utils)")
    data = print_bytes(browser, site_url + LONG_NOTICE)
    (tmp_path / "notice.pdf").write_bytes(data)
    listing = subprocess.run(
        [pdffonts, str(tmp_path / "notice.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing and not [line for line in listing if "Type 3" in line], listing
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in listing}
    assert families == {"PortalSerif"}, listing  # every letter in the shipped serif
    pdf = PdfReader(io.BytesIO(data))
    body = [r for page in pdf.pages for r in runs(page) if MARGIN < r.y < A4[1] - MARGIN]
    sizes = Counter(r.size for r in body)
    # Body text at exactly 13 pt: nothing shrank the page to fit the table.
    assert sizes.most_common(1)[0][0] == 13.0, sizes
    # And every size one the stylesheet sets (CSS pixels make 14 pt read as 13.99).
    assert all(any(abs(size - pt) < 0.05 for pt in (11, 12, 13, 14, 16)) for size in sizes), sizes
    assert "29.893" in official(pdf)  # the table's last column is on the page


def test_the_browser_adds_no_header_or_footer(browser, site_url: str) -> None:
    pdf = PdfReader(io.BytesIO(print_bytes(browser, site_url + LONG_NOTICE, browser_header=True)))
    host = urlsplit(site_url).netloc
    for page in pdf.pages:
        text = " ".join(r.text for r in runs(page))
        assert host not in text  # Chromium's footer prints the address it was given
        assert not re.search(r"\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2}", text)  # its date header


def test_attachments_and_addresses_stay_outside_the_official_text(browser, site_url: str) -> None:
    notice = print_pdf(browser, site_url + LONG_NOTICE)
    text = official(notice)
    assert compact("Cổng thông tin điện tử Bộ Công an") in text
    assert "http" not in text and "bocongan.gov.vn" not in text
    pdf = print_pdf(browser, site_url + WITH_ATTACHMENT)
    text = official(pdf)
    signer, attached = text.index(compact("Trần Văn B")), text.index(compact("Tài liệu đính kèm"))
    assert signer < attached  # after the signature, not between the body and Nơi nhận
    assert compact("Công văn số 602/UBND-NCTCD") in text[attached:]
    assert compact("Tải về") not in text and "KB)" not in text


def test_article_prints_one_clean_column_with_link_targets(browser, site_url: str) -> None:
    pdf = print_pdf(browser, site_url + ARTICLE)
    text = compact(" ".join(p.extract_text() for p in pdf.pages))
    assert compact("Cảnh báo thủ đoạn giả danh") in text
    assert "(https://bocongan.gov.vn/)" in text
    assert "(https://congan.longan.example.vn/duong-day-nong/)" not in text  # served from test host
    assert "/duong-day-nong/)" in text
    for chrome in CHROME:
        assert compact(chrome) not in text, chrome


def test_print_button_calls_the_browsers_print(browser, site_url: str) -> None:
    page = browser.new_page()
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(site_url + LONG_NOTICE)
    button = page.get_by_role("button", name="In thông báo")
    assert button.is_visible()
    button.click()
    # The print font is loaded first, then the browser's print is called once.
    page.wait_for_function("window.__printed === 1", timeout=5000)
    families = page.evaluate("[...document.fonts].map((f) => f.family + ' ' + f.status)")
    assert families.count('"Portal Serif" loaded') + families.count("Portal Serif loaded") == 4
    page.close()
