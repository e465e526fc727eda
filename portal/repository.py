"""The domain's entry point: a repository path in, a complete plan of the site out.

`plan_repository("mkdocs.yml")` reads the settings, loads and validates every content file,
collects the site, processes the photos and claims every output path, reporting every problem
at once as ContentErrors. It imports nothing from MkDocs: tests, `portal check` and the MkDocs
adapter all start here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import urls
from .content.memo import ContentMemo
from .dates import build_time
from .errors import ContentErrors
from .outputs.files import Outputs, site_outputs
from .site import addresses
from .site.collect import Collections
from .site.documents import Documents
from .site.pages import Page
from .site.plan import SitePlan, plan_site
from .site.settings import Settings, read_settings
from .site.static import StaticFile, page_problems, placeholder_warnings, static_files


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
    preview: bool = False,
    process_photos: bool = True,
    published: Path | None = None,
    memo: ContentMemo | None = None,
) -> Plan:
    """The plan of the repository whose configuration is `config_file` (its mkdocs.yml);
    raises ContentErrors with every problem found. `preview`: drafts and scheduled items too.
    `process_photos=False` finds photo problems without processing any photo (`portal
    check`). `published`: a site built before (default: the repository's `site/`), whose
    record of addresses joins the repository's. `memo`: what an earlier plan (or process,
    build/memofile.py) read and validated, reused for unchanged files and kept up to date."""
    settings = read_settings(Path(config_file), preview)
    record = read_record(settings, published or settings.root / "site")
    site, errors = plan_site(settings, now or build_time(), process_photos, record, memo)
    static = tuple(static_files(settings.root, settings.docs_dir))
    placeholders = placeholder_warnings(settings.root, settings.config_file, static)
    site = dataclasses.replace(site, warnings=(*site.warnings, *placeholders))
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


__all__ = ["ContentErrors", "Plan", "plan_repository"]
