"""The portal's `url` filter gives MkDocs' own relative URLs, string for string."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

from mkdocs.utils import get_relative_url, normalize_url

from portal.mkdocs.relative import normalized, relative_url

# Page URLs and links of the shapes a site has: folders, files, the root, the same folder,
# shared first segments, dots in names, `..` and `.` segments, anchors, absolute URLs.
PAGES = ["", ".", "index.html", "tin-tuc/", "tin-tuc/2020/an-ninh/", "tin-tuc/2020/a.b/",
         "chuyen-muc/an-ninh-trat-tu/trang/2/", "404.html", "rss/", "tai-lieu/cv-1234.pdf",
         "a/./b/", "a/../b/", "tin-tuc/2020/"]  # fmt: skip
LINKS = [*PAGES, "assets/stylesheets/main.css", "tin-tuc/2020/khac/", "../x/", "../../y.js",
         "#noi-dung", "/tuyet-doi/", "https://dichvucong.gov.vn/", "mailto:a@b.vn",
         "tin-tuc/2020/an-ninh/#muc", "./", "rss/atom.xml"]  # fmt: skip


def test_relative_urls_are_mkdocs_own() -> None:
    for link, page in itertools.product(LINKS, PAGES):
        assert relative_url(link, page) == get_relative_url(link, page), (link, page)


def test_the_url_filter_normalises_as_mkdocs_does() -> None:
    for link, page in itertools.product(LINKS, [*PAGES, None]):
        at = None if page is None else SimpleNamespace(url=page)
        for base in ("", "../..", "."):
            expected = normalize_url(link, page=at, base=base)
            assert normalized(link, page, base) == expected, (link, page, base)
