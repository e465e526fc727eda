#!/usr/bin/env python3
"""Make the sample site's short video (H.264 MP4, a few seconds of titled frames) with PyAV and
Pillow: sample content is written here, never downloaded.
Usage: python scripts/sample_video.py [--out news/2020/tin-antt-22-9-2020.mp4]
"""

from __future__ import annotations

import argparse
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "news/2020/tin-antt-22-9-2020.mp4"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SIZE, FPS, SECONDS = (640, 360), 10, 4
RED, DARK, YELLOW, WHITE = (160, 20, 26), (120, 12, 18), (250, 214, 80), (255, 255, 255)
# What each second of the clip says (the .vtt beside it carries the same words as subtitles).
SCENES = (
    ("TIN AN NINH TRẬT TỰ", "Ngày 22/9/2020"),
    ("Tuần tra, kiểm soát", "trên Quốc lộ 1 và Quốc lộ 62"),
    ("Người dân cần biết", "Gọi 113 khi phát hiện tội phạm"),
    ("Công an tỉnh Long An", "Video minh họa"),
)


def font(path: str, size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.truetype(path, size)
    except OSError:  # no DejaVu on this machine: Pillow's own font has Vietnamese too
        return ImageFont.load_default(size)


def scene(title: str, line: str, progress: float) -> Image.Image:
    frame = Image.new("RGB", SIZE, RED)
    pen = ImageDraw.Draw(frame)
    pen.rectangle((0, 290, SIZE[0], SIZE[1]), fill=DARK)
    pen.rectangle((0, 290, int(SIZE[0] * progress), 296), fill=YELLOW)
    pen.text((SIZE[0] // 2, 130), title, font=font(BOLD, 40), fill=YELLOW, anchor="mm")
    pen.text((SIZE[0] // 2, 200), line, font=font(REGULAR, 28), fill=WHITE, anchor="mm")
    pen.text((24, 326), "TIN ANTT", font=font(BOLD, 22), fill=WHITE, anchor="lm")
    return frame


def write(out: Path) -> None:
    with av.open(str(out), "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = *SIZE, "yuv420p"
        stream.time_base = Fraction(1, FPS)
        stream.options = {"crf": "30", "preset": "slow", "tune": "stillimage"}
        total = FPS * SECONDS
        for index in range(total):
            title, line = SCENES[index * len(SCENES) // total]
            picture = av.VideoFrame.from_image(scene(title, line, (index + 1) / total))
            picture.pts = index
            container.mux(stream.encode(picture))
        container.mux(stream.encode())
        # No creation time in the file: the same script gives the same bytes.
        container.metadata.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    out = parser.parse_args().out
    write(out)
    print(f"{out}: {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
