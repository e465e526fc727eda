"""The MkDocs adapter's engine internals (portal/mkdocs/engine.py): what replaces MkDocs' own
for one render gives what MkDocs' own gives, and goes when the render ends."""

from __future__ import annotations

from types import SimpleNamespace

import mkdocs.commands.build as mkdocs_build
import mkdocs.structure.pages as mkdocs_pages
import mkdocs.utils as mkdocs_utils
import pytest

from portal.mkdocs.engine import (
    BUILD,
    BUILD_DATE,
    BUILD_TIME,
    POPULATE,
    SET_CANONICAL,
    page_steps,
    set_canonical_url,
)

BASES = [
    "https://congan.example.gov.vn/",
    "https://congan.example.gov.vn",
    "https://example.gov.vn/cong-an/",
    "https://example.gov.vn/cong-an",
    "http://127.0.0.1:8000/",
    "https://example.gov.vn/?q=1",
    "https://example.gov.vn/#top",
    "ftp://example.gov.vn/",
    "/relative/",
    "",
    None,
]
URLS = [
    "",
    "tin-tuc/dang-uy-cong-an-tinh/",
    "nguoi-dan-can-biet/trang/2/",
    "404.html",
    "tai-lieu/ke-hoach-73.pdf",
    "a..b/",
    "./tin-tuc/",
    "tin-tuc/../x/",
    "../x/",
    "/tuyet-doi/",
    "c:x/",
    "tin-tuc/a?b=1",
    "tin-tuc/#muc",
    "tin tuc/",
    "tin-tức/",
    "tin-tuc//x/",
    "~nguoi/",
]


def _set(setter: object, url: str, base: str | None) -> tuple[object, object]:
    page = SimpleNamespace(url=url)
    setter(page, base)  # type: ignore[operator]
    return page.canonical_url, page.abs_url


@pytest.mark.parametrize("base", BASES)
def test_canonical_urls_are_mkdocs_own(base: str | None) -> None:
    for url in URLS:
        assert _set(set_canonical_url, url, base) == _set(SET_CANONICAL, url, base), url


def test_one_build_time_within_a_render_and_mkdocs_own_after_it() -> None:
    with page_steps():
        first = mkdocs_utils.get_build_datetime()
        assert mkdocs_utils.get_build_datetime() is first
        assert mkdocs_pages.get_build_date() == first.strftime("%Y-%m-%d")
    assert mkdocs_utils.get_build_datetime() is not mkdocs_utils.get_build_datetime()


def test_mkdocs_own_functions_are_back_after_a_failing_render() -> None:
    with pytest.raises(RuntimeError), page_steps():
        assert mkdocs_pages.Page._set_canonical_url is set_canonical_url
        raise RuntimeError("a render that fails")
    assert mkdocs_pages.Page._set_canonical_url is SET_CANONICAL
    assert (mkdocs_build._populate_page, mkdocs_build._build_page) == (POPULATE, BUILD)
    assert mkdocs_utils.get_build_datetime is BUILD_TIME
    assert mkdocs_pages.get_build_date is BUILD_DATE
    for own in (SET_CANONICAL, POPULATE, BUILD, BUILD_TIME, BUILD_DATE):
        assert own.__module__.startswith("mkdocs."), own
