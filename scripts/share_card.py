#!/usr/bin/env python3
"""Draw a share card (1200×630 JPEG): the picture a shared link shows when its page has no
lead photo. With the site's name, for this sample (`share_card:` in mkdocs.yml); `--generic`
draws the portal's own, without a name, which ships in the package (portal/theme/assets/) and
serves every site that sets no `share_card`.
Usage: python scripts/share_card.py [--name "Công an tỉnh Long An"] [--out path.jpg] [--generic]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parent.parent
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
RED, YELLOW, WHITE = (160, 20, 26), (250, 214, 80), (255, 255, 255)


def site_name(config: Path) -> str:
    match = re.search(r"^site_name:\s*(.+)$", config.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1).strip().strip("\"'") if match else "Công an tỉnh"


def draw(name: str, subtitle: str, emblem: Path) -> Image.Image:
    card = Image.new("RGB", (1200, 630), RED)
    pen = ImageDraw.Draw(card)
    pen.rectangle((0, 560, 1200, 630), fill=(120, 12, 18))
    with Image.open(emblem) as mark:
        mark = mark.convert("RGBA")  # at its own size: an upscaled emblem looks blurred
        card.paste(mark, (600 - mark.width // 2, 250 - mark.height), mark)
    pen.text((600, 360), name.upper(), YELLOW, ImageFont.truetype(BOLD, 64), anchor="mm")
    pen.text((600, 440), subtitle, WHITE, ImageFont.truetype(REGULAR, 40), anchor="mm")
    pen.text((600, 595), "Người dân cần biết · Tin tức · Văn bản", WHITE,
             ImageFont.truetype(REGULAR, 28), anchor="mm")  # fmt: skip
    return card


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", default=site_name(REPO / "mkdocs.yml"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--generic", action="store_true", help="the portal's own, no name")
    args = parser.parse_args()
    emblem = REPO / "portal/theme/assets/emblem-144.png"
    if args.generic:
        card = draw("Trang thông tin điện tử", "Lực lượng Công an nhân dân", emblem)
        out = args.out or REPO / "portal/theme/assets/portal-share-card.jpg"
    else:
        card = draw(args.name, "Trang thông tin điện tử", emblem)
        out = args.out or REPO / "content/assets/share-card.jpg"
    card.save(out, "JPEG", quality=85, optimize=True, progressive=True)


if __name__ == "__main__":
    main()
