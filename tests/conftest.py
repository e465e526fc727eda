"""Shared helpers: write a small portal project from a dict of files, build it, parse output.

Full site builds are the slow part of the suite, so they are shared (`sample_site`, `corpus`)
and counted: the session fails when it runs more than MAX_BUILDS of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal import commands
from portal.errors import ContentErrors
from portal.repository import plan_repository
from portal.search import plan as searchplan
from tests.synthetic import mkdocs_yml, write_corpus

# `portal serve` over a copy of the sample, and nginx in front of it: for tests/preview,
# tests/service and tests/browser.
pytest_plugins = [
    "tests.preview_server",
    "tests.nginx_server",
    "tests.ssh_server",
    "tests.postgres_server",
]
REPO = Path(__file__).resolve().parent.parent
HOME = "---\ntemplate: home.html\ntitle: Trang chủ\n---\n\nTrang thử nghiệm.\n"
# The sample and the 250-item corpus are built once each and shared; the rest are small
# projects that a test must build itself: the steps of an editor's month (test_addresses),
# the two corpora of the tags' linear growth and a site to keep intact (test_hostile), a site
# that overrides one block of the theme (test_theme).
MAX_BUILDS = 19
BUILDS: list[str] = []  # the site folder of every successful full build of this session


def build_site(config_file: Path, site_dir: Path, preview: bool = False) -> int:
    """`portal build`, counted when it produced a site."""
    code = commands.build(config_file, site_dir, preview=preview)
    if code == 0:
        BUILDS.append(str(site_dir))
    return code


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_line(f"full site builds: {len(BUILDS)} (at most {MAX_BUILDS})")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if len(BUILDS) > MAX_BUILDS:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\n{len(BUILDS)} full site builds, more than {MAX_BUILDS}: share a build")


def soup(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at `url` (a folder URL, or a file such as 404.html) of a built site."""
    path = site / url if url.endswith((".html", ".xml")) else site / url / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Files under `root` from a dict of relative paths: text as UTF-8, bytes as they are."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


class Project:
    """A portal project in a temp dir: files in, `build()`, then read the site."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "site"

    def write(self, files: dict[str, str | bytes]) -> Project:
        write_files(self.root, files)
        return self

    def build(self, preview: bool = False) -> int:
        return build_site(self.root / "mkdocs.yml", self.site, preview=preview)

    def problems(self) -> str:
        """What the plan reports for this project: every problem, one line each ("" if none)."""
        try:
            plan_repository(self.root / "mkdocs.yml")
        except ContentErrors as exc:
            return exc.report()
        return ""

    def html(self, url: str) -> BeautifulSoup:
        return soup(self.site, url)

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


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample, built once for every build and browser test."""
    site = tmp_path_factory.mktemp("sample") / "site"
    assert build_site(REPO / "mkdocs.yml", site) == 0
    return site


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """250 generated items over every category and several years (so feeds are cut at 30),
    plus an ANTT draft and an ANTT item dated in the future; built once. Its search shards
    hold a year each and its tiers two shards, as a site of tens of thousands of items does."""
    root = tmp_path_factory.mktemp("corpus")
    config = write_corpus(root, 250, page_size=CORPUS_PAGE_SIZE)
    project = Project(root)
    project.write(
        {
            "news/nhap.md": item(
                "Bản nháp bí mật", "2015-01-01 08:00", tags="[ANTT]", draft="true"
            ),
            "news/tuong-lai.md": item("Tin của tương lai", "2099-01-01 08:00", tags="[ANTT]"),
            # The search page and its scripts, and a page of text, as the sample has them.
            **{
                f"content/{name}": (REPO / "content" / name).read_text(encoding="utf-8")
                for name in ("tim-kiem.md", "gioi-thieu.md")
            },
        }
    )
    # The portal's stylesheets and scripts come with its packaged theme.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(searchplan, "SHARD_ITEMS", CORPUS_SHARD_ITEMS)
        patch.setattr(searchplan, "TIER_ITEMS", 2 * CORPUS_SHARD_ITEMS + 20)
        assert build_site(config, project.site) == 0
    return project


CORPUS_PAGE_SIZE = 10
CORPUS_SHARD_ITEMS = 35  # the corpus has about 42 items a year


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
