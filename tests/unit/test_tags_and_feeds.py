import unicodedata
from datetime import datetime, timedelta

import pytest

from portal.content.models import Category, Item
from portal.dates import TZ
from portal.outputs.feedbody import absolutize_html, clean_xml_text, plain_pictures
from portal.site.channels import channels
from portal.site.collect import collect, collect_tags

NOW = datetime(2024, 1, 1, tzinfo=TZ)
CAT = Category("Tin an ninh trật tự", "an-ninh-trat-tu", short="ANTT")


def make(n: int, tags: tuple[str, ...], category: Category = CAT) -> Item:
    date = NOW - timedelta(days=100 - n)
    return Item(f"news/{n}.md", f"Tin {n}", f"tin-{n}", date, category, "x", tags=tags)


def test_spellings_of_one_tag_become_one_tag_with_the_most_used_name() -> None:
    nfd = unicodedata.normalize("NFD", "Tổ quốc")
    items = [
        make(1, ("ANTT",)),
        make(2, ("antt", "Tổ quốc")),
        make(3, ("ANTT", nfd)),
        make(4, ("Hoà bình",)),
    ]
    items.append(make(5, ("Hòa bình",)))
    tags, members = collect_tags(items)
    by_slug = {t.slug: t for t in tags}
    assert by_slug["antt"].name == "ANTT"
    assert [i.slug for i in members["antt"]] == ["tin-1", "tin-2", "tin-3"]
    assert set(by_slug) == {"antt", "to-quoc", "hoa-binh"}
    # A tie (one "Hoà", one "Hòa") goes to the first spelling in code-point order.
    assert by_slug["hoa-binh"].name == min("Hoà bình", "Hòa bình")
    # "Hoà" and "Hòa" differ in code points but not in slug: one page, no item lost.
    assert [i.slug for i in members["hoa-binh"]] == ["tin-4", "tin-5"]


def test_tie_between_spellings_is_broken_deterministically() -> None:
    a, b = (
        collect_tags([make(1, ("antt",)), make(2, ("ANTT",))]),
        collect_tags([make(2, ("ANTT",)), make(1, ("antt",))]),
    )
    assert a[0] == b[0]
    assert [tag.name for tag in a[0]] == ["ANTT"]  # "ANTT" < "antt" in code-point order


def test_tags_of_maps_an_items_spelling_to_the_merged_tag() -> None:
    result = collect([make(1, ("antt",)), make(2, ("ANTT",)), make(3, ("ANTT",))], [CAT], NOW)
    item = result.by_tag["antt"][-1]
    assert [(t.name, t.url) for t in result.tags_of(item)] == [("ANTT", "the/antt/")]


def test_channels_site_then_categories_then_tags_with_newest_items() -> None:
    items = [make(n, ("ANTT",) if n % 2 else ("PCCC",)) for n in range(10)]
    result = collect(items, [CAT], NOW)
    feeds = channels(result, "Công an tỉnh", feed_size=3)
    assert [c.rss_url for c in feeds] == [
        "rss.xml",
        "chuyen-muc/an-ninh-trat-tu/rss.xml",
        "the/antt/rss.xml",
        "the/pccc/rss.xml",
    ]
    assert [i.slug for i in feeds[2].items] == ["tin-9", "tin-7", "tin-5"]
    assert feeds[2].atom_url == "the/antt/atom.xml" and feeds[2].page_url == "the/antt/"


@pytest.mark.parametrize(
    ("text", "clean"),
    [("a\x00b\x0bc\x1fd", "abcd"), ("tab\tnew\nline\r", "tab\tnew\nline\r"), ("x\ufffey", "xy")],
)
def test_clean_xml_text_removes_what_xml_forbids(text: str, clean: str) -> None:
    assert clean_xml_text(text) == clean


def test_absolutize_html_resolves_every_reference_against_the_page() -> None:
    page = "https://congan.example.vn/tin-tuc/a/"
    html = (
        '<p><a href="../../chuyen-muc/x/">x</a> <a href="#h">h</a> <a href="https://other.vn/">o</a>'
        ' <img src="anh.jpg"></p>'
    )
    assert absolutize_html(html, page) == (
        '<p><a href="https://congan.example.vn/chuyen-muc/x/">x</a>'
        ' <a href="https://congan.example.vn/tin-tuc/a/#h">h</a> <a href="https://other.vn/">o</a>'
        ' <img src="https://congan.example.vn/tin-tuc/a/anh.jpg"></p>'
    )


def test_feeds_get_each_photo_as_one_plain_img() -> None:
    html = (
        '<figure class="portal-figure"><a class="portal-photo" href="a-1600.jpg"><picture>'
        '<source sizes="100vw" srcset="a-480.webp 480w, a-960.webp 960w" type="image/webp" />'
        '<img alt="Lễ trao &quot;Bằng khen&quot;" decoding="async" height="720" loading="lazy"'
        ' sizes="100vw" src="a-960.jpg" srcset="a-480.jpg 480w, a-960.jpg 960w" width="960" />'
        "</picture></a><figcaption>Chú thích</figcaption></figure>"
    )
    assert plain_pictures(html) == (
        '<figure class="portal-figure"><a class="portal-photo" href="a-1600.jpg">'
        '<img alt="Lễ trao &quot;Bằng khen&quot;" height="720" src="a-960.jpg" width="960" />'
        "</a><figcaption>Chú thích</figcaption></figure>"
    )
