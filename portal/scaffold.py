"""Editor command (above every stage): `portal new`, a new article, notice or document
description with every field an editor fills in, each explained in Vietnamese.

What it writes passes `portal check` as it is, so an editor starts from a file that works,
and it is a draft (`draft: true`): a file left unedited never goes live. Set to false with
the sample sentences still in, it is a problem for `check` and `build` (content/unfinished.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .content.filetypes import FILE_TYPES
from .content.load import load_folder
from .content.memo import ContentMemo
from .content.news import category_lookup, find_category
from .content.syntax import quoted
from .content.unfinished import NEWS_BODY, NO_NUMBER, NOTICE_BODY, SIGNER_NAME, SIGNER_POSITION
from .site.settings import Settings
from .text import closest, fold, slugify


class Refused(Exception):
    """Nothing was written: what is wrong and what to do, in Vietnamese."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(f"{message} — {fix}")


def _when(now: datetime) -> str:
    return f"{now:%Y-%m-%d %H:%M}"


def _target(root: Path, folder: str, now: datetime, title: str) -> Path:
    slug = slugify(title)
    if not slug:
        raise Refused("tiêu đề không có chữ cái hay chữ số nào", "viết lại tiêu đề")
    path = root / folder / str(now.year) / f"{slug}.md"
    if path.exists():
        rel = path.relative_to(root).as_posix()
        raise Refused(f"đã có tệp {rel}", "đặt một tiêu đề khác, hoặc mở tệp đó để sửa")
    return path


def news_file(settings: Settings, title: str, category: str, now: datetime) -> tuple[Path, str]:
    """A new article in news/<year>/<slug>.md, dated now."""
    lookup = category_lookup(settings.categories)
    names = ", ".join(c.name for c in settings.categories)
    if not category:
        raise Refused("chưa chọn chuyên mục", f'thêm --category "…", một trong: {names}')
    found = find_category(lookup, category) or lookup.get(closest(category, lookup) or "")
    if found is None:
        raise Refused(f'không có chuyên mục "{category}"', f"dùng một trong: {names}")
    path = _target(settings.root, settings.news_dir, now, title)
    slug = path.stem  # the address, fixed now: a later edit of the title never moves it
    text = f"""---
# Tiêu đề bài viết, như sẽ hiện trên trang.
title: {quoted(title)}
# Địa chỉ của bài trên cổng, cố định từ lúc tạo: sửa tiêu đề không làm đổi địa chỉ. Đổi dòng
# này thì địa chỉ cũ tự chuyển sang địa chỉ mới, nhưng nên giữ nguyên sau khi đã đăng.
url: {slug}
# Ngày giờ đăng, giờ Việt Nam: năm-tháng-ngày giờ:phút. Ngày giờ trong tương lai là hẹn giờ đăng.
date: {_when(now)}
# Chuyên mục ({names}).
category: {found.name}
# Từ khóa, trong ngoặc vuông, cách nhau bằng dấu phẩy, ví dụ [ANTT, Phòng chống tội phạm].
tags: []
# Tác giả hoặc nguồn tin.
author: ""
# Tóm tắt một, hai câu; để trống thì lấy đoạn đầu của bài.
summary: ""
# Ảnh đại diện: tệp ảnh đặt cạnh bài, kèm mô tả ảnh cho người khiếm thị. Bỏ dấu # để dùng.
# image: ten-anh.jpg
# image_alt: "Lãnh đạo Công an tỉnh trao Giấy khen cho …"
# Tài liệu đính kèm: mã của tài liệu trong attachments/, ví dụ [danh-sach-150-cqdn].
attachments: []
# Bài mới là bản nháp (true), chưa đăng. Viết xong, đổi thành false: bài lên trang lúc ghi ở date.
draft: true
# Bên dưới dòng --- là nội dung bài; các đoạn cách nhau một dòng trống.
# Ảnh trong bài viết: ![mô tả ảnh](ten-anh.jpg "chú thích"), tệp ảnh đặt cạnh bài.
---

{NEWS_BODY}
"""
    return path, text


