"""Images stage (videos): open each video once with FFmpeg (PyAV), measure it, make its poster.

A file that is not a playable MP4 or WebM is an editor's problem with its fix, never a broken
page. The poster is the editor's picture beside the video, or a frame a second in, as a JPEG
no wider than the video. Results are cached by the files' content (`.cache/images/video-…`),
so an unchanged video is opened once; the cache may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from .. import urls
from ..content.filetypes import VIDEO_TYPES
from ..content.models import Item, VideoRef
from ..text import slugify
from .process import JPEG, ImageProblem, open_photo, to_srgb

VERSION = 1
# What every current browser decodes; anything else plays in some browsers only.
CODECS = {".mp4": ("h264", "av1"), ".webm": ("vp8", "vp9", "av1")}
CONTAINERS = {".mp4": "mp4", ".webm": "webm"}
POSTER_SECONDS = 1.0
POSTER_MAX_WIDTH = 1280


@dataclass(frozen=True)
class Video:
    """A video as pages and feeds use it."""

    source: str
    url: str  # site-relative
    media_type: str
    size: int
    width: int
    height: int
    seconds: float
    poster: str  # site-relative URL of the poster JPEG
    captions: str = ""  # site-relative URL of the WebVTT subtitles, if any


@dataclass
class PreparedVideos:
    videos: dict[str, Video] = field(default_factory=dict)  # by source path
    problems: dict[str, ImageProblem] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # site path -> file to publish

    def of(self, item: Item) -> list[tuple[VideoRef, Video]]:
        """The item's videos that were prepared, in its order, each with how it wrote it."""
        return [(ref, self.videos[ref.source]) for ref in item.videos if ref.source in self.videos]


def digest(path: Path) -> str:
    hasher = hashlib.blake2b(digest_size=10)
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            hasher.update(chunk)
    return hasher.hexdigest()


def probe(path: Path, ext: str) -> tuple[int, int, float] | ImageProblem:
    """(width, height, seconds) of a playable video, or what is wrong with it."""
    wrong = ImageProblem(
        f"tệp không phải video {ext[1:].upper()} phát được, hoặc đã bị hỏng",
        "xuất lại video thành MP4 (H.264) bằng phần mềm dựng phim rồi chép đè tệp này",
    )
    import av  # imported when a video is met: every command starts faster without it

    try:
        with av.open(str(path)) as container:
            if CONTAINERS[ext] not in container.format.name.split(","):
                return wrong
            if not container.streams.video:
                return ImageProblem("tệp không có hình (chỉ có tiếng)", "đăng tệp video có hình")
            stream = container.streams.video[0]
            if stream.codec_context.name not in CODECS[ext]:
                return ImageProblem(
                    f"video nén bằng {stream.codec_context.name.upper()}, "
                    "nhiều trình duyệt không phát được",
                    "xuất lại video thành MP4 (H.264)",
                )
            seconds = float(container.duration or 0) / av.time_base
            return stream.codec_context.width, stream.codec_context.height, seconds
    except (av.error.FFmpegError, OSError, ValueError):
        return wrong


def frame(path: Path, seconds: float) -> Image.Image:
    """The first frame at or after `seconds` (or the last one, in a shorter video)."""
    import av

    with av.open(str(path)) as container:
        picture = None
        for decoded in container.decode(video=0):
            picture = decoded
            if decoded.time is not None and decoded.time >= seconds:
                break
        if picture is None:
            raise ImageProblem("video không có khung hình nào", "xuất lại video")
        return picture.to_image()


def poster_image(path: Path, poster: Path | None, seconds: float, out: Path) -> None:
    """The poster JPEG: the editor's picture, or a frame a second in (mid-way when shorter)."""
    if poster is not None:
        image = to_srgb(open_photo(poster.read_bytes()))
    else:
        image = frame(path, min(POSTER_SECONDS, seconds / 2))
    if image.width > POSTER_MAX_WIDTH:
        height = round(image.height * POSTER_MAX_WIDTH / image.width)
        image = image.resize((POSTER_MAX_WIDTH, height), Image.Resampling.LANCZOS)
    image.convert("RGB").save(out, "JPEG", **JPEG)


def prepare_videos(
    root: Path, refs: Iterable[VideoRef], cache_dir: Path, make_files: bool = True
) -> PreparedVideos:
    """Every video measured, its problems found; with `make_files`, its poster made and its
    files named for the site (readable, and unique by content)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    result = PreparedVideos()
    for ref in {ref.source: ref for ref in refs}.values():
        path, ext = root / ref.source, posixpath.splitext(ref.source)[1].lower()
        poster = root / ref.poster if ref.poster else None
        key = digest(path) + (digest(poster) if poster else "") + f"-{VERSION}"
        meta, jpeg = cache_dir / f"video-{key}.json", cache_dir / f"video-{key}.jpg"
        if meta.is_file():
            width, height, seconds = json.loads(meta.read_text(encoding="utf-8"))
        else:
            measured = probe(path, ext)
            if isinstance(measured, ImageProblem):
                result.problems[ref.source] = measured
                continue
            width, height, seconds = measured
            meta.write_text(json.dumps([width, height, seconds]), encoding="utf-8")
        if make_files and not jpeg.is_file():
            try:
                poster_image(path, poster, seconds, jpeg)
            except ImageProblem as problem:
                result.problems[ref.source] = problem
                continue
        stem = slugify(posixpath.splitext(posixpath.basename(ref.source))[0])[:60] or "video"
        name = f"{stem}-{key[:10]}"
        url, poster_url = urls.video(f"{name}{ext}"), urls.video(f"{name}.jpg")
        captions_url = ""
        if ref.captions:
            captions = root / ref.captions
            captions_url = urls.video(f"{stem}-{digest(captions)[:10]}.vtt")
            result.files[captions_url] = captions
        result.files[url], result.files[poster_url] = path, jpeg
        size = path.stat().st_size
        result.videos[ref.source] = Video(
            ref.source, url, VIDEO_TYPES[ext], size, width, height, seconds, poster_url,
            captions_url,
        )  # fmt: skip
    return result
