"""Content stage (load): read a tabular attachment, a CSV as Excel in Vietnam exports it."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from ..text import normalize_text


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, name: str) -> int:
        return self.headers.index(name)

    def counts(self, name: str) -> list[tuple[str, int]]:
        """How many rows have each value of a column, most frequent first."""
        index = self.column(name)
        counter = Counter(row[index] for row in self.rows)
        return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))


class TableError(ValueError):
    """A CSV that cannot be published as a table; `line` is 1-based in the file."""

    def __init__(self, message: str, line: int, fix: str) -> None:
        super().__init__(message)
        self.line = line
        self.fix = fix


def parse_csv(data: bytes) -> Table:
    """UTF-8 with or without BOM, comma or semicolon separated, a header row first."""
    try:
        text = normalize_text(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TableError(
            f"tệp không lưu theo bảng mã UTF-8 (byte thứ {exc.start})",
            1,
            'lưu lại từ Excel với kiểu "CSV UTF-8"',
        ) from None
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise TableError("dòng đầu (tên các cột) đang trống", 1, "viết tên các cột ở dòng đầu tiên")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)]
    rows = [[cell.strip() for cell in row] for row in rows]
    headers = rows[0]
    if any(not name for name in headers) or len(set(headers)) != len(headers):
        raise TableError(
            "dòng tên cột có cột trống tên hoặc hai cột trùng tên",
            1,
            "đặt cho mỗi cột một tên riêng",
        )
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue  # Excel leaves blank lines at the end
        if len(row) != len(headers):
            raise TableError(
                f"dòng này có {len(row)} ô, dòng tên cột có {len(headers)} ô",
                number,
                f"mỗi dòng viết đủ {len(headers)} ô, cách nhau bằng dấu '{delimiter}'",
            )
        body.append(tuple(row))
    return Table(tuple(headers), tuple(body))
