"""Every output path is claimed once: two sources for one path are a content error."""

from __future__ import annotations

import os
import time

from portal.build.pagecache import PageCache
from tests.conftest import item


def test_a_static_page_and_an_article_on_one_url_name_both(project) -> None:
    proj = project(
        {
            "content/tin-tuc/gioi-thieu.md": "# Giới thiệu\n",
            "news/a.md": item("Giới thiệu", "2018-02-08 09:00"),
        }
    )
    problems = proj.problems()
    assert (
        "news/a.md:1: url: /tin-tuc/gioi-thieu/index.html trùng đường dẫn với "
        "content/tin-tuc/gioi-thieu.md"
    ) in problems


def test_a_static_file_where_a_feed_goes_is_refused(project) -> None:
    proj = project({"content/rss.xml": "<rss/>", "news/a.md": item("Tin", "2018-02-08 09:00")})
    assert "/rss.xml trùng đường dẫn với content/rss.xml" in proj.problems()


def test_a_static_file_where_a_document_goes_is_refused_once(project) -> None:
    proj = project(
        {
            "attachments/a.csv": "a,b\n1,2\n",
            "attachments/a.yml": "title: A\nkind: Danh sách\ndate: 2018-01-01\n",
            "content/tai-lieu/a.csv": "a,b\n1,2\n",
        }
    )
    problems = proj.problems()
    assert "/tai-lieu/a.csv trùng đường dẫn với content/tai-lieu/a.csv" in problems
    assert problems.count("trùng đường dẫn với") == 1


def test_page_cache_prunes_old_unused_entries_once_a_day(tmp_path) -> None:
    cache = PageCache(tmp_path / "pages")
    for key in ("a1", "b2", "c3"):
        cache.put(key, b"<p>trang</p>")
    now = time.time()
    old = now - 8 * 86400
    for path in (tmp_path / "pages").glob("??/*"):
        if not path.name.startswith("c3"):
            os.utime(path, (old, old))
    # a1 is old but this build used it; b2 is old and unused; c3 is recent.
    assert cache.prune({"a1"}, now) == 1  # b2's page
    assert cache.read("a1") == cache.read("c3") == b"<p>trang</p>" and cache.read("b2") is None
    assert "b2.html" not in cache.sums and "a1.html" in cache.sums  # its sum goes with it
    cache.put("d4", b"x")
    for path in (tmp_path / "pages").glob("d4/*"):
        os.utime(path, (old, old))
    assert cache.prune(set(), now + 3600) == 0  # pruned less than a day ago: not yet
    assert cache.read("d4") == b"x"
