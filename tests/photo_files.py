"""Photos made by Pillow for the tests, the way cameras, phones and editors deliver them."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image

RED, BLUE = (220, 20, 30), (20, 40, 220)
SECRETS = (b"ExamplePhone", b"Nguyen Van A", b"<x:xmpmeta", b"GPS")


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def phone_jpeg(shown: tuple[int, int] = (1500, 2000)) -> bytes:
    """A portrait phone photo stored sideways (EXIF orientation 6) with GPS, camera and owner
    tags and XMP. Upright, its top half is red and its bottom half blue."""
    width, height = shown
    upright = Image.new("RGB", shown, RED)
    upright.paste(BLUE, (0, height // 2, width, height))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "ExamplePhone", "EP-12"
    exif[ExifTags.Base.Artist] = "Nguyen Van A"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (10.0, 32.0, 24.0), 3: "E", 4: (106.0, 24.0, 36.0)})
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what the sensor wrote
    return _save(stored, "JPEG", exif=exif.tobytes(), xmp=b"<x:xmpmeta>Nguyen Van A</x:xmpmeta>")


def cmyk_jpeg() -> bytes:
    """A print-shop CMYK JPEG, pure cyan."""
    return _save(Image.new("CMYK", (1000, 700), (255, 0, 0, 0)), "JPEG")


def transparent_png() -> bytes:
    """A PNG with transparency: clear all round, a red square in the middle."""
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    image.paste((*RED, 255), (200, 100, 400, 300))
    return _save(image, "PNG")


def palette_gif() -> bytes:
    """A small palette GIF: smaller than every standard width, so never upscaled."""
    return _save(Image.new("RGB", (300, 200), BLUE).convert("P"), "GIF")


def corrupt() -> bytes:
    return b"\xff\xd8\xff\xe0 this is not really a JPEG " * 20


def truncated_jpeg() -> bytes:
    data = _save(Image.effect_noise((800, 600), 60).convert("RGB"), "JPEG")
    return data[: len(data) // 2]


def oversized_png(width: int = 12_500, height: int = 8) -> bytes:
    """Wider than any photo should be; cheap to make, refused before decoding."""
    return _save(Image.new("L", (width, height)), "PNG")


def bomb_png(side: int = 60_000) -> bytes:
    """A tiny PNG whose header claims side×side pixels: a decompression bomb."""
    data = bytearray(_save(Image.new("L", (8, 8)), "PNG"))
    ihdr = 8 + 8  # signature, then the IHDR chunk's length and type
    data[ihdr : ihdr + 8] = struct.pack(">II", side, side)
    crc = zlib.crc32(bytes(data[ihdr - 4 : ihdr + 13]))
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def heic_named_jpg() -> bytes:
    """The start of an iPhone HEIC file, as when one is renamed to .jpg."""
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
