"""The search plan: which pages each Pagefind bundle holds, and the tiers the search page loads."""

from __future__ import annotations

from itertools import pairwise

import pytest

from portal.repository import plan_repository
from portal.search import plan as searchplan
from portal.site.pages import ArticlePage
from portal.text import collation_key
from tests.synthetic import write_corpus


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory):
    """300 items over six years (about 50 a year), planned but not built."""
    config = write_corpus(tmp_path_factory.mktemp("plan"), 300)
    return plan_repository(config, process_photos=False)


def test_shards_hold_consecutive_years_and_every_item_once(plan, monkeypatch) -> None:
    monkeypatch.setattr(searchplan, "SHARD_ITEMS", 80)
    planned = searchplan.shards(plan.pages, plan.static)
    items = {p.output: p.item.year for p in plan.pages if isinstance(p, ArticlePage)}
    held = [path for shard, paths in planned.items() if shard for path in paths]
    assert sorted(held) == sorted(items)
    spans = [searchplan.years(shard) for shard in planned if shard]
    assert spans == sorted(spans) and all(a[1] < b[0] for a, b in pairwise(spans))
    for shard, paths in planned.items():
        if shard:
            first, last = searchplan.years(shard)
            assert {items[p] for p in paths} == set(range(first, last + 1))
    # Every shard but the newest closes as soon as it holds SHARD_ITEMS items.
    shards = [paths for shard, paths in planned.items() if shard]
    for paths in shards[:-1]:
        last = max(items[p] for p in paths)
        assert len(paths) >= 80 > len([p for p in paths if items[p] != last])
    assert "index.html" in planned[searchplan.MAIN]  # the static pages: in the main bundle


def test_tiers_are_the_newest_shards_first_each_within_the_limit(plan, monkeypatch) -> None:
    monkeypatch.setattr(searchplan, "SHARD_ITEMS", 40)
    monkeypatch.setattr(searchplan, "TIER_ITEMS", 110)
    planned = searchplan.shards(plan.pages, plan.static)
    tiers = searchplan.tiers(planned)
    bundles = [bundle for tier in tiers for bundle in tier]
    # Every item shard once, newest first, each tier's years just before the previous one's.
    assert [b["path"] for b in bundles] == [
        searchplan.bundle_path(s) for s in sorted((s for s in planned if s), reverse=True)
    ]
    assert [(b["first"], b["last"]) for b in bundles] == sorted(
        (searchplan.years(s) for s in planned if s), reverse=True
    )
    size = {searchplan.bundle_path(s): len(paths) for s, paths in planned.items()}
    for tier in tiers:
        assert sum(size[b["path"]] for b in tier) <= 110
    # Full: the next tier's newest shard would not have fitted in the one before.
    for tier, after in pairwise(tiers):
        assert sum(size[b["path"]] for b in tier) + size[after[0]["path"]] > 110
    assert len(tiers) > 1


def test_a_shard_larger_than_a_tier_is_a_tier_of_its_own(plan, monkeypatch) -> None:
    monkeypatch.setattr(searchplan, "SHARD_ITEMS", 200)
    monkeypatch.setattr(searchplan, "TIER_ITEMS", 100)
    planned = searchplan.shards(plan.pages, plan.static)
    assert [len(tier) for tier in searchplan.tiers(planned)] == [1] * (len(planned) - 1)
    assert searchplan.tiers({searchplan.MAIN: ["tai-lieu/a/index.html"]}) == []


def test_facets_count_each_filter_value_of_the_pages(plan) -> None:
    facets = searchplan.facets(plan.pages)
    articles = [p for p in plan.pages if isinstance(p, ArticlePage)]
    years = [int(year) for year, _ in facets["year"]]
    assert years == sorted({p.item.year for p in articles}, reverse=True)
    assert sum(count for _, count in facets["year"]) == len(articles)
    assert dict(facets["category"]) == {
        name: sum(1 for p in articles if p.item.category.name == name)
        for name in {p.item.category.name for p in articles}
    }
    names = [name for name, _ in facets["category"]]
    assert names == sorted(names, key=collation_key)  # Vietnamese order: Đ after D
