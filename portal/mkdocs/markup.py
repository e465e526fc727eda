"""MkDocs adapter: Material's own markup made valid HTML, on every page it renders.

Material writes a few attributes the Nu Html Checker rejects, outside any block a template can
override: `autocomplete` on its two checkboxes (allowed on text fields only), `tabindex=""` on
nav labels, and a "Mục lục" label pointing at a checkbox that pages outside the nav do not have.
"""

from __future__ import annotations

import re

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = ' tabindex=""'
_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')
_CONTENT = '<div class="md-content"'  # all three come before it: header, then sidebars


def conforming(html: str) -> str:
    """The page with those attributes dropped; nothing else changes. Only the part before
    the content is searched: a long article's body is most of the page."""
    cut = html.find(_CONTENT)
    chrome, rest = (html, "") if cut < 0 else (html[:cut], html[cut:])
    chrome = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", chrome)
    chrome = chrome.replace(_EMPTY_TABINDEX, "")
    if 'id="__toc"' not in chrome:
        chrome = _TOC_LABEL.sub(r"\1", chrome)
    return chrome + rest
