"""Content stage (validate): the one table of fields and the validators every kind shares.

News items, notices and attachments read their fields through these functions, so a date,
a kind or a document number is checked the same way wherever an editor writes it.
"""

from __future__ import annotations

from datetime import datetime

from ..dates import iso_example, parse_datetime
from ..errors import ContentError
from ..text import closest, fold, is_slug, slugify
from .load import SourceDoc
from .syntax import quoted

# Every field an editor may write, with what it means (shown when a field name is unknown).
FIELDS = {
    "title": "tiêu đề",
    "date": "ngày đăng / ngày ban hành, viết 2024-12-31 08:00",
    "category": "chuyên mục",
    "kind": "loại văn bản: Thông báo, Công văn, …",
    "number": "số và ký hiệu, ví dụ 602/UBND-NCTCD",
    "issuer": "cơ quan ban hành",
    "parent_issuer": "cơ quan chủ quản",
    "place": "địa danh, ví dụ Long An",
    "subject": "trích yếu (bỏ trống: lấy tiêu đề)",
    "signer": "người ký: name, position, authority",
    "recipients": "nơi nhận, một danh sách",
    "valid_until": "hiệu lực đến, viết 2024-12-31",
    "tags": "từ khóa, một danh sách: [ANTT, Công an]",
    "summary": "tóm tắt (bỏ trống: lấy đoạn đầu của bài)",
    "author": "tác giả",
    "url": "tên trang trên đường dẫn (bỏ trống: lấy từ tiêu đề)",
    "aliases": "địa chỉ cũ của bài, tự chuyển sang địa chỉ hiện tại: [/tin-tuc/ten-cu/]",
    "id": "mã tài liệu, cũng là tên trên đường dẫn (bỏ trống: lấy từ tên tệp)",
    "draft": "true: bản nháp, chưa đăng",
    "updated": "ngày cập nhật",
    "attachments": "tài liệu đính kèm: danh sách mã tài liệu",
    "image": "ảnh đại diện: tệp ảnh cạnh bài viết, ví dụ le-trao-tang.jpg",
    "image_alt": "mô tả ảnh đại diện cho người khiếm thị (bắt buộc khi có image)",
    "description": "mô tả",
    "replaces": "mã của tài liệu mà tài liệu này thay thế",
    "file": "tên tệp, khi khác tên tệp thông tin này",
    "group_by": "các cột của danh sách CSV để đếm, ví dụ [Loại hình, Cấp quản lý]",
}
_ITEM = ("title", "date", "tags", "summary", "url", "aliases", "draft", "updated", "attachments")
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
    "id",
    "file",
    "group_by",
)


# Years a date may have: every date then has a day after it and a time zone around it (the
# schedule adds a day to valid_until), and a typo such as 20244 is caught.
FIRST_YEAR, LAST_YEAR = 1900, 2199


class Problems:
    """Collects the problems of one document; every check adds to it and carries on."""

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.errors: list[ContentError] = []
        # Fields an unknown name was taken for ("catgory" -> "category"): told once, there.
        self.meant: set[str] = set()

    def add(
        self, name: str, message: str, fix: str, line: int | None = None, suggestion: str = ""
    ) -> None:
        """One problem; `suggestion`: the line to write instead, when `fix` is one line."""
        where = line or self.doc.line_of(name)
        self.errors.append(ContentError(self.doc.path, where, name, message, fix, suggestion))

    def missing(self, name: str, message: str, fix: str) -> None:
        """A required field that is not there, unless a misspelt name stands for it."""
        if name not in self.meant:
            self.add(name, message, fix)

    def rewrite(self, name: str, message: str, advice: str, value: str) -> None:
        """A problem whose fix is to write the field's line as `name: value`."""
        line = f"{name}: {value}"
        self.add(name, message, f"{advice} {line}", suggestion=line)


def check_fields(doc: SourceDoc, allowed: tuple[str, ...], problems: Problems) -> None:
    for name in doc.meta:
        if name not in allowed:
            close = closest(name, allowed) or closest(name, [FIELDS[a] for a in allowed])
            if close:
                problems.meant.add(_field_named(close, allowed))
            hint = f'có phải là "{_field_named(close, allowed)}"? ' if close else ""
            problems.add(
                name, f'không có mục "{name}"', f"{hint}các mục dùng được: {', '.join(allowed)}"
            )


def _field_named(close: str, allowed: tuple[str, ...]) -> str:
    return close if close in allowed else next(a for a in allowed if FIELDS[a] == close)


