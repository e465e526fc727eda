"""Content stage (load): a YAML syntax error told in plain Vietnamese, on the line the editor
has to change, with the fix written from that line.

PyYAML reports where the parser gave up, which is often the line after the mistake (an
unclosed "[" is noticed on the next line); the line it started from is the one to fix.
"""

from __future__ import annotations

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


def explain(exc: yaml.MarkedYAMLError, source: list[str]) -> tuple[int, str, str]:
    """(0-based line within `source`, what is wrong, how to fix it) for a YAML error."""
    context = exc.context or ""
    problem = exc.problem or ""
    mark = exc.context_mark if any(s in context for s in _STARTED_AT) else exc.problem_mark
    mark = mark or exc.problem_mark or exc.context_mark
    index = min(mark.line, len(source) - 1) if mark and source else 0
    line = source[index] if source else ""
    name, value = _split(line)
    if "tab" in problem:
        return index, "dòng này có ký tự tab", "thay tab bằng dấu cách, mỗi mục viết sát lề trái"
    if "flow sequence" in context:
        fix = f"thêm dấu ] ở cuối danh sách: {line.strip().rstrip(',')}]"
        return index, 'danh sách mở bằng "[" nhưng chưa đóng bằng "]"', fix
    if "flow mapping" in context:
        fix = f"thêm dấu }} ở cuối: {line.strip().rstrip(',')}}}"
        return index, 'phần mở bằng "{" chưa đóng bằng "}"', fix
    if "quoted scalar" in context:
        mark_char = '"' if '"' in line else "'"
        fix = f"thêm dấu {mark_char} ở cuối giá trị: {line.strip()}{mark_char}"
        return index, "dấu ngoặc kép mở nhưng chưa đóng", fix
    if "simple key" in context or "expected ':'" in problem:
        words = line.strip().split(" ", 1)
        example = f"{words[0]}: {words[1]}" if len(words) == 2 else f"{words[0]}: …"
        return index, "dòng này thiếu dấu hai chấm sau tên mục", f"viết {example}"
    if "mapping values are not allowed" in problem:
        if line[:1].isspace():
            return index, "dòng này bị thụt vào đầu dòng", f"xóa dấu cách ở đầu: {line.strip()}"
        fix = f"đặt cả giá trị trong ngoặc kép: {name}: {quoted(value)}"
        return index, 'giá trị có dấu hai chấm ":"', fix
    if "cannot start any token" in problem or "alias" in problem or "anchor" in context:
        first = value[:1] or "?"
        fix = f"đặt cả giá trị trong ngoặc kép: {name or 'title'}: {quoted(value)}"
        return index, f'giá trị bắt đầu bằng ký tự "{first}"', fix
    if "expected key" in problem and name and value[:1] in "\"'":
        fix = f"đặt cả giá trị trong ngoặc đơn: {name}: {quoted(value)}"
        return index, "sau dấu ngoặc kép đóng vẫn còn chữ", fix
    if "another document" in problem:
        return index, 'có thêm một dòng "---" ở giữa', "xóa dòng này"
    return index, "dòng này viết sai cách", GENERIC_FIX
