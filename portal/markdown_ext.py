"""Python-Markdown extension: content can format text, never inject markup or script.

Editors paste from Word and the web; a `<script>`, an `<iframe>` or a `javascript:` link in an
article must reach readers as harmless text, and `attr_list` (`{: .class }`) must not set an
event handler (`{: onclick="…" }`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

_UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for name in [n for n in element.attrib if n.lower().startswith(("on", "formaction"))]:
                del element.attrib[name]
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and _UNSAFE_URL.match(value):
                    element.set(attribute, "#")


class EscapeHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "portal_unsafe_urls", 0)


def makeExtension(**kwargs: object) -> EscapeHtmlExtension:  # noqa: N802
    return EscapeHtmlExtension(**kwargs)