def text_field(doc: SourceDoc, name: str, problems: Problems, required: bool = False) -> str:
    value = doc.meta.get(name)
    if value is None:
        if required:
            problems.missing(
                name, "còn thiếu", f'thêm dòng "{name}: …" vào phần đầu bài ({FIELDS[name]})'
            )
        return ""
    if not isinstance(value, str):
        problems.rewrite(
            name,
            f"cần viết thành chữ, ở đây là {_kind(value)}",
            "đặt trong ngoặc kép:",
            quoted(_as_text(value)),
        )
        return ""
    value = " ".join(value.split())
    if required and not value:
        problems.add(name, "đang để trống", f'viết {FIELDS[name]} sau "{name}:"')
    return value


def date_field(
    doc: SourceDoc, name: str, problems: Problems, required: bool = False
) -> datetime | None:
    value = doc.meta.get(name)
    if value is None:
        if required:
            problems.missing(
                name, "còn thiếu", f"thêm dòng {name}: {iso_example('')} (giờ Việt Nam)"
            )
        return None
    try:
        parsed = parse_datetime(value)
    except (ValueError, TypeError, OverflowError):
        example = iso_example(value)
        line = f"{name}: {example}"
        fix = f"viết {line} (năm-tháng-ngày, rồi giờ:phút nếu có)"
        message = f'"{value}" không phải ngày viết theo cách cổng đọc được'
        problems.add(name, message, fix, suggestion=line)
        return None
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        lasting = "; văn bản còn hiệu lực lâu dài thì bỏ dòng valid_until"
        problems.add(
            name,
            f"năm {parsed.year} nằm ngoài khoảng năm cổng nhận ({FIRST_YEAR}–{LAST_YEAR})",
            f"kiểm tra lại năm{lasting if name == 'valid_until' else ''}",
        )
        return None
    return parsed


def bool_field(doc: SourceDoc, name: str, problems: Problems) -> bool:
    value = doc.meta.get(name, False)
    if isinstance(value, bool):
        return value
    problems.add(
        name,
        f'chỉ viết true hoặc false, ở đây là "{_as_text(value)}"',
        f"viết {name}: true (có) hoặc {name}: false (không)",
    )
    return False


def list_field(doc: SourceDoc, name: str, problems: Problems) -> tuple[str, ...]:
    value = doc.meta.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        given = ", ".join(part.strip() for part in _as_text(value).split(",")) or "…"
        problems.rewrite(name, "cần viết thành danh sách trong ngoặc vuông", "viết", f"[{given}]")
        return ()
    result: list[str] = []
    seen: set[str] = set()
    for entry in value:
        if not isinstance(entry, str | int) or isinstance(entry, bool) or not str(entry).strip():
            problems.add(
                name,
                f'"{_as_text(entry)}" trong danh sách không phải một từ hay cụm từ',
                "bỏ đi, hoặc viết thành chữ trong ngoặc kép",
            )
            continue
        text = " ".join(str(entry).split())
        if fold(text) not in seen:
            seen.add(fold(text))
            result.append(text)
    return tuple(result)


def slug_field(doc: SourceDoc, name: str, default: str, problems: Problems) -> str:
    """The URL name given in `name` (`url:` of an item, `id:` of a document), or made from
    `default` (the title, the file name)."""
    given = doc.meta.get(name)
    if given is None:
        slug = slugify(default)
        if default and not slug:
            problems.add(
                "title",
                "tiêu đề không có chữ cái hay chữ số nào để làm đường dẫn trang",
                f'thêm dòng "{name}: ten-ngan-gon"',
            )
        return slug
    if not isinstance(given, str) or not is_slug(given):
        example = slugify(str(given)) or "tin-moi"
        problems.rewrite(
            name,
            f'"{_as_text(given)}" không dùng được trong đường dẫn trang',
            "chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối:",
            example,
        )
        return ""
    return given


def kind_field(doc: SourceDoc, kinds: dict[str, str], problems: Problems) -> str:
    """A kind of document from the declared list (`kinds`: folded -> as declared)."""
    kind = text_field(doc, "kind", problems, required=True)
    if kind and fold(kind) not in kinds:
        close = closest(kind, kinds.values())
        message = f'không có loại văn bản "{kind}"'
        if close:
            problems.rewrite("kind", message, "viết", close)
        else:
            problems.add("kind", message, f"dùng một trong: {', '.join(kinds.values())}")
        return ""
    return kinds.get(fold(kind), "")


def number_field(doc: SourceDoc, problems: Problems, required: bool = False) -> str:
    """Số và ký hiệu; a bare number ("538") is a valid one, true/false is not."""
    value = doc.meta.get("number")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text_field(doc, "number", problems, required=required)


def _as_text(value: object) -> str:
    """A value as the editor wrote it, near enough: lists without brackets and quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_as_text(v)}" for k, v in value.items())
    return str(value)


def _kind(value: object) -> str:
    return {
        bool: "true/false",
        int: "một con số",
        float: "một con số",
        list: "một danh sách",
        dict: "một nhóm mục",
    }.get(type(value), "một giá trị khác")
