"""MkDocs adapter: one build of the site into a folder, in this process, with MkDocs' own log
kept for developers.

Content problems come back as ContentErrors, whatever stage found them (the plan, or MkDocs'
check of links in static pages). Anything else is a BuildFailed carrying MkDocs' log: a fault
of the engine or the templates, not of an editor's file.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import PluginCollection

from ..build.mode import RenderMode
from ..content.memo import ContentMemo
from ..errors import ContentError, ContentErrors
from ..repository import Plan
from ..search.spool import Location
from ..site.settings import read_settings
from ..site.static import missing_link
from . import split
from .claims import Steps
from .engine import page_steps
from .plugin import ContentProblems

# MkDocs' warning for a link to a page that does not exist: an editor's mistake in content/.
_MISSING_LINK = re.compile(
    r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target .* not found"
)


class BuildFailed(Exception):
    """The engine failed (a template, a plugin, a bug); `log` is what MkDocs said."""

    def __init__(self, message: str, log: list[str]) -> None:
        super().__init__(message)
        self.log = log


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.lines.append(f"{record.levelname} {record.name}: {message}")
        if record.levelno >= logging.WARNING:
            self.warnings.append(message)


def _not_skipped(record: logging.LogRecord) -> bool:
    """MkDocs notes each page it did not write: every page, when they are published from the
    page cache (plugin.py)."""
    return not record.getMessage().startswith("Page skipped:")


@contextmanager
def _mkdocs_log(verbose: bool) -> Iterator[_Kept]:
    """MkDocs' log kept aside (developers see it with `verbose`), never shown to editors."""
    logger = logging.getLogger("mkdocs")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    kept = _Kept()
    kept.addFilter(_not_skipped)
    logger.handlers = [kept]
    logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if verbose:
        shown = logging.StreamHandler(sys.stderr)
        shown.addFilter(_not_skipped)
        shown.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
        logger.addHandler(shown)
    try:
        yield kept
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


@dataclass(frozen=True)
class Rendered:
    plan: Plan
    # Output path -> what decides the page's search entry, for every planned page: the digest
    # of its indexed part (search/index.py), or its cache key where that is not known.
    search_keys: dict[str, str]
    # Pages published from the cache (the reused ones; every page in the preview): output path
    # -> cache file. `portal build` links the pages it renders into the site folder at once.
    cached: dict[str, Path] = field(default_factory=dict)
    # The preview's generated files, made when asked for: output path -> its maker.
    made_when_asked: dict[str, Callable[[], bytes]] = field(default_factory=dict)
    # Where what Pagefind is handed of each page this render drew is kept (`portal build`;
    # search/spool.py): output path -> location. The others are read from the site.
    parts: dict[str, Location] = field(default_factory=dict)


def render(
    config_file: Path,
    site_dir: Path,
    mode: RenderMode,
    memo: ContentMemo | None = None,
    verbose: bool = False,
) -> Rendered:
    """Build the site of `config_file` into `site_dir` (MkDocs' strict mode) the way `mode`
    says, and return its plan with what decides each page's search entry; raises
    ContentErrors or BuildFailed.

    Every page is stored in the page cache. With `mode.listed`, reused pages are listed in
    `Rendered.cached`, not written into `site_dir`; rendered ones are linked there (with their
    `.gz`) as they are made (build/session.py). `memo`: what reading and validating gave
    before, reused for unchanged files and kept up to date.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # MkDocs' own message, not ours to read
    # The portal's own reading of mkdocs.yml first: a wrong option is told in the words
    # `portal check` uses, before MkDocs' strict mode refuses it in its own.
    read_settings(config_file, mode.preview)
    config = None
    steps = Steps()
    with _mkdocs_log(verbose) as kept, page_steps(steps.populate, steps.build):
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            plugin = config.plugins["portal"]
            plugin.mode, plugin.memo, plugin.steps = mode, memo, steps
            try:
                build(config)
            except BaseException:
                split.end_child(steps)
                if getattr(plugin, "session", None) is not None:
                    plugin.session.discard()
                raise
            finally:
                split.end_child(steps)
        except Abort as exc:
            if isinstance(exc.__context__, ContentProblems):
                raise exc.__context__.errors from None
            if config is None:  # MkDocs refused the configuration itself
                raise ContentErrors([refused_config(config_file)]) from None
            plan = getattr(config.plugins.get("portal"), "plan", None)
            sources = {page.src_uri: page.source for page in plan.pages} if plan else {}
            links = missing_links(kept.warnings, config_file.parent, config.docs_dir, sources)
            if links:
                raise ContentErrors(links) from None
            raise BuildFailed(str(exc), kept.lines) from None
        except ContentErrors:
            raise
        except Exception as exc:  # noqa: BLE001 (an editor never sees a traceback)
            raise BuildFailed(f"{type(exc).__name__}: {exc}", kept.lines) from exc
    session = config.plugins["portal"].session
    later = dict(session.made_when_asked or {})
    kept = session.kept()
    rendered = Rendered(session.plan, session.search_keys(), dict(session.cached), later, kept)
    _let_go()
    return rendered


def _let_go() -> None:
    """MkDocs' config options are objects on the MkDocsConfig class, and some keep the config
    they loaded last (`plugins` its plugins too): the whole build (its pages, files, the
    plugin's state) stays in memory until the next load. The search stage and Pagefind need
    that room."""
    options = [o for o in vars(MkDocsConfig).values() if isinstance(o, BaseConfigOption)]
    while options:
        option = options.pop()
        for name, value in vars(option).items():
            if isinstance(value, (Config, PluginCollection)):
                setattr(option, name, None)
            elif isinstance(value, BaseConfigOption):  # ListOfItems(Hooks()) and the like
                options.append(value)


def refused_config(config_file: Path) -> ContentError:
    """What an editor is told when MkDocs refuses mkdocs.yml for a reason the portal's own
    reading did not find (its log, kept for developers, says which)."""
    return ContentError(
        config_file.name,
        1,
        "cấu hình",
        "bộ dựng trang không nhận tệp cấu hình này",
        "xem lại các dòng vừa sửa trong tệp cấu hình, hoặc nhờ kỹ thuật viên chạy "
        "portal build --verbose",
    )


def missing_links(
    warnings: list[str], root: Path, docs_dir: str, sources: dict[str, str]
) -> list[ContentError]:
    """MkDocs' warnings about links to pages that do not exist, as content errors on the line
    of the link in the editor's file (`sources`: a generated page's file -> its source)."""
    errors = []
    for warning in warnings:
        match = _MISSING_LINK.search(warning)
        if not match:
            continue
        page, link = match["page"], match["link"]
        rel = sources.get(page) or f"{docs_dir}/{page}"
        path = root / rel
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        at = text.find(f"]({link}")
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        errors.append(missing_link(rel, link, line))
    return errors
