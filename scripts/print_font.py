#!/usr/bin/env python3
"""Make the print font: Liberation Serif 2 (metric twin of Times New Roman, SIL OFL 1.1) cut to
the letters Vietnamese and Latin text need, as WOFF2, renamed "Portal Serif" (the licence
reserves the name "Liberation" for unmodified fonts).

Printed notices use it (portal/theme/assets/print.css), so every reader's printer gets the same
serif with every Vietnamese letter, where Times New Roman is missing (Linux, Android).
Needs Debian's fonts-liberation2 and `pip install fonttools==4.68.0 brotli==1.2.1`.
Usage: python scripts/print_font.py [--source /usr/share/fonts/truetype/liberation2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "portal/theme/assets/fonts"
FAMILY = "Portal Serif"
STYLES = {"Regular": "regular", "Bold": "bold", "Italic": "italic", "BoldItalic": "bold-italic"}
# Basic Latin and Latin-1, the Vietnamese letters (Ă Đ Ĩ Ũ Ơ Ư and the Latin Extended
# Additional block), combining marks (text that arrives decomposed), general punctuation, ₫, №.
UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x100), 0x102, 0x103, 0x110, 0x111, 0x128, 0x129,
    0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0, *range(0x300, 0x310), 0x323, *range(0x1EA0, 0x1EFA),
    *range(0x2010, 0x2028), *range(0x2030, 0x203B), 0x20AB, 0x20AC, 0x2116, 0x2122,
]  # fmt: skip


def make(source: Path, style: str, out: Path) -> None:
    font = TTFont(source / f"LiberationSerif-{style}.ttf")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "mark", "mkmk", "ccmp", "locl"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    names = font["name"]
    label = style.replace("BoldItalic", "Bold Italic")
    for record in list(names.names):
        if record.nameID == 1:
            names.setName(FAMILY, 1, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(
                f"{FAMILY} {label}", 4, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID == 6:
            ps = f"PortalSerif-{style}"
            names.setName(ps, 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName(
                f"{FAMILY} {label}; subset", 3, record.platformID, record.platEncID, record.langID
            )
    font.flavor = "woff2"
    font.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=Path("/usr/share/fonts/truetype/liberation2")
    )
    source = parser.parse_args().source
    OUT.mkdir(parents=True, exist_ok=True)
    for style, name in STYLES.items():
        out = OUT / f"portal-serif-{name}.woff2"
        make(source, style, out)
        print(f"{out.relative_to(REPO)}: {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
