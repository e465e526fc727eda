"""Shared helpers: write a small portal project from a dict of files, build it, parse output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal import cli
from tests.synthetic import mkdocs_yml

REPO = Path(__file__).resolve().parent.parent
HOME = "---\ntemplate: home.html\ntitle: Trang chủ\n---\n\nTrang thử nghiệm.\n"


class Project:
    """A portal project in a temp dir: files in, `build()`, then read the site."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "site"

    def write(self, files: dict[str, str | bytes]) -> Project:
        for rel, content in files.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return self

    def build(self, preview: bool = False) -> int:
        return cli.build(self.root / "mkdocs.yml", self.site, preview=preview)

    def html(self, url: str) -> BeautifulSoup:
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def exists(self, url: str) -> bool:
        return (self.site / url / "index.html").is_file()


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Project]:
    """project(files, page_size=…) -> a Project with mkdocs.yml and a home page already written."""

    def make(
        files: dict[str, str | bytes] | None = None, page_size: int = 10, config: str | None = None
    ) -> Project:
        proj = Project(tmp_path / "proj")
        proj.write({"mkdocs.yml": config or mkdocs_yml(page_size), "content/index.md": HOME})
        return proj.write(files or {})

    return make


def item(
    title: str,
    date: str,
    category: str = "Tin hoạt động",
    body: str = "Nội dung bài viết.",
    **fields: str,
) -> str:
    """The text of a news item file; extra fields are written as given (raw YAML)."""
    lines = ["---", f'title: "{title}"', f"date: {date}", f"category: {category}"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + f"\n---\n\n{body}\n"


def article_links(soup: BeautifulSoup) -> list[str]:
    """Hrefs of the article titles on a listing page, in order."""
    return [a["href"] for a in soup.select(".portal-list .portal-card__title a")]
