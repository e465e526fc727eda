"""MkDocs adapter (files): how the plan's outputs and cached pages become MkDocs files."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import write_file

from ..outputs.files import Output
from ..outputs.pagecache import publish


class ProducedFile(File):
    """A file whose bytes are made when MkDocs writes it, after every page was converted."""

    produce: Any

    def copy_file(self, dirty: bool = False) -> None:
        write_file(self.produce(), self.abs_dest_path)


class LinkedFile(File):
    """A page reused from the cache in a plain `mkdocs build`: published by hard link."""

    def copy_file(self, dirty: bool = False) -> None:
        publish(Path(self.abs_src_path), Path(self.abs_dest_path))


class CachedFile(File):
    """A page reused from the cache: nothing is written, the page is listed in `cached`."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def output_file(config: MkDocsConfig, path: str, output: Output, rendered: Any) -> File:
    """The one place where the domain's outputs become MkDocs files."""
    if output.file is not None:
        return File.generated(config, path, abs_src_path=str(output.file))
    file = ProducedFile.generated(config, path, content=b"")
    file.produce = functools.partial(output.produce, rendered)
    return file
