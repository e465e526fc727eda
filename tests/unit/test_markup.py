"""Material's few invalid attributes are dropped from the page chrome, and nothing else."""

from __future__ import annotations

from portal.mkdocs.markup import conforming

# Material's own markup (base.html, partials/nav-item.html, partials/toc.html, 9.x).
DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
NAV_LABEL = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
TOC_LABEL = '<label class="md-nav__title" for="__toc">'
CONTENT = '<div class="md-content" data-md-component="content"><article><p>Bài viết</p>'


def test_the_chrome_loses_the_invalid_attributes() -> None:
    page = f'{DRAWER} autocomplete="off">{NAV_LABEL}{TOC_LABEL}{CONTENT}</article></div>'
    assert conforming(page) == (
        f'{DRAWER}><label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
        f'<label class="md-nav__title">{CONTENT}</article></div>'
    )


def test_the_toc_label_keeps_its_checkbox_when_the_page_has_one() -> None:
    checkbox = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    page = f"{checkbox}{TOC_LABEL}{CONTENT}"
    assert conforming(page) == page


def test_the_content_is_left_as_written() -> None:
    # An editor's own HTML in an article is the editor's: only Material's chrome is mended.
    body = f'{CONTENT}<p tabindex="">x</p><input class="md-toggle" autocomplete="off"></article>'
    assert conforming(f'{DRAWER} autocomplete="off">{body}') == f"{DRAWER}>{body}"


def test_a_page_without_content_is_mended_whole() -> None:
    assert conforming(f'{DRAWER} autocomplete="off">{NAV_LABEL}') == (
        f'{DRAWER}><label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
    )
