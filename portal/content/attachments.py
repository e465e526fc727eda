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

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..errors import ContentError
from ..text import fold
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
                    "file",
                    "has no metadata, so it cannot be published",
                    f"add {Path(rel).with_suffix('.yml').name} beside it with title, kind and date",
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
    parsed = parse_yaml(text, rel, first_line=1)
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
    slug = slug_field(doc, path.stem if path else "", problems) if path else ""
    group_by = list_field(doc, "group_by", problems)
    fields = {
        name: text_field(doc, name, problems) for name in ("issuer", "description", "replaces")
    }
    if path in claimed:
        problems.add(
            "file", f"{path.name} is already described by another metadata file", "keep one"
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
                "file",
                f'".{ext}" is not a type the portal publishes',
                f"convert it to one of: {', '.join(sorted(FILE_TYPES))}",
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
                problems.add(
                    "group_by",
                    f'"{column}" is not a column of {path.name}',
                    f"use one of: {', '.join(table.headers)}",
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
            problems.add("file", "must be a file name", "write file: ten-tep.pdf")
            return None
        candidate = meta_path.parent / named
    else:
        same_stem = [
            p for p in data_files if p.parent == meta_path.parent and p.stem == meta_path.stem
        ]
        if len(same_stem) != 1:
            found = ", ".join(p.name for p in same_stem) or "none"
            problems.add(
                "file",
                f"needs exactly one file named {meta_path.stem}.* beside it (found: {found})",
                'rename the file, or say which one with "file: …"',
            )
            return None
        candidate = same_stem[0]
    resolved = candidate.resolve()
    if not resolved.is_relative_to(base.resolve()):
        problems.add(
            "file",
            f'"{named or candidate.name}" leaves the attachments folder',
            "put the file inside attachments/ (links pointing outside are refused too)",
        )
        return None
    if not resolved.is_file():
        problems.add("file", f'"{named}" does not exist', "check the file name and its folder")
        return None
    return candidate


def _describe(data: bytes, ext: str, rel: str) -> int | Table | None | ContentError:
    """Page count of a PDF, the table of a CSV; problems name the file and the fix."""
    if ext == "pdf":
        try:
            return len(PdfReader(io.BytesIO(data)).pages)
        except (PdfReadError, ValueError, OSError) as exc:
            return ContentError(
                rel, 1, "file", f"the PDF cannot be read ({exc})", "export it again as PDF"
            )
    if ext == "csv":
        try:
            return parse_csv(data)
        except TableError as exc:
            return ContentError(rel, exc.line, "file", f"the CSV cannot be read: {exc}", exc.fix)
        except csv.Error as exc:  # unbalanced quotes and the like
            return ContentError(
                rel, 1, "file", f"the CSV cannot be read: {exc}", "check its quotes"
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
                    "slug",
                    f'the id "{attachment.id}" is also used by {other.meta_source}',
                    'give one of them its own "slug: …"',
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
                    f'no attachment has the id "{attachment.replaces}"',
                    f"use one of: {', '.join(sorted(ids))}",
                )
            )
    return errors
