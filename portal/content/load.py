"""Content stage (load): find Markdown files, split and parse YAML front matter, normalise text.

Returns plain records carrying their source path and the line of every field, so later
stages can point an editor at the exact line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError
from ..text import normalize_text, without_joiners
from ..vi import format_number
from . import confined, syntax
from .memo import ContentMemo, identity

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml when present) that keeps dates as text: one date parser, ours."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class SourceDoc:
    """One content file: front matter, body and where each came from."""

    path: str  # relative to the project root, POSIX separators: what editors see
    meta: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)  # field -> 1-based line in the file
    body: str = ""
    body_line: int = 1

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)


def find_markdown(folder: Path, root: Path | None = None) -> list[str]:
    """The path of every `.md` file below `folder`, relative to it with `/` separators, in a
    stable order; hidden files and folders skipped, links to folders not followed, and a
    linked file whose real path leaves `root` (confined.py reports it) not read. Strings:
    Path objects for 10,000 files cost a third of a second, and the preview lists them after
    every edit."""
    if not os.path.isdir(folder):
        return []
    real_root = os.path.realpath(root if root is not None else folder)
    found = []
    stack = [(str(folder), "")]
    while stack:
        directory, prefix = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                if name[0] == ".":
                    continue
                if entry.is_symlink():
                    if entry.is_dir() or confined.leaves(real_root, entry.path) is not None:
                        continue
                if entry.is_dir():
                    stack.append((entry.path, prefix + name + "/"))
                elif name.endswith(".md"):
                    found.append(prefix + name)
    return sorted(found)


HEAD = "phần đầu bài"  # the block of fields between the two "---" lines


# A content file is text an editor wrote: beyond this it is refused unread (bounds.py limits
# the body further).
MAX_FILE_BYTES = 2_000_000


def read_text(path: Path, rel: str) -> str | ContentError:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ContentError(
                rel,
                1,
                "tệp",
                f"tệp nặng {format_number(size / 1e6, 1)} MB, quá giới hạn "
                f"{format_number(MAX_FILE_BYTES / 1e6)} MB của một bài",
                "tách thành nhiều bài, hoặc đăng văn bản dài thành tài liệu đính kèm (PDF)",
            )
        return normalize_text(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        return ContentError(
            rel,
            1,
            "tệp",
            f"tệp không lưu theo bảng mã UTF-8 (byte thứ {exc.start})",
            'mở tệp và lưu lại với bảng mã UTF-8 (Notepad: "Lưu thành", chọn UTF-8)',
        )


def parse_document(text: str, rel: str) -> SourceDoc | list[ContentError]:
    """Split `---` front matter from the body and parse it; `text` is already normalised."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        fix = 'dòng đầu tiên của tệp là "---", sau đó các mục (title, date, …), rồi một dòng "---"'
        return [ContentError(rel, 1, HEAD, "tệp không bắt đầu bằng phần đầu bài", fix)]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        fix = 'thêm một dòng "---" sau mục cuối cùng, trước nội dung bài'
        return [ContentError(rel, 1, HEAD, 'phần đầu bài chưa có dòng "---" để đóng lại', fix)]
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    parsed = parse_yaml(yaml_text, rel, first_line=2)
    if isinstance(parsed, list):
        return parsed
    meta, field_lines = parsed
    return SourceDoc(rel, meta, field_lines, body, body_line=end + 2)


def parse_yaml(
    text: str, rel: str, first_line: int, label: str = HEAD
) -> tuple[dict[str, Any], dict[str, int]] | list[ContentError]:
    """The fields of a YAML block; `label` names the block in messages."""
    loader = _Loader(without_joiners(text))
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            line = first_line + node.start_mark.line
            message = f'{label} không viết theo dạng "tên: giá trị"'
            return [ContentError(rel, line, label, message, syntax.GENERIC_FIX)]
        errors: list[ContentError] = []
        field_lines: dict[str, int] = {}
        for key_node, _ in node.value:
            line = first_line + key_node.start_mark.line
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                fix = "tên mục là một từ như title, date"
                errors.append(ContentError(rel, line, label, "tên mục không phải chữ", fix))
            elif key in field_lines:
                message = f"mục này viết hai lần (lần đầu ở dòng {field_lines[key]})"
                errors.append(ContentError(rel, line, key, message, "giữ lại một trong hai dòng"))
            else:
                field_lines[key] = line
        if errors:
            return errors
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        why = syntax.explain(exc, text.split("\n"))
        line = first_line + why.index
        return [ContentError(rel, line, label, why.message, why.fix, why.suggestion)]
    except yaml.YAMLError:
        return [ContentError(rel, first_line, label, f"{label} viết sai cách", syntax.GENERIC_FIX)]
    finally:
        loader.dispose()
    return {str(k): v for k, v in data.items()}, field_lines


def load_file(path: str, rel: str, memo: ContentMemo) -> SourceDoc | list[ContentError]:
    """One Markdown file, parsed; a file unchanged on disk since `memo` saw it is not."""
    now = identity(path)
    known = memo.known(path, rel, now)
    if known is not None:
        return known
    text = read_text(Path(path), rel)
    result = [text] if isinstance(text, ContentError) else parse_document(text, rel)
    memo.remember(path, rel, now, result)
    return result


def markdown_files(root: Path, folder: str) -> list[tuple[str, str]]:
    """(path, name shown) of every Markdown file under `root/folder`."""
    top = root / folder
    base = Path(folder).as_posix()
    return [
        (os.path.join(top, rel), rel if base == "." else f"{base}/{rel}")
        for rel in find_markdown(top, root)
    ]


def load_folder(
    root: Path, folder: str, memo: ContentMemo
) -> tuple[list[SourceDoc], list[ContentError]]:
    """Load every Markdown file under `root/folder`; problems are collected, never raised."""
    docs: list[SourceDoc] = []
    errors: list[ContentError] = []
    for path, rel in markdown_files(root, folder):
        result = load_file(path, rel, memo)
        if isinstance(result, list):
            errors.extend(result)
        else:
            docs.append(result)
    return docs, errors
