"""Images stage: turn one camera photo into the small, clean files a phone downloads.

Orientation from EXIF applied, colours converted to sRGB, resized to a few widths (never
upscaled), written as WebP and JPEG with no metadata at all (no EXIF, GPS, XMP, IPTC or ICC),
plus a 1200×630 share card. Everything here works on one file and knows nothing of the cache.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

WIDTHS = (480, 960, 1600)
CARD = (1200, 630)
FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
MAX_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 50_000_000  # 50 megapixels: more than any phone camera
MAX_SIDE = 12_000
JPEG = {"quality": 80, "optimize": True, "progressive": True}
WEBP = {"quality": 75, "method": 4}
# Bump when the output changes for the same input, so the cache is rebuilt.
VERSION = "1"
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageProblem(Exception):
    """A photo that cannot be published, with what to do about it."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # crosses process boundaries
        return (ImageProblem, (self.message, self.fix))


@dataclass(frozen=True)
class Derived:
    """What processing one photo produced: sizes of each width and of the card."""

    sizes: tuple[tuple[int, int], ...]  # (width, height) of each derivative, narrowest first
    card: tuple[int, int]

    def to_json(self) -> str:
        return json.dumps({"sizes": self.sizes, "card": self.card})

    @classmethod
    def from_json(cls, text: str) -> Derived:
        data = json.loads(text)
        return cls(
            tuple(tuple(s) for s in data["sizes"]),  # type: ignore[misc]
            tuple(data["card"]),  # type: ignore[arg-type]
        )


def target_widths(width: int) -> tuple[int, ...]:
    """The widths to publish: the standard ones below the photo's width, and the photo's own
    width (or the largest standard one) on top. Never upscaled."""
    below = tuple(w for w in WIDTHS if w < width)
    return below + ((width,) if width <= WIDTHS[-1] else ())


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a site asset such as the default share card; None if unreadable."""
    try:
        with Image.open(path) as image:
            return image.size
    except OSError:
        return None


def open_photo(data: bytes) -> Image.Image:
    """Decode a photo safely: bounded size, known format, fully read; else ImageProblem."""
    if len(data) > MAX_BYTES:
        raise ImageProblem(
            f"tệp nặng {len(data) // (1024 * 1024)} MB (tối đa {MAX_BYTES // (1024 * 1024)} MB)",
            "xuất lại ảnh thành JPEG, chiều rộng tối đa 4000 px",
        )
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypheif"):
        raise ImageProblem("đây là ảnh HEIC (chụp bằng iPhone)", "xuất ảnh thành JPEG")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_large() from None
    except UnidentifiedImageError:
        raise ImageProblem(
            "tệp không phải ảnh JPEG, PNG, GIF hay WebP, hoặc đã bị hỏng",
            "mở ảnh bằng phần mềm xem ảnh và lưu lại thành JPEG",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise _corrupt() from None
    width, height = image.size
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise _too_large(width, height)
    # Decode JPEGs at the smallest scale (1/2, 1/4, 1/8) still as wide as the widest
    # derivative, once upright: four to sixteen times less work for a camera photo.
    upright_width = (1, WIDTHS[-1]) if image.getexif().get(0x0112) in (5, 6, 7, 8) else None
    image.draft(image.mode, upright_width or (WIDTHS[-1], 1))
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):
        raise _corrupt() from None
    return image


def _corrupt() -> ImageProblem:
    return ImageProblem(
        "tệp ảnh bị thiếu hoặc hỏng",
        "chép lại ảnh từ máy ảnh, hoặc lưu lại thành JPEG",
    )


def _too_large(width: int = 0, height: int = 0) -> ImageProblem:
    size = f"có kích thước {width}×{height} px" if width else "quá nhiều điểm ảnh"
    return ImageProblem(
        f"ảnh {size}; tối đa {MAX_SIDE} px mỗi chiều và {MAX_PIXELS // 1_000_000} triệu điểm ảnh",
        "thu nhỏ ảnh còn chiều rộng tối đa 4000 px rồi lưu thành JPEG",
    )


def to_srgb(image: Image.Image) -> Image.Image:
    """Upright, 8-bit sRGB RGB on white, with nothing of the original's metadata."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode in ("P", "PA", "LA", "RGBA", "La", "RGBa") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif icc and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            image = image.convert("RGB")
    else:
        image = image.convert("RGB")
    clean = Image.new("RGB", image.size)
    clean.paste(image)  # a new image: no info, EXIF, XMP or ICC carried over
    return clean


def share_card(image: Image.Image) -> Image.Image:
    """The 1200×630 crop social networks show; a smaller photo is cropped, not upscaled."""
    width, height = image.size
    ratio = CARD[0] / CARD[1]
    box = (min(width, round(height * ratio)), min(height, round(width / ratio)))
    size = CARD if box[0] >= CARD[0] else box
    return ImageOps.fit(image, size, Image.Resampling.LANCZOS, centering=(0.5, 0.4))


def derive(data: bytes, out_dir: Path) -> Derived:
    """Write `<width>.webp`, `<width>.jpg`, `card.jpg` and `meta.json` into out_dir."""
    image = to_srgb(open_photo(data))
    width, height = image.size
    sizes = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for target in target_widths(width):
        h = max(1, round(height * target / width))
        resized = (
            image
            if target == width
            else image.resize((target, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        resized.save(out_dir / f"{target}.webp", "WEBP", **WEBP)
        resized.save(out_dir / f"{target}.jpg", "JPEG", **JPEG)
        sizes.append((target, h))
    card = share_card(image)
    card.save(out_dir / "card.jpg", "JPEG", **JPEG)
    derived = Derived(tuple(sizes), card.size)
    (out_dir / "meta.json").write_text(derived.to_json(), encoding="utf-8")
    return derived


def derive_into(source: str, entry: str) -> Derived | ImageProblem:
    """Process `source` into the cache folder `entry`, atomically; runs in a worker process.

    Writes into a temporary folder and renames it, so an interrupted build never leaves a
    half-written entry that a later build would trust.
    """
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    target = Path(entry)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        derived = derive(Path(source).read_bytes(), temporary)
    except ImageProblem as problem:
        shutil.rmtree(temporary, ignore_errors=True)
        return problem
    except Exception:  # noqa: BLE001 (an odd file must give a message, not a traceback)
        shutil.rmtree(temporary, ignore_errors=True)
        return _unreadable()
    try:
        temporary.rename(target)
    except OSError:  # another build stored the same photo meanwhile
        shutil.rmtree(temporary, ignore_errors=True)
    return derived


def check_file(source: str) -> ImageProblem | None:
    """What processing `source` would report, found by decoding it (at the smallest scale)
    without writing anything; runs in a worker process."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        open_photo(Path(source).read_bytes())
    except ImageProblem as problem:
        return problem
    except Exception:  # noqa: BLE001 (an odd file must give a message, not a traceback)
        return _unreadable()
    return None


def _unreadable() -> ImageProblem:
    return ImageProblem(
        "không đọc được tệp ảnh",
        "mở ảnh bằng phần mềm xem ảnh và lưu lại thành JPEG",
    )
