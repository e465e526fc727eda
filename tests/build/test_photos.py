"""Photos end to end: Pillow-made files in, published derivatives and markup out."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from portal.images.cache import prepare
from tests import photo_files as pf
from tests.conftest import item

ARTICLE = "tin-tuc/le-trao-tang"
BODY = """Lễ trao tặng Bằng khen tại hội trường Công an tỉnh.

![Toàn cảnh hội trường, phông nền in tên hội nghị](anh/cmyk.jpg "Toàn cảnh lễ trao tặng")

![Biểu trưng trên sân khấu](anh/trong-suot.png)

Một dòng chữ có ảnh nhỏ ![trang trí](anh/hoa-van.gif) ở giữa.
"""
SOURCES = {
    "news/2024/anh/phone.jpg": pf.phone_jpeg(),
    "news/2024/anh/cmyk.jpg": pf.cmyk_jpeg(),
    "news/2024/anh/trong-suot.png": pf.transparent_png(),
    "news/2024/anh/hoa-van.gif": pf.palette_gif(),
}


def photo_item(body: str = BODY, **fields: str) -> str:
    fields.setdefault("image", "anh/phone.jpg")
    fields.setdefault("image_alt", '"Lãnh đạo Công an tỉnh trao Bằng khen cho các tập thể"')
    return item("Lễ trao tặng", "2024-03-19 14:10", body=body, url="le-trao-tang", **fields)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    from tests.conftest import HOME, Project
    from tests.synthetic import mkdocs_yml

    proj = Project(tmp_path_factory.mktemp("photos") / "proj")
    proj.write({"mkdocs.yml": mkdocs_yml(), "content/index.md": HOME})
    proj.write({**SOURCES, "news/2024/le-trao-tang.md": photo_item()})
    assert proj.build() == 0
    return proj


def published(site: Path) -> list[Path]:
    return sorted((site / "anh").iterdir())


def test_no_published_image_carries_metadata(built) -> None:
    files = published(built.site)
    assert files
    for path in files:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.mode == "RGB", path.name
            assert not image.getexif(), path.name
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
        for secret in pf.SECRETS:
            assert secret not in data, (path.name, secret)


def test_no_original_is_published(built) -> None:
    originals = {hashlib.sha256(data).hexdigest() for data in SOURCES.values()}
    for path in built.site.rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in originals, path


def test_orientation_is_applied_and_sizes_are_never_upscaled(built) -> None:
    sizes = {}
    for path in published(built.site):
        with Image.open(path) as image:
            sizes[re.sub(r"-[0-9a-f]{10}-", "-", path.name)] = image.size
            if path.name.startswith("phone-") and "card" not in path.name:
                width, height = image.size
                top, bottom = (
                    image.getpixel((width // 2, height // 10)),
                    image.getpixel((width // 2, height * 9 // 10)),
                )
                assert top[0] > 180 and top[2] < 80, (path.name, top)  # red on top: upright
                assert bottom[2] > 180 and bottom[0] < 80, (path.name, bottom)
    # Portrait 1500×2000 once upright: 480, 960 and its own width, no 1600.
    assert sizes["phone-480.jpg"] == (480, 640)
    assert sizes["phone-960.webp"] == (960, 1280)
    assert sizes["phone-1500.jpg"] == (1500, 2000)
    assert "phone-1600.jpg" not in sizes
    assert sizes["phone-card.jpg"] == (1200, 630)
    assert sizes["cmyk-1000.jpg"] == (1000, 700)
    assert sizes["trong-suot-600.webp"] == (600, 400)
    assert sizes["hoa-van-300.jpg"] == (300, 200)
    assert "hoa-van-480.jpg" not in sizes


def test_colours_are_converted_to_srgb_on_white(built) -> None:
    def pixel(prefix: str, xy: tuple[int, int]) -> tuple[int, ...]:
        path = next(p for p in published(built.site) if p.name.startswith(prefix))
        with Image.open(path) as image:
            return image.getpixel(xy)

    cyan = pixel("cmyk-", (500, 350))
    assert cyan[0] < 60 and cyan[1] > 200 and cyan[2] > 200
    assert pixel("trong-suot-", (5, 5)) == (255, 255, 255)  # transparency flattened on white
    assert pixel("trong-suot-", (300, 200))[0] > 180


def test_srcset_lists_every_width_with_its_real_size(built) -> None:
    page = built.html(ARTICLE)
    pictures = page.select(".portal-article picture")
    assert len(pictures) == 4  # the lead and three body photos
    for picture in pictures:
        img = picture.select_one("img")
        declared = []
        for element, kind in ((picture.select_one("source"), "WEBP"), (img, "JPEG")):
            for candidate in element["srcset"].split(","):
                url, width = candidate.split()
                path = (built.site / ARTICLE / url).resolve()
                with Image.open(path) as image:
                    assert image.format == kind
                    assert f"{image.width}w" == width, (url, image.size)
                declared.append(int(width[:-1]))
        largest = max(declared)
        assert int(img["width"]) == largest
        assert img["sizes"] and element["sizes"] == img["sizes"]
        with Image.open((built.site / ARTICLE / img["src"]).resolve()) as image:
            assert image.width / image.height == pytest.approx(
                int(img["width"]) / int(img["height"]), rel=0.01
            )


def test_lead_loads_first_others_lazily_and_a_click_opens_the_largest(built) -> None:
    page = built.html(ARTICLE)
    lead = page.select_one(".portal-lead img")
    assert lead["alt"] == "Lãnh đạo Công an tỉnh trao Bằng khen cho các tập thể"
    assert lead.get("fetchpriority") == "high" and not lead.get("loading")
    body = page.select(".portal-article__body img")
    assert [img.get("loading") for img in body] == ["lazy"] * 3
    figure = page.select(".portal-article__body figure.portal-figure")[0]
    assert figure.figcaption.get_text() == "Toàn cảnh lễ trao tặng"
    link = figure.select_one("a.portal-photo")["href"]
    assert re.search(r"anh/cmyk-[0-9a-f]{10}-1000\.jpg$", link)
    assert (built.site / ARTICLE / link).resolve().is_file()
    decorative = page.select_one(".portal-article__body p img[alt='']")
    assert decorative is not None and "hoa-van" in decorative["src"]


def test_listings_show_the_lead_as_a_thumbnail_and_the_home_page_as_its_cover(built) -> None:
    for url in ("chuyen-muc/tin-hoat-dong", "luu-tru/2024"):
        card = built.html(url).select_one(".portal-card--photo")
        assert card is not None, url
        thumb = card.select_one(".portal-card__thumb img")
        assert thumb["loading"] == "lazy" and "phone-" in thumb["src"]
    home = built.html("")
    # The newest item with a photo leads the home page: its photo loads first, full width.
    cover = home.select_one(".portal-lead-story__photo img")
    assert cover["fetchpriority"] == "high" and not cover.has_attr("loading")
    assert "phone-" in cover["src"] and "100vw" in cover["sizes"]
    thumb = home.select_one(".portal-home__first .portal-card__thumb img")
    assert thumb["loading"] == "lazy" and "phone-" in thumb["src"]


def test_an_unchanged_photo_is_never_processed_twice(built) -> None:
    cache = built.root / ".cache/images"
    before = {p.name: p.stat().st_mtime_ns for p in cache.rglob("*")}
    assert len([p for p in cache.iterdir() if p.is_dir()]) == len(SOURCES)
    assert built.build() == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.rglob("*")} == before
    again = prepare(built.root, SOURCES, cache)
    assert (again.processed, again.cached) == (0, len(SOURCES))


BAD = {
    "corrupt.jpg": (pf.corrupt(), r"tệp ảnh bị thiếu hoặc hỏng"),
    "random.png": (bytes(range(256)) * 8, r"tệp không phải ảnh JPEG, PNG, GIF hay WebP"),
    "truncated.jpg": (pf.truncated_jpeg(), r"tệp ảnh bị thiếu hoặc hỏng"),
    "huge.png": (pf.oversized_png(), r"12500×8 px; tối đa 12000 px mỗi chiều"),
    "bomb.png": (pf.bomb_png(), r"quá nhiều điểm ảnh"),
    "iphone.jpg": (pf.heic_named_jpg(), r"ảnh HEIC .* — xuất ảnh thành JPEG"),
}


def test_photos_that_cannot_be_decoded_fail_the_build_with_clear_messages(project) -> None:
    proj = project({**SOURCES, "news/2024/le-trao-tang.md": photo_item()})
    body = "\n\n".join(f"![Ảnh {name}](anh/{name})" for name in BAD)
    proj.write({f"news/2024/anh/{name}": data for name, (data, _) in BAD.items()})
    proj.write({"news/2024/hong.md": item("Tin ảnh hỏng", "2024-03-20 08:00", body=body)})
    err = proj.problems()
    assert "Traceback" not in err
    for name, (_, message) in BAD.items():
        pattern = rf"news/2024/hong\.md:\d+: ảnh: ảnh \"news/2024/anh/{name}\": .*{message}"
        assert re.search(pattern, err), (pattern, err)


def test_photo_references_are_checked_before_anything_is_processed(project) -> None:
    body = "![](anh/cmyk.jpg)\n\n![Bản đồ](anh/ban-do.svg)\n\n![Ảnh iPhone](anh/IMG_1.HEIC)"
    body += "\n\n![Ảnh thiếu](anh/cmky.jpg)\n\n![Ra ngoài](../../../etc/passwd.jpg)"
    body += "\n\n![Ảnh mạng](https://cdn.example.com/a.jpg)"
    files = {**SOURCES, "news/2024/hong.md": item("Tin ảnh", "2024-03-20 08:00", body=body)}
    proj = project(files)
    err = proj.problems()
    assert "Traceback" not in err
    for pattern in (
        r"hong\.md:7: ảnh: ảnh \"anh/cmyk.jpg\" chưa có mô tả — mô tả ảnh cho người khiếm thị",
        r"hong\.md:9: ảnh: \"anh/ban-do.svg\": tệp SVG không được nhận .* — xuất thành PNG",
        r"hong\.md:11: ảnh: \"anh/IMG_1.HEIC\": ảnh HEIC/HEIF .* — xuất ảnh thành JPEG",
        r"hong\.md:13: ảnh: không có tệp ảnh \"news/2024/anh/cmky.jpg\" — có phải là \"cmyk.jpg\"",
        r"hong\.md:15: ảnh: \"\.\./\.\./\.\./etc/passwd.jpg\" nằm ngoài thư mục news/ — ",
        r"hong\.md:17: ảnh: \"https://cdn.example.com/a.jpg\" là ảnh trên trang web khác; ",
    ):
        assert re.search(pattern, err), (pattern, err)
    assert not (proj.root / ".cache/images").exists() or not any(
        (proj.root / ".cache/images").iterdir()
    )


def test_a_lead_photo_needs_its_alt_text(project) -> None:
    proj = project({**SOURCES, "news/2024/le-trao-tang.md": photo_item(image_alt='""')})
    err = proj.problems()
    assert re.search(r"le-trao-tang\.md:\d+: image_alt: ảnh đại diện chưa có mô tả", err)


def test_a_photo_written_by_reference_is_refused_with_the_inline_form(project) -> None:
    body = "Ảnh:\n\n![Toàn cảnh hội trường][anh]\n\n[anh]: anh/cmyk.jpg\n"
    files = {**SOURCES, "news/2024/tham-chieu.md": item("Ảnh", "2024-03-20 08:00", body=body)}
    err = project(files).problems()
    assert 'tham-chieu.md:9: ảnh: ảnh "anh/cmyk.jpg" viết theo kiểu tham chiếu' in err


def test_feeds_carry_the_lead_photo_then_the_body_as_html(built) -> None:
    feed = feedparser.parse((built.site / "rss.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith("/tin-tuc/le-trao-tang/"))
    content = BeautifulSoup(entry.content[0].value, "lxml")
    first = content.find(["img", "p"])
    assert first.name == "img" and "phone-" in first["src"] and first["src"].startswith("https://")
    assert "Lễ trao tặng Bằng khen" in content.select_one("p").get_text()
    assert "<p>" not in content.get_text() and "&lt;" not in entry.content[0].value
