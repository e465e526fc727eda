"""Outputs stage (cache keys): one key per page for everything that can change its HTML.

A page's key covers its own data (the typed page with its items, neighbours, listing or
document), what the templates look up about each item it shows (tag names as published,
expiry on the build day, draft or scheduled status, its photos as processed), and what every
page shares (the portal's own code, the templates, mkdocs.yml, the libraries that render, the
document register, the menu). Two builds that give a page the same key give it the same bytes,
so an incremental build reuses the page and stays identical to a cold one.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import weakref
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from importlib import metadata
from typing import Any

from ..code import code_version, tree_digest
from ..content.models import Item
from ..site.pagelist import menu
from ..site.pages import Page
from ..site.plan import SitePlan

# Code and libraries that decide how a page is rendered.
RENDERERS = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2")


def shared_key(plan: SitePlan) -> str:
    """What every page depends on."""
    settings = plan.settings
    parts = [
        code_version(),
        tree_digest([settings.root / settings.custom_dir] if settings.custom_dir else []),
        (settings.root / settings.config_file).read_bytes().hex(),
        repr([(name, metadata.version(name)) for name in RENDERERS]),
        repr(plan.documents.attachments),  # the register: numbers in any article become links
        repr(menu(plan.collections)),
        repr(plan.share_card),
        repr(plan.settings.preview),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class _Keys:
    """Fingerprints of pages, with each item's part computed once per build."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        self.items: dict[int, str] = {}

    def item(self, item: Item) -> str:
        found = self.items.get(id(item))
        if found is None:
            collections = self.plan.collections
            pictures = self.plan.photos.pictures
            refs = ((item.image,) if item.image else ()) + item.images
            shown = (
                _own(item),
                collections.status(item),
                collections.is_expired(item),
                repr(collections.tags_of(item)),
                repr([pictures.get(ref.source) for ref in refs]),
                repr(self.plan.videos.of(item)),
            )
            found = hashlib.sha256("\n".join(map(str, shown)).encode()).hexdigest()
            self.items[id(item)] = found
        return found

    def value(self, value: Any) -> Any:
        """A stable, hashable picture of `value`, items replaced by their fingerprint."""
        if type(value) in _PLAIN:  # the final repr() tells "1" from 1: nothing to do here
            return value
        if isinstance(value, Item):
            return ("item", self.item(value))
        if type(value) is tuple:
            return tuple(map(self.value, value))
        names = _field_names(type(value))
        if names is not None:
            return (type(value).__name__, *[self.value(getattr(value, name)) for name in names])
        if isinstance(value, tuple | list):
            return tuple(map(self.value, value))
        if isinstance(value, dict):
            return tuple(sorted((repr(k), self.value(v)) for k, v in value.items()))
        if isinstance(value, datetime | date | str | int | float | bool) or value is None:
            return repr(value)
        return repr(value)


_PLAIN = frozenset({str, int, float, bool, type(None), datetime, date})

# The digest of an item's own fields, once per item object for the life of the process: the
# preview plans again after every edit, with the very objects of the files it did not change
# (content/memo.py), and their repr() was a third of the keys' time.
_OWN: dict[int, tuple[weakref.ref[Item], str]] = {}


def _own(item: Item) -> str:
    known = _OWN.get(id(item))
    if known is not None and known[0]() is item:
        return known[1]
    digest = hashlib.sha256(repr(item).encode()).hexdigest()
    _OWN[id(item)] = (weakref.ref(item), digest)
    return digest


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names (looked up once per type: 300,000 values at 10,000 items)."""
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    return None


class PageKeys(Mapping[str, str]):
    """The key of each page, by URL, computed when first asked for: a cold build has nothing
    to reuse, and asks for each key in the process that renders the page, on two cores
    (`known`: the keys computed so far, here or, handed over, in another process)."""

    def __init__(self, plan: SitePlan, pages: Iterable[Page]) -> None:
        self._keys = _Keys(plan)
        self._pages = {page.url: page for page in pages}
        self._shared: str | None = None
        self.known: dict[str, str] = {}

    def __getitem__(self, url: str) -> str:
        key = self.known.get(url)
        if key is None:
            page = self._pages[url]
            if self._shared is None:
                self._shared = shared_key(self._keys.plan)
            value = f"{self._shared}\n{type(page).__name__}\n{self._keys.value(page)!r}"
            key = self.known[url] = hashlib.sha256(value.encode()).hexdigest()
        return key

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)
