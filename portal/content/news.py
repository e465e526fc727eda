"""Content stage (validate): news items, and what every item (news or notice) has in common."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import ContentError
from ..text import bare, closest, first_paragraph, fold, slugify, whole_sentences
from .aliases import aliases_field
from .bounds import body_problems
from .fields import (
    NEWS_FIELDS,
    Problems,
    bool_field,
    check_fields,
    date_field,
    list_field,
    slug_field,
    text_field,
)
from .load import SourceDoc
from .memo import ContentMemo
from .models import Category, Item


def item_fields(doc: SourceDoc, problems: Problems, noun: str) -> dict[str, Any]:
    """The fields every item has, news or notice, checked the same way."""
    title = text_field(doc, "title", problems, required=True)
    date = date_field(doc, "date", problems, required=True)
    updated = date_field(doc, "updated", problems)
    if date and updated and updated < date:
        problems.add(
            "updated", "ngày cập nhật sớm hơn ngày đăng", "viết updated là lúc sửa bài lần cuối"
        )
    if not doc.body.strip():
        problems.add(
            "nội dung",
            f"{noun} chưa có nội dung",
            'viết nội dung bên dưới dòng "---" thứ hai',
            doc.body_line,
        )
    for line, message, fix in body_problems(doc.body, doc.body_line):
        problems.add("nội dung", message, fix, line)
    return {
        "source": doc.path,
        "title": title,
        "slug": slug_field(doc, "url", title, problems),
        "aliases": aliases_field(doc, problems),
        "date": date,
        "updated": updated,
        "tags": tags_field(doc, problems),
        "summary": text_field(doc, "summary", problems)
        or whole_sentences(first_paragraph(doc.body)),
        "draft": bool_field(doc, "draft", problems),
        "attachments": list_field(doc, "attachments", problems),
        "body": doc.body,
        "body_line": doc.body_line,
    }


def tags_field(doc: SourceDoc, problems: Problems) -> tuple[str, ...]:
    tags = list_field(doc, "tags", problems)
    for tag in tags:
        if not slugify(tag):
            problems.add(
                "tags",
                f'từ khóa "{tag}" không có chữ cái hay chữ số',
                "bỏ từ khóa này hoặc viết lại",
            )
    return tags


def category_lookup(categories: Iterable[Category]) -> dict[str, Category]:
    """A category can be named by its name, its short name or its slug, in any case, and
    with or without diacritics ("an ninh trat tu"): keys are folded, and bare."""
    lookup: dict[str, Category] = {}
    for category in categories:
        for key in (category.name, category.short, category.slug):
            if key:
                lookup[fold(key)] = category
                lookup.setdefault(bare(key), category)
    return lookup


def find_category(lookup: dict[str, Category], name: str) -> Category | None:
    return lookup.get(fold(name)) or lookup.get(bare(name))


def category_field(
    doc: SourceDoc, lookup: dict[str, Category], problems: Problems
) -> Category | None:
    name = text_field(doc, "category", problems, required=True)
    if not name:
        return None
    category = find_category(lookup, name)
    if category is None:
        names = sorted({c.name for c in lookup.values()})
        close = closest(name, lookup)
        message = f'không có chuyên mục "{name}"'
        if close:
            problems.rewrite("category", message, "viết", lookup[close].name)
        else:
            problems.add("category", message, f"dùng một trong: {', '.join(names)}")
    return category


def validate_news_item(doc: SourceDoc, lookup: dict[str, Category]) -> Item | list[ContentError]:
    problems = Problems(doc)
    check_fields(doc, NEWS_FIELDS, problems)
    fields = item_fields(doc, problems, "bài viết")
    category = category_field(doc, lookup, problems)
    author = text_field(doc, "author", problems)
    if problems.errors or category is None:
        return problems.errors
    return Item(**fields, category=category, author=author)


def validate_news(
    docs: Sequence[SourceDoc], categories: Iterable[Category], memo: ContentMemo
) -> tuple[list[Item], list[ContentError]]:
    """Every news item, or its problems, and those of two items at one address."""
    items: list[Item] = []
    errors: list[ContentError] = []
    for result in validate_each(docs, categories, memo):
        if isinstance(result, list):
            errors.extend(result)
        else:
            items.append(result)
    errors.extend(duplicate_slugs(items, docs))
    return items, errors


def validate_each(
    docs: Sequence[SourceDoc], categories: Iterable[Category], memo: ContentMemo
) -> list[Item | list[ContentError]]:
    """Each document's item or problems, on its own; a document `memo` checked against the
    same categories (the very object `load` returned for an unchanged file) is not checked
    again, and one checked here is in `memo` from now on."""
    lookup = category_lookup(categories)
    against = tuple(lookup.items())
    results: list[Item | list[ContentError]] = []
    for doc in docs:
        result = memo.validation(doc, against)
        if result is None:
            result = validate_news_item(doc, lookup)
            memo.validate(doc, against, result)
        results.append(result)
    return results


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
                        doc.lines.get("url") or doc.line_of("title"),
                        "url",
                        f'đường dẫn trang "{a.slug}" trùng với bài {b.source}',
                        f"đặt cho một trong hai bài một dòng url: {a.slug}-2",
                    )
                )
    return errors
