"""Outputs stage: what an old address answers (site/addresses.py decides which).

- nginx reads two maps, `.portal/moved.map` (old path -> current path: 301) and
  `.portal/gone.map` (a removed item's path: 410 with the theme's 410.html);
- a plain static host has no status codes to give, so a small page stands at each old page
  address: "moved" with its canonical link, a meta refresh and a visible link, or "removed"
  with links home and to search. Both carry `noindex`, and neither is in the sitemap or the
  search index.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from .. import urls
from ..vi import UI

MOVED_MAP = ".portal/moved.map"
GONE_MAP = ".portal/gone.map"


def _variants(address: str) -> list[str]:
    """The paths a browser may ask for an address by: a folder also as its index.html."""
    path = "/" + address
    return [path, path + "index.html"] if path.endswith("/") else [path]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def moved_map(moved: Mapping[str, str], prefix: str = "") -> bytes:
    """nginx `map` lines: each old path (under the site's own path `prefix`) -> its current
    path."""
    lines = [
        f"{_quoted(prefix + old)} {_quoted(prefix + '/' + new)};\n"
        for address, new in sorted(moved.items())
        for old in _variants(address)
    ]
    return "".join(lines).encode("utf-8")


def gone_map(gone: Mapping[str, str], prefix: str = "") -> bytes:
    lines = [
        f"{_quoted(prefix + old)} 1;\n" for address in sorted(gone) for old in _variants(address)
    ]
    return "".join(lines).encode("utf-8")


def _page(site_name: str, head: str, title: str, body: str) -> bytes:
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"{head}<title>{escape(title)} - {escape(site_name)}</title>\n</head>\n"
        f"<body>\n<main>\n<h1>{escape(title)}</h1>\n{body}</main>\n</body>\n</html>\n"
    ).encode()


def moved_page(site_name: str, site_url: str, old: str, new: str) -> bytes:
    """The page at `old` for a host that cannot redirect: it sends the reader on at once."""
    target = escape(urls.relative(new, old), quote=True)
    canonical = escape(urls.absolute(site_url, new), quote=True)
    head = (
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
    )
    body = f'<p>{escape(UI["moved_text"])} <a href="{target}">{canonical}</a></p>\n'
    return _page(site_name, head, UI["moved_title"], body)


def gone_page(site_name: str, old: str) -> bytes:
    """The page at a removed item's address, for a host that cannot answer 410."""
    home = escape(urls.relative("", old), quote=True)
    search = escape(urls.relative(urls.search(), old), quote=True)
    body = (
        f"<p>{escape(UI['gone_text'])}</p>\n<ul>\n"
        f'<li><a href="{home}">{escape(UI["not_found_back"])}</a></li>\n'
        f'<li><a href="{search}">{escape(UI["gone_search"])}</a></li>\n</ul>\n'
    )
    return _page(site_name, "", UI["gone_title"], body)
