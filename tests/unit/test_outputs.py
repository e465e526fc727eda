"""Every output path is claimed once: two sources for one path are a content error."""

from __future__ import annotations

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
