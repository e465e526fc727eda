"""MkDocs adapter (conversion): a page's Markdown to HTML with one Python-Markdown instance for
the whole build, where MkDocs' `Page.render` makes a new one for every page.

Making an instance (loading the extensions, compiling and registering every pattern) cost more
than converting a short article: about 2.8 s of CPU of a cold build at 10,000 items. The instance
is reset between pages, as Python-Markdown asks, and MkDocs' per-page processors (the links, the
anchors, the title) are made for each page and registered under their own names, replacing the
last page's. What a page gets from it is what `Page.render` of MkDocs 1.6.1 sets.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator

import markdown
from markdown import blockprocessors, inlinepatterns
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .engine import page_processors

Match = re.Match[str]

_mkdocs_pages_log = logging.getLogger("mkdocs.structure.pages")


class Converter:
    """`page.render(config, files)` for the pages of one build, sharing one instance."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None

    def __call__(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._md
        if md is None:
            md = self._md = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
            gate_patterns(md)
        else:
            md.reset()
        found = page_processors(md, page, files, config)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        found(_mkdocs_pages_log.getEffectiveLevel(), logging.DEBUG)


def converted_later(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Stands for `page.render` while MkDocs converts every page up front: an article no feed
    carries is converted when it is built (the plugin's on_pre_page says why)."""
    page.content = ""


def deferred(page: Page) -> bool:
    """The page's conversion was put off (`converted_later`) and has not happened yet."""
    return getattr(page.render, "func", None) is converted_later


# Python-Markdown's own inline expressions, told by their text (any InlineProcessor may carry
# them), each with the texts every one of its matches contains (one of them).
_INLINE: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.REFERENCE_RE: ("[",),  # also LINK_RE
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # emphasis and strong, as the default delimiters make it
}
# Its block processors that search a whole block: where each keeps the expression, and the
# triggers of the class's own expression there.
_BLOCK: dict[type, tuple[str, tuple[str, ...]]] = {
    blockprocessors.HashHeaderProcessor: ("RE", ("#",)),
    blockprocessors.SetextHeaderProcessor: ("RE", ("\n=", "\n-")),  # "." stops at a line end
    blockprocessors.HRProcessor: ("SEARCH_RE", ("-", "_", "*")),
    blockprocessors.BlockQuoteProcessor: ("RE", (">",)),
    blockprocessors.ReferenceProcessor: ("RE", ("]:",)),
}


class _Gated:
    """An expression searched only in text that holds one of its triggers: most paragraphs of
    a long article hold no backtick, bracket, "<" or "#", and the regular expressions, some
    with a look-behind or an alternative at every position, took half the conversion."""

    def __init__(self, compiled: re.Pattern[str], triggers: tuple[str, ...]) -> None:
        self.compiled, self.triggers = compiled, triggers

    def _holds(self, text: str, pos: int, endpos: int) -> bool:
        for trigger in self.triggers:
            if text.find(trigger, pos, endpos) >= 0:
                return True
        return False

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Match]:
        if self._holds(text, pos, endpos):
            return self.compiled.finditer(text, pos, endpos)
        return iter(())

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self.compiled.search(text, pos, endpos) if self._holds(text, pos, endpos) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Match | None:
        return self.compiled.match(text, pos, endpos) if self._holds(text, pos, endpos) else None

    def __getattr__(self, name: str) -> object:  # pattern, flags, sub …: the expression's own
        return getattr(self.compiled, name)


def gate_patterns(md: markdown.Markdown) -> None:
    """Gate the expressions of `md` (this build's own instance) that are Python-Markdown's own,
    told by their exact text: one an extension replaced or changed is left as it is. Every match
    of a gated expression contains one of its triggers, so the matches are the same."""
    for pattern in md.inlinePatterns:
        if isinstance(pattern, inlinepatterns.InlineProcessor):
            _gate(pattern, "compiled_re", _INLINE.get(pattern.compiled_re.pattern))
    for processor in md.parser.blockprocessors:
        attribute, triggers = _BLOCK.get(type(processor), ("", None))
        own = getattr(type(processor), attribute, None)
        if own is not None and getattr(processor, attribute).pattern == own.pattern:
            _gate(processor, attribute, triggers)


def _gate(processor: object, attribute: str, triggers: tuple[str, ...] | None) -> None:
    if triggers is not None:
        setattr(processor, attribute, _Gated(getattr(processor, attribute), triggers))
