"""MkDocs adapter (sharing the render): of the pages either process may render, which one
renders each, decided as they go rather than up front.

Halving the pages up front left one process idle for seconds at the end when the other was
slower, and on a shared machine one core can run a fifth slower than the other for a whole
build. Here the shared pages (split.py's movable ones), in MkDocs' order, which both processes
follow, are cut into runs of consecutive pages, numbered. A counter in memory both processes
share says the next run nobody has taken. A process reaching a run it does not hold takes the
counter's run and moves the counter on; it renders the run it took when it gets there and
skips the others. The counter only grows, so each run is rendered once, by whichever process
was free first. The first run is the child's from the start: each process renders some.

MkDocs reads (converts) every page before it renders the first; a shared page is read only by
the process that renders it, just before (`Steps`, installed for one render by
engine.page_steps).
"""

from __future__ import annotations

import mmap
import multiprocessing
from typing import Any

from mkdocs.structure.files import Files

from .engine import BUILD, POPULATE

RUN = 16  # pages a run holds on a large site: one claim for 16 pages
_NONE = 1 << 62  # held when every run is taken


class Claims:
    """The shared pages of one render: `order` (src_uri, in MkDocs' order) in runs."""

    def __init__(self, order: list[str]) -> None:
        run = max(1, min(RUN, len(order) // 64))
        self.run_of = {uri: n // run for n, uri in enumerate(order)}
        self.runs = -(-len(order) // run)
        self._lock = multiprocessing.get_context("fork").Lock()
        self._next = mmap.mmap(-1, 8)  # anonymous and shared: the forked child sees it
        self._next[:] = (1).to_bytes(8, "little")  # run 0 is the child's
        self.held = -1

    def child(self) -> None:
        """In the child, just after the fork: it holds the first run."""
        self.held = 0

    def mine(self, src_uri: str) -> bool:
        """Whether this process renders the shared page `src_uri`."""
        run = self.run_of[src_uri]
        if self.held < run:  # past the run it held: take the next one nobody has
            with self._lock:
                taken = int.from_bytes(self._next[:], "little")
                self._next[:] = (taken + 1).to_bytes(8, "little")
            self.held = taken if taken < self.runs else _NONE
        return self.held == run


class Steps:
    """MkDocs' reading and drawing of each page for one render (engine.page_steps installs
    these for its duration): MkDocs' own, until a render on two cores hands `claims` over; then
    a shared page is read and drawn only in the process that takes it. `child` is set in the
    forked process."""

    def __init__(self) -> None:
        self.claims: Claims | None = None
        self.files: Files | None = None
        self.child = False

    def populate(self, page: Any, config: Any, files: Files, dirty: bool = False) -> None:
        if self.claims is None or page.file.src_uri not in self.claims.run_of:
            POPULATE(page, config, files, dirty)

    def build(self, page: Any, config: Any, *args: Any, **kwargs: Any) -> None:
        claims, uri = self.claims, page.file.src_uri
        if claims is None or uri not in claims.run_of:
            BUILD(page, config, *args, **kwargs)
        elif claims.mine(uri):
            POPULATE(page, config, self.files)
            BUILD(page, config, *args, **kwargs)
