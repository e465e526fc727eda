"""Content stage (validate): notices, the official-document fields on top of what every item has."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..errors import ContentError
from ..text import fold
from .fields import (
    NOTICE_FIELDS,
    Problems,
    check_fields,
    date_field,
    kind_field,
    list_field,
    number_field,
    text_field,
)
from .load import SourceDoc
from .models import Category, Item, NoticeInfo, Signer
from .news import duplicate_slugs, item_fields

SIGNER_FIELDS = {"name": "họ tên", "position": "chức vụ", "authority": "thẩm quyền ký"}


def signer_field(doc: SourceDoc, problems: Problems) -> Signer | None:
    value = doc.meta.get("signer")
    example = "signer: {name: Nguyễn Văn A, position: PHÓ GIÁM ĐỐC, authority: KT. GIÁM ĐỐC}"
    if value is None:
        problems.missing("signer", "còn thiếu người ký", f"thêm dòng {example}")
        return None
    if not isinstance(value, dict):
        problems.add("signer", "người ký cần ghi đủ họ tên và chức vụ", f"viết {example}")
        return None
    for key in value:
        if key not in SIGNER_FIELDS:
            meaning = "; ".join(f"{k} ({v})" for k, v in SIGNER_FIELDS.items())
            problems.add("signer", f'người ký không có mục "{key}"', f"dùng {meaning}")
    parts = {}
    for key in SIGNER_FIELDS:
        text = value.get(key, "")
        if not isinstance(text, str):
            problems.add(
                "signer", f"{key} cần viết thành chữ", f"đặt {key} của signer trong ngoặc kép"
            )
            text = ""
        parts[key] = " ".join(text.split())
    for key in ("name", "position"):
        if not parts[key]:
            problems.add(
                "signer",
                f"người ký còn thiếu {SIGNER_FIELDS[key]}",
                f"thêm {key} vào signer, ví dụ {example}",
            )
    if not parts["name"] or not parts["position"]:
        return None
    return Signer(parts["name"], parts["position"], parts["authority"])


def validate_notice(
    doc: SourceDoc, kinds: dict[str, str], category: Category
) -> Item | list[ContentError]:
    problems = Problems(doc)
    check_fields(doc, NOTICE_FIELDS, problems)
    fields = item_fields(doc, problems, "văn bản")
    kind = kind_field(doc, kinds, problems)
    number = number_field(doc, problems, required=True)
    issuer = text_field(doc, "issuer", problems, required=True)
    place = text_field(doc, "place", problems, required=True)
    signer = signer_field(doc, problems)
    subject = text_field(doc, "subject", problems)
    parent_issuer = text_field(doc, "parent_issuer", problems)
    recipients = list_field(doc, "recipients", problems)
    valid_until = date_field(doc, "valid_until", problems)
    if fields["date"] and valid_until and valid_until < fields["date"]:
        problems.add(
            "valid_until",
            "ngày hết hiệu lực sớm hơn ngày ban hành",
            "viết valid_until là ngày cuối cùng văn bản còn hiệu lực",
        )
    if problems.errors or signer is None:
        return problems.errors
    notice = NoticeInfo(
        kind=kind,
        number=number,
        issuer=issuer,
        place=place,
        subject=subject or fields["title"],
        signer=signer,
        parent_issuer=parent_issuer,
        recipients=recipients,
        valid_until=valid_until.date() if valid_until else None,
    )
    return Item(**fields, category=category, notice=notice)


def validate_notices(
    docs: Sequence[SourceDoc], kinds: Iterable[str], category: Category
) -> tuple[list[Item], list[ContentError]]:
    lookup = {fold(kind): kind for kind in kinds}
    items: list[Item] = []
    errors: list[ContentError] = []
    for doc in docs:
        result = validate_notice(doc, lookup, category)
        if isinstance(result, list):
            errors.extend(result)
        else:
            items.append(result)
    errors.extend(duplicate_slugs(items, docs))
    errors.extend(duplicate_numbers(items, {d.path: d for d in docs}))
    return items, errors


def duplicate_numbers(items: Sequence[Item], docs: dict[str, SourceDoc]) -> list[ContentError]:
    """One issuer never gives two documents the same number: a typo, or a copied file."""
    by_key: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in items:
        assert item.notice is not None
        by_key[(fold(item.notice.issuer), fold(item.notice.number))].append(item)
    errors = []
    for same in by_key.values():
        for item in same[1:] if len(same) > 1 else []:
            for a, b in ((item, same[0]), (same[0], item)):
                errors.append(
                    ContentError(
                        a.source,
                        docs[a.source].line_of("number"),
                        "number",
                        f'số "{a.notice.number}" của {a.notice.issuer} trùng với {b.source}',
                        "kiểm tra lại số; mỗi văn bản của một cơ quan có số riêng",
                    )
                )
    return errors
