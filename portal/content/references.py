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
from ..text import Lines
from .attachments import document_hint
from .load import SourceDoc
from .models import Attachment, Item

# The text stops at the next bracket: a body of unclosed ones costs linear time.
SHORTHAND = re.compile(r"\[([^\[\]]*)\]\(tai-lieu:([^()\s]*)\)")


def inline_ids(markdown: str) -> list[tuple[str, int]]:
    """(id, line within the body) of every inline reference."""
    lines = Lines(markdown)
    return [(match.group(2), lines.of(match.start()) + 1) for match in SHORTHAND.finditer(markdown)]


def referenced_ids(item: Item) -> list[str]:
    """Every attachment an item refers to, front matter first, each once."""
    seen: dict[str, None] = dict.fromkeys(item.attachments)
    seen.update((ref, None) for ref, _ in inline_ids(item.body))
    return list(seen)


def check_references(
    docs: Iterable[SourceDoc], attachments: Mapping[str, Attachment]
) -> list[ContentError]:
    """Unknown ids, named with the file and the line where they appear. Every document is
    looked at, valid or not, so the problem shows in the same run as the file's others."""
    errors = []
    for doc in docs:
        listed = doc.meta.get("attachments")
        for ref in listed if isinstance(listed, list) else ():
            if isinstance(ref, str) and ref not in attachments:
                errors.append(
                    ContentError(
                        doc.path,
                        doc.line_of("attachments"),
                        "attachments",
                        f'không có tài liệu mã "{ref}"',
                        document_hint(ref, attachments),
                    )
                )
        for ref, line in inline_ids(doc.body):
            if ref not in attachments:
                errors.append(
                    ContentError(
                        doc.path,
                        doc.body_line + line - 1,
                        "nội dung",
                        f'liên kết "tai-lieu:{ref}" không trỏ tới tài liệu nào',
                        document_hint(ref, attachments),
                    )
                )
    return errors
