"""Content stage (load + validate): the documents under attachments/ and their metadata.

Each file has a metadata file beside it with the same stem (`danh-sach.csv` and
`danh-sach.yml`), or one that names it with `file:`. A file without metadata, metadata without
a file, or a path that leaves the folder is an error: nothing is published half-described.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError
from ..text import closest, fold
from .fields import (
    ATTACHMENT_FIELDS,
    Problems,
    check_fields,
    date_field,
    kind_field,
    list_field,
    number_field,
    slug_field,
    text_field,
)
from .filetypes import FILE_TYPES
from .load import SourceDoc, parse_yaml, read_text
from .models import Attachment
from .tables import Table, TableError, parse_csv

METADATA_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Loaded:
    """Everything the build needs of the attachments: models, tables and source paths."""

    attachments: tuple[Attachment, ...]
    tables: dict[str, Table]  # by attachment id
    files: dict[str, Path]  # by attachment id: the source file to publish


def load_attachments(
    root: Path, folder: str, kinds: Iterable[str]
) -> tuple[Loaded, list[ContentError]]:
    base = root / folder
    if not base.is_dir():
        return Loaded((), {}, {}), []
    errors: list[ContentError] = []
    all_paths = sorted(
        p
        for p in base.rglob("*")
        if not any(part.startswith(".") for part in p.relative_to(base).parts)
        and (p.is_file() or p.is_symlink())
    )
    metas = [p for p in all_paths if p.suffix.lower() in METADATA_SUFFIXES]
    data_files = [p for p in all_paths if p.suffix.lower() not in METADATA_SUFFIXES]
    claimed: set[Path] = set()
    kind_lookup = {fold(k): k for k in kinds}
    attachments: list[Attachment] = []
    tables: dict[str, Table] = {}
    files: dict[str, Path] = {}
    for meta_path in metas:
        rel = meta_path.relative_to(root).as_posix()
        result = _one(root, base, meta_path, rel, data_files, kind_lookup, claimed)
        if isinstance(result, list):
            errors.extend(result)
            continue
        attachment, table, path = result
        attachments.append(attachment)
        files[attachment.id] = path
        if table is not None:
            tables[attachment.id] = table
    for path in data_files:
        if path not in claimed:
            rel = path.relative_to(root).as_posix()
            errors.append(
                ContentError(
                    rel,
                    1,
                    "tệp",
                    "tệp chưa có thông tin mô tả nên chưa đăng được",
                    f"chạy portal new tai-lieu {rel} để tạo {Path(rel).with_suffix('.yml').name}"
                    " bên cạnh, rồi điền title, kind, date",
                )
            )
    errors.extend(_check_ids(attachments))
    return Loaded(tuple(attachments), tables, files), errors


def _one(
    root: Path,
    base: Path,
    meta_path: Path,
    rel: str,
    data_files: list[Path],
    kinds: dict[str, str],
    claimed: set[Path],
) -> tuple[Attachment, Table | None, Path] | list[ContentError]:
    text = read_text(meta_path, rel)
    if isinstance(text, ContentError):
        return [text]
    parsed = parse_yaml(text, rel, first_line=1, label="tệp thông tin")
    if isinstance(parsed, list):
        return parsed
    meta, lines = parsed
    doc = SourceDoc(rel, meta, lines)
    problems = Problems(doc)
    check_fields(doc, ATTACHMENT_FIELDS, problems)
    path = _data_file(doc, meta_path, base, data_files, problems)
    title = text_field(doc, "title", problems, required=True)
    kind = kind_field(doc, kinds, problems)
    date = date_field(doc, "date", problems, required=True)
    number = number_field(doc, problems)
    slug = slug_field(doc, "id", path.stem if path else "", problems) if path else ""
    group_by = list_field(doc, "group_by", problems)
    fields = {
        name: text_field(doc, name, problems) for name in ("issuer", "description", "replaces")
    }
    if path in claimed:
        problems.add(
            "file", f"{path.name} đã có một tệp thông tin khác mô tả", "giữ lại một trong hai"
        )
    if path is None or problems.errors or date is None:
        return problems.errors
    claimed.add(path)
    ext = path.suffix.lower().lstrip(".")
    file_rel = path.relative_to(root).as_posix()
    if ext not in FILE_TYPES:
        return [
            ContentError(
                file_rel,
                1,
                "tệp",
                f'cổng không đăng tệp loại ".{ext}"',
                f"chuyển tệp sang một trong các loại: {', '.join(sorted(FILE_TYPES))}",
            )
        ]
    data = path.read_bytes()
    pages, table, described = None, None, _describe(data, ext, file_rel)
    if isinstance(described, ContentError):
        return [described]
    if ext == "pdf":
        pages = described
    elif ext == "csv":
        table = described
        for column in group_by:
            if column not in table.headers:
                close = closest(column, table.headers)
                problems.add(
                    "group_by",
                    f'{path.name} không có cột "{column}"',
                    f'có phải là "{close}"?'
                    if close
                    else f"dùng một trong: {', '.join(table.headers)}",
                )
        if problems.errors:
            return problems.errors
    attachment = Attachment(
        id=slug,
        source=file_rel,
        meta_source=rel,
        title=title,
        kind=kind,
        date=date,
        ext=ext,
        file_type=FILE_TYPES[ext],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        number=number,
        pages=pages,
        group_by=group_by,
        **fields,
    )
    return attachment, table, path


def _data_file(
    doc: SourceDoc, meta_path: Path, base: Path, data_files: list[Path], problems: Problems
) -> Path | None:
    """The file this metadata describes; it must stay inside the attachments folder."""
    named: Any = doc.meta.get("file")
    if named is not None:
        if not isinstance(named, str) or not named.strip():
            problems.add("file", "cần ghi tên tệp", "viết file: ten-tep.pdf")
            return None
        candidate = meta_path.parent / named
    else:
        same_stem = [
            p for p in data_files if p.parent == meta_path.parent and p.stem == meta_path.stem
        ]
        if len(same_stem) != 1:
            found = ", ".join(p.name for p in same_stem) or "không có tệp nào"
            problems.add(
                "file",
                f"cần đúng một tệp tên {meta_path.stem}.* bên cạnh (đang có: {found})",
                'đổi tên tệp cho khớp, hoặc ghi rõ tệp nào bằng dòng "file: …"',
            )
            return None
        candidate = same_stem[0]
    resolved = candidate.resolve()
    if not resolved.is_relative_to(base.resolve()):
        problems.add(
            "file",
            f'"{named or candidate.name}" nằm ngoài thư mục attachments/',
            "đặt tệp vào trong thư mục attachments/ (lối tắt trỏ ra ngoài cũng không được nhận)",
        )
        return None
    if not resolved.is_file():
        names = [p.name for p in resolved.parent.iterdir()] if resolved.parent.is_dir() else []
        close = closest(str(named), names)
        hint = f'có phải là "{close}"? ' if close else ""
        problems.add("file", f'không có tệp "{named}"', f"{hint}kiểm tra tên tệp và thư mục của nó")
        return None
    return candidate


def _describe(data: bytes, ext: str, rel: str) -> int | Table | None | ContentError:
    """Page count of a PDF, the table of a CSV; problems name the file and the fix."""
    if ext == "pdf":
        # Imported when a PDF is met: every command starts faster without it (50 ms).
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            return len(PdfReader(io.BytesIO(data)).pages)
        except (PdfReadError, ValueError, OSError):
            return ContentError(
                rel,
                1,
                "tệp",
                "tệp PDF bị hỏng, không đọc được",
                "xuất lại tài liệu thành PDF rồi chép đè",
            )
    if ext == "csv":
        try:
            return parse_csv(data)
        except TableError as exc:
            return ContentError(rel, exc.line, "tệp", f"danh sách CSV viết sai: {exc}", exc.fix)
        except csv.Error:  # unbalanced quotes and the like
            return ContentError(
                rel,
                1,
                "tệp",
                "danh sách CSV có dấu ngoặc kép không khớp",
                "kiểm tra các dấu ngoặc kép, hoặc lưu lại từ Excel",
            )
    return None


def _check_ids(attachments: list[Attachment]) -> list[ContentError]:
    errors = []
    seen: dict[str, Attachment] = {}
    for attachment in attachments:
        other = seen.setdefault(attachment.id, attachment)
        if other is not attachment:
            errors.append(
                ContentError(
                    attachment.meta_source,
                    1,
                    "id",
                    f'mã tài liệu "{attachment.id}" trùng với {other.meta_source}',
                    f"đặt cho một trong hai tệp một dòng id: {attachment.id}-2",
                )
            )
    ids = set(seen)
    for attachment in attachments:
        if attachment.replaces and attachment.replaces not in ids:
            errors.append(
                ContentError(
                    attachment.meta_source,
                    1,
                    "replaces",
                    f'không có tài liệu mã "{attachment.replaces}"',
                    document_hint(attachment.replaces, ids),
                )
            )
    return errors


def document_hint(wanted: str, ids: Iterable[str]) -> str:
    """The fix for an unknown document id: the id meant, or the ids there are."""
    close = closest(wanted, ids)
    if close:
        return f'có phải là "{close}"? Viết đúng mã tài liệu'
    known = ", ".join(sorted(ids))
    return f"dùng một trong các mã: {known}" if known else "thêm tài liệu vào attachments/ trước"
