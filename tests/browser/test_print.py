"""Printing in headless Chromium: notices as administrative documents, articles as clean pages."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

LONG_NOTICE = (
    "thong-bao/thong-bao-ket-qua-cong-tac-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc/"
)
ARTICLE = "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san/"
A4 = (595.28, 841.89)
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


def print_pdf(browser, url: str) -> PdfReader:
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    data = page.pdf(prefer_css_page_size=True)
    page.close()
    return PdfReader(io.BytesIO(data))


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


def test_page_numbers_start_on_page_two(browser, site_url: str) -> None:
    pdf = print_pdf(browser, site_url + LONG_NOTICE)
    # The number is a line of its own, or runs into the footer's URL in the extracted text.
    number = re.compile(r"(?m)^\s*(\d+)\s*(?=$|https://congan)")
    found = [[int(n) for n in number.findall(p.extract_text())] for p in pdf.pages]
    assert found[0] == []
    for page_number, numbers in enumerate(found[1:], start=2):
        assert page_number in numbers, numbers


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
    assert page.evaluate("window.__printed") == 1
    page.close()
