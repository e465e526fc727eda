"""Content stage (validate): the one table of fields and the validators every kind shares.

News items, notices and attachments read their fields through these functions, so a date,
a kind or a document number is checked the same way wherever an editor writes it.
"""

from __future__ import annotations

import difflib
from datetime import datetime

from ..dates import parse_datetime
from ..errors import ContentError
from ..text import fold, is_slug, slugify
from .load import SourceDoc

# Every field an editor may write, with what it means (shown in "unknown field" messages).
FIELDS = {
    "title": "tiêu đề",
    "date": "ngày đăng / ngày ban hành, YYYY-MM-DD HH:MM",
    "category": "chuyên mục",
    "kind": "loại văn bản: Thông báo, Công văn, …",
    "number": "số và ký hiệu, e.g. 602/UBND-NCTCD",
    "issuer": "cơ quan ban hành",
    "parent_issuer": "cơ quan chủ quản",
    "place": "địa danh, e.g. Long An",
    "subject": "trích yếu (default: the title)",
    "signer": "người ký: name, position, authority",
    "recipients": "nơi nhận, a list",
    "valid_until": "hiệu lực đến, YYYY-MM-DD",
    "tags": "từ khóa, a list: [ANTT, Công an]",
    "summary": "tóm tắt (default: the first paragraph)",
    "author": "tác giả",
    "slug": "the URL name (default: from the title or file name)",
    "draft": "true keeps the item unpublished",
    "updated": "ngày cập nhật",
    "attachments": "tài liệu đính kèm: a list of document ids",
    "image": "ảnh đại diện: a photo file beside the article, e.g. le-trao-tang.jpg",
    "image_alt": "mô tả ảnh đại diện cho người khiếm thị (required with image)",
    "description": "mô tả",
    "replaces": "the id of the document this one replaces",
    "file": "the file, when its name differs from this metadata file's",
    "group_by": "columns of a CSV list to count rows by, e.g. [Loại hình, Cấp quản lý]",
}
_ITEM = ("title", "date", "tags", "summary", "slug", "draft", "updated", "attachments")
NEWS_FIELDS = (*_ITEM, "category", "author", "image", "image_alt")
NOTICE_FIELDS = (
    *_ITEM,
    "kind",
    "number",
    "issuer",
    "parent_issuer",
    "place",
    "subject",
    "signer",
    "recipients",
    "valid_until",
    "image",
    "image_alt",
)
ATTACHMENT_FIELDS = (
    "title",
    "kind",
    "date",
    "number",
    "issuer",
    "description",
    "replaces",
    "slug",
    "file",
    "group_by",
)


class Problems:
    """Collects the problems of one document; every check adds to it and carries on."""

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.errors: list[ContentError] = []

    def add(self, name: str, message: str, fix: str, line: int | None = None) -> None:
        self.errors.append(
            ContentError(self.doc.path, line or self.doc.line_of(name), name, message, fix)
        )


def check_fields(doc: SourceDoc, allowed: tuple[str, ...], problems: Problems) -> None:
    for name in doc.meta:
        if name not in allowed:
            close = difflib.get_close_matches(name, list(allowed), n=1)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            problems.add(
                name,
                f'unknown field "{name}"',
                f"{hint}known fields: {', '.join(allowed)}",
            )


def text_field(doc: SourceDoc, name: str, problems: Problems, required: bool = False) -> str:
    value = doc.meta.get(name)
    if value is None:
        if required:
            problems.add(name, "missing", f'add a line "{name}: …" to the front matter')
        return ""
    if not isinstance(value, str):
        problems.add(
            name, f"must be text, not {_kind(value)}", f'write it in quotes: {name}: "{value}"'
        )
        return ""
    value = " ".join(value.split())
    if required and not value:
        problems.add(name, "is empty", f'write the {name} after "{name}:"')
    return value


def date_field(
    doc: SourceDoc, name: str, problems: Problems, required: bool = False
) -> datetime | None:
    value = doc.meta.get(name)
    if value is None:
        if required:
            problems.add(name, "missing", f'add "{name}: 2013-03-19 14:10" (Vietnam time)')
        return None
    try:
        return parse_datetime(value)
    except (ValueError, TypeError):
        problems.add(
            name,
            f'"{value}" is not a date',
            "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2013-03-19 14:10",
        )
        return None


def bool_field(doc: SourceDoc, name: str, problems: Problems) -> bool:
    value = doc.meta.get(name, False)
    if isinstance(value, bool):
        return value
    problems.add(
        name, f"must be true or false, not {value!r}", f"write {name}: true or {name}: false"
    )
    return False


def list_field(doc: SourceDoc, name: str, problems: Problems) -> tuple[str, ...]:
    value = doc.meta.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(name, f"must be a list, not {_kind(value)}", f"write {name}: [first, second]")
        return ()
    result: list[str] = []
    seen: set[str] = set()
    for entry in value:
        if not isinstance(entry, str | int) or isinstance(entry, bool) or not str(entry).strip():
            problems.add(
                name, f"entry {entry!r} is not a word or phrase", "remove it or write it as text"
            )
            continue
        text = " ".join(str(entry).split())
        if fold(text) not in seen:
            seen.add(fold(text))
            result.append(text)
    return tuple(result)


def slug_field(doc: SourceDoc, default: str, problems: Problems) -> str:
    """The URL name given in `slug:`, or made from `default` (the title, the file name)."""
    given = doc.meta.get("slug")
    if given is None:
        slug = slugify(default)
        if default and not slug:
            problems.add("title", "gives an empty URL name", 'add "slug: a-short-name"')
        return slug
    if not isinstance(given, str) or not is_slug(given):
        problems.add(
            "slug",
            f'"{given}" is not a valid URL name',
            f'use lowercase letters, digits and hyphens, e.g. "{slugify(str(given)) or "tin-moi"}"',
        )
        return ""
    return given


def kind_field(doc: SourceDoc, kinds: dict[str, str], problems: Problems) -> str:
    """A kind of document from the declared list (`kinds`: folded -> as declared)."""
    kind = text_field(doc, "kind", problems, required=True)
    if kind and fold(kind) not in kinds:
        problems.add("kind", f'unknown kind "{kind}"', f"use one of: {', '.join(kinds.values())}")
        return ""
    return kinds.get(fold(kind), "")


def number_field(doc: SourceDoc, problems: Problems, required: bool = False) -> str:
    """Số và ký hiệu; a bare number ("538") is a valid one, true/false is not."""
    value = doc.meta.get("number")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text_field(doc, "number", problems, required=required)


def _kind(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a block of fields",
    }.get(type(value), type(value).__name__)
