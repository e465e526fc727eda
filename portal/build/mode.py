"""Build stage (mode): how one render runs, decided by the command that starts it and handed
down whole to the engine's adapter; never carried through the environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RenderMode:
    """`preview`: drafts and scheduled items too (`portal serve`, `build --preview`).
    `listed`: pages reused from the page cache are listed (`Rendered.cached`) for the caller
    to assemble or answer, not linked into the folder MkDocs writes (a plain `mkdocs build`
    links them). `from_cache`: the preview answers pages from the cache, so an entry's
    presence is enough where a build reads and checks it. `published`: the site this build
    replaces, whose record of addresses the plan joins."""

    preview: bool = False
    listed: bool = False
    from_cache: bool = False
    published: Path | None = None

    @property
    def compressed(self) -> bool:
        """`portal build`: rendered pages are compressed and linked into the site as they go."""
        return self.listed and not self.from_cache


BUILD = RenderMode(listed=True)
PREVIEW = RenderMode(preview=True, listed=True, from_cache=True)
