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
from collections.abc import Iterator

import markdown
from markdown import inlinepatterns
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .engine import page_processors

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
            gate_inline_patterns(md)
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


# Python-Markdown's own inline patterns, each with the text every one of its matches contains.
_TRIGGERS: dict[str, tuple[str, ...]] = {
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


class _Gated:
    """A pattern's regular expression, searched only when the text holds its trigger: most of
    a long article's paragraphs hold no backtick, bracket or "<", and the backtick pattern
    alone (a look-behind at every position) took a quarter of the conversion."""

    def __init__(self, compiled: re.Pattern[str], triggers: tuple[str, ...]) -> None:
        self.compiled, self.triggers, self.pattern = compiled, triggers, compiled.pattern

    def finditer(self, data: str, pos: int = 0) -> Iterator[re.Match[str]]:
        for trigger in self.triggers:
            if data.find(trigger, pos) >= 0:
                return self.compiled.finditer(data, pos)
        return iter(())


def gate_inline_patterns(md: markdown.Markdown) -> None:
    """Gate the inline patterns of `md` (this build's own instance) that are Python-Markdown's
    own, by their exact expression: one an extension replaced or changed is left as it is.
    Every match of a gated pattern contains its trigger, so the matches are the same."""
    for pattern in md.inlinePatterns:
        compiled = pattern.compiled_re
        triggers = _TRIGGERS.get(getattr(compiled, "pattern", None))  # type: ignore[arg-type]
        if isinstance(pattern, inlinepatterns.InlineProcessor) and triggers is not None:
            pattern.compiled_re = _Gated(compiled, triggers)  # type: ignore[assignment]
