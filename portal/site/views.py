"""Site stage (views): what the templates are told about a page, as one typed value.

A page's view is the planned page with each item in it replaced by an `ItemView`: the item's
own fields and every fact the site states about it on this build (published, draft or
scheduled; expired; its tags as published; its photos and videos as processed; the documents
it lists). Templates read items only through views, and a page's cache key is the digest of
its view (build/pagekeys.py): a fact added to `ItemView` enters every key that shows it, with
no key code to change, so a cached page can never miss a fact its template reads.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..content.models import Attachment, Item, Tag
from ..images.cache import Picture
from ..images.video import Video
from .collect import HOME_COUNT, Collections
from .plan import SitePlan


@dataclass(frozen=True)
class ItemView:
    """An item as a template sees it. Its own fields are read through it (`view.title`)."""

    item: Item
    status: str  # "draft", "scheduled" or "" (published)
    expired: bool
    tag_pages: tuple[Tag, ...]  # its tags as published: merged spellings, each with its page
    pictures: tuple[Picture | None, ...]  # its lead photo and body photos, as processed
    videos: tuple[Video, ...]
    attached: tuple[Attachment, ...]  # the documents it lists in its front matter

    def __post_init__(self) -> None:
        # The item's own fields become the view's attributes: templates read them hundreds of
        # thousands of times a build, and each read through __getattr__ costs twice as much.
        mine = self.__dict__
        for name in _item_fields():
            mine[name] = getattr(self.item, name)

    def __getattr__(self, name: str) -> Any:  # the item's properties (url, year, modified)
        return getattr(self.item, name)

    @functools.cached_property
    def digest(self) -> str:
        """Everything in the view: the item's fields, then every fact beside them."""
        facts = [getattr(self, name) for name in field_names(type(self)) if name != "item"]
        return hashlib.sha256(repr((self.item.digest, facts)).encode()).hexdigest()


class Views:
    """The views of one plan, each item's made once."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        self.items: dict[int, ItemView] = {}

    def item(self, item: Item) -> ItemView:
        found = self.items.get(id(item))
        if found is None:
            found = self.items[id(item)] = ItemView(item, *self._facts(item))
        return found

    def digest(self, item: Item) -> str:
        """The digest of the item's view, as a page key takes it: always from the view itself,
        so that a fact added to the view enters the key with no key code to change."""
        return self.item(item).digest

    def _facts(self, item: Item) -> tuple[Any, ...]:
        """What the site states about `item`, in the order of ItemView's fields after it."""
        plan, collections = self.plan, self.plan.collections
        refs = ((item.image,) if item.image else ()) + item.images
        return (
            collections.status(item),
            collections.is_expired(item),
            tuple(collections.tags_of(item)),
            tuple(plan.photos.pictures.get(ref.source) for ref in refs),
            tuple(video for _, video in plan.videos.of(item)),
            tuple(plan.documents.of(item)),
        )

    def value(self, value: Any) -> Any:
        """`value` with every item in it seen through its view (pages, listings, tuples), in
        one walk: a part that holds no item is the same object afterwards."""
        if isinstance(value, Item):
            return self.item(value)
        kind = type(value)
        if kind is tuple or kind is list:
            seen = [self.value(part) for part in value]
            same = all(new is old for new, old in zip(seen, value, strict=True))
            return value if same else kind(seen)
        names = field_names(kind)
        if not names:
            return value
        changed = {}
        for name in names:
            old = getattr(value, name)
            new = self.value(old)
            if new is not old:
                changed[name] = new
        return dataclasses.replace(value, **changed) if changed else value

    def page(self, page: Any) -> Any:
        """What the template of `page` is told: the page, its items as views."""
        return self.value(page)

    def home(self) -> SiteView:
        return SiteView(self.plan.collections, self)


@functools.cache
def field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names, none for any other type (looked up once per type: a build
    walks 300,000 values)."""
    if dataclasses.is_dataclass(kind):
        return tuple(f.name for f in dataclasses.fields(kind))
    return ()


@functools.cache
def _item_fields() -> tuple[str, ...]:
    """The item's fields a view takes as its own attributes: those it does not state itself
    (its `videos` are the processed ones, not the item's references)."""
    own = {f.name for f in dataclasses.fields(ItemView)}
    return tuple(name for name in field_names(Item) if name not in own)


class SiteView:
    """The site's lists as the home page and the menu read them, items as views."""

    def __init__(self, collections: Collections, views: Views) -> None:
        self.collections, self.views = collections, views
        self.categories = collections.categories

    def _seen(self, items: Iterable[Item]) -> tuple[ItemView, ...]:
        return tuple(self.views.item(item) for item in items)

    def latest(self, category: Any, count: int = HOME_COUNT) -> tuple[ItemView, ...]:
        return self._seen(self.collections.latest(category, count))

    def latest_news(self, count: int = HOME_COUNT) -> tuple[ItemView, ...]:
        return self._seen(self.collections.latest_news(count))

    @property
    def lead(self) -> ItemView | None:
        lead = self.collections.lead
        return self.views.item(lead) if lead is not None else None
