"""Image references and derivative sizes: the pure parts of the photo pipeline."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PIL import Image

from portal.content.photos import find_images, is_decorative, resolve
from portal.images.process import share_card, target_widths


def test_find_images_reads_alt_path_and_caption_and_skips_code() -> None:
    body = (
        'Mở đầu ![Lễ \\] trao](anh/le.jpg "Chú thích ảnh")\n'
        "`![không](code.jpg)`\n"
        "```\n![không](fenced.jpg)\n```\n"
        "![Ảnh](<anh/có dấu cách.png>)\n"
    )
    assert find_images(body) == [
        (0, "Lễ ] trao", "anh/le.jpg", "Chú thích ảnh"),
        (5, "Ảnh", "anh/có dấu cách.png", ""),
    ]


def test_decorative_is_marked_by_the_alt_text() -> None:
    assert is_decorative("Trang trí") and is_decorative(" TRANG  TRÍ ")
    assert not is_decorative("Trang trại")


def test_resolve_finds_a_file_stored_with_a_decomposed_name(tmp_path: Path) -> None:
    name = unicodedata.normalize("NFD", "hội-nghị.jpg")
    (tmp_path / "news/2024").mkdir(parents=True)
    (tmp_path / "news/2024" / name).write_bytes(b"x")
    found = resolve(tmp_path, "news/2024/tin.md", "news", "hội-nghị.jpg")
    assert found == f"news/2024/{name}"


def test_resolve_keeps_photos_inside_the_items_folder(tmp_path: Path) -> None:
    problem = resolve(tmp_path, "news/2024/tin.md", "news", "../../notices/a.jpg")
    assert isinstance(problem, tuple) and "nằm ngoài thư mục news/" in problem[0]


def test_widths_are_never_upscaled() -> None:
    assert target_widths(4000) == (480, 960, 1600)
    assert target_widths(1600) == (480, 960, 1600)
    assert target_widths(1200) == (480, 960, 1200)
    assert target_widths(300) == (300,)


def test_share_card_is_1200_by_630_or_a_smaller_crop_of_that_shape() -> None:
    assert share_card(Image.new("RGB", (4000, 3000))).size == (1200, 630)
    assert share_card(Image.new("RGB", (1500, 2000))).size == (1200, 630)
    small = share_card(Image.new("RGB", (800, 600))).size
    assert small == (800, 420)
