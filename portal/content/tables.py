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
            f"not UTF-8 (byte {exc.start})", 1, 'save it from Excel as "CSV UTF-8"'
        ) from None
    first = text.split("\n", 1)[0]
    if not first.strip():
        raise TableError("the first line (the header) is empty", 1, "put the column names first")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)]
    rows = [[cell.strip() for cell in row] for row in rows]
    headers = rows[0]
    if any(not name for name in headers) or len(set(headers)) != len(headers):
        raise TableError(
            "the header has an empty or repeated column name", 1, "give every column its own name"
        )
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue  # Excel leaves blank lines at the end
        if len(row) != len(headers):
            raise TableError(
                f"line has {len(row)} cells, the header has {len(headers)}",
                number,
                f"give every line {len(headers)} cells separated by '{delimiter}'",
            )
        body.append(tuple(row))
    return Table(tuple(headers), tuple(body))
