"""MkDocs adapter (links): MkDocs' relative URLs, the very same strings, with the parts of each
URL remembered.

A page links to about thirty URLs through the templates' `url` filter, and MkDocs normalises
both the link and the page's own URL on every call: about 2 s of CPU of a cold build at 10,000
items. Here each URL is split and normalised once.
"""

from __future__ import annotations

import functools
import posixpath

from jinja2 import pass_context
from jinja2.runtime import Context

from .engine import norm_url as _get_norm_url


@functools.lru_cache(maxsize=8192)
def _parts(path: str) -> tuple[str, ...]:
    """MkDocs' `_norm_parts`: the path's segments, normalised, from the site's root."""
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return tuple(path.split("/")) if path else ()


@functools.lru_cache(maxsize=8192)
def _folder_parts(other: str) -> tuple[str, ...]:
    """The segments of the folder of `other` (its last segment goes when it names a file)."""
    folder, _, name = other.rpartition("/")
    return _parts(folder if "." in name else other)


def relative_url(url: str, other: str) -> str:
    """`url` as a link from `other`: `mkdocs.utils.get_relative_url(url, other)`."""
    here, there = _folder_parts(other), _parts(url)
    if there and (not here or here[0] != there[0]):  # most links: nothing in common
        link = "../" * len(here) + "/".join(there)
    else:
        common = 0
        for a, b in zip(here, there, strict=False):  # the shorter decides
            if a != b:
                break
            common += 1
        link = "/".join(("..",) * (len(here) - common) + there[common:]) or "."
    return link + "/" if url.endswith("/") else link


def normalized(value: str, page_url: str | None, base: str) -> str:
    """`mkdocs.utils.normalize_url(value, page, base)` for a page at `page_url` (None: none)."""
    path, level = _get_norm_url(value)
    if level == -1:  # an absolute URL, or one from the root or the page's own anchors
        return path
    if page_url is None:
        return posixpath.join(base, path)
    link = relative_url(path, page_url)
    return "../" * level + link if level > 0 else link


@pass_context
def url_filter(context: Context, value: object) -> str:
    """The templates' `url` filter, as MkDocs' own."""
    page = context["page"]
    return normalized(str(value), None if page is None else page.url, context["base_url"])
