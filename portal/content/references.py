"""Content stage (validate): references from items to documents, in front matter and inline.

Inline, an editor writes a Markdown link with the `tai-lieu:` scheme:
`[Danh sách 150 cơ quan](tai-lieu:danh-sach-150-cqdn)`, or `[](tai-lieu:…)` for the
document's own title. `outputs/links.py` turns it into a link to the document's page with
its type and size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..errors import ContentError
from .models import Attachment, Item

SHORTHAND = re.compile(r"\[([^\]]*)\]\(tai-lieu:([^)\s]*)\)")


def inline_ids(markdown: str) -> list[tuple[str, int]]:
    """(id, line within the body) of every inline reference."""
    return [
        (match.group(2), markdown.count("\n", 0, match.start()) + 1)
        for match in SHORTHAND.finditer(markdown)
    ]


def referenced_ids(item: Item) -> list[str]:
    """Every attachment an item refers to, front matter first, each once."""
    seen: dict[str, None] = dict.fromkeys(item.attachments)
    seen.update((ref, None) for ref, _ in inline_ids(item.body))
    return list(seen)


def check_references(
    items: Iterable[Item], attachments: Mapping[str, Attachment], field_lines: Mapping[str, int]
) -> list[ContentError]:
    """Unknown ids, named with the file and the line where they appear.

    `field_lines` gives the line of each item's `attachments:` field, by item source.
    """
    known = ", ".join(sorted(attachments)) or "(none yet)"
    errors = []
    for item in items:
        for ref in item.attachments:
            if ref not in attachments:
                errors.append(
                    ContentError(
                        item.source,
                        field_lines.get(item.source, 1),
                        "attachments",
                        f'no attachment has the id "{ref}"',
                        f"use one of: {known}",
                    )
                )
        for ref, line in inline_ids(item.body):
            if ref not in attachments:
                errors.append(
                    ContentError(
                        item.source,
                        item.body_line + line - 1,
                        "body",
                        f'the link "tai-lieu:{ref}" names no attachment',
                        f"use one of: {known}",
                    )
                )
    return errors
