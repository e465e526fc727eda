"""Content stage (validate): a body the renderer converts in bounded time, or a problem.

Python-Markdown's time grows with the square of some shapes: lists or quotes nested hundreds
deep (29 s at 1,000 levels, a recursion error at 3,000), and a long paragraph full of marks
that open something never closed: "[" (each is matched against the rest of the paragraph),
"<", "\\" or "`" (MkDocs and Python-Markdown rescan the text after each). No real article comes
near the limits below; a pasted or hostile file is refused at once, with its line.
"""

from __future__ import annotations

import re

from ..vi import format_number

MAX_BODY_CHARS = 300_000  # about 60 printed pages; longer texts are published as documents
LIMIT = format_number(MAX_BODY_CHARS)
MAX_DEPTH = 40  # levels of lists and quotes, counted as below
# Opening marks in a paragraph times the paragraph's length, summed over the body: up to this,
# a second or two of conversion whatever the shape.
MAX_MARK_WORK = 15_000_000
OPENING_MARKS = "[<\\`"
MARKS = " ".join(f'"{mark}"' for mark in OPENING_MARKS)

# One container marker at the start of a line: a quote (">>" is two), or a list item's bullet
# or number.
_MARKER = re.compile(r">[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_BLANK = re.compile(r"\n[ \t]*\n")


def depth(line: str) -> int:
    """How deep `line` nests: two columns of indentation (a tab is four) make a level, and so
    does every quote mark or list marker it opens with ("- - - x" is three)."""
    columns = 0
    index = 0
    while index < len(line) and line[index] in " \t":
        columns = columns + 4 - columns % 4 if line[index] == "\t" else columns + 1
        index += 1
    markers = 0
    while (match := _MARKER.match(line, index)) is not None and match.end() > index:
        markers += 1
        index = match.end()
    return columns // 2 + markers


def body_problems(body: str, first_line: int) -> list[tuple[int, str, str]]:
    """(line, what is wrong, how to fix it) for a body too long or too deep to convert in
    bounded time; `first_line` is the file's line of the body's first line."""
    if len(body) > MAX_BODY_CHARS:
        message = f"nội dung dài {format_number(len(body))} ký tự, quá giới hạn {LIMIT} ký tự"
        fix = "tách thành nhiều bài, hoặc đăng văn bản dài thành tài liệu đính kèm (PDF)"
        return [(first_line, message, fix)]
    problems: list[tuple[int, str, str]] = []
    for index, line in enumerate(body.split("\n")):
        if line and depth(line) > MAX_DEPTH:
            message = f"dòng này lồng quá sâu (quá {MAX_DEPTH} mức danh sách, trích dẫn, thụt lề)"
            fix = "viết lại thành ít mức hơn: bỏ bớt dấu cách, tab, dấu - hoặc > ở đầu dòng"
            problems.append((first_line + index, message, fix))
            break  # one line is enough to tell; the rest are alike
    start = work = 0
    for gap in [*_BLANK.finditer(body), None]:
        end = gap.start() if gap else len(body)
        marks = sum(body.count(mark, start, end) for mark in OPENING_MARKS)
        work += marks * (end - start)
        if work > MAX_MARK_WORK:
            length, count = format_number(end - start), format_number(marks)
            message = f"đoạn văn từ dòng này dài {length} ký tự mà có {count} dấu mở {MARKS}"
            fix = "tách thành nhiều đoạn (cách nhau một dòng trống), hoặc bỏ bớt các dấu đó"
            problems.append((first_line + body.count("\n", 0, start), message, fix))
            break
        start = gap.end() if gap else end
    return problems
