"""Content stage (validate): find the photos an item uses and check that each one can be published.

Editors write plain Markdown, `![alt text](photo.jpg "caption")`, with the path relative to the
Markdown file: beside it, or in a shared folder such as `news/anh/` (`../anh/photo.jpg`). The
photo must stay inside the item's own folder (news/ or notices/). Alt text is required; a purely
decorative picture says so with the alt text "trang trí".
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ContentError
from ..text import Lines, blank_code, closest, fold
from .fields import Problems, text_field
from .filetypes import OTHER_VIDEOS, VIDEO_TYPES
from .load import SourceDoc
from .models import ImageRef, Item

DECORATIVE = "trang trí"
EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
_HEIC = ("ảnh HEIC/HEIF (chụp bằng iPhone) không đăng được", "xuất ảnh thành JPEG")
_TIFF = ("ảnh TIFF không đăng được", "xuất ảnh thành JPEG")
_REJECTED = {
    ".heic": _HEIC,
    ".heif": _HEIC,
    ".svg": ("tệp SVG không được nhận vì có thể chứa mã chạy trên trang", "xuất thành PNG"),
    ".tif": _TIFF,
    ".tiff": _TIFF,
}
# ![alt](src "title"), src optionally in <…>; alt may hold escaped brackets. No part scans past
# the next bracket, so a body full of unclosed ones costs linear time.
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:\\.|[^\[\]\\])*+)\]\(\s*(?P<src><[^<>\n]*>|[^\s()\[\]<>]++)"
    r"(?:\s+(?:\"(?P<t1>[^\"\n]*)\"|'(?P<t2>[^'\n]*)'))?\s*\)"
)
# Reference-style images (`![alt][ref]`, `![ref]`) and the definitions they use.
_REF_IMAGE = re.compile(r"!\[(?P<alt>(?:\\.|[^\[\]\\])*+)\](?:\s?\[(?P<ref>[^\[\]]*)\])?(?!\()")
_REF_DEF = re.compile(r"^ {0,3}\[(?P<ref>[^\[\]\n]+)\]:\s*<?(?P<url>[^\s>]+)", re.MULTILINE)


@dataclass(frozen=True)
class Photos:
    lead: ImageRef | None
    body: tuple[ImageRef, ...]


def is_decorative(alt: str) -> bool:
    return fold(alt) == fold(DECORATIVE)


def image_ref(source: str, written: str, alt: str, caption: str, line: int) -> ImageRef:
    """A reference whose alt text "trang trí" marks it decorative (published with alt="")."""
    decorative = is_decorative(alt)
    return ImageRef(source, written, "" if decorative else alt, caption, line, decorative)


def reference_images(body: str) -> list[tuple[int, str]]:
    """(line within the body, file) of each image written by reference (`![alt][ref]`):
    the portal publishes only inline photos, whose alt text and caption it can check."""
    text = blank_code(body)
    defined = {fold(m.group("ref")): m.group("url") for m in _REF_DEF.finditer(text)}
    found = []
    lines = Lines(text)
    for match in _REF_IMAGE.finditer(text):
        ref = fold(match.group("ref") or match.group("alt"))
        if ref in defined:
            found.append((lines.of(match.start()), defined[ref]))
    return found


def find_images(body: str) -> list[tuple[int, str, str, str]]:
    """(line within the body, alt, src as written, caption) of each inline image, in order."""
    text = blank_code(body)
    found = []
    lines = Lines(text)
    for match in _IMAGE.finditer(text):
        src = match.group("src")
        if src.startswith("<") and src.endswith(">"):
            src = src[1:-1]
        alt = re.sub(r"\\(.)", r"\1", match.group("alt"))
        title = match.group("t1") or match.group("t2") or ""
        found.append((lines.of(match.start()), " ".join(alt.split()), src.strip(), title))
    return found


def locate(
    root: Path,
    doc_path: str,
    folder: str,
    written: str,
    what: str = "ảnh",
    example: str = "ten-anh.jpg",
) -> str | tuple[str, str]:
    """The file (relative to root) that `written` names, inside `folder`, or (problem, fix)."""
    parts = urlsplit(written)
    if parts.scheme or written.startswith("//"):
        return (
            f'"{written}" là {what} trên trang web khác; cổng chỉ đăng {what} nằm cùng bài viết',
            f"tải {what} về, đặt cạnh tệp bài viết rồi viết ![mô tả]({example})",
        )
    path = unquote(parts.path)
    if path.startswith("/"):
        return (
            f'"{written}" bắt đầu bằng dấu /',
            f"viết đường dẫn tính từ tệp bài viết: {example} hoặc ../anh/{example}",
        )
    target = posixpath.normpath(posixpath.join(posixpath.dirname(doc_path), path))
    if not target.startswith(folder.rstrip("/") + "/"):
        return (
            f'"{written}" nằm ngoài thư mục {folder}/',
            f"đặt {what} trong {folder}/ (cạnh bài viết hoặc trong {folder}/anh/)",
        )
    found = find_file(root, target)
    if found is None:
        directory = (root / target).parent
        names = sorted(p.name for p in directory.iterdir()) if directory.is_dir() else []
        close = closest(posixpath.basename(target), names)
        hint = f'có phải là "{close}"? ' if close else ""
        return (
            f'không có tệp {what} "{target}"',
            f"{hint}chép {what} vào đó hoặc sửa lại đường dẫn",
        )
    return found


def resolve(root: Path, doc_path: str, folder: str, written: str) -> str | tuple[str, str]:
    """The image file (relative to root) that `written` names, or (problem, fix)."""
    ext = posixpath.splitext(unquote(urlsplit(written).path))[1].lower()
    if ext in _REJECTED:
        return (f'"{written}": {_REJECTED[ext][0]}', _REJECTED[ext][1])
    if ext not in EXTENSIONS:
        return (
            f'"{written}" không phải loại ảnh cổng đăng',
            "dùng ảnh JPEG, PNG, GIF hoặc WebP (.jpg, .png, .gif, .webp)",
        )
    return locate(root, doc_path, folder, written)


def is_video(written: str) -> bool:
    """Whether `![…](written)` names a video (shown by `content/videos.py`), not a photo."""
    ext = posixpath.splitext(unquote(urlsplit(written).path))[1].lower()
    return ext in VIDEO_TYPES or ext in OTHER_VIDEOS


def find_file(root: Path, rel: str) -> str | None:
    """`rel` as it is stored on disk; names from macOS may be stored decomposed (NFD)."""
    if (root / rel).is_file():
        return rel
    directory = (root / rel).parent
    wanted = unicodedata.normalize("NFC", posixpath.basename(rel))
    if directory.is_dir():
        for entry in directory.iterdir():
            if unicodedata.normalize("NFC", entry.name) == wanted and entry.is_file():
                return posixpath.join(posixpath.dirname(rel), entry.name)
    return None


def body_images(
    root: Path, doc_path: str, folder: str, body: str, body_line: int
) -> tuple[list[ImageRef], list[ContentError]]:
    refs: list[ImageRef] = []
    errors: list[ContentError] = []
    for offset, alt, src, caption in find_images(body):
        if is_video(src):
            continue
        line = body_line + offset

        def problem(message: str, fix: str, line: int = line) -> None:
            errors.append(ContentError(doc_path, line, "ảnh", message, fix))

        if not alt:
            problem(
                f'ảnh "{src}" chưa có mô tả',
                f"mô tả ảnh cho người khiếm thị: ![Lễ trao tặng …]({src}); "
                f"ảnh chỉ để trang trí: ![{DECORATIVE}]({src})",
            )
        resolved = resolve(root, doc_path, folder, src)
        if isinstance(resolved, tuple):
            problem(*resolved)
            continue
        refs.append(image_ref(resolved, src, alt, caption, line))
    for offset, src in reference_images(body):
        errors.append(
            ContentError(
                doc_path,
                body_line + offset,
                "ảnh",
                f'ảnh "{src}" viết theo kiểu tham chiếu',
                'viết từng ảnh ngay tại chỗ của nó: ![mô tả](ten-anh.jpg "chú thích")',
            )
        )
    return refs, errors


def lead_image(
    root: Path, doc: SourceDoc, folder: str
) -> tuple[ImageRef | None, list[ContentError]]:
    """The front matter's `image` and `image_alt`: the lead photo."""
    problems = Problems(doc)
    written = text_field(doc, "image", problems)
    alt = text_field(doc, "image_alt", problems)
    if not written:
        if alt and not problems.errors:
            problems.add(
                "image_alt", "có mô tả ảnh nhưng chưa có ảnh", "thêm dòng image: ten-anh.jpg"
            )
        return None, problems.errors
    if not alt:  # on the line of `image:`, which is there (an absent image_alt has no line)
        problems.add(
            "image_alt",
            "ảnh đại diện chưa có mô tả cho người khiếm thị",
            'thêm dòng image_alt: "Lãnh đạo Công an tỉnh trao Bằng khen cho …" dưới dòng image',
            doc.lines.get("image_alt") or doc.line_of("image"),
        )
    resolved = resolve(root, doc.path, folder, written)
    if isinstance(resolved, tuple):
        problems.add("image", *resolved)
        return None, problems.errors
    return image_ref(resolved, written, alt, "", doc.line_of("image")), problems.errors


def doc_photos(
    root: Path, docs: Sequence[SourceDoc], folders: Sequence[str]
) -> tuple[dict[str, Photos], list[ContentError]]:
    """The lead photo and body photos of every document, by path, or the problems with them.

    Every document is looked at, valid or not, so a photo problem is reported in the same run
    as a wrong date in the same file.
    """
    found: dict[str, Photos] = {}
    errors: list[ContentError] = []
    for doc in docs:
        folder = next(f for f in folders if doc.path.startswith(f.rstrip("/") + "/"))
        lead, lead_errors = lead_image(root, doc, folder)
        refs, body_errors = (
            body_images(root, doc.path, folder, doc.body, doc.body_line)
            if "![" in doc.body
            else ([], [])
        )
        errors += lead_errors + body_errors
        if lead or refs:
            found[doc.path] = Photos(lead, tuple(refs))
    return found, errors


def attach_images(items: Sequence[Item], photos: dict[str, Photos]) -> list[Item]:
    """Items with their lead photo and body photos."""
    return [
        replace(item, image=photos[item.source].lead, images=photos[item.source].body)
        if item.source in photos
        else item
        for item in items
    ]
