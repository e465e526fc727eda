"""A synthetic Vietnamese news corpus, for the benchmark and the end-to-end tests."""

from __future__ import annotations

import io
import random
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from portal.dates import TZ

CATEGORIES = [
    ("Tin hoạt động", "", "tin-hoat-dong"),
    ("Tin an ninh trật tự", "ANTT", "an-ninh-trat-tu"),
    ("Người dân cần biết", "", "nguoi-dan-can-biet"),
    ("Phòng cháy chữa cháy", "PCCC", "phong-chay-chua-chay"),
    ("Giao thông", "", "giao-thong"),
]
_WORDS = (
    "công an tỉnh phong trào toàn dân bảo vệ an ninh Tổ quốc cơ quan doanh nghiệp nhà trường "
    "trật tự an toàn giao thông phòng cháy chữa cháy người dân tuyên truyền kế hoạch hội nghị "
    "triển khai mô hình camera khu công nghiệp Đảng ủy huyện xã phường thị trấn tội phạm"
).split()
_TAGS = [
    "ANTT",
    "Phong trào Toàn dân bảo vệ ANTQ",
    "PCCC",
    "An toàn giao thông",
    "Camera an ninh",
    "Cơ quan doanh nghiệp",
    "Tuyên truyền",
    "Khu công nghiệp",
    "Thi đua khen thưởng",
]


def mkdocs_yml(
    page_size: int = 10,
    site_url: str = "https://congan.example.vn/",
    custom_dir: Path | None = None,
) -> str:
    """A test project's configuration: the portal's packaged theme, unless `custom_dir` (a
    site's own overrides, or the templates of an older checkout) comes first."""
    lines = [
        "site_name: Công an tỉnh (thử nghiệm)",
        f"site_url: {site_url}",
        "docs_dir: content",
        "theme:",
        "  name: material",
        *([f"  custom_dir: {custom_dir}"] if custom_dir else []),
        "  language: vi",
        "  font: false",
        "plugins:",
        "  - portal:",
        f"      page_size: {page_size}",
        "      categories:",
    ]
    for name, short, slug in CATEGORIES:
        lines += [f"        - name: {name}", f"          url: {slug}"]
        if short:
            lines.append(f"          short: {short}")
    lines += ["nav:", "  - Trang chủ: index.md"]
    return "\n".join(lines) + "\n"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


SHAPES = ("bench", "long")  # short items with a heading and a list; long plain articles


def news_item(
    index: int,
    rng: random.Random,
    start: datetime,
    step_hours: int,
    photo: bool = False,
    shape: str = "bench",
) -> tuple[str, str]:
    """One item: its path under news/ and its text; with `photo`, a lead photo named after
    the item (`photo_file` draws it). `shape`: "bench", four short paragraphs, a heading and a
    list, two tags of nine; "long", four to nine long paragraphs of plain text and nothing
    else, two tags of eight."""
    date = start + timedelta(hours=step_hours * index + rng.randrange(6))
    name, _, _ = CATEGORIES[index % len(CATEGORIES)]
    tags = rng.sample(_TAGS if shape == "bench" else _TAGS[:8], 2)
    title = f"{_sentence(rng, 8)[:-1]} số {index}"
    if shape == "long":
        count, words = rng.randrange(4, 10), (60, 160)
    else:
        count, words = 4, (25, 60)
    paragraphs = "\n\n".join(_sentence(rng, rng.randrange(*words)) for _ in range(count))
    rest = (
        f"\n\n## {_sentence(rng, 5)[:-1]}\n\n- {_sentence(rng, 10)}\n- {_sentence(rng, 12)}\n"
        if shape == "bench"
        else "\n"
    )
    text = (
        f'---\ntitle: "{title}"\ndate: {date:%Y-%m-%d %H:%M}\ncategory: {name}\n'
        f"tags: [{', '.join(tags)}]\n"
        + (
            f'image: bai-{index:05d}.jpg\nimage_alt: "Ảnh minh họa bài số {index}"\n'
            if photo
            else ""
        )
        + f"---\n\n{paragraphs}{rest}"
    )
    return f"news/{date.year}/bai-{index:05d}.md", text


def photo_file(index: int, size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A camera-sized JPEG that compresses like a photo (shapes, gradients, sensor noise),
    different for every index so that no two share a cache entry."""
    rng = random.Random(index)
    width, height = size
    small = Image.effect_noise((width // 8, height // 8), 40).convert("RGB")
    image = small.resize(size, Image.Resampling.BILINEAR)
    pen = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(80, width // 3), rng.randrange(80, height // 3)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        pen.ellipse((x, y, x + w, y + h), fill=colour)
    pen.text((width // 20, height // 20), f"Ảnh {index}", fill=(255, 255, 255))
    image = image.filter(ImageFilter.GaussianBlur(2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _write_photo(path: Path, index: int) -> None:
    path.write_bytes(photo_file(index))


def write_corpus(
    root: Path,
    count: int,
    seed: int = 7,
    page_size: int = 10,
    photos: int = 0,
    shape: str = "bench",
    overrides: Path | None = None,
) -> Path:
    """Write a portal project of `count` items under `root`; returns the mkdocs.yml path.
    The first `photos` items get a 4000×3000 lead photo beside them (drawn on every core)."""
    rng = random.Random(seed)
    start = datetime(2012, 1, 1, 8, 0, tzinfo=TZ)
    step_hours = max(7, 6 * 365 * 24 // max(count, 1))  # small corpora still span several years
    jobs: list[tuple[Path, int]] = []
    for index in range(count):
        rel, text = news_item(index, rng, start, step_hours, photo=index < photos, shape=shape)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if index < photos:
            jobs.append((path.with_suffix(".jpg"), index))
    if jobs:
        with ProcessPoolExecutor(mp_context=get_context("spawn")) as pool:
            list(pool.map(_write_photo, *zip(*jobs, strict=True)))
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "index.md").write_text(
        "---\ntemplate: home.html\ntitle: Trang chủ\n---\n\nTrang thử nghiệm.\n", encoding="utf-8"
    )
    config = root / "mkdocs.yml"
    # Another checkout's templates, when it keeps them in overrides/ (scripts/bench.py --portal).
    config.write_text(mkdocs_yml(page_size, custom_dir=overrides), encoding="utf-8")
    return config
