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


def conforming(html: str) -> str:
    """The page with those attributes dropped; nothing else changes."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = html.replace(_EMPTY_TABINDEX, "")
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r"\1", html)
    return html
