"""Content stage (load): a YAML syntax error told in plain Vietnamese, on the line the editor
has to change, with the fix written from that line.

PyYAML reports where the parser gave up, which is often the line after the mistake (an
unclosed "[" is noticed on the next line); the line it started from is the one to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

GENERIC_FIX = (
    "viết mỗi dòng một mục: tên mục, dấu hai chấm, dấu cách, rồi giá trị (title: Tiêu đề); "
    'giá trị có dấu ":" hoặc "#" thì đặt trong ngoặc kép'
)
# Where the parser started is the line to fix for these; elsewhere, where it gave up.
_STARTED_AT = ("flow sequence", "flow mapping", "quoted scalar", "simple key")


def quoted(text: str) -> str:
    """`text` as a YAML value that is read back exactly: in double quotes, or single quotes
    when it holds a double quote."""
    if '"' in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _split(line: str) -> tuple[str, str]:
    """("name", "value") of a "name: value" line; ("", line) when it has no colon."""
    name, colon, value = line.strip().partition(":")
    return (name.strip(), value.strip()) if colon else ("", line.strip())


@dataclass(frozen=True)
class Explained:
    """A YAML error as an editor reads it: the 0-based line within the block, what is wrong,
    how to fix it, and the line to write instead when the fix is one line ("" otherwise)."""

    index: int
    message: str
    fix: str
    suggestion: str = ""


def _line_fix(index: int, message: str, advice: str, suggestion: str) -> Explained:
    joined = f"{advice} {suggestion}" if advice == "viết" else f"{advice}: {suggestion}"
    return Explained(index, message, joined, suggestion)


def untabbed(line: str) -> str:
    """`line` with its tabs as YAML wants: a field name at the left margin, a list entry two
    spaces in, one space wherever else a tab stood."""
    text = " ".join(line.replace("\t", " ").split())
    return f"  {text}" if text.startswith("- ") and line[:1].isspace() else text


def explain(exc: yaml.MarkedYAMLError, source: list[str]) -> Explained:
    """What is wrong in a YAML block, on the line the editor has to change."""
    context = exc.context or ""
    problem = exc.problem or ""
    mark = exc.context_mark if any(s in context for s in _STARTED_AT) else exc.problem_mark
    mark = mark or exc.problem_mark or exc.context_mark
    index = min(mark.line, len(source) - 1) if mark and source else 0
    # A tab is never a YAML indentation; the parser notices it a line late, or as the start of
    # a value, so the first tab up to where it gave up is the one to name.
    tabbed = next((i for i, text in enumerate(source[: index + 2]) if "\t" in text), None)
    if tabbed is not None:
        fixed = untabbed(source[tabbed])
        return _line_fix(tabbed, "dòng này có ký tự tab", "thay tab bằng dấu cách", fixed)
    line = source[index] if source else ""
    name, value = _split(line)
    if "flow sequence" in context:
        message = 'danh sách mở bằng "[" nhưng chưa đóng bằng "]"'
        return _line_fix(
            index, message, "thêm dấu ] ở cuối danh sách", f"{line.strip().rstrip(',')}]"
        )
    if "flow mapping" in context:
        message = 'phần mở bằng "{" chưa đóng bằng "}"'
        return _line_fix(index, message, "thêm dấu } ở cuối", f"{line.strip().rstrip(',')}}}")
    if "quoted scalar" in context:
        mark_char = '"' if '"' in line else "'"
        message = "dấu ngoặc kép mở nhưng chưa đóng"
        return _line_fix(
            index, message, f"thêm dấu {mark_char} ở cuối giá trị", line.strip() + mark_char
        )
    if "simple key" in context or "expected ':'" in problem:
        words = line.strip().split(" ", 1)
        example = f"{words[0]}: {words[1]}" if len(words) == 2 else f"{words[0]}: …"
        return _line_fix(index, "dòng này thiếu dấu hai chấm sau tên mục", "viết", example)
    if "mapping values are not allowed" in problem:
        if line[:1].isspace():
            return _line_fix(
                index, "dòng này bị thụt vào đầu dòng", "xóa dấu cách ở đầu", line.strip()
            )
        if value[:1] not in "\"'":
            advice = "đặt cả giá trị trong ngoặc kép"
            return _line_fix(
                index, 'giá trị có dấu hai chấm ":"', advice, f"{name}: {quoted(value)}"
            )
    if "cannot start any token" in problem or "alias" in problem or "anchor" in context:
        first = value[:1] or "?"
        if first not in "\"'":  # quoting a value that is quoted already would go round
            advice = "đặt cả giá trị trong ngoặc kép"
            message = f'giá trị bắt đầu bằng ký tự "{first}"'
            return _line_fix(index, message, advice, f"{name or 'title'}: {quoted(value)}")
    if "expected key" in problem and name and value[:1] in "\"'":
        advice = "đặt cả giá trị trong ngoặc đơn"
        return _line_fix(
            index, "sau dấu ngoặc kép đóng vẫn còn chữ", advice, f"{name}: {quoted(value)}"
        )
    if "another document" in problem:
        return Explained(index, 'có thêm một dòng "---" ở giữa', "xóa dòng này")
    return Explained(index, "dòng này viết sai cách", GENERIC_FIX)
