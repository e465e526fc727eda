"""Configuration problems, found by the plan alone (no build): mkdocs.yml's line and the fix."""

from __future__ import annotations

import pytest

from portal.errors import ContentErrors
from portal.site.options import OPTIONS
from portal.site.settings import read_settings
from tests.conftest import REPO, item
from tests.synthetic import mkdocs_yml


@pytest.mark.parametrize("site_url", ["", "/tin/", "congan.example.vn", "ftp://congan.example.vn/"])
def test_missing_or_relative_site_url_is_a_clear_error(project, site_url: str) -> None:
    config = mkdocs_yml().replace("site_url: https://congan.example.vn/", f"site_url: '{site_url}'")
    proj = project({"news/a.md": item("Tin", "2018-02-08 09:00")}, config=config)
    line = config.splitlines().index(f"site_url: '{site_url}'") + 1
    assert f'mkdocs.yml:{line}: site_url: "{site_url}" không phải địa chỉ đầy đủ' in proj.problems()


def test_a_missing_default_card_is_named_with_its_line_and_fix(project) -> None:
    config = mkdocs_yml().replace(
        "      page_size: 10\n", "      page_size: 10\n      share_card: assets/the.jpg\n"
    )
    line = config.splitlines().index("      share_card: assets/the.jpg") + 1
    problems = project(config=config).problems()
    assert (
        f'mkdocs.yml:{line}: share_card: "assets/the.jpg" không phải ảnh trong content/' in problems
    )
    assert "bỏ dòng này để dùng ảnh có sẵn của cổng" in problems


def test_wrong_option_types_and_unknown_options_are_all_reported(tmp_path) -> None:
    config = mkdocs_yml().replace("      page_size: 10\n", "      page_size: ten\n      pgae: 1\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_settings(tmp_path / "mkdocs.yml")
    fields = [(e.field, e.message) for e in caught.value.errors]
    assert ("page_size", "giá trị ten không dùng được") in fields
    assert ("pgae", "không có tùy chọn này") in fields


def test_the_sample_settings_read_without_mkdocs() -> None:
    settings = read_settings(REPO / "mkdocs.yml", preview=False)
    assert settings.site_url == "https://congan.longan.example.vn/"
    assert [c.slug for c in settings.categories][:2] == ["tin-hoat-dong", "an-ninh-trat-tu"]
    assert settings.feed_size == OPTIONS["feed_size"][0] and settings.preview is False
