"""MkDocs adapter (engine internals): every private name of MkDocs the adapter uses, in one
place, checked against the one version they were read from.

MkDocs 1.6.1 is frozen upstream, so relying on its private names is stable, but only for it:
on any other version this module refuses to load, with the reason, before a build can go
wrong quietly. The names:

- `mkdocs.commands.build._populate_page`, `_build_page`: a page's reading and drawing, which a
  render on two cores (split.py, claims.py) decides per page. They are replaced only inside
  `page_steps` (one render), and restored when it ends, failed or not, as are the next two;
  nothing is replaced for the process.
- `mkdocs.structure.pages._RawHTMLPreprocessor`, `_ExtractAnchorsTreeprocessor`,
  `_RelativePathTreeprocessor`, `_ExtractTitleTreeprocessor` with their `_register`, and
  `Page._title_from_render`: what `Page.render` sets on a page, done with one shared
  Python-Markdown instance (convert.py).
- `mkdocs.utils._get_norm_url`: the `url` filter's parts (relative.py).
- `mkdocs.structure.pages.Page._set_canonical_url`: each page's canonical and absolute URL,
  made by `urljoin` and `urlsplit` (24 µs a page, 0.3 s of one core before a render on two
  cores can start at 14,000 pages); within `page_steps` a URL MkDocs made itself is joined by
  concatenation, which gives the same strings (`set_canonical_url`), and any other by MkDocs.
- `mkdocs.utils.get_build_datetime` and `mkdocs.structure.pages.get_build_date` (its name
  there): the clock and `SOURCE_DATE_EPOCH` read for every page, twice (0.2 s of CPU at 14,000
  pages); within `page_steps` read once, when the render starts. No template reads them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import mkdocs
import mkdocs.commands.build as _build
import mkdocs.structure.pages as _pages
import mkdocs.utils as _utils

CHECKED_WITH = "1.6.1"
if mkdocs.__version__ != CHECKED_WITH:  # pragma: no cover (the pinned version is installed)
    raise ImportError(
        f"the portal's MkDocs adapter was checked against MkDocs {CHECKED_WITH}, and this is "
        f"MkDocs {mkdocs.__version__}: install the pinned version (pip install -c "
        "constraints.txt), or check portal/mkdocs/engine.py against the new one"
    )

norm_url = _utils._get_norm_url
POPULATE, BUILD = _build._populate_page, _build._build_page
SET_CANONICAL = _pages.Page._set_canonical_url
BUILD_TIME, BUILD_DATE = _utils.get_build_datetime, _pages.get_build_date


@contextmanager
def page_steps(
    populate: Callable[..., None] | None = None, build: Callable[..., None] | None = None
) -> Iterator[None]:
    """MkDocs' reading (`populate`) and drawing (`build`) of each page, its pages' canonical
    URLs (`set_canonical_url`) and its build time (one for the render) replaced for the
    duration of the block, and MkDocs' own restored at its end, whatever happens in it."""
    now = _utils.get_build_datetime()
    day = now.strftime("%Y-%m-%d")  # MkDocs' get_build_date
    replaced: list[tuple[Any, str, Any]] = [
        (_build, "_populate_page", populate or POPULATE),
        (_build, "_build_page", build or BUILD),
        (_pages.Page, "_set_canonical_url", set_canonical_url),
        (_utils, "get_build_datetime", lambda: now),
        (_pages, "get_build_date", lambda: day),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in replaced]
    for owner, name, value in replaced:
        setattr(owner, name, value)
    try:
        yield
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)


# A page URL as MkDocs makes it from a file's path: relative, without a scheme, a query, an
# anchor or a dot segment. `urljoin` appends such a URL to an http(s) base ending in "/".
_PLAIN_URL = re.compile(r"(?:[\w~-][\w.~-]*(?:/[\w~-][\w.~-]*)*/?)?", re.ASCII)


@functools.lru_cache(maxsize=8)
def _base_path(base: str) -> str | None:
    """The path of a site URL ending in "/"; None when it has a query or an anchor."""
    parts = urlsplit(base)
    plain = parts.scheme in ("http", "https") and parts.netloc
    return parts.path if plain and not parts.query and not parts.fragment else None


def set_canonical_url(page: Any, base: str | None) -> None:
    """`Page._set_canonical_url(base)`: the same `canonical_url` and `abs_url`."""
    url = page.url
    if base and _PLAIN_URL.fullmatch(url):
        base = base if base.endswith("/") else base + "/"
        path = _base_path(base)
        if path is not None:
            page.canonical_url, page.abs_url = base + url, path + url
            return
    SET_CANONICAL(page, base)


def page_processors(md: Any, page: Any, files: Any, config: Any) -> Callable[[], None]:
    """Register on `md` the per-page processors `Page.render` makes (raw HTML anchors,
    anchors, links, title), replacing the last page's; returns what sets their findings on
    `page` once converted."""
    raw_html = _pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = _pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(md)
    links = _pages._RelativePathTreeprocessor(page.file, files, config)
    links._register(md)
    title = _pages._ExtractTitleTreeprocessor()
    title._register(md)

    def found(log_level: int, debug: int) -> None:
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log_level > debug:
            page.links_to_anchors = links.links_to_anchors

    return found  # type: ignore[return-value]
