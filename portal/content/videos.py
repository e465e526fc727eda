"""Content stage (validate): find the videos an item shows and check the files beside them.

Editors write a video like a photo, `![mô tả](clip.mp4 "chú thích")`, with the file beside the
Markdown (or in a shared folder of news/ or notices/). MP4 and WebM play in every browser;
other formats are refused with the fix. Subtitles in `clip.vtt` and a poster picture in
`clip.jpg` beside the video are used when present; without a poster the build takes a frame.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import ContentError
from .filetypes import OTHER_VIDEOS
from .load import SourceDoc
from .models import Item, VideoRef
from .photos import find_file, find_images, is_video, locate

FIELD = "video"
MAX_BYTES = 100 * 1024 * 1024  # a citizen's phone plays it over a slow link
POSTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
WEBVTT = b"WEBVTT"


def beside(root: Path, source: str, extensions: Sequence[str]) -> str:
    """The file next to `source` with the same name and one of `extensions`, or ""."""
    stem = posixpath.splitext(source)[0]
    for ext in extensions:
        found = find_file(root, stem + ext) or find_file(root, stem + ext.upper())
        if found:
            return found
    return ""


def check_video(root: Path, rel: str) -> tuple[str, str] | None:
    """What is wrong with the video file and its subtitles, as (problem, fix), or None.
    Whether it really is a playable video is checked when it is probed."""
    size = (root / rel).stat().st_size
    if size > MAX_BYTES:
        megabytes = size // (1024 * 1024)
        return (
            f'video "{rel}" nặng {megabytes} MB, quá {MAX_BYTES // (1024 * 1024)} MB',
            "nén lại video (ví dụ 720p, H.264) rồi chép đè tệp này",
        )
    return None


def check_captions(root: Path, rel: str) -> tuple[str, str] | None:
    data = (root / rel).read_bytes()
    if not data.lstrip(b"\xef\xbb\xbf").startswith(WEBVTT):
        return (
            f'tệp phụ đề "{rel}" không phải WebVTT',
            'dòng đầu tiên của tệp phụ đề là "WEBVTT"; lưu tệp bằng UTF-8',
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return (f'tệp phụ đề "{rel}" không lưu bằng UTF-8', "lưu lại tệp phụ đề với mã UTF-8")
    return None


def body_videos(
    root: Path, doc_path: str, folder: str, body: str, body_line: int
) -> tuple[list[VideoRef], list[ContentError]]:
    refs: list[VideoRef] = []
    errors: list[ContentError] = []
    for offset, description, src, caption in find_images(body):
        if not is_video(src):
            continue
        line = body_line + offset

        def problem(message: str, fix: str, line: int = line) -> None:
            errors.append(ContentError(doc_path, line, FIELD, message, fix))

        ext = posixpath.splitext(src)[1].lower()
        if ext in OTHER_VIDEOS:
            problem(
                f'video "{src}" là tệp {ext[1:].upper()}, nhiều trình duyệt không phát được',
                "xuất lại video thành MP4 (H.264) hoặc WebM rồi viết ![mô tả](ten-video.mp4)",
            )
            continue
        if not description:
            problem(
                f'video "{src}" chưa có mô tả',
                f'mô tả nội dung video cho người không xem được: ![Tin ANTT: …]({src} "chú thích")',
            )
        resolved = locate(root, doc_path, folder, src, "video", "ten-video.mp4")
        if isinstance(resolved, tuple):
            problem(*resolved)
            continue
        wrong = check_video(root, resolved)
        captions = beside(root, resolved, (".vtt",))
        wrong = wrong or (check_captions(root, captions) if captions else None)
        if wrong:
            problem(*wrong)
            continue
        poster = beside(root, resolved, POSTER_EXTENSIONS)
        refs.append(VideoRef(resolved, src, description, caption, line, captions, poster))
    return refs, errors


def doc_videos(
    root: Path, docs: Sequence[SourceDoc], folders: Sequence[str]
) -> tuple[dict[str, tuple[VideoRef, ...]], list[ContentError]]:
    """The videos of every document, by path, or the problems with them."""
    found: dict[str, tuple[VideoRef, ...]] = {}
    errors: list[ContentError] = []
    for doc in docs:
        if "![" not in doc.body:
            continue
        folder = next(f for f in folders if doc.path.startswith(f.rstrip("/") + "/"))
        refs, problems = body_videos(root, doc.path, folder, doc.body, doc.body_line)
        errors += problems
        if refs:
            found[doc.path] = tuple(refs)
    return found, errors


def attach_videos(items: Sequence[Item], videos: dict[str, tuple[VideoRef, ...]]) -> list[Item]:
    return [
        replace(item, videos=videos[item.source]) if item.source in videos else item
        for item in items
    ]
