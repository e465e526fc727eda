"""Commands (above every stage): `portal check`, and how every command tells problems,
warnings and notices: a line each, or GitHub Actions annotations on the lines of the files."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from .build import memofile
from .content.models import Item
from .errors import ContentError, ContentErrors
from .repository import Plan, plan_repository
from .site.settings import read_settings
from .vi import UI, format_schedule


def counts(plan: Plan) -> dict[str, int]:
    published = plan.collections.published
    notices = sum(1 for item in published if item.notice)
    return {
        "news": len(published) - notices,
        "notices": notices,
        "documents": len(plan.documents.attachments),
    }


def print_scheduled(scheduled: Iterable[Item]) -> None:
    for item in scheduled:
        when = format_schedule(item.date)
        print(UI["check_scheduled"].format(when=when, title=item.title, source=item.source))


def check(config_file: Path, annotations: bool = False) -> int:
    """`portal check`: every problem of the repository, without building (no MkDocs)."""
    try:
        settings = read_settings(config_file)
        folder = settings.root / settings.content_cache
        memo = memofile.restore(folder)
        try:
            plan = plan_repository(config_file, process_photos=False, memo=memo)
        finally:
            memofile.save(memo, folder)  # the next check or build reads what changed only
    except ContentErrors as exc:
        for error in exc.errors:
            print(github_annotation(error) if annotations else f"  {error}")
        print_told(exc.warnings, "warning", annotations)
        print(UI["check_failed"].format(count=len(exc.errors)), file=sys.stderr)
        return 1
    print_told(plan.site.warnings, "warning", annotations)
    print_told(plan.site.notices, "notice", annotations)
    print(UI["check_ok"].format(**counts(plan)))
    print_scheduled(plan.collections.scheduled)
    return 0


def print_told(told: Iterable[ContentError], level: str, annotations: bool = False) -> None:
    """Warnings (what may be published but should be fixed) and notices (addresses that move
    or go), after the problems: told, never refused. `level`: "warning" or "notice"."""
    for error in told:
        print(github_annotation(error, level) if annotations else f"  {UI[level]}: {error}")


def github_annotation(error: ContentError, level: str = "error") -> str:
    """A GitHub Actions workflow command, so a pull request shows the problem on its line."""

    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    where = f"file={escape(error.path, True)},line={error.line},title={escape(error.field, True)}"
    return f"::{level} {where}::{escape(f'{error.message} — {error.fix}')}"
