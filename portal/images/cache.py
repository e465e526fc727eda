"""Images stage: the cache; process each used photo once, on every core, and remember the result.

An entry is a folder named after the photo's content hash and the processing options
(`process.VERSION`, widths, qualities, Pillow's version), so an unchanged photo is never
processed twice, and a changed option or Pillow upgrade rebuilds everything. The cache lives
outside the site (default `.cache/images/`, git-ignored) and may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import PIL

from .. import urls
from ..text import slugify
from . import process
from .process import Derived, ImageProblem

_OPTIONS = repr(
    (process.VERSION, process.WIDTHS, process.CARD, process.JPEG, process.WEBP, PIL.__version__)
).encode()


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    webp: str  # site-relative URLs
    jpeg: str


@dataclass(frozen=True)
class Picture:
    """A processed photo as pages use it: its widths, in WebP and JPEG, and its share card."""

    source: str
    variants: tuple[Variant, ...]  # narrowest first
    card: Variant  # jpeg only (webp is empty)

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


@dataclass
class Prepared:
    pictures: dict[str, Picture] = field(default_factory=dict)  # by source path
    problems: dict[str, ImageProblem] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # site path -> cached file
    cards: dict[str, tuple[str, Path]] = field(default_factory=dict)  # source -> share card
    processed: int = 0  # photos processed in this run; the rest came from the cache
    cached: int = 0


def cache_key(data: bytes) -> str:
    return hashlib.sha256(_OPTIONS + b"\0" + data).hexdigest()[:32]


def picture_of(
    source: str, key: str, derived: Derived, entry: Path
) -> tuple[Picture, dict[str, Path]]:
    """The published names of an entry's files (the card apart: only lead photos publish
    theirs): readable, and unique by content."""
    stem = slugify(posixpath.splitext(posixpath.basename(source))[0])[:60] or "anh"
    name = f"{stem}-{key[:10]}"
    files: dict[str, Path] = {}
    variants = []
    for width, height in derived.sizes:
        webp, jpeg = urls.image(f"{name}-{width}.webp"), urls.image(f"{name}-{width}.jpg")
        files[webp], files[jpeg] = entry / f"{width}.webp", entry / f"{width}.jpg"
        variants.append(Variant(width, height, webp, jpeg))
    card = urls.image(f"{name}-card.jpg")
    return Picture(source, tuple(variants), Variant(*derived.card, "", card)), files


def prepare(
    root: Path, sources: Iterable[str], cache_dir: Path, workers: int | None = None
) -> Prepared:
    """Pictures for every source (paths relative to root), processing only what is new."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    result = Prepared()
    todo: dict[str, tuple[str, Path]] = {}
    for source in sorted(set(sources)):
        key = cache_key((root / source).read_bytes())
        entry = cache_dir / key
        meta = entry / "meta.json"
        if meta.is_file():
            _add(result, source, key, Derived.from_json(meta.read_text(encoding="utf-8")), entry)
            result.cached += 1
        else:
            todo[source] = (key, entry)
    if not todo:
        return result
    jobs = [(str(root / source), str(entry)) for source, (key, entry) in todo.items()]
    if len(jobs) == 1:
        outcomes = [process.derive_into(*jobs[0])]
    else:
        count = min(len(jobs), workers or os.cpu_count() or 1)
        # spawn: no fork of a process that may hold threads (MkDocs' server, test runners)
        try:
            with ProcessPoolExecutor(count, mp_context=get_context("spawn")) as pool:
                outcomes = list(pool.map(process.derive_into, *zip(*jobs, strict=True)))
        except BrokenProcessPool:  # a worker died (out of memory, a crash in a decoder)
            crashed = ImageProblem(
                "máy dừng xử lý ảnh giữa chừng (có thể do hết bộ nhớ) khi ảnh này chưa xong",
                "lưu lại ảnh thành JPEG, chiều rộng tối đa 4000 px, rồi dựng lại trang",
            )
            outcomes = [
                Derived.from_json((entry / "meta.json").read_text(encoding="utf-8"))
                if (entry / "meta.json").is_file()
                else crashed
                for _, entry in todo.values()
            ]
    for (source, (key, entry)), outcome in zip(todo.items(), outcomes, strict=True):
        if isinstance(outcome, ImageProblem):
            result.problems[source] = outcome
        else:
            _add(result, source, key, outcome, entry)
            result.processed += 1
    return result


def inspect(
    root: Path, sources: Iterable[str], cache_dir: Path, workers: int | None = None
) -> dict[str, ImageProblem]:
    """The problems `prepare` would find, without processing or caching anything: a photo
    already in the cache is sound, any other one is decoded once."""
    todo = [
        source
        for source in sorted(set(sources))
        if not (cache_dir / cache_key((root / source).read_bytes()) / "meta.json").is_file()
    ]
    paths = [str(root / source) for source in todo]
    if len(paths) <= 4:
        outcomes = [process.check_file(path) for path in paths]
    else:
        count = min(len(paths), workers or os.cpu_count() or 1)
        with ProcessPoolExecutor(count, mp_context=get_context("spawn")) as pool:
            outcomes = list(pool.map(process.check_file, paths, chunksize=8))
    return {source: problem for source, problem in zip(todo, outcomes, strict=True) if problem}


def _add(result: Prepared, source: str, key: str, derived: Derived, entry: Path) -> None:
    picture, files = picture_of(source, key, derived, entry)
    result.pictures[source] = picture
    result.files.update(files)
    result.cards[source] = (picture.card.jpeg, entry / "card.jpg")
