"""The sitemap as an index: /sitemap.xml names the file that lists the pages.

Material's JavaScript fetches `sitemap.xml` next to every `<link rel="alternate">` of a page
(meant for language versions). The feed links are alternates too, so every page view would
download the full sitemap, about 2 MB at 10,000 items. A small index at /sitemap.xml keeps
that request cheap, and is how sitemaps grow past 50,000 pages anyway.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

PAGES = "sitemap-pages.xml"


def sitemap_index(site_url: str, names: list[str]) -> bytes:
    entries = "".join(
        f"  <sitemap><loc>{escape(site_url + name)}</loc></sitemap>\n" for name in names
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</sitemapindex>\n"
    ).encode()
