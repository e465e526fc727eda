"""Commands (above every stage): what `portal build`, `check`, `new` and `counter` do.

`portal build` brings a staging folder up to date (the site the previous build replaced) and
swaps it in only when it is whole; the site it replaces is the next build's staging folder.

A content error, a crash or an interrupted build leaves the previously published `site/`
exactly as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import gc
import shutil
import sys
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import scaffold, urls
from .build import assemble, memofile, precompress
from .build.mode import RenderMode
from .checking import counts, print_scheduled, print_told
from .content.load import SourceDoc, markdown_files
from .content.memo import ContentMemo
from .content.models import Item
from .content.news import validate_each
from .dates import build_time
from .deploy import schedule
from .errors import ContentError, ContentErrors
from .outputs.files import site_state
from .search import index as search
from .search import plan as searchplan
from .search.spool import Location, Parts
from .site.settings import Settings, read_settings
from .vi import UI, format_number, format_schedule

if TYPE_CHECKING:
    from .counter.service import RateLimit


@dataclass
class Failure:
    """Why a build did not publish, for whoever runs it unattended (publishing.update)."""

    problems: list[str] = field(default_factory=list)  # "file:line: field: message — fix"
    crash: str = ""  # a fault of the portal: what was raised
    log: Path | None = None
    disk_full: bool = False


def build(
    config_file: Path,
    site_dir: Path,
    preview: bool = False,
    verbose: bool = False,
    if_due: bool = False,
    failure: Failure | None = None,
) -> int:
    """`portal build`: the site into a staging folder, indexed, then swapped in whole.
    `if_due`: only when HEAD moved or a scheduled change has come (the timer's run)."""
    from .mkdocs.build import render  # MkDocs only for the commands that build

    commit = schedule.head(config_file.parent)
    if if_due and not schedule.due(site_dir, commit, build_time()):
        print(UI["not_due"])
        return 0
    # What MkDocs rendered goes into `fresh`; the site is assembled in `staging`, which is the
    # site the last build replaced (build/assemble.py), and becomes the spare again.
    fresh = site_dir.with_name(f".{site_dir.name}.fresh")
    staging = site_dir.with_name(f".{site_dir.name}.staging")
    for leftover in (fresh, *site_dir.parent.glob(f".{site_dir.name}.old*")):
        shutil.rmtree(leftover, ignore_errors=True)
    start = time.monotonic()
    try:
        memo = prepared_memo(config_file, preview)
        mode = RenderMode(preview=preview, listed=True, published=site_dir)
        rendered = render(config_file, fresh, mode, memo, verbose)
        cached, search_keys, parts = rendered.cached, rendered.search_keys, rendered.parts
        # What the rest needs of the plan, taken now: the plan, the memo and what MkDocs left
        # go before Pagefind, which needs the room (at 50,000 items the build process held
        # 913 MiB while Pagefind ran, before this).
        plan = rendered.plan
        settings, planned = plan.settings, searchplan.shards(plan.pages, plan.static)
        change = schedule.next_change(plan.collections)
        newest = plan.collections.published[0].title if plan.collections.published else ""
        report = Report(
            len(plan.pages),
            counts(plan),
            plan.site.warnings,
            plan.collections.scheduled,
            plan.site.notices,
            site_state(plan.site),
        )
        record = settings.root / settings.addresses_file
        del rendered, plan, memo
        assemble.assemble(fresh, cached, staging)
        shutil.rmtree(fresh, ignore_errors=True)
        index_and_compress(staging, settings, planned, search_keys, parts)
        (staging / schedule.STATE).parent.mkdir(parents=True, exist_ok=True)
        made_by = schedule.author(config_file.parent)
        built = schedule.state(commit, change, newest, made_by)
        (staging / schedule.STATE).write_bytes(built)
        for path, data in report.state.items():
            (staging / path).write_bytes(data)
    except ContentErrors as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        if failure is not None:
            failure.problems = [str(error) for error in exc.errors]
        print(exc.report(), file=sys.stderr)
        print(UI["build_failed"].format(count=len(exc.errors), site=site_dir), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 (a fault of the portal: logged, never a traceback)
        shutil.rmtree(fresh, ignore_errors=True)
        log = write_log(config_file.parent, exc)
        if failure is not None:
            failure.crash, failure.log = f"{type(exc).__name__}: {exc}", log
            failure.disk_full = getattr(exc, "errno", None) == errno.ENOSPC
        if verbose:
            print(str(exc), file=sys.stderr)
        print(UI["build_crashed"].format(site=site_dir, log=log), file=sys.stderr)
        return 2
    assemble.swap(staging, site_dir)
    if not preview and not if_due:
        # The record in git, for a fresh clone, a CI runner, a new server; the timer's builds
        # keep theirs in the site they publish, and never change a file git tracks.
        keep_record(record, report.state[urls.RECORD])
    seconds = format_number(time.monotonic() - start, 1)
    print(
        UI["build_ok"].format(site=site_dir, pages=report.pages, seconds=seconds, **report.counts)
    )
    print_told(report.warnings, "warning")
    print_told(report.notices, "notice")
    print_scheduled(report.scheduled)
    if change is not None:
        key = "next_expiry" if change.expires else "next_publish"
        print(UI[key].format(when=format_schedule(change.when), what=change.what))
    return 0


def prepared_memo(config_file: Path, preview: bool) -> ContentMemo:
    """The content memo of the last build, with the new files parsed, and the news checked,
    on two cores when there are many (build/memofile.py): the planning that follows reads
    and checks only what changed."""
    settings = read_settings(config_file, preview)
    memo = memofile.restore(settings.root / settings.content_cache)
    news = markdown_files(settings.root, settings.news_dir)
    notices = markdown_files(settings.root, settings.notices_dir)
    in_news = {rel for _, rel in news}

    def check(parsed: list[SourceDoc | list[ContentError]]) -> None:
        docs = [doc for doc in parsed if not isinstance(doc, list) and doc.path in in_news]
        for item in validate_each(docs, settings.categories, memo):
            if isinstance(item, Item):  # digested here, on both cores, and kept in the memo:
                item.digest  # noqa: B018 (each rendering process would digest every item)

    memofile.prefill(memo, news + notices, check)
    return memo


def index_and_compress(
    staging: Path,
    settings: Settings,
    planned: dict[str, list[str]],
    search_keys: dict[str, str],
    parts: dict[str, Location],
) -> None:
    """The search bundle and a `.gz` beside every file, in `staging`: Pagefind's processes
    index (from the `parts` the render kept, deleted once used) while this one compresses the
    pages, the bundle after. What the render left is collected once Pagefind has its first
    pages, not before they start (a third of a second of one core, the other idle)."""
    gzip_cache = settings.root / settings.gzip_cache

    def compress_pages() -> None:
        precompress.precompress(staging, gzip_cache, skip=urls.PAGEFIND)
        precompress.prune(gzip_cache, time.time())  # every page links its `.gz` by now

    kept = Parts(parts)
    gc.disable()  # nothing collected before then (give_back_memory)
    try:
        with ThreadPoolExecutor(1) as pool:
            pages = pool.submit(compress_pages)
            cache = settings.root / settings.search_cache
            search.index_site(
                staging, planned, cache, search_keys, meanwhile=give_back_memory, parts=kept
            )
            pages.result()
    finally:
        gc.enable()
        kept.close()
    precompress.precompress(staging, gzip_cache, folder=urls.PAGEFIND)


def give_back_memory() -> None:
    """Collect what the render left (cycles of pages and files) and hand the freed memory back
    to the system, where glibc can (`malloc_trim`): otherwise the process keeps it. The
    collector, off since the render ended (`index_and_compress`), runs again from here."""
    gc.collect()
    gc.enable()
    try:
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
    except (OSError, AttributeError, TypeError):
        pass


def write_log(root: Path, exc: Exception) -> Path:
    """What developers need to find a fault of the engine, kept out of editors' sight."""
    log = root / ".cache" / "portal-build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    lines = [str(exc), *getattr(exc, "log", [])]
    if not hasattr(exc, "log"):  # not the engine's report: a bug, and where it happened
        lines += traceback.format_exception(exc)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return log


@dataclass(frozen=True)
class Report:
    """What `portal build` tells and writes at its end, taken from the plan before it is let
    go."""

    pages: int
    counts: dict[str, int]
    warnings: Sequence[ContentError]
    scheduled: Sequence[Item]
    notices: Sequence[ContentError]
    state: dict[str, bytes]  # files under .portal/ in the site: path -> bytes


def keep_record(path: Path, data: bytes) -> None:
    """The record of addresses written beside mkdocs.yml when it changed, in one rename."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_bytes(data)
    temporary.replace(path)


def run_counter(
    database: str,
    site: Path,
    host: str,
    port: int,
    origin: str,
    trust_proxy: bool,
    limit: RateLimit,
) -> int:
    """`portal counter`: the counting service, until interrupted. `database` is a SQLite file
    or a `postgresql://` URL."""
    # Imported by this command alone: the others start faster without the HTTP stack.
    from .counter.http import allow_descriptors
    from .counter.pages import Pages
    from .counter.service import CounterServer
    from .counter.store import Counter

    allow_descriptors()
    counter = Counter(database)
    server = CounterServer((host, port), counter, origin, trust_proxy, limit, Pages(site))
    print(f"Counting views for {origin} on http://{host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        counter.close()
    return 0


def new(config_file: Path, what: str, name: str, option: str) -> int:
    """`portal new`: a file to start from, written only when nothing of the same name exists."""
    try:
        settings = read_settings(config_file)
        now = build_time()
        if what == "tin":
            path, text = scaffold.news_file(settings, name, option, now)
        elif what == "thong-bao":
            path, text = scaffold.notice_file(settings, name, option, now)
        else:
            path, text = scaffold.document_meta(settings, Path(name), now)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except scaffold.Refused as exc:
        print(f"Chưa tạo tệp: {exc}", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    rel = path.relative_to(settings.root).as_posix()
    print(UI["new_created"].format(path=rel))
    return 0
