"""Figures: the HTML of a processed photo, in article bodies and in templates.

One builder makes the `<picture>` (WebP and JPEG at each width, `srcset`/`sizes`, `width` and
`height` so nothing shifts while it loads, lazy unless it is the lead photo), wrapped in a link
to the largest derivative (never the camera original) and, with a caption, in a `<figure>`.
A Python-Markdown extension puts it in place of the `<img>` an editor's `![alt](photo.jpg)`
became; templates get the same markup through `picture_html`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.serializers import to_xhtml_string
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .image_cache import Picture

# The article column is at most about 45 rem (Material's grid less its sidebars).
SIZES_BODY = "(min-width: 60em) 45rem, 100vw"
SIZES_THUMB = "8rem"


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


@dataclass
class PagePhotos:
    """The photos of the page being converted, by the path its Markdown wrote."""

    pictures: dict[str, tuple[Picture, bool]]  # written path -> (picture, decorative)
    relative: Callable[[str], str]
    unknown: list[str] = field(default_factory=list)  # <img> sources not found in `pictures`


class _Figures(Treeprocessor):
    def __init__(self, md: Markdown, extension: FigureExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        photos = self.extension.page
        if photos is None:  # a static page: MkDocs handles its (site asset) images
            return
        if next(root.iter("img"), None) is None:  # most articles: nothing to walk through
            return
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "img":
                    continue
                src = child.get("src", "")
                found = photos.pictures.get(src)
                if found is None:
                    photos.unknown.append(src)
                    continue
                picture, decorative = found
                alt = "" if decorative else child.get("alt", "")
                caption = child.get("title", "")
                alone = parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip()
                if alone and not (child.tail or "").strip() and not decorative:
                    # A paragraph that is just the photo becomes the figure itself.
                    figure = photo_element(picture, alt, caption, photos.relative)
                    parent.clear()
                    parent.tag, parent.attrib = figure.tag, dict(figure.attrib)
                    parent.extend(list(figure))
                    continue
                element = (
                    picture_element(picture, alt, photos.relative)
                    if decorative
                    else photo_element(picture, alt, "", photos.relative, block=False)
                )
                element.tail = child.tail
                parent.remove(child)
                parent.insert(index, element)


class FigureExtension(Extension):
    """Set `page` before converting an item's Markdown; None leaves images alone."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.page: PagePhotos | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        # After inline images exist and attr_list ran (8); before MkDocs checks links (relpath,
        # 0), which must find the derivatives among its files.
        md.treeprocessors.register(_Figures(md, self), "portal_figures", 6)
