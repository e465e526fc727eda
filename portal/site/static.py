"""Site stage (plan): the static files of the docs folder and where each is published.

The engine copies them; the plan needs their paths to refuse a generated page or feed that
would land on one, and the sitemap needs the static pages.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import urls
from ..content.bounds import body_problems
from ..content.load import read_text
from ..errors import ContentError
from ..text import Lines, blank_code
from ..vi import UI

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


# [text](target "title"), ![alt](target), and a reference definition "[id]: target".
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)


def page_problems(
    root: Path, docs_dir: str, static: Sequence[StaticFile], known: Collection[str]
) -> list[ContentError]:
    """What the engine would stop on in the static pages, found without it: a page too large,
    nested too deep or full of unclosed brackets (content/bounds.py), and a link to a file
    of the site that does not exist (`known`: every path the site publishes a file from, as
    MkDocs names them)."""
    errors: list[ContentError] = []
    for file in static:
        if file.url is None:
            continue
        text = read_text(root / file.source, file.source)
        if isinstance(text, ContentError):
            errors.append(text)
            continue
        errors += [
            ContentError(file.source, line, "nội dung", message, fix)
            for line, message, fix in body_problems(text, 1)
        ]
        src_uri = file.source.removeprefix(f"{docs_dir}/")
        errors += [
            missing_link(file.source, link, line)
            for link, line in links_of(text)
            if not _found(src_uri, link, known)
        ]
    return errors


def links_of(text: str) -> list[tuple[str, int]]:
    """(target, line) of every link and image in a page's Markdown, outside code."""
    text = blank_code(text)
    lines = Lines(text)
    return [
        (match.group(1) or match.group(2), lines.of(match.start()) + 1)
        for match in _LINK.finditer(text)
    ]


def _found(src_uri: str, link: str, known: Collection[str]) -> bool:
    """Whether MkDocs finds the file a relative link names; links elsewhere (other sites,
    absolute paths, anchors) and links without a file name (a folder) are not its to check."""
    scheme, netloc, path, _, _ = urlsplit(link)
    if scheme or netloc or link.startswith(("/", "\\")) or not path:
        return True
    path = unquote(path)
    if not posixpath.splitext(path)[1]:
        return True
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path).lstrip("/"))
    return target in known


def missing_link(source: str, link: str, line: int) -> ContentError:
    """A link to a page or file that does not exist, on its line: the same words whether
    `portal check` finds it or the engine does (mkdocs/build.py)."""
    return ContentError(
        source,
        line,
        "liên kết",
        f'liên kết "{link}" trỏ tới trang không có',
        "sửa lại đường dẫn tới một trang có thật, hoặc xóa liên kết",
    )


PLACEHOLDER = re.compile(r"\[CẦN ĐIỀN:[^\]\n]*\]")  # what `portal init` leaves to fill in


def placeholder_warnings(
    root: Path, config_file: str, static: Sequence[StaticFile]
) -> list[ContentError]:
    """Each `[CẦN ĐIỀN: …]` still in mkdocs.yml or a static page, on its line: told as a
    warning, so that a new province can preview at once and fill in as it goes."""
    warnings = []
    sources = [config_file, *(f.source for f in static if f.url is not None)]
    for source in sources:
        text = read_text(root / source, source)
        if isinstance(text, ContentError):
            continue
        lines = Lines(text)
        for match in PLACEHOLDER.finditer(text):
            warnings.append(
                ContentError(
                    source,
                    lines.of(match.start()) + 1,
                    "chỗ cần điền",
                    UI["placeholder"].format(text=match.group(0)),
                    UI["placeholder_fix"],
                )
            )
    return warnings
