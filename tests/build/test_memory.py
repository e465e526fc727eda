"""A render leaves nothing of MkDocs behind: its pages and files are freed before the search
stage and Pagefind need the room."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from portal import commands
from portal.build.mode import RenderMode
from portal.content.memo import ContentMemo
from portal.mkdocs.build import render
from portal.mkdocs.plugin import PortalPlugin
from portal.repository import Plan
from portal.search import index as search
from tests.build.test_incremental import site_tree  # noqa: F401 (a fixture)


def _alive(site: Path) -> int:
    """MkDocs pages and files of the build into `site` still in memory."""
    gc.collect()
    prefix = str(site)
    files = [o for o in gc.get_objects() if isinstance(o, File)]
    pages = [o for o in gc.get_objects() if isinstance(o, Page)]
    return sum(f.abs_dest_path.startswith(prefix) for f in files) + sum(
        p.file.abs_dest_path.startswith(prefix) for p in pages
    )


def test_nothing_of_the_render_stays_in_memory(site_tree: Path, tmp_path: Path) -> None:  # noqa: F811
    site = tmp_path / "fresh"
    rendered = render(site_tree / "mkdocs.yml", site, RenderMode(listed=True))
    # A real build: every page published from the cache, or linked into the site as rendered.
    assert len(rendered.cached) + len(list(site.rglob("index.html"))) > 20
    # The plan lives on (the search stage reads it); nothing it holds reaches MkDocs' objects,
    # and MkDocs keeps no plugin of this build (with its keys, cache index and bodies).
    assert _alive(site) == 0
    plugins = [o for o in gc.get_objects() if isinstance(o, PortalPlugin)]
    assert not [p for p in plugins if getattr(p, "plan", None) is rendered.plan]


def test_the_plan_is_let_go_before_pagefind_runs(
    site_tree: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pagefind is the memory peak of a build: by then the build process holds the shards'
    page lists and keys, not the plan, its items, nor the content memo."""
    seen: list[tuple[int, int]] = []
    index = search.index_site

    def watched(*args: object, **kwargs: object) -> dict[str, bool]:
        gc.collect()
        objects = gc.get_objects()
        plans = [o for o in objects if isinstance(o, Plan) and o.settings.root == site_tree]
        memos = [o for o in objects if isinstance(o, ContentMemo)]
        ours = [m for m in memos if any(str(site_tree) in path for path, _ in m.parsed)]
        seen.append((len(plans), len(ours)))
        return index(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "index_site", watched)
    assert commands.build(site_tree / "mkdocs.yml", site_tree / "site") == 0
    assert seen == [(0, 0)]
