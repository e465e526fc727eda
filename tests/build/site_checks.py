"""Checks over a whole built site, shared by the build tests."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

from portal.repository import Plan, plan_repository
from tests.conftest import REPO


@functools.cache
def repo_plan(preview: bool = False) -> Plan:
    """The plan of the repository's own mkdocs.yml and sample content."""
    return plan_repository(REPO / "mkdocs.yml", preview=preview)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, path: Path) -> str:
    """The public URL path of a built file, e.g. /tin-tuc/x/ for tin-tuc/x/index.html."""
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in the site's HTML that points at nothing in the site."""
    problems = []
    for path in html_files(site):
        if path.name == "404.html":
            continue  # served at any depth; its links are absolute to site_url
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        base = "http://site" + page_url(site, path)
        for tag in soup.find_all(["a", "link", "script", "img", "source"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("#", "mailto:", "tel:")):
                continue
            target = urlparse(urljoin(base, ref))
            if target.netloc != "site":
                continue
            local = site / unquote(target.path).lstrip("/")
            if not (local.is_file() or (local / "index.html").is_file()):
                problems.append(f"{page_url(site, path)} -> {ref}")
    return problems


def external_resources(site: Path, allowed_host: str) -> list[str]:
    """Resources a browser would fetch from another host: scripts, styles, images, fonts, frames."""
    found = []
    for path in html_files(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        refs = [
            t.get("src")
            for t in soup.find_all(["script", "img", "iframe", "source", "audio", "video"])
        ]
        refs += [
            t.get("href")
            for t in soup.find_all("link")
            if set(t.get("rel", []))
            & {"stylesheet", "icon", "preconnect", "preload", "dns-prefetch", "modulepreload"}
        ]
        for ref in filter(None, refs):
            host = urlparse(ref).netloc
            if host and host != allowed_host:
                found.append(f"{page_url(site, path)}: {ref}")
        for style in soup.find_all("style"):
            if "url(http" in style.get_text() or "@import" in style.get_text():
                found.append(f"{page_url(site, path)}: inline style import")
    return found


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def all_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in {".html", ".xml"}
    )


def search_tiers(site: Path) -> list[list[dict]]:
    """The tiers of item shards the search page merges, newest first (search/plan.py)."""
    page = BeautifulSoup((site / "tim-kiem/index.html").read_text(encoding="utf-8"), "lxml")
    return json.loads(page.select_one("[data-portal-search]")["data-search-tiers"])
