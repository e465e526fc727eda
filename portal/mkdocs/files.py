"""MkDocs adapter (files): how the plan's outputs and cached pages become MkDocs files."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import write_file

from .. import urls
from ..build.mode import RenderMode
from ..build.pagecache import publish
from ..outputs.files import Output, Outputs
from ..site.pages import Page as PlannedPage


class ProducedFile(File):
    """A file whose bytes are made when MkDocs writes it, after every page was converted, or,
    in the preview, listed in `made_when_asked` to be made when asked for."""

    produce: Any
    made_when_asked: dict[str, Any] | None = None

    def copy_file(self, dirty: bool = False) -> None:
        if self.made_when_asked is not None:
            self.made_when_asked[self.dest_uri] = self.produce
            return
        write_file(self.produce(), self.abs_dest_path)


class LinkedFile(File):
    """A page reused from the cache in a plain `mkdocs build`: published by hard link."""

    def copy_file(self, dirty: bool = False) -> None:
        publish(Path(self.abs_src_path), Path(self.abs_dest_path))


class CachedFile(File):
    """A page reused from the cache: nothing is written, the page is listed in `cached`."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def output_file(
    config: MkDocsConfig,
    path: str,
    output: Output,
    rendered: Any,
    made_when_asked: dict[str, Any] | None = None,
) -> File:
    """The one place where the domain's outputs become MkDocs files."""
    if output.file is not None:
        return File.generated(config, path, abs_src_path=str(output.file))
    file = ProducedFile.generated(config, path, content=b"")
    file.produce = functools.partial(output.produce, rendered)
    file.made_when_asked = made_when_asked
    return file


def nav_entries(entries: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """The domain's menu (site/pagelist.menu) as MkDocs' nav: title -> page, or -> a list."""
    return [
        {title: urls.src_uri(target) if isinstance(target, str) else
         [{name: urls.src_uri(url)} for name, url in target]}
        for title, target in entries
    ]  # fmt: skip


def add_outputs(
    files: Files,
    config: MkDocsConfig,
    outputs: Outputs,
    body: Any,
    made_when_asked: dict[str, Any] | None = None,
) -> None:
    """Every output of the plan joins MkDocs' files, in place of any the theme has (its
    sitemap.xml); `body(url)` is an article's converted body, for the feeds. `made_when_asked`:
    the preview's generated files, made when a reader asks for one (build/session.py)."""
    for path, output in outputs.files.items():
        if (theirs := files.get_file_from_path(path)) is not None:
            files.remove(theirs)
        files.append(output_file(config, path, output, body, made_when_asked))


def add_pages(
    files: Files,
    config: MkDocsConfig,
    pages: Iterable[PlannedPage],
    reuse: Callable[[PlannedPage], Path | None],
    mode: RenderMode,
) -> list[PlannedPage]:
    """Each planned page as a file: from the cache when `reuse` finds it (listed, or linked
    in a plain `mkdocs build`), else generated, never in the nav (a nav listing every article
    makes every page list every article). Returns the pages to render."""
    to_render = []
    reused_file = CachedFile if mode.listed else LinkedFile
    for page in pages:
        reused = reuse(page)
        if reused is not None:
            files.append(reused_file.generated(config, page.output, abs_src_path=str(reused)))
            continue
        to_render.append(page)
        inclusion = InclusionLevel.NOT_IN_NAV
        files.append(
            File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        )
    return to_render


def converted(files: Files, url: str) -> str:
    """The body MkDocs converted for the article at `url`."""
    return files.get_file_from_path(urls.src_uri(url)).page.content
