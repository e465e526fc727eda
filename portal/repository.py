"""The domain's entry point: a repository path in, a complete plan of the site out.

`plan_repository("mkdocs.yml")` reads the settings, loads and validates every content file,
collects the site, processes the photos and claims every output path, reporting every problem
at once as ContentErrors. It imports nothing from MkDocs: tests, `portal check` and the MkDocs
adapter all start here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import urls
from .content import memo
from .dates import build_time
from .errors import ContentErrors
from .outputs.files import Outputs, site_outputs
from .site import addresses
from .site.collect import Collections
from .site.documents import Documents
from .site.pages import Page
from .site.plan import SitePlan, plan_site
from .site.settings import Settings, read_settings
from .site.static import StaticFile, page_problems, static_files


@dataclass(frozen=True)
class Plan:
    site: SitePlan
    static: tuple[StaticFile, ...]  # the docs folder's files, which the engine copies
    outputs: Outputs  # every other file of the site, by path

    # The parts every caller reads, without a detour through `site`.
    @property
    def settings(self) -> Settings:
        return self.site.settings

    @property
    def collections(self) -> Collections:
        return self.site.collections

    @property
    def documents(self) -> Documents:
        return self.site.documents

    @property
    def pages(self) -> tuple[Page, ...]:
        return self.site.pages


def plan_repository(
    config_file: Path | str,
    now: datetime | None = None,
    preview: bool | None = None,
    process_photos: bool = True,
    remember: bool = True,
    published: Path | None = None,
) -> Plan:
    """The plan of the repository whose configuration is `config_file` (its mkdocs.yml);
    raises ContentErrors with every problem found. `process_photos=False` finds photo
    problems without processing any photo (`portal check`). `remember=False`: the caller
    saves the content memo itself (`remember_content`), when it suits it. `published`: a
    site built before (default: the repository's `site/`), whose record of addresses joins
    the repository's."""
    settings = read_settings(Path(config_file), preview)
    memo.restore(settings.root / ".cache")
    record = read_record(settings, published or settings.root / "site")
    site, errors = plan_site(settings, now or build_time(), process_photos, record)
    if remember:
        remember_content(settings)
    static = tuple(static_files(settings.root, settings.docs_dir))
    try:
        outputs = site_outputs(site, static)
    except ContentErrors as exc:
        errors += exc.errors
        outputs = None
    if outputs is not None:
        known = {
            *(file.source.removeprefix(f"{settings.docs_dir}/") for file in static),
            *(page.src_uri for page in site.pages),
            *outputs.files,
        }
        errors += page_problems(settings.root, settings.docs_dir, static, known)
    if errors:
        raise ContentErrors(errors, site.warnings)
    return Plan(site, static, outputs)


def read_record(settings: Settings, site: Path) -> dict[str, addresses.Entry]:
    """The record of published addresses: the repository's, with what the site built last
    knows (on a server that builds on a timer, the site is newer than the repository)."""
    copies = []
    for path in (settings.root / settings.addresses_file, site / urls.RECORD):
        try:
            copies.append(addresses.parse(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return addresses.merge(*copies)


def remember_content(settings: Settings) -> None:
    """Save what reading and validating gave (content/memo.py) for the next process; `portal
    serve` keeps its memo in memory, and saves no time."""
    if not settings.preview:
        memo.save(settings.root / ".cache")


__all__ = ["ContentErrors", "Plan", "plan_repository", "remember_content"]
