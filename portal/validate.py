"""Validate: turn loaded records into typed models, or into every problem they have."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from .dates import parse_datetime
from .errors import ContentError
from .load import SourceDoc
from .models import Category, Item
from .text import first_paragraph, fold, is_slug, slugify

NEWS_FIELDS = {
    "title": "tiêu đề (text, required)",
    "date": "ngày đăng, ISO 8601: 2013-03-19 14:10 (required)",
    "category": "chuyên mục (required)",
    "tags": "từ khóa, a list: [ANTT, Công an]",
    "summary": "tóm tắt (default: the first paragraph)",
    "author": "tác giả",
    "slug": "the URL name (default: from the title)",
    "draft": "true keeps the item unpublished",
    "updated": "ngày cập nhật, ISO 8601",
    "attachments": "tài liệu đính kèm: a list of attachment ids",
    "image": "ảnh đại diện: a photo file beside the article, e.g. le-trao-tang.jpg",
    "image_alt": "mô tả ảnh đại diện cho người khiếm thị (required with image)",
}
REQUIRED = ("title", "date", "category")


class Problems:
    """Collects the problems of one document; every check adds to it and carries on."""

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.errors: list[ContentError] = []

    def add(self, name: str, message: str, fix: str, line: int | None = None) -> None:
        self.errors.append(
            ContentError(self.doc.path, line or self.doc.line_of(name), name, message, fix)
        )


def check_fields(doc: SourceDoc, allowed: dict[str, str], problems: Problems) -> None:
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


def slug_field(doc: SourceDoc, title: str, problems: Problems) -> str:
    given = doc.meta.get("slug")
    if given is None:
        slug = slugify(title)
        if title and not slug:
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


def category_field(
    doc: SourceDoc, lookup: dict[str, Category], problems: Problems
) -> Category | None:
    name = text_field(doc, "category", problems, required=True)
    if not name:
        return None
    category = lookup.get(fold(name))
    if category is None:
        names = sorted({c.name for c in lookup.values()})
        problems.add("category", f'unknown category "{name}"', f"use one of: {', '.join(names)}")
    return category


def category_lookup(categories: Iterable[Category]) -> dict[str, Category]:
    """A category can be named by its name, its short name or its slug, in any case."""
    lookup: dict[str, Category] = {}
    for category in categories:
        for key in (category.name, category.short, category.slug):
            if key:
                lookup[fold(key)] = category
    return lookup


def tags_field(doc: SourceDoc, problems: Problems) -> tuple[str, ...]:
    tags = list_field(doc, "tags", problems)
    for tag in tags:
        if not slugify(tag):
            problems.add("tags", f'tag "{tag}" has no letters or digits', "remove it or reword it")
    return tags


def item_fields(doc: SourceDoc, problems: Problems, noun: str) -> dict[str, Any]:
    """The fields every item has, news or notice, checked the same way."""
    title = text_field(doc, "title", problems, required=True)
    date = date_field(doc, "date", problems, required=True)
    updated = date_field(doc, "updated", problems)
    if date and updated and updated < date:
        problems.add(
            "updated", "is earlier than date", "set updated to the time of the last change"
        )
    if not doc.body.strip():
        problems.add(
            "body", f"the {noun} has no text", "write it below the closing ---", doc.body_line
        )
    return {
        "source": doc.path,
        "title": title,
        "slug": slug_field(doc, title, problems),
        "date": date,
        "updated": updated,
        "tags": tags_field(doc, problems),
        "summary": text_field(doc, "summary", problems) or first_paragraph(doc.body),
        "draft": bool_field(doc, "draft", problems),
        "attachments": list_field(doc, "attachments", problems),
        "body": doc.body,
        "body_line": doc.body_line,
    }


def validate_news_item(doc: SourceDoc, lookup: dict[str, Category]) -> Item | list[ContentError]:
    problems = Problems(doc)
    check_fields(doc, NEWS_FIELDS, problems)
    fields = item_fields(doc, problems, "article")
    category = category_field(doc, lookup, problems)
    author = text_field(doc, "author", problems)
    if problems.errors or category is None:
        return problems.errors
    return Item(**fields, category=category, author=author)


def validate_news(
    docs: Sequence[SourceDoc], categories: Iterable[Category]
) -> tuple[list[Item], list[ContentError]]:
    lookup = category_lookup(categories)
    items: list[Item] = []
    errors: list[ContentError] = []
    for doc in docs:
        result = validate_news_item(doc, lookup)
        if isinstance(result, list):
            errors.extend(result)
        else:
            items.append(result)
    errors.extend(duplicate_slugs(items, docs))
    return items, errors


def duplicate_slugs(items: Sequence[Item], docs: Sequence[SourceDoc]) -> list[ContentError]:
    """Two items that would publish at the same URL: an error on each, naming the other."""
    by_path = {doc.path: doc for doc in docs}
    first: dict[str, Item] = {}
    errors: list[ContentError] = []
    for item in items:
        other = first.setdefault(item.url, item)
        if other is not item:
            for a, b in ((item, other), (other, item)):
                doc = by_path[a.source]
                errors.append(
                    ContentError(
                        a.source,
                        doc.lines.get("slug") or doc.line_of("title"),
                        "slug",
                        f'"{a.slug}" is also used by {b.source}',
                        'give one of them its own "slug: …"',
                    )
                )
    return errors


def _kind(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a block of fields",
    }.get(type(value), type(value).__name__)
