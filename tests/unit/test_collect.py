from datetime import datetime, timedelta

import pytest

from portal.content.models import Category, Item
from portal.dates import TZ
from portal.site.collect import collect, is_published, neighbours_of, newest_first, paginate

NOW = datetime(2024, 1, 1, 12, 0, tzinfo=TZ)
A = Category("Tin hoạt động", "tin-hoat-dong")
B = Category("Giao thông", "giao-thong")


def make(n: int, category: Category = A, hours_ago: int | None = None, draft: bool = False) -> Item:
    date = NOW - timedelta(hours=hours_ago if hours_ago is not None else 1000 - n)
    return Item(f"news/{n}.md", f"Tin {n}", f"tin-{n}", date, category, "x", draft=draft)


@pytest.mark.parametrize(
    ("count", "size", "sizes"),
    [
        (0, 10, [0]),
        (1, 10, [1]),
        (10, 10, [10]),
        (11, 10, [10, 1]),
        (25, 10, [10, 10, 5]),
        (7, 3, [3, 3, 1]),
    ],
)
def test_paginate_puts_every_item_on_exactly_one_page(
    count: int, size: int, sizes: list[int]
) -> None:
    items = newest_first(make(n) for n in range(count))
    pages = paginate(items, size, "chuyen-muc/x/")
    assert [len(p.items) for p in pages] == sizes
    assert [i for p in pages for i in p.items] == list(items)
    assert [p.url for p in pages][:2] == ["chuyen-muc/x/", "chuyen-muc/x/trang/2/"][: len(pages)]
    assert pages[0].prev_url is None and pages[-1].next_url is None


def test_pager_window_is_bounded_with_gaps() -> None:
    pages = paginate(newest_first(make(n) for n in range(200)), 10, "x/")
    assert pages[9].window() == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert pages[0].window() == [1, 2, 3, None, 20]
    assert pages[19].window() == [1, None, 18, 19, 20]


def test_drafts_and_future_items_are_not_published_unless_previewing() -> None:
    past, future, draft = (
        make(1, hours_ago=1),
        make(2, hours_ago=-1),
        make(3, hours_ago=5, draft=True),
    )
    assert (
        is_published(past, NOW) and not is_published(future, NOW) and not is_published(draft, NOW)
    )
    assert is_published(future, NOW, preview=True) and is_published(draft, NOW, preview=True)
    result = collect([past, future, draft], [A], NOW)
    assert result.published == (past,)
    assert set(collect([past, future, draft], [A], NOW, preview=True).published) == {
        past,
        future,
        draft,
    }


def test_collect_groups_by_category_and_year_newest_first() -> None:
    items = [make(n, A if n % 2 else B) for n in range(6)]
    old = Item("news/old.md", "Cũ", "cu", datetime(2012, 5, 1, tzinfo=TZ), A, "x")
    result = collect([*items, old], [A, B], NOW)
    assert [i.slug for i in result.by_category["tin-hoat-dong"]] == [
        "tin-5",
        "tin-3",
        "tin-1",
        "cu",
    ]
    assert list(result.by_year) == [2023, 2012]
    assert result.by_year[2012] == (old,)


def test_equal_dates_are_ordered_by_slug_so_builds_are_deterministic() -> None:
    a, b = make(1, hours_ago=3), make(2, hours_ago=3)
    assert newest_first([a, b]) == newest_first([b, a])


def test_other_news_are_the_five_published_just_before() -> None:
    items = newest_first(make(n) for n in range(10))  # tin-9 newest
    around = neighbours_of(items)
    middle = around["tin-tuc/tin-7/"]
    assert [i.slug for i in middle.others] == ["tin-6", "tin-5", "tin-4", "tin-3", "tin-2"]
    assert middle.newer.slug == "tin-8" and middle.older.slug == "tin-6"
    assert around["tin-tuc/tin-9/"].newer is None and around["tin-tuc/tin-0/"].older is None
    assert around["tin-tuc/tin-1/"].others == (items[-1],)
