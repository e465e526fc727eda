"""Rendering on two processes (portal/mkdocs/split.py): the same site as on one, the same
editor's errors, and a failure of the second process fails the build with nothing published."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import mkdocs.structure.pages as mkdocs_pages
import pytest

from portal import commands
from portal.build import memofile
from portal.build.mode import BUILD
from portal.build.session import RenderSession, Stored
from portal.errors import ContentErrors
from portal.mkdocs import split
from portal.mkdocs.build import render
from portal.mkdocs.engine import BUILD as BUILD_PAGE
from portal.mkdocs.engine import POPULATE, SET_CANONICAL
from portal.mkdocs.plugin import PortalPlugin
from portal.search import index as search
from portal.search.index import indexed_part, pagefind_html
from tests.build.test_incremental import cold, site_tree, tree  # noqa: F401 (a fixture)
from tests.conftest import item
from tests.conftest import write_files as write


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every render splits, however few its pages; the list counts the forks."""
    made: list[int] = []
    fork = os.fork

    def counted() -> int:
        made.append(1)
        return fork()

    monkeypatch.setattr(split, "SPLIT_AT", 1)
    monkeypatch.setattr(os, "fork", counted)
    return made


def test_two_processes_build_the_same_site_as_one(
    site_tree: Path,  # noqa: F811
    tmp_path: Path,
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    memo = site_tree / ".cache/content" / memofile.NAME
    memo.unlink(missing_ok=True)
    assert commands.build(config, site) == 0
    assert forks == [1]
    assert (site / "tin-tuc/tin-so-7/index.html").is_file()
    assert memo.is_file()  # the child saved the memo
    # The child's cache entries were recorded: the next build reuses every page, no fork.
    assert commands.build(config, site) == 0
    assert forks == [1]
    monkeypatch.setattr(split, "SPLIT_AT", 10**9)
    assert tree(site) == cold(site_tree, tmp_path / "cold")
    assert forks == [1]


def test_pagefind_gets_from_both_processes_what_it_would_read_from_the_site(
    site_tree: Path,  # noqa: F811
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The indexed parts each rendering process keeps aside are those of the pages as
    published: Pagefind is handed them instead of the pages read and cut again, and they are
    deleted once used."""
    handed: dict[str, str] = {}
    read: dict[str, str] = {}
    index = search.index_site

    def watched(site: Path, planned: dict[str, list[str]], *args: Any, **kwargs: Any) -> Any:
        for path, (file, offset, length) in kwargs["parts"].found.items():
            kept = Path(file).read_bytes()[offset : offset + length]
            handed[path] = kept.decode("utf-8")
        for path in (path for paths in planned.values() for path in paths):
            html = (site / path).read_text(encoding="utf-8")
            if indexed_part(html) is not None:  # a page whose part can be told apart
                read[path] = pagefind_html(site / path)
        return index(site, planned, *args, **kwargs)

    # The parent is slowed, so that the child draws most of the shared pages.
    page = PortalPlugin.on_post_page

    def slowed(self: PortalPlugin, output: str, **kwargs: Any) -> str:
        if self.steps is not None and not self.steps.child:
            time.sleep(0.05)
        return page(self, output, **kwargs)

    adopted: list[str] = []
    adopt = RenderSession.adopt

    def watched_adopt(self: RenderSession, stored: Stored) -> None:
        adopted.extend(stored.parts)
        adopt(self, stored)

    monkeypatch.setattr(PortalPlugin, "on_post_page", slowed)
    monkeypatch.setattr(RenderSession, "adopt", watched_adopt)
    monkeypatch.setattr(search, "index_site", watched)
    # Older items than the feeds carry: only such articles may be drawn by the child.
    old = {
        f"news/cu-{n}.md": item(f"Tin cũ số {n}", f"2019-03-{n:02d} 08:00", "ANTT")
        for n in range(1, 29)
    }
    write(site_tree, old)
    assert commands.build(site_tree / "mkdocs.yml", site_tree / "site") == 0
    assert forks == [1]
    # Every page rendered (a cold build: all of them) was kept, by whichever process drew it.
    assert handed == read
    assert sum(path.startswith("tin-tuc/") for path in handed) >= 10
    assert any(path.startswith("tin-tuc/") for path in adopted)  # some from the child
    assert not list((site_tree / ".cache/search").glob(".parts-*"))


def test_links_the_child_finds_broken_are_reported_as_on_one_process(
    site_tree: Path,  # noqa: F811
    tmp_path: Path,
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = {
        f"news/hong-{n}.md": item(f"Tin hỏng {n}", f"2024-02-{n:02d} 08:00", "ANTT",
                                  body=f"Xem [bài cũ](khong-co-{n}.md).")
        for n in range(1, 9)
    }  # fmt: skip
    write(site_tree, files)
    with pytest.raises(ContentErrors) as split_run:
        render(site_tree / "mkdocs.yml", tmp_path / "a", BUILD)
    assert forks == [1]
    monkeypatch.setattr(split, "SPLIT_AT", 10**9)
    with pytest.raises(ContentErrors) as single_run:
        render(site_tree / "mkdocs.yml", tmp_path / "b", BUILD)
    found = sorted(map(str, split_run.value.errors))
    assert found == sorted(map(str, single_run.value.errors))
    assert len(found) == 8 and "khong-co-3.md" in "".join(found)


def test_a_failing_second_process_fails_the_build_and_keeps_the_site(
    site_tree: Path,  # noqa: F811
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    monkeypatch.setattr(split, "SPLIT_AT", 10**9)
    assert commands.build(config, site) == 0
    published = tree(site)
    page = PortalPlugin.on_post_page

    def crashing(self: PortalPlugin, output: str, **kwargs: object) -> str:
        if self.steps is not None and self.steps.child:
            raise RuntimeError("lỗi trong tiến trình thứ hai")
        return page(self, output, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PortalPlugin, "on_post_page", crashing)
    monkeypatch.setattr(split, "SPLIT_AT", 1)
    shutil.rmtree(site_tree / ".cache")
    capsys.readouterr()
    assert commands.build(config, site) == 2
    assert forks == [1]
    assert "Traceback" not in capsys.readouterr().err
    log = (site_tree / ".cache/portal-build.log").read_text(encoding="utf-8")
    assert "lỗi trong tiến trình thứ hai" in log
    assert tree(site) == published
    assert not list((site_tree / ".cache/search").glob(".parts-*"))  # neither process's
    # Nothing of MkDocs stays replaced in this process: its own page steps are back.
    assert (mkdocs_build._populate_page, mkdocs_build._build_page) == (POPULATE, BUILD_PAGE)
    assert POPULATE.__module__ == "mkdocs.commands.build" == BUILD_PAGE.__module__
    assert mkdocs_pages.Page._set_canonical_url is SET_CANONICAL
