"""Documents in the built sample site: files, their pages, lists, references, the register."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import feedparser
import openpyxl
import yaml

from portal.text import vietnamese_sorted
from tests.conftest import REPO, item, soup
from tests.synthetic import mkdocs_yml

LIST = "tai-lieu/danh-sach-150-cqdn"


def sample_attachments() -> list[tuple[str, Path]]:
    """(id, source file) of every sample attachment, read from the metadata files."""
    found = []
    for meta in sorted((REPO / "attachments").rglob("*.yml")):
        data = yaml.safe_load(meta.read_text(encoding="utf-8"))
        source = next(
            p for p in meta.parent.iterdir() if p.stem == meta.stem and p.suffix != ".yml"
        )
        found.append((data.get("slug", meta.stem), source))
    return found


def test_every_file_is_published_byte_identical_and_described_truthfully(sample_site: Path) -> None:
    attachments = sample_attachments()
    assert len(attachments) >= 4
    for id_, source in attachments:
        data = source.read_bytes()
        ext = source.suffix.lstrip(".")
        assert (sample_site / f"tai-lieu/{id_}.{ext}").read_bytes() == data
        page = soup(sample_site, f"tai-lieu/{id_}")
        assert page.select_one("[data-field=sha256]").get_text() == hashlib.sha256(data).hexdigest()
        assert page.select_one("[data-field=size]")["data-bytes"] == str(len(data))
        kind = page.select_one("[data-field=type]").get_text()
        assert kind == {"pdf": "Tài liệu PDF", "csv": "Bảng tính CSV"}[ext]
        download = page.select_one(".portal-downloads a[download]")
        assert download["href"] == f"../{id_}.{ext}"


def test_pdf_pages_and_vietnamese_sizes_are_shown(sample_site: Path) -> None:
    page = soup(sample_site, "tai-lieu/quyet-dinh-3145-qd-ubnd")
    assert page.select_one("[data-field=pages]").get_text() == "2"
    size = page.select_one("[data-field=size]").get_text()
    assert size.endswith(" byte)") and " KB (" in size and "." in size.split("(")[1]


def test_list_page_has_150_rows_and_downloads_parse_back_to_them(sample_site: Path) -> None:
    page = soup(sample_site, LIST)
    table = page.select_one("table.portal-datatable")
    headers = [th.get_text() for th in table.select("thead th")]
    rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert len(rows) == 150 and headers[:3] == [
        "STT",
        "Tên cơ quan, doanh nghiệp, nhà trường",
        "Loại hình",
    ]
    raw = (sample_site / f"{LIST}.csv").read_bytes().decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(raw), delimiter=";"))
    assert parsed[0] == headers and parsed[1:] == rows
    book = openpyxl.load_workbook(io.BytesIO((sample_site / f"{LIST}.xlsx").read_bytes()))
    values = [list(r) for r in book.active.iter_rows(values_only=True)]
    # An empty cell reads back as None from XLSX; the STT column is numbers, the rest text.
    assert values[0] == headers
    assert [["" if c is None else str(c) for c in r] for r in values[1:]] == rows
    assert all(isinstance(r[0], int) for r in values[1:])
    counts = {li.get_text() for li in page.select(".portal-counts li")}
    by_kind = {kind: sum(1 for r in rows if r[2] == kind) for kind in {r[2] for r in rows}}
    assert {f"{kind}: {n}" for kind, n in by_kind.items()} <= counts
    assert "MINH HỌA" in page.get_text()


def test_references_resolve_both_ways(sample_site: Path) -> None:
    notice = soup(
        sample_site,
        "thong-bao/thong-bao-ket-qua-cong-tac-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc",
    )
    block = notice.select(".portal-attached li")
    assert len(block) == 2 and "(CSV, 12 KB)" in block[0].get_text()
    article = soup(
        sample_site,
        "tin-tuc/ket-qua-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-trong-co-quan-doanh-nghiep",
    )
    inline = article.select_one('.portal-article__body a[href$="tai-lieu/danh-sach-150-cqdn/"]')
    assert inline is not None and "(CSV, 12 KB)" in inline.parent.get_text()
    referenced = [a["href"] for a in soup(sample_site, LIST).select(".portal-referenced a")]
    assert any("thong-bao/thong-bao-ket-qua" in href for href in referenced)
    assert any("tin-tuc/ket-qua-phong-trao" in href for href in referenced)


def test_document_numbers_in_text_link_to_their_documents(sample_site: Path) -> None:
    notice = soup(
        sample_site,
        "thong-bao/thong-bao-ket-qua-cong-tac-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc",
    )
    links = {a.get_text(): a["href"] for a in notice.select(".portal-notice__body a.portal-docref")}
    assert (
        links["602/UBND-NCTCD"]
        == "../day-manh-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2018/"
    )
    assert links["90/KHPH-BVĐKLA-CAT"].startswith("../ke-hoach-phoi-hop-xay-dung-diem")
    assert "538" not in links  # Công văn số 538 is not in the register: it stays text
    for href in links.values():
        target = sample_site / "thong-bao" / href.strip("./").split("/")[0] / "index.html"
        assert target.is_file(), href


def test_register_lists_every_numbered_document_newest_first(sample_site: Path) -> None:
    page = soup(sample_site, "van-ban")
    rows = page.select("table.portal-register tbody tr")
    numbers = [tr.th.get_text() for tr in rows]
    assert {"602/UBND-NCTCD", "2121/UBND-NCTCD", "3145/QĐ-UBND", "162/CAT-PV28"} <= set(numbers)
    # A notice and the PDF of the same document are one row: the notice, then its file.
    assert len(numbers) == len(set(numbers))
    assert page.select("table.portal-register thead th")[-1].get_text() == "Trích yếu"
    for select in page.select(".portal-register-filter select[name=kind], [name=issuer]"):
        values = [option.get_text() for option in select.select("option")][1:]
        assert values == vietnamese_sorted(values)  # Đ after D, not after Z
    [row] = [tr for tr in rows if tr.th.get_text() == "602/UBND-NCTCD"]
    subject, file_link = row.select("td:last-child a")
    assert subject["href"].startswith("../thong-bao/day-manh-xay-dung-phong-trao")
    assert subject.get_text().startswith("V/v đẩy mạnh")
    assert file_link["href"] == "../tai-lieu/cong-van-602-ubnd-nctcd/"
    assert file_link.get_text().startswith("PDF, 1 trang, ")
    dates = [tr.select_one("time")["datetime"] for tr in rows]
    assert dates == sorted(dates, reverse=True)
    assert {tr["data-year"] for tr in rows} >= {"2017", "2018", "2024"}


def test_documents_feed_encloses_each_file_with_its_real_length(sample_site: Path) -> None:
    sizes = {
        f"{id_}.{src.suffix.lstrip('.')}": src.stat().st_size for id_, src in sample_attachments()
    }
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((sample_site / "tai-lieu" / name).read_bytes())
        assert feed.bozo == 0 and len(feed.entries) == len(sizes)
        for entry in feed.entries:
            [enclosure] = entry.enclosures
            assert int(enclosure.length) == sizes[enclosure.href.rsplit("/", 1)[-1]]
    sitemap = (sample_site / "sitemap-pages.xml").read_text(encoding="utf-8")
    assert all(f"/tai-lieu/{id_}/" in sitemap for id_, _ in sample_attachments())


def test_bad_references_escaping_paths_and_malformed_csv_fail_clearly(project) -> None:
    proj = project(
        {
            "news/a.md": item(
                "Tin",
                "2018-02-08 09:00",
                attachments="[khong-co]",
                body="Xem [x](tai-lieu:cung-khong).",
            ),
            "attachments/ds.csv": "a;b\n1;2;3\n",
            "attachments/ds.yml": "title: DS\nkind: Danh sách\ndate: 2018-01-01\n",
            "attachments/ra-ngoai.yml": (
                "title: X\nkind: Công văn\ndate: 2018-01-01\nfile: ../../etc/passwd\n"
            ),
        },
        config=mkdocs_yml(),
    )
    err = proj.problems()
    assert 'news/a.md:5: attachments: không có tài liệu mã "khong-co"' in err
    assert 'news/a.md:8: nội dung: liên kết "tai-lieu:cung-khong" không trỏ tới tài liệu' in err
    assert "attachments/ds.csv:2: tệp: danh sách CSV viết sai: dòng này có 3 ô" in err
    assert 'attachments/ra-ngoai.yml:4: file: "../../etc/passwd" nằm ngoài thư mục' in err
    assert "Traceback" not in err
