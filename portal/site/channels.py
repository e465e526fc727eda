"""Site stage (collect): the subscribable lists, the site's, each category's and each tag's,
with their newest items. `outputs/feeds.py` writes them as RSS and Atom."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .. import urls
from ..content.models import Item, Tag
from ..vi import UI
from .collect import Collections


@dataclass(frozen=True)
class Channel:
    """One subscribable list: its HTML page, its two feed files and its newest items."""

    title: str
    description: str
    page_url: str  # the listing the feed mirrors ("" is the home page)
    base: str  # the folder of rss.xml and atom.xml
    items: tuple[Item, ...]
    tag: Tag | None = None  # the tag of a tag's channel

    def tags_shown(self, item: Item, collections: Collections) -> list[Tag]:
        """The tags an entry of this channel names: all of the item's, except in a tag's own
        channel, which names that tag alone. An item with T tags is in T tag channels, so
        naming every tag there would make feeds grow with T squared (1,000 tags on one item
        took two minutes to build)."""
        return [self.tag] if self.tag is not None else collections.tags_of(item)

    @property
    def rss_url(self) -> str:
        return urls.rss(self.base)

    @property
    def atom_url(self) -> str:
        return urls.atom(self.base)


def channels(collections: Collections, site_name: str, feed_size: int) -> list[Channel]:
    """The site feed first, then one per category, then one per tag."""
    result = [
        Channel(
            UI["feed_site_title"].format(site=site_name),
            UI["feed_site_description"].format(site=site_name),
            "",
            "",
            collections.published[:feed_size],
        )
    ]
    for category in collections.categories:
        result.append(
            Channel(
                UI["feed_category_title"].format(name=category.name, site=site_name),
                category.description or UI["feed_category_description"].format(name=category.name),
                category.url,
                category.url,
                collections.by_category[category.slug][:feed_size],
            )
        )
    for tag in collections.tags:
        result.append(
            Channel(
                UI["feed_tag_title"].format(name=tag.name, site=site_name),
                UI["feed_tag_description"].format(name=tag.name),
                tag.url,
                tag.url,
                collections.by_tag[tag.slug][:feed_size],
                tag,
            )
        )
    return result


def fed_urls(channels: Iterable[Channel]) -> frozenset[str]:
    """The items whose body some feed carries: the only bodies a build keeps."""
    return frozenset(item.url for channel in channels for item in channel.items)
