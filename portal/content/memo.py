"""Content stage (memo): what reading and validating gave for unchanged files, kept between
processes, so that `portal build` or `portal check` after one edit parses one file.

`load.load_file` and `news._validated` remember their results in the process (the long-lived
`portal serve` needs nothing more). A fresh process restores them from `.cache/content.pickle`
and writes them back after planning. A file's entry is used only while its identity on disk
(inode, modification time, size) is the same, and a validation only for the very document it
checked, against the same categories. The pickle is tied to the portal's own code: written by
another version, it is ignored. It is the portal's own file in the git-ignored cache, never
read from the repository; deleting it is always safe.
"""

from __future__ import annotations

import gc
import os
import pickle
from pathlib import Path

from ..code import code_version
from . import load, news

NAME = "content.pickle"
STALE_AT = 50  # files parsed since the memo was written, before it is written again


def restore(cache: Path) -> None:
    """Fill the process's memo from `cache/NAME`, once per process (and never over it)."""
    if load._PARSED or news._VALIDATED:
        return
    enabled = gc.isenabled()
    gc.disable()  # a pass over half a million fresh objects, for nothing
    try:
        with open(cache / NAME, "rb") as file:  # read as it is unpickled: never held whole
            version, parsed, validated = pickle.load(file)
    except Exception:  # noqa: BLE001 (missing, damaged or foreign: only a slower build)
        return
    finally:
        if enabled:
            gc.enable()
    if version == code_version():
        load._PARSED.update(parsed)
        news._VALIDATED.update(validated)
        _RESTORED.update(_entries())


def save(cache: Path) -> None:
    """Write the memo of the files that still exist to `cache/NAME`, atomically, once it
    holds STALE_AT files parsed since it was restored (or there was none).

    Writing it costs a third of a second at 10,000 items; not writing it costs the next
    process parsing again the few files edited since, which it does anyway for its own."""
    for key in [key for key in load._PARSED if not os.path.exists(key[0])]:
        del load._PARSED[key]
    docs = {id(known[1]) for known in load._PARSED.values()}
    for path in [path for path, known in news._VALIDATED.items() if id(known[0]) not in docs]:
        del news._VALIDATED[path]
    changed = sum(1 for known in load._PARSED.values() if id(known) not in _RESTORED)
    if _RESTORED and changed < STALE_AT:
        return
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / f".{NAME}.{os.getpid()}"
    with open(temporary, "wb") as file:  # written as it is pickled: never held whole
        memo = (code_version(), load._PARSED, news._VALIDATED)
        pickle.dump(memo, file, pickle.HIGHEST_PROTOCOL)
    temporary.replace(cache / NAME)
    _RESTORED.clear()
    _RESTORED.update(_entries())


# The entries as restored or saved (held, so that their ids stay theirs): an entry made again
# is a new object, and then the file is written again.
_RESTORED: dict[int, object] = {}


def _entries() -> dict[int, object]:
    return {id(known): known for known in (*load._PARSED.values(), *news._VALIDATED.values())}


def forget() -> None:
    """Let go of the memo in this process: `portal build` has saved it after planning and
    needs it no more, and Pagefind needs the room (the long-lived preview keeps it)."""
    load._PARSED.clear()
    news._VALIDATED.clear()
    _RESTORED.clear()
