"""Build stage (assemble): the whole site in one folder, made from the site before the live one.

Every page of a build is in the page cache (reused, or rendered and stored there). The fresh
folder holds what MkDocs wrote (the theme's assets, the feeds, the sitemap) and the pages this
build rendered, each linked there with its `.gz` by the process that rendered it. Making
a new folder of 14,000 page folders and links each build costs seconds of file-system time,
and deleting the replaced one as much again. So `portal build` keeps the site it replaced as a
spare, and the next build brings that spare up to date: files it should not have go, pages it
lacks are linked from the cache (those it has are the cache's very files, the same inode), and
the fresh files are moved in. With no spare (a first or cold build) the fresh folder becomes
the site. The spare is never the live site, and every file is replaced by a rename or a new
link, never written in place: the live site shares those inodes.

The search bundle (`pagefind/`) and the `.gz` beside each file are brought up to date by their
own stages (`search.py`, `precompress.py`); here a `.gz` goes only with its file.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .. import urls
from .pagecache import publish

_DERIVED = urls.PAGEFIND  # kept up to date by the search stage


def files_under(folder: Path, skip: str = "") -> dict[str, os.DirEntry[str]]:
    """Every file under `folder` by its path relative to it (`/` separators), but those in
    the folder `skip` (relative, ending in "/")."""
    found: dict[str, os.DirEntry[str]] = {}
    pending = [("", str(folder))]
    while pending:
        prefix, path = pending.pop()
        try:
            entries = list(os.scandir(path))
        except FileNotFoundError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if rel + "/" != skip:
                    pending.append((rel + "/", entry.path))
            else:
                found[rel] = entry
    return found


def assemble(fresh: Path, cached: Mapping[str, Path], tree: Path) -> None:
    """Make `tree` hold the site: every file of `fresh` (moved) and every page published from
    the cache (`cached`: output path -> cache file); nothing else but the search bundle and
    the `.gz` of files that stay. `fresh` is emptied."""
    if not tree.exists():  # no spare site (a first build, a cold one): `fresh` becomes it
        fresh.rename(tree)
        fresh.mkdir()
        for rel, source in cached.items():
            publish(source, tree / rel)
        return
    moved = files_under(fresh)
    present = files_under(tree)
    emptied: set[str] = set()
    for rel, entry in present.items():
        if rel.startswith(_DERIVED):
            continue
        base = rel[:-3] if rel.endswith(".gz") else rel
        if base not in moved and base not in cached:
            os.unlink(entry.path)
            emptied.add(os.path.dirname(entry.path))
    # Every file left is one of the new site's: none is in the way of another's folder.
    remove_empty(emptied, tree)
    for rel, source in cached.items():
        entry = present.get(rel)
        if entry is None or entry.inode() != os.stat(source).st_ino:
            _clear(tree / rel)
            publish(source, tree / rel)
    for rel, entry in moved.items():
        target = tree / rel
        _clear(target)
        try:
            os.replace(entry.path, target)
        except FileNotFoundError:  # a folder the tree does not have yet
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(entry.path, target)


def _clear(path: Path) -> None:
    """A folder where the new site has a file (left by an interrupted build) goes first."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)


def remove_empty(folders: set[str], tree: Path) -> None:
    """Remove the folders that deleting files emptied, and their emptied parents."""
    top = str(tree)
    for folder in sorted(folders, key=len, reverse=True):
        while folder != top and folder.startswith(top):
            try:
                os.rmdir(folder)
            except OSError:  # not empty, or gone already
                break
            folder = os.path.dirname(folder)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def swap(tree: Path, live: Path) -> None:
    """Make `tree` the live site, and the site it replaces the spare, at `tree`'s path.

    Where the system can (Linux's renameat2), the two folders trade names in one step, so the
    live address never lacks a site, not even for a moment; elsewhere three renames do it.
    """
    if not live.exists():
        tree.rename(live)
    elif not _exchange(tree, live):
        old = live.with_name(f".{live.name}.old.{os.getpid()}")
        live.rename(old)
        tree.rename(live)
        old.rename(tree)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0
