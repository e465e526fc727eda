"""Outputs stage: the HTML of a processed photo, in article bodies, templates and feeds.

One builder makes the `<picture>` (WebP and JPEG at each width, `srcset`/`sizes`, `width` and
`height` so nothing shifts while it loads, lazy unless it is the lead photo), wrapped in a link
to the largest derivative (never the camera original) and, with a caption, in a `<figure>`.
The Markdown extension in `mkdocs/markdown.py` puts it in place of the `<img>` an editor's
`![alt](photo.jpg)` became; templates and feeds get the same markup from here.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Callable

from markdown.serializers import to_xhtml_string
from markupsafe import Markup

from .. import urls
from ..content.models import ImageRef, Item
from ..images.cache import Picture, Prepared
from ..site.plan import SitePlan

# The article column is at most about 45 rem (Material's grid less its sidebars).
SIZES_BODY = "(min-width: 60em) 45rem, 100vw"
SIZES_THUMB = "8rem"
SIZES_COVER = "(min-width: 60em) 40rem, 100vw"  # the home page's lead story: two thirds


def picture_element(
    picture: Picture,
    alt: str,
    relative: Callable[[str], str],
    sizes: str = SIZES_BODY,
    lead: bool = False,
) -> ET.Element:
    """`<picture>` with a WebP source and a JPEG `<img>`, every width listed."""
    element = ET.Element("picture")
    webp = ", ".join(f"{relative(v.webp)} {v.width}w" for v in picture.variants)
    ET.SubElement(element, "source", type="image/webp", srcset=webp, sizes=sizes)
    fallback = picture.variants[min(1, len(picture.variants) - 1)]
    largest = picture.largest
    img = ET.SubElement(
        element,
        "img",
        src=relative(fallback.jpeg),
        srcset=", ".join(f"{relative(v.jpeg)} {v.width}w" for v in picture.variants),
        sizes=sizes,
        width=str(largest.width),
        height=str(largest.height),
        alt=alt,
        decoding="async",
    )
    if lead:
        img.set("fetchpriority", "high")
    else:
        img.set("loading", "lazy")
    return element


def photo_element(
    picture: Picture,
    alt: str,
    caption: str,
    relative: Callable[[str], str],
    lead: bool = False,
    block: bool = True,
) -> ET.Element:
    """The photo as an article shows it: a link to the largest size, in a `<figure>` (with
    its caption, if any) unless it sits inside a line of text (`block=False`)."""
    link = ET.Element("a", {"class": "portal-photo", "href": relative(picture.largest.jpeg)})
    link.append(picture_element(picture, alt, relative, lead=lead))
    if not block:
        return link
    figure = ET.Element("figure", {"class": "portal-figure"})
    figure.append(link)
    if caption:
        ET.SubElement(figure, "figcaption").text = caption
    return figure


def picture_html(element: ET.Element) -> Markup:
    """Serialised like article bodies (XHTML style), text and attributes escaped."""
    return Markup(to_xhtml_string(element))


def lead_photo(photos: Prepared, ref: ImageRef, page_url: str) -> Markup:
    """An item's lead photo, above its text, with links relative to `page_url`."""
    relative = functools.partial(urls.relative, page_url=page_url)
    picture = photos.pictures[ref.source]
    return picture_html(photo_element(picture, ref.alt, ref.caption, relative, lead=True))


def thumbnail(photos: Prepared, ref: ImageRef, page_url: str) -> Markup:
    """An item's photo on listings: small, lazy, and decorative (the title says it all)."""
    relative = functools.partial(urls.relative, page_url=page_url)
    picture = photos.pictures[ref.source]
    return picture_html(picture_element(picture, "", relative, SIZES_THUMB))


def cover(photos: Prepared, ref: ImageRef, page_url: str) -> Markup:
    """The home page's lead story photo: wide, loaded first, decorative beside its title."""
    relative = functools.partial(urls.relative, page_url=page_url)
    picture = photos.pictures[ref.source]
    return picture_html(picture_element(picture, "", relative, SIZES_COVER, lead=True))


def feed_lead(photos: Prepared, item: Item) -> str:
    """The lead photo at the top of a feed entry (feed readers show the first picture)."""
    return str(lead_photo(photos, item.image, item.url)) if item.image else ""


def pictures_by_page(plan: SitePlan) -> dict[str, dict[str, tuple[Picture, bool]]]:
    """For each item page with photos in its body: the path its Markdown wrote -> (picture,
    decorative). The Markdown extension swaps each `<img>` for its picture."""
    pictures = plan.photos.pictures
    return {
        urls.src_uri(item.url): {
            ref.written: (pictures[ref.source], ref.decorative) for ref in item.images
        }
        for item in plan.collections.published
        if item.images
    }
