"""Content stage (load): read a tabular attachment, a CSV as Excel in Vietnam exports it."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import ContentError
from ..text import collation_key, normalize_text

# What a spreadsheet program reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_INTEGER = re.compile(r"^-?(?:0|[1-9][0-9]{0,14})$")
_BREAK = re.compile(r"\r\n|\r|\n")  # what the reader counts as a line


def is_number(cell: str) -> bool:
    """A whole number as written, without a leading zero that a code or phone number keeps."""
    return bool(_INTEGER.match(cell))


def is_formula_like(cell: str) -> bool:
    """Text a spreadsheet would run as a formula if it were written as it is."""
    return cell.startswith(FORMULA_STARTS) and not is_number(cell)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...] = ()  # the line of the file each row starts on

    def formula_cells(self) -> list[tuple[int, int, str]]:
        """(line, column number from 1, text) of every cell a spreadsheet would read as a
        formula; the portal's own XLSX keeps them as text."""
        lines = self.lines or tuple(range(2, len(self.rows) + 2))
        return [
            (line, column, cell)
            for line, row in zip(lines, self.rows, strict=True)
            for column, cell in enumerate(row, start=1)
            if is_formula_like(cell)
        ]

    def column(self, name: str) -> int:
        return self.headers.index(name)

    def counts(self, name: str) -> list[tuple[str, int]]:
        """How many rows have each value of a column, most frequent first."""
        index = self.column(name)
        counter = Counter(row[index] for row in self.rows)
        return sorted(counter.items(), key=lambda pair: (-pair[1], collation_key(pair[0])))


_STARTS = {"\t": "dấu tab", "\r": "dấu xuống dòng (CR)"}


def formula_warnings(source: str, table: Table) -> list[ContentError]:
    """A warning for each cell a spreadsheet would run as a formula, on its line and column:
    the portal publishes it as text, but the editor should know what the file holds."""
    warnings = []
    for line, column, cell in table.formula_cells():
        start = _STARTS.get(cell[0], f'"{cell[0]}"')
        shown = cell.replace("\t", "\\t").replace("\r", "\\r")[:60]
        warnings.append(
            ContentError(
                source,
                line,
                f"cột {column} ({table.headers[column - 1]})",
                f"ô {shown} bắt đầu bằng {start}: Excel sẽ hiểu là công thức",
                "bản Excel cổng đăng giữ ô này là chữ; nếu đó không phải công thức, "
                "sửa ô trong tệp gốc (thêm dấu ' ở đầu, hoặc bỏ ký tự đầu)",
            )
        )
    return warnings


class TableError(ValueError):
    """A CSV that cannot be published as a table; `line` is 1-based in the file."""

    def __init__(self, message: str, line: int, fix: str) -> None:
        super().__init__(message)
        self.line = line
        self.fix = fix


def parse_csv(data: bytes) -> Table:
    """UTF-8 with or without BOM, comma or semicolon separated, a header row first."""
    try:
        text = normalize_text(data.decode("utf-8"), newlines=False)
    except UnicodeDecodeError as exc:
        raise TableError(
            f"tệp không lưu theo bảng mã UTF-8 (byte thứ {exc.start})",
            1,
            'lưu lại từ Excel với kiểu "CSV UTF-8"',
        ) from None
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip():
        raise TableError("dòng đầu (tên các cột) đang trống", 1, "viết tên các cột ở dòng đầu tiên")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, starts = [], []
    for row in reader:
        starts.append(reader.line_num - sum(len(_BREAK.findall(cell)) for cell in row))
        # Spaces around a value go (Excel leaves them); a tab or CR is kept as written.
        rows.append([cell.strip(" ") for cell in row])
    headers = rows[0]
    if any(not name for name in headers) or len(set(headers)) != len(headers):
        raise TableError(
            "dòng tên cột có cột trống tên hoặc hai cột trùng tên",
            1,
            "đặt cho mỗi cột một tên riêng",
        )
    body, lines = [], []
    for number, row in zip(starts[1:], rows[1:], strict=True):
        if not any(row):
            continue  # Excel leaves blank lines at the end
        if len(row) != len(headers):
            raise TableError(
                f"dòng này có {len(row)} ô, dòng tên cột có {len(headers)} ô",
                number,
                f"mỗi dòng viết đủ {len(headers)} ô, cách nhau bằng dấu '{delimiter}'",
            )
        body.append(tuple(row))
        lines.append(number)
    return Table(tuple(headers), tuple(body), tuple(lines))
