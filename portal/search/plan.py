"""Search stage (plan): which pages each Pagefind bundle holds, and what the search page
loads of them.

Items are indexed in shards of consecutive years (`pagefind/2012-2013/`), documents and static
pages in the main bundle (`pagefind/`). Pagefind's index lists every page a word is on, so what
a query transfers grows with the pages it searches: 850 KB for "an ninh" over 10,000 items,
3.3 MB over 50,000. The search page therefore searches the main bundle and the newest shards,
up to TIER_ITEMS items, and merges older tiers only when the reader asks for them ("Tìm cả trong
tin cũ hơn") or picks an older year. The filters' values and counts are written into the page,
so it need not load every shard's filter index to list them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import TypedDict

from .. import urls, vi
from ..site.pages import ArticlePage, DocumentPage, NoticePage, Page
from ..site.static import StaticFile
from ..text import collation_key

MAIN = ""  # the main bundle's shard name
SHARD_ITEMS = 2000  # the fewest items a shard holds before the next one starts
TIER_ITEMS = 8000  # the most items a search loads at once (two words: about 700 KB)


class Bundle(TypedDict):
    """A shard as the search page sees it: where its bundle is and the years it holds."""

    path: str
    first: int
    last: int


def shards(pages: Iterable[Page], static: Iterable[StaticFile]) -> dict[str, list[str]]:
    """Shard -> the output paths of its pages, sorted.

    Items go to shards of consecutive years, from the oldest, each closed once it holds
    SHARD_ITEMS items: a new item or an edit changes one shard, which alone is indexed again,
    and a small site is one shard, ranked as one index. Documents and static pages go to the
    main bundle.
    """
    by_year: dict[int, list[str]] = defaultdict(list)
    found: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        if isinstance(page, ArticlePage):
            by_year[page.item.year].append(page.output)
        elif isinstance(page, DocumentPage):
            found[MAIN].append(page.output)
    for file in static:
        if file.url is not None:
            found[MAIN].append(file.output)
    group: list[int] = []
    size, newest = 0, max(by_year, default=0)
    for year in sorted(by_year):
        group.append(year)
        size += len(by_year[year])
        if size >= SHARD_ITEMS or year == newest:
            found[f"{group[0]}-{group[-1]}"] = [p for y in group for p in by_year[y]]
            group, size = [], 0
    return {shard: sorted(paths) for shard, paths in sorted(found.items())}


def bundle_path(shard: str) -> str:
    """Where a shard's bundle is published, relative to the site."""
    return urls.PAGEFIND + (f"{shard}/" if shard else "")


def years(shard: str) -> tuple[int, int]:
    """The first and last year of an item shard ("2012-2013")."""
    first, _, last = shard.partition("-")
    return int(first), int(last)


def tiers(planned: Mapping[str, list[str]]) -> list[list[Bundle]]:
    """The item shards of `planned` (from `shards()`), newest first, in the tiers the search
    page merges one at a time: each as many shards as fit in TIER_ITEMS items, at least one."""
    found: list[list[Bundle]] = []
    size = TIER_ITEMS
    for shard in sorted((s for s in planned if s != MAIN), key=years, reverse=True):
        if size + len(planned[shard]) > TIER_ITEMS:
            found.append([])
            size = 0
        first, last = years(shard)
        found[-1].append(Bundle(path=bundle_path(shard), first=first, last=last))
        size += len(planned[shard])
    return found


def facets(pages: Iterable[Page]) -> dict[str, list[tuple[str, int]]]:
    """Each search filter's values, with how many pages carry them: the same values the page
    templates give Pagefind (partials/search-meta.html, notice.html, attachment.html).
    Categories and kinds in Vietnamese order, years newest first."""
    found: dict[str, Counter[str]] = {"category": Counter(), "kind": Counter(), "year": Counter()}
    for page in pages:
        if isinstance(page, ArticlePage):
            found["category"][page.item.category.name] += 1
            found["year"][str(page.item.year)] += 1
            if isinstance(page, NoticePage) and page.item.notice is not None:
                found["kind"][page.item.notice.kind] += 1
        elif isinstance(page, DocumentPage):
            found["category"][vi.UI["attachments"]] += 1
            found["kind"][page.attachment.kind] += 1
            found["year"][str(page.attachment.date.year)] += 1
    return {
        "category": sorted(found["category"].items(), key=lambda pair: collation_key(pair[0])),
        "kind": sorted(found["kind"].items(), key=lambda pair: collation_key(pair[0])),
        "year": sorted(found["year"].items(), reverse=True),
    }
