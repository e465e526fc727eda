"""Content stage (validate): what an item may not be published with, though every field is
well formed: the sentences `portal new` writes for the editor to replace, a notice still
without its number, and more tags than the site allows.

A file written by `portal new` and left as it is must not go live within a minute; a draft
(`draft: true`) may hold all of these while it is being written.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ContentError
from ..text import fold
from .load import SourceDoc

# What `portal new` (scaffold.py) writes for the editor to replace: one place for both.
NEWS_BODY = "Viết đoạn mở đầu ở đây: việc gì, ở đâu, khi nào."
NOTICE_BODY = "Viết nội dung văn bản ở đây, mỗi đoạn cách nhau một dòng trống."
NO_NUMBER = "Chưa có số"
SIGNER_NAME = "Họ và tên người ký"
SIGNER_POSITION = "CHỨC VỤ"


def unfinished(docs: Iterable[SourceDoc], max_tags: int) -> list[ContentError]:
    """Problems of items that are not drafts: placeholder text left in, and tag lists longer
    than `max_tags` (each spelling counted once, as the item's tags are)."""
    errors: list[ContentError] = []
    for doc in docs:
        tags = doc.meta.get("tags")
        if isinstance(tags, list):
            count = len({fold(str(tag)) for tag in tags if isinstance(tag, str | int)})
            if count > max_tags:
                errors.append(
                    ContentError(
                        doc.path,
                        doc.line_of("tags"),
                        "tags",
                        f"bài có {count} từ khóa, nhiều hơn {max_tags} từ khóa cho một bài",
                        f"giữ lại {max_tags} từ khóa chính (cấu hình: max_tags trong mkdocs.yml)",
                    )
                )
        if doc.meta.get("draft") is True:
            continue
        errors += _placeholders(doc)
    return errors


def _placeholders(doc: SourceDoc) -> list[ContentError]:
    errors = []
    keep = "hoặc để draft: true nếu bài chưa xong"
    for sentence in (NEWS_BODY, NOTICE_BODY):
        at = doc.body.find(sentence)
        if at >= 0:
            line = doc.body_line + doc.body.count("\n", 0, at)
            message = f'nội dung còn câu mẫu "{sentence}"'
            errors.append(
                ContentError(doc.path, line, "nội dung", message, f"viết nội dung thật, {keep}")
            )
    if str(doc.meta.get("number", "")).strip() == NO_NUMBER:
        errors.append(
            ContentError(
                doc.path,
                doc.line_of("number"),
                "number",
                f'văn bản còn "{NO_NUMBER}"',
                f"ghi số và ký hiệu đúng như trên văn bản, ví dụ number: 602/UBND-NCTCD, {keep}",
            )
        )
    signer = doc.meta.get("signer")
    if isinstance(signer, dict):
        for key, placeholder, what in (
            ("name", SIGNER_NAME, "họ tên"),
            ("position", SIGNER_POSITION, "chức vụ"),
        ):
            if str(signer.get(key, "")).strip() == placeholder:
                errors.append(
                    ContentError(
                        doc.path,
                        doc.line_of("signer"),
                        "signer",
                        f'người ký còn chữ mẫu "{placeholder}"',
                        f"ghi {what} người ký như trên văn bản, {keep}",
                    )
                )
    return errors