def notice_file(settings: Settings, title: str, kind: str, now: datetime) -> tuple[Path, str]:
    """A new notice in notices/<year>/<slug>.md: issuer, place and signer from the latest
    notice, so that an editor only changes what differs."""
    kinds = settings.notice_kinds
    if not kind:
        raise Refused("chưa chọn loại văn bản", f'thêm --kind "…", một trong: {", ".join(kinds)}')
    chosen = next((k for k in kinds if fold(k) == fold(kind)), None) or closest(kind, kinds)
    if chosen is None:
        raise Refused(f'không có loại văn bản "{kind}"', f"dùng một trong: {', '.join(kinds)}")
    path = _target(settings.root, settings.notices_dir, now, title)
    slug = path.stem
    docs, _ = load_folder(settings.root, settings.notices_dir, ContentMemo())
    latest = max(docs, key=lambda d: str(d.meta.get("date", "")), default=None)
    meta = latest.meta if latest else {}
    signer = meta.get("signer") if isinstance(meta.get("signer"), dict) else {}
    issuer = str(meta.get("issuer") or settings.site_author)
    place = str(meta.get("place") or "Long An")
    text = f"""---
# Tiêu đề của văn bản, như sẽ hiện trên trang.
title: {quoted(title)}
# Địa chỉ của bài trên cổng, cố định từ lúc tạo: sửa tiêu đề không làm đổi địa chỉ. Đổi dòng
# này thì địa chỉ cũ tự chuyển sang địa chỉ mới, nhưng nên giữ nguyên sau khi đã đăng.
url: {slug}
# Loại văn bản ({", ".join(kinds)}).
kind: {chosen}
# Số và ký hiệu, ví dụ 602/UBND-NCTCD. Ghi đúng số trên văn bản.
number: "{NO_NUMBER}"
# Ngày ban hành (giờ Việt Nam): năm-tháng-ngày giờ:phút.
date: {_when(now)}
# Cơ quan ban hành, và cơ quan chủ quản nếu có.
issuer: {quoted(issuer)}
# parent_issuer: "Bộ Công an"
# Địa danh ghi trước ngày tháng.
place: {quoted(place)}
# Trích yếu; để trống thì lấy tiêu đề. Công văn bắt đầu bằng "V/v".
subject: ""
# Người ký: họ tên, chức vụ, thẩm quyền ký (KT., TM., …).
signer:
  name: {quoted(str(signer.get("name") or SIGNER_NAME))}
  position: {quoted(str(signer.get("position") or SIGNER_POSITION))}
  authority: {quoted(str(signer.get("authority") or ""))}
# Nơi nhận, mỗi dòng một nơi.
recipients:
  - Lưu VT
# Hiệu lực đến ngày nào (năm-tháng-ngày); bỏ dấu # để dùng.
# valid_until: {now.year}-12-31
tags: []
# Tài liệu đính kèm: mã của tài liệu trong attachments/.
attachments: []
# Văn bản mới là bản nháp (true), chưa đăng. Điền đủ rồi đổi thành false để đăng.
draft: true
---

{NOTICE_BODY}
"""
    return path, text


def document_meta(settings: Settings, file: Path, now: datetime) -> tuple[Path, str]:
    """The metadata file beside a document already in attachments/."""
    base = (settings.root / settings.attachments_dir).resolve()
    resolved = file.resolve()
    if not resolved.is_file():
        raise Refused(f"không có tệp {file}", "chép tài liệu vào attachments/ trước")
    if not resolved.is_relative_to(base):
        raise Refused(f"{file} không nằm trong {settings.attachments_dir}/", "chép tệp vào đó")
    ext = resolved.suffix.lower().lstrip(".")
    if ext not in FILE_TYPES:
        types = ", ".join(sorted(FILE_TYPES))
        raise Refused(f'cổng không đăng tệp loại ".{ext}"', f"chuyển sang một trong: {types}")
    meta = resolved.with_suffix(".yml")
    if meta.exists():
        raise Refused(f"đã có {meta.name}", "mở tệp đó để sửa")
    kinds = settings.attachment_kinds or settings.notice_kinds
    stem = slugify(resolved.stem)
    kind = next((k for k in kinds if slugify(k) in stem), None)
    if kind is None:
        listed = ext in ("csv", "xlsx", "xls", "ods") and "Danh sách" in kinds
        kind = "Danh sách" if listed else kinds[0]
    title = resolved.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    text = f"""# Thông tin của tài liệu {resolved.name}; tài liệu được đăng cùng các thông tin này.
# Tên tài liệu, như sẽ hiện trên trang.
title: {quoted(title)}
# Loại tài liệu ({", ".join(kinds)}).
kind: {kind}
# Ngày ban hành hoặc ngày công bố: năm-tháng-ngày.
date: {now:%Y-%m-%d}
# Số và ký hiệu nếu có, ví dụ 602/UBND-NCTCD; bỏ dấu # để dùng.
# number: ""
# Cơ quan ban hành.
issuer: {quoted(settings.site_author)}
# Mô tả ngắn; bỏ dấu # để dùng.
# description: ""
"""
    return meta, text
