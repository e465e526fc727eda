"""Search stage (index): the Pagefind index of the built site, in shards, each kept by key.

Which pages each shard holds is the search plan's (`searchplan.py`). A shard's key is the
content of its pages, so a build after one edit indexes one year again and reuses
the others from `.cache/search/` (safe to delete; an entry whose files do not match its
manifest is indexed again). Shards are indexed in parallel, each by its own small Pagefind
process, so memory stays bounded by a shard and not by the site.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from importlib import metadata
from pathlib import Path

from .. import urls
from ..build.assemble import files_under, remove_empty
from ..build.checked import Checked
from ..build.pagecache import publish
from . import service as indexer
from .plan import bundle_path
from .spool import Parts

PARALLEL_PAGES = 6000  # pages indexed at once: Pagefind's memory grows with them
_MANIFEST = "manifest.json"


class SearchFailed(Exception):
    """Pagefind did not index a shard; `log` is what it said."""

    def __init__(self, shard: str, log: str) -> None:
        super().__init__(f"pagefind failed on shard {shard or 'main'}")
        self.log = [log]


_NAME = re.compile(r"<([a-zA-Z][\w-]*)")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def indexed_part(html: str) -> str | None:
    """What Pagefind reads of a page: its `<html>` tag (the language), its `<title>` and each
    element marked `data-pagefind-body`, without what it ignores. A neighbour's title in "Các
    tin khác" changes the page but not this, so the page's shard need not be indexed again.
    None when the part cannot be told apart (no such element, one left open, a Pagefind
    attribute outside): then the whole page counts."""
    start = html.find("<html")
    parts = [html[start : html.find(">", start) + 1] if start >= 0 else ""]
    title = _TITLE.search(html)
    parts.append(title[0] if title else "")
    outside, at = [], 0
    while (found := _marked(html, " data-pagefind-body", at)) is not None:
        _, begin, end = found
        if end is None:
            return None
        outside.append(html[at:begin])
        parts.append(_unignored(html[begin:end]))
        at = end
    outside.append(html[at:])
    if len(parts) == 2 or any("data-pagefind-" in text for text in outside):
        return None
    return "".join(parts)


def _unignored(body: str) -> str:
    """`body` without the elements Pagefind is told to ignore (the date line, the print
    button): Pagefind makes the same fragment without reading them. One that holds a filter
    or meta of its own (which Pagefind still reads), or has no closing tag, stays."""
    kept, at = [], 0
    while (found := _marked(body, " data-pagefind-ignore", at)) is not None:
        mark, begin, end = found
        if end is None or body.count("data-pagefind-", begin, end) > 1:
            kept.append(body[at : mark + 1])
            at = mark + 1
            continue
        kept.append(body[at:begin])
        at = end
    kept.append(body[at:])
    return "".join(kept)


# Elements without a closing tag: one marked is not cut out (its end cannot be told).
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def _marked(html: str, attribute: str, at: int) -> tuple[int, int, int | None] | None:
    """The next element from `at` whose tag carries `attribute`: where the attribute is, where
    the element begins and where it ends (None: no tag around the attribute, an element
    without a closing tag, or one left open). None when there is none."""
    mark = html.find(attribute, at)
    if mark < 0:
        return None
    begin = html.rfind("<", at, mark)
    name = _NAME.match(html, begin) if begin >= 0 else None
    if name is None or name[1].lower() in _VOID:
        return mark, begin, None
    return mark, begin, _element_end(html, name[1], mark)


@functools.cache
def _tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}[\s>/]", re.IGNORECASE)


def _element_end(html: str, name: str, at: int) -> int | None:
    """Where the element opened just before `at` ends (after its closing tag)."""
    depth = 1
    for tag in _tags(name).finditer(html, at):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return html.find(">", tag.end() - 1) + 1
    return None


def shard_key(site: Path, paths: list[str], known: Mapping[str, str]) -> str:
    """What a shard's pages hold: for a planned page, `known` says it without reading its HTML
    again (the digest of its indexed part, or its cache key); a static page is read and
    hashed."""
    digest = hashlib.sha256(metadata.version("pagefind").encode())
    for path in paths:
        page = known.get(path) or hashlib.sha256((site / path).read_bytes()).hexdigest()
        digest.update(f"{path}\0{page}\n".encode())
    return digest.hexdigest()


def _sound(entry: Path, checked: Checked) -> bool:
    """An entry is whole: every file its manifest names, with the bytes it names (read once,
    then known by identity)."""

    def matches(path: Path, digest: str) -> bool:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest

    try:
        manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
        return all(
            checked.sound(str(entry / rel), functools.partial(matches, entry / rel, digest))
            for rel, digest in manifest.items()
        )
    except (OSError, ValueError, AttributeError):
        return False


def pagefind_html(page: Path) -> str:
    """What Pagefind is given of `page`: its indexed part alone, from which Pagefind makes the
    same fragment as from the whole page in less time (a part is about a quarter of the page),
    or the whole page when its part cannot be told apart."""
    html = page.read_bytes().decode("utf-8")  # whole: a text reader decodes piece by piece
    part = indexed_part(html)
    return html if part is None else part


def _index(
    site: Path,
    shard: str,
    paths: list[str],
    entry: Path,
    told: Callable[[], None] | None = None,
    parts: Parts | None = None,
) -> dict[str, str]:
    """Index `paths` of `site` into the cache entry `entry`, atomically; returns its manifest
    (file -> SHA-256). `told` is called once Pagefind has every page. `parts`: the indexed
    parts the render kept; a page without one is read from the site."""
    bundle = entry.with_name(f".{entry.name}.{os.getpid()}")
    shutil.rmtree(bundle, ignore_errors=True)

    def page(path: str) -> str:
        part = parts.take(path) if parts is not None else None
        return pagefind_html(site / path) if part is None else part

    pages = ((indexer.page_url(path), page(path)) for path in paths)
    try:
        manifest = indexer.index(pages, bundle, told)
    except indexer.IndexFailed as exc:
        shutil.rmtree(bundle, ignore_errors=True)
        raise SearchFailed(shard, str(exc)) from None
    (bundle / _MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)
    bundle.rename(entry)
    return manifest


def index_site(
    site: Path,
    planned: Mapping[str, list[str]],
    cache: Path,
    known: Mapping[str, str] | None = None,
    workers: int | None = None,
    meanwhile: Callable[[], None] | None = None,
    parts: Parts | None = None,
) -> dict[str, bool]:
    """Publish the bundle of every shard (`planned`: from `shards()`) into `site`, indexing
    only shards whose pages changed. Returns shard -> whether it was indexed in this run
    (False: reused). `meanwhile` runs here once Pagefind has every page of the first shards,
    while it indexes them. `parts`: what the render kept of the pages it drew (spool.py),
    which Pagefind is handed instead of the page read again."""
    cache.mkdir(parents=True, exist_ok=True)
    entries = {
        shard: cache / f"{shard or 'main'}-{shard_key(site, paths, known or {})[:32]}"
        for shard, paths in planned.items()
    }
    checked = Checked(cache / "checked.tsv")
    # The largest first: the last to end is then a small one, and no core waits long on it.
    todo = sorted(
        (shard for shard, entry in entries.items() if not _sound(entry, checked)),
        key=lambda shard: -len(planned[shard]),
    )
    largest = max((len(planned[shard]) for shard in todo), default=1)
    workers = min(workers or os.cpu_count() or 1, max(1, PARALLEL_PAGES // largest))
    present = files_under(site / urls.PAGEFIND)  # what the site held before (the spare's)
    wanted: set[str] = set()
    first, fed = set(todo[:workers]), threading.Semaphore(0)

    def index(shard: str) -> dict[str, str]:
        pending = shard in first  # a first shard tells once: Pagefind has its pages, or it failed

        def tell() -> None:
            nonlocal pending
            if pending:
                pending = False
                fed.release()

        try:
            return _index(site, shard, planned[shard], entries[shard], tell, parts)
        finally:
            tell()

    with ThreadPoolExecutor(workers) as pool:
        indexing = {pool.submit(index, shard): shard for shard in todo}
        for _ in first:
            fed.acquire()
        if meanwhile is not None:
            meanwhile()
        for done in as_completed(indexing):  # each published here while others are indexed
            entry = entries[indexing[done]]
            for rel in done.result():  # just written and hashed for its manifest: sound
                checked.add(str(entry / rel))
            wanted.update(_link(site, bundle_path(indexing[done]), entry, present))
    checked.save()
    for shard in entries.keys() - set(todo):
        wanted.update(_link(site, bundle_path(shard), entries[shard], present))
    _remove_others(site, present, wanted)
    _prune(cache, set(entries.values()))
    return {shard: shard in todo for shard in entries}


def _link(
    site: Path, folder: str, entry: Path, present: Mapping[str, os.DirEntry[str]]
) -> set[str]:
    """The files of the cache entry `entry` in `site` at `folder`: those the site holds
    already (the entry's very file) stay, others are linked. Returns their paths (relative to
    `site/pagefind/`)."""
    linked = set()
    for rel, file in files_under(entry).items():
        if rel == _MANIFEST:
            continue
        path = folder[len(urls.PAGEFIND) :] + rel
        linked.add(path)
        have = present.get(path)
        if have is None or have.inode() != file.inode():
            publish(Path(file.path), site / urls.PAGEFIND / path)
    return linked


def _remove_others(site: Path, present: Mapping[str, os.DirEntry[str]], wanted: set[str]) -> None:
    """`site/pagefind/` holds exactly the `wanted` files: the others it held go."""
    emptied = set()
    for path, file in present.items():
        if path not in wanted:
            os.unlink(file.path)
            emptied.add(os.path.dirname(file.path))
    remove_empty(emptied, site)


def _prune(cache: Path, used: set[Path]) -> None:
    """Entries of this build stay, with the one before each (a preview and a build share the
    cache); older ones go."""
    by_shard: dict[str, list[Path]] = defaultdict(list)
    for entry in cache.iterdir():
        if entry.is_dir() and not entry.name.startswith("."):
            by_shard[entry.name.rsplit("-", 1)[0]].append(entry)
    for entries in by_shard.values():
        entries.sort(key=lambda e: (e in used, e.stat().st_mtime), reverse=True)
        for stale in entries[2:]:
            shutil.rmtree(stale, ignore_errors=True)
