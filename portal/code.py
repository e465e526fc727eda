"""The portal's own code, by content: what a cache made by other code must not be used for.

Shared by the page keys (`build/pagekeys.py`) and the content memo (`build/memofile.py`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def tree_digest(folders: Iterable[Path], suffixes: tuple[str, ...] = ()) -> str:
    """The content of every file under `folders` (with one of `suffixes`, if given)."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (not suffixes or path.suffix in suffixes):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def code_version() -> str:
    """The portal's Python code, read once per process: a process runs the code it imported."""
    return tree_digest([PACKAGE], (".py",))


# The theme the portal ships (templates, stylesheets, scripts, fonts, the default emblem): a
# site's own `custom_dir` changes it block by block, as Material is changed.
THEME = PACKAGE / "theme"
