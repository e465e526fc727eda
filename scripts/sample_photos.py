#!/usr/bin/env python3
"""Draw the sample content's illustrative photos (no real photo is published in the sample).

They are made the way phones deliver photos: large, with EXIF that the portal must strip (a
GPS position, the camera, an owner's name, XMP), and one stored sideways with EXIF
orientation 6. Deterministic; run again only to change the pictures.
Usage: python scripts/sample_photos.py
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
GREEN, RED, YELLOW = (64, 84, 52), (178, 24, 30), (250, 214, 80)


def exif(orientation: int = 1) -> bytes:
    """What a phone writes: camera, owner, time and where the photo was taken."""
    data = Image.Exif()
    data[0x010F], data[0x0110] = "ExamplePhone", "EP-12 Pro"  # Make, Model
    data[0x013B] = "Nguyen Van A (owner)"  # Artist
    data[0x0132] = "2023:11:20 09:15:00"
    data[0x0112] = orientation
    gps = data.get_ifd(0x8825)
    gps.update({1: "N", 2: (10.0, 32.0, 24.0), 3: "E", 4: (106.0, 24.0, 36.0)})
    return data.tobytes()


def crowd(draw: ImageDraw.ImageDraw, rng: random.Random, width: int, top: int, rows: int) -> None:
    for row in range(rows):
        y = top + row * 90
        for x in range(-40 + (row % 2) * 50, width, 100):
            shade = tuple(max(0, c + rng.randint(-12, 12)) for c in GREEN)
            draw.ellipse((x + 25, y - 55, x + 75, y - 5), fill=(rng.randint(150, 200), 120, 90))
            draw.rounded_rectangle((x + 5, y, x + 95, y + 120), 30, fill=shade)


def ceremony(size: tuple[int, int], seed: int, banner: str) -> Image.Image:
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, (232, 226, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, height * 0.55), fill=RED)
    font = ImageFont.truetype(FONT, width // 30)
    for index, line in enumerate(banner.split("\n")):
        draw.text((width / 2, height * (0.12 + 0.09 * index)), line, YELLOW, font, anchor="mm")
    draw.rectangle((0, height * 0.55, width, height * 0.62), fill=(120, 70, 40))
    crowd(draw, rng, width, int(height * 0.66), 4)
    small = ImageFont.truetype(FONT, width // 60)
    draw.text((width - 20, height - 20), "Ảnh minh họa", (255, 255, 255), small, anchor="rd")
    noise = Image.effect_noise(size, 18).convert("RGB")
    return Image.blend(image.filter(ImageFilter.GaussianBlur(1.2)), noise, 0.06)


def main() -> None:
    banner = "HỘI NGHỊ TỔNG KẾT PHONG TRÀO\nTOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC\n2018 - 2023"
    awards = ceremony((2400, 1600), 1, banner)
    target = REPO / "news/2023/khen-thuong-2018-2023.jpg"
    awards.save(target, quality=88, exif=exif(), xmp=b"<x:xmpmeta>owner</x:xmpmeta>")
    hall = ceremony((2000, 1500), 2, "TRAO BẰNG KHEN\nCHO CÁC TẬP THỂ, CÁ NHÂN")
    hall.save(REPO / "news/2023/trao-bang-khen.jpg", quality=88, exif=exif())
    # A portrait photo as a phone stores it: pixels sideways, EXIF orientation 6 to turn it.
    fire = ceremony((1500, 2000), 3, "NGÀY TOÀN DÂN\nPHÒNG CHÁY\nCHỮA CHÁY 4/10")
    sideways = fire.transpose(Image.Transpose.ROTATE_90)
    sideways.save(REPO / "news/2017/tuyen-truyen-pccc.jpg", quality=88, exif=exif(6))


if __name__ == "__main__":
    main()
