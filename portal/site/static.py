"""Site stage (plan): the static files of the docs folder and where each is published.

The engine copies them; the plan needs their paths to refuse a generated page or feed that
would land on one, and the sitemap needs the static pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from .. import urls

PAGE_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class StaticFile:
    source: str  # relative to the repository root, e.g. content/gioi-thieu.md
    output: str  # site path, e.g. gioi-thieu/index.html
    url: str | None  # the page's URL for Markdown pages, None for other files


def static_files(root: Path, docs_dir: str) -> list[StaticFile]:
    """Every file of `docs_dir` the engine publishes (hidden files and folders are not),
    Markdown pages at their directory URLs."""
    base = root / docs_dir
    if not base.is_dir():
        return []
    found = []
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(base).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue
        source = f"{docs_dir}/{rel}"
        if path.suffix.lower() in PAGE_SUFFIXES:
            url = page_url(rel)
            found.append(StaticFile(source, urls.output_path(url), url))
        else:
            found.append(StaticFile(source, rel, None))
    return found


def page_url(rel: str) -> str:
    """`gioi-thieu.md` -> `gioi-thieu/`, `index.md` and `README.md` -> their folder."""
    folder, name = posixpath.split(posixpath.splitext(rel)[0])
    if name.lower() in ("index", "readme"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{name}/" if folder else f"{name}/"
