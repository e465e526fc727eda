"""MkDocs adapter (rendering on two cores): the pages to render, shared with a forked child.

MkDocs renders one page after another in one process, and a cold build has 14,000 of them at
10,000 items. After the nav is made, the build forks. The pages nothing else in the parent
needs (the movable ones: not in the nav, no body a feed carries) are shared between the two as
they go (claims.py); the parent also renders the rest and makes everything else (the theme's
files, the feeds, which carry bodies the parent converted, the sitemap). The child marks the
parent's own files excluded, so MkDocs neither converts nor writes them; links to them still
resolve to the same URLs. The child sends back what it logged (the parent logs it again, so
strict mode and the editors' link errors see it) and the cache entries it wrote; a child that
fails fails the build.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.files import Files, InclusionLevel

from ..build.session import Stored
from .claims import Claims, Steps

# Fewer pages to render than this (an edit, the preview) are not worth a fork.
SPLIT_AT = 1500
log = logging.getLogger("mkdocs.plugins.portal")


class ChildFailed(Exception):
    """The second rendering process failed or died; its own error when it could say it."""


@dataclass
class Outcome:
    """What the child reports: its log records, what it stored, or its error."""

    records: list[tuple[int, str]] = field(default_factory=list)
    stored: Stored = field(default_factory=Stored)
    error: BaseException | None = None


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


class Split:
    """One side of a split render: `child` is True in the forked process."""

    def __init__(self, child: bool, fd: int, pid: int = 0) -> None:
        self.child, self.fd, self.pid = child, fd, pid
        self.handler: _Records | None = None
        self.reaped = False

    def report(self, stored: Stored, error: BaseException | None = None) -> None:
        """In the child: send the outcome to the parent and end the process (this never
        returns); MkDocs' own ending (strict mode's count, the log) is the parent's."""
        records = self.handler.records if self.handler else []
        try:
            data = pickle.dumps(Outcome(records, stored, error))
        except Exception:  # noqa: BLE001 (an error that does not pickle is sent as text)
            data = pickle.dumps(Outcome(records, stored, ChildFailed(f"{error!r}")))
        try:
            with os.fdopen(self.fd, "wb") as pipe:
                pipe.write(data)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0 if error is None else 1)

    def finish(self) -> Outcome:
        """In the parent: wait for the child; its log records are logged here, and its
        failure raised."""
        gc.unfreeze()  # the render is over: what it no longer needs can go (`start`)
        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.reaped = True
        try:
            outcome = pickle.loads(data) if data else Outcome()
        except Exception as exc:  # noqa: BLE001 (an error that does not rebuild)
            raise ChildFailed(f"the second rendering process's report: {exc!r}") from None
        for level, message in outcome.records:
            log.log(level, message)
        if outcome.error is not None:
            raise outcome.error
        if not data or os.waitstatus_to_exitcode(status) != 0:
            raise ChildFailed(f"the second rendering process ended with status {status}")
        return outcome

    def abandon(self) -> None:
        """In the parent, when its own part failed: the child is stopped and reaped."""
        if self.reaped:
            return
        gc.unfreeze()
        self.reaped = True
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


def end_child(steps: Steps) -> None:
    """A forked child that did not report (something escaped MkDocs) ends here, and never
    returns into the command that started the build."""
    if steps.child:
        os._exit(1)


def start(files: Files, config: Any, shared: Iterable[str], steps: Steps) -> Split | None:
    """Fork; the child renders only `shared` pages, which the two share as they go
    (claims.py, through this render's `steps`), and the parent the others too. None when the
    system cannot fork."""
    if not hasattr(os, "fork"):
        return None
    ours = set(shared)
    claims = Claims([file.src_uri for file in files if file.src_uri in ours])
    reader, writer = os.pipe()
    # Objects made so far (the plan, MkDocs' files) stay out of the collector in both processes
    # until the render ends: their memory pages stay shared, and the collector's full passes
    # do not walk them again and again (the parent rendered 18 % slower than the child when it
    # took them back at once).
    gc.freeze()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        for file in files:
            if file.src_uri not in ours:
                file.inclusion = InclusionLevel.EXCLUDED
        config.theme.static_templates.clear()
        config.extra_templates.clear()
        steps.child = True
        claims.child()
        steps.claims, steps.files = claims, files
        split = Split(True, writer)
        split.handler = _Records()
        logging.getLogger("mkdocs").handlers = [split.handler]  # the parent logs them again
        return split
    os.close(writer)
    steps.claims, steps.files = claims, files
    return Split(False, reader, pid)
