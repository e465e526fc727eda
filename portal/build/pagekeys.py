"""Build stage (cache keys): one key per page for everything that can change its HTML.

A page's key is the digest of exactly what its template receives, its view (site/views.py:
the typed page with each item as a view of every fact the site states about it), and of what
every page shares (the portal's own code, the templates, mkdocs.yml, the libraries that
render, the document register, the menu). No list of facts is kept by hand here: a fact a
template can read is in the view, so in the key. Two builds that give a page the same key
give it the same bytes, so an incremental build reuses the page and stays identical to a
cold one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from importlib import metadata
from typing import Any

from ..code import THEME, code_version, tree_digest
from ..content.models import Item
from ..site.pagelist import menu
from ..site.pages import Page
from ..site.plan import SitePlan
from ..site.views import ItemView, Views, field_names

# Code and libraries that decide how a page is rendered.
RENDERERS = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2")


def shared_key(plan: SitePlan) -> str:
    """What every page depends on."""
    settings = plan.settings
    parts = [
        code_version(),
        tree_digest(
            [THEME, *([settings.root / settings.custom_dir] if settings.custom_dir else [])]
        ),
        (settings.root / settings.config_file).read_bytes().hex(),
        repr([(name, metadata.version(name)) for name in RENDERERS]),
        repr(plan.documents.attachments),  # the register: numbers in any article become links
        repr(menu(plan.collections)),
        repr(plan.share_card),
        repr(plan.settings.preview),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def fingerprint(value: Any, digest: Callable[[Item], str]) -> Any:
    """A stable, hashable picture of a page's view: the page walked as `Views.page` would
    make it, each item told by the digest of its view (`Views.digest`, which covers every
    fact the view holds). Walking the page itself spares building the view a second time
    only to digest it. Types are tested most common first: a build walks 300,000 values."""
    kind = type(value)
    if kind in _PLAIN:  # the final repr() tells "1" from 1: nothing to do here
        return value
    if kind is tuple or kind is list:
        return tuple([fingerprint(v, digest) for v in value])
    if kind is Item:
        return ("item", digest(value))
    if kind is ItemView:
        return ("item", value.digest)
    names = field_names(kind)
    if names:
        return (kind.__name__, *[fingerprint(getattr(value, n), digest) for n in names])
    if isinstance(value, tuple | list):
        return tuple([fingerprint(v, digest) for v in value])
    if isinstance(value, dict):
        return tuple(sorted((repr(k), fingerprint(v, digest)) for k, v in value.items()))
    return repr(value)


_PLAIN = frozenset({str, int, float, bool, type(None), datetime, date})


class PageKeys(Mapping[str, str]):
    """The key of each page, by URL, computed when first asked for: a cold build has nothing
    to reuse, and asks for each key in the process that renders the page, on two cores
    (`known`: the keys computed so far, here or, handed over, in another process)."""

    def __init__(self, plan: SitePlan, pages: Iterable[Page], views: Views | None = None) -> None:
        self.plan = plan
        self.views = views or Views(plan)
        self._pages = {page.url: page for page in pages}
        self._shared: str | None = None
        self.known: dict[str, str] = {}

    def __getitem__(self, url: str) -> str:
        key = self.known.get(url)
        if key is None:
            page = self._pages[url]
            if self._shared is None:
                self._shared = shared_key(self.plan)
            view = fingerprint(page, self.views.digest)
            value = f"{self._shared}\n{type(page).__name__}\n{view!r}"
            key = self.known[url] = hashlib.sha256(value.encode()).hexdigest()
        return key

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)
