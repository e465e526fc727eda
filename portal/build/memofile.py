"""Build stage (content memo on disk): the memo of one process kept for the next, and the
first parse of many files shared with a forked child.

A fresh process restores the memo from `content.pickle` in the `content_cache` folder and
writes it back after planning: `portal build` or `portal check` after one edit parses one
file. The pickle is tied to the portal's own code: written by another version, it is ignored.
It lives in the git-ignored cache, never in the repository; deleting it is always safe.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..code import code_version
from ..content.load import load_file
from ..content.memo import ContentMemo, identity

NAME = "content.pickle"
STALE_AT = 50  # files parsed since the memo was written, before it is written again
PARALLEL_AT = 2000  # new files to parse before a second process is worth its start


def restore(folder: Path) -> ContentMemo:
    """The memo saved in `folder`, or an empty one (missing, damaged or another version's)."""
    memo = ContentMemo()
    enabled = gc.isenabled()
    gc.disable()  # a pass over half a million fresh objects, for nothing
    try:
        with open(folder / NAME, "rb") as file:  # read as it is unpickled: never held whole
            version, parsed, validated = pickle.load(file)
        # Long-lived and free of cycles (reference counts free them): no collection need
        # walk them, as each did, costing a one-edit build 0.4 s at 10,000 items.
        gc.freeze()
    except Exception:  # noqa: BLE001 (only a slower build)
        return memo
    finally:
        if enabled:
            gc.enable()
    if version == code_version():
        memo.parsed, memo.validated = parsed, validated
        memo.kept = {id(entry) for entry in memo.entries()}
    return memo


def save(memo: ContentMemo, folder: Path) -> None:
    """Write the memo of the files that still exist, atomically, once it holds STALE_AT
    files parsed since it was restored (or there was none). Writing costs a third of a
    second at 10,000 items; not writing costs the next process parsing again the few files
    edited since, which it does anyway for its own."""
    memo.prune()
    if memo.kept and memo.changed() < STALE_AT:
        return
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{NAME}.{os.getpid()}"
    with open(temporary, "wb") as file:  # written as it is pickled: never held whole
        pickle.dump((code_version(), memo.parsed, memo.validated), file, pickle.HIGHEST_PROTOCOL)
    temporary.replace(folder / NAME)
    memo.kept = {id(entry) for entry in memo.entries()}


def prefill(
    memo: ContentMemo,
    files: list[tuple[str, str]],
    check: Callable[[list[Any]], None] | None = None,
) -> None:
    """Parse the new files among `files` ((path, name shown)), when many (a build with no
    memo), in two processes: a forked child parses the second half and sends back what it
    got, which joins `memo` as if parsed here. Planning runs on one core before the render
    uses two: at 10,000 files parsing was a second of it, and checking their fields most of
    another. `check` is given what each process parsed (documents, or the errors of a file
    that could not be read) and checks it into `memo`, where the planning finds it checked.
    Should the child fail, `load` parses, and the planning checks, what is missing when it
    gets there."""
    if len(files) < PARALLEL_AT or not hasattr(os, "fork") or threading.active_count() > 1:
        return  # forking beside other threads (the preview's) could inherit a held lock
    files = [(path, rel) for path, rel in files if memo.known(path, rel, identity(path)) is None]
    if len(files) < PARALLEL_AT:
        return
    half = len(files) // 2
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send, end without running anything of the parent's
        try:
            os.close(reader)
            results = [load_file(path, rel, memo) for path, rel in files[half:]]
            if check is not None:
                check(results)
            parsed = [(key, memo.parsed[key]) for key in files[half:]]
            paths = {doc.path for doc in results if not isinstance(doc, list)}
            checked = {path: memo.validated[path] for path in paths & memo.validated.keys()}
            with os.fdopen(writer, "wb") as pipe:  # one dump: a check holds its very document
                pickle.dump((parsed, checked), pipe, pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)
    os.close(writer)
    results = [load_file(path, rel, memo) for path, rel in files[:half]]
    if check is not None:
        check(results)
    try:
        with os.fdopen(reader, "rb") as pipe:
            parsed, checked = pickle.load(pipe)
        memo.parsed.update(parsed)
        memo.validated.update(checked)
    except Exception:  # noqa: BLE001 (the child failed: `load` parses the rest)
        pass
    finally:
        os.waitpid(pid, 0)
