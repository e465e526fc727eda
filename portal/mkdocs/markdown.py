"""MkDocs adapter: the Python-Markdown extensions. Content can format text, never inject
markup or script, and an editor's `![alt](photo.jpg)` becomes the processed photo.

Editors paste from Word and the web; a `<script>`, an `<iframe>` or a `javascript:` link in an
article must reach readers as harmless text, and `attr_list` (`{: .class }`) must not set an
event handler (`{: onclick="…" }`).
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .. import urls
from ..images.cache import Picture
from ..images.video import Video
from ..outputs.pictures import photo_element, picture_element
from ..outputs.videos import video_element
from ..vi import UI

_UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


_ALIGN = re.compile(r"^\s*text-align:\s*(left|center|right)\s*;?\s*$")


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in [n for n in element.attrib if n.lower().startswith(("on", "formaction"))]:
                del element.attrib[name]
            # No inline style (a strict Content-Security-Policy refuses it): a table column's
            # alignment becomes a class, any other style goes.
            style = element.attrib.pop("style", None)
            align = _ALIGN.match(style or "")
            if align:
                classes = f"{element.get('class', '')} portal-align-{align.group(1)}"
                element.set("class", classes.strip())
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and _UNSAFE_URL.match(value):
                    element.set(attribute, "#")


class _ScrollingTables(Treeprocessor):
    """Each table of a body in a box of its own that scrolls sideways when the table is wider
    than the screen, and that the keyboard can reach (WCAG 2.1.1): a named region in the tab
    order. Material's script still wraps the table; portal.css keeps its wrapper from
    scrolling, so this box is the only one that does."""

    def run(self, root: ET.Element) -> None:
        number = 0
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table":
                    continue
                number += 1
                box = ET.Element("div", {"class": "portal-table-scroll", "tabindex": "0"})
                box.set("role", "region")
                box.set("aria-label", UI["table_region"].format(number=number))
                box.tail, child.tail = child.tail, None
                parent.remove(child)
                box.append(child)
                parent.insert(index, box)


class EscapeHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "portal_unsafe_urls", 0)
        md.treeprocessors.register(_ScrollingTables(md), "portal_scrolling_tables", 1)


class _Figures(Treeprocessor):
    def __init__(self, md: Markdown, extension: FigureExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: ET.Element) -> None:
        if next(root.iter("img"), None) is None:  # most articles: nothing to walk through
            return
        # MkDocs registers a link resolver per page, holding the file being converted.
        page = self.md.treeprocessors["relpath"].file
        pictures = self.extension.photos.get(page.src_uri, {})
        videos = self.extension.videos.get(page.src_uri, {})
        if not pictures and not videos:  # a static page: MkDocs handles its (site asset) images
            return
        relative = functools.partial(urls.relative, page_url=page.url)
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "img":
                    continue
                src = child.get("src", "")
                alone = parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip()
                alone = alone and not (child.tail or "").strip()
                video = videos.get(src)
                if video is not None:
                    player = video_element(
                        video, child.get("alt", ""), child.get("title", ""), relative, alone
                    )
                    _put(parent, index, child, player, alone)
                    continue
                found = pictures.get(src)
                if found is None:  # the plan refused every photo it does not know
                    continue
                picture, decorative = found
                alt = "" if decorative else child.get("alt", "")
                caption = child.get("title", "")
                if alone and not decorative:
                    _put(parent, index, child, photo_element(picture, alt, caption, relative), True)
                    continue
                element = (
                    picture_element(picture, alt, relative)
                    if decorative
                    else photo_element(picture, alt, "", relative, block=False)
                )
                _put(parent, index, child, element, False)


def _put(
    parent: ET.Element, index: int, child: ET.Element, element: ET.Element, alone: bool
) -> None:
    """`element` in place of the `<img>` `child`; a paragraph that is just the image becomes
    the element itself (a `<figure>` may not sit in a `<p>`)."""
    if alone:
        parent.clear()
        parent.tag, parent.attrib, parent.text = element.tag, dict(element.attrib), element.text
        parent.extend(list(element))
        return
    element.tail = child.tail
    parent.remove(child)
    parent.insert(index, element)


class FigureExtension(Extension):
    """Each item's photos and videos in place of its `<img>`; `photos`: page src_uri ->
    written path -> (picture, decorative); `videos`: page src_uri -> written path -> video."""

    def __init__(
        self,
        photos: Mapping[str, Mapping[str, tuple[Picture, bool]]],
        videos: Mapping[str, Mapping[str, Video]],
    ) -> None:
        super().__init__()
        self.photos = photos
        self.videos = videos

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        # After inline images exist and attr_list ran (8); before MkDocs checks links (relpath,
        # 0), which must find the derivatives among its files.
        md.treeprocessors.register(_Figures(md, self), "portal_figures", 6)


def makeExtension(**kwargs: object) -> EscapeHtmlExtension:  # noqa: N802
    return EscapeHtmlExtension(**kwargs)
