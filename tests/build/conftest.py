"""Fixtures shared by the build tests beyond the session's sample and corpus builds."""

from __future__ import annotations

import unicodedata

import pytest

from tests.conftest import HOME, Project, item
from tests.synthetic import mkdocs_yml

HOSTILE = '<script>alert("x")</script> & "quotes" \'single\''
FEED_TITLE = 'Tin <script>alert("x")</script> & "ngoặc" \'đơn\'\x01\x0b' + unicodedata.normalize(
    "NFD", " Tổ quốc"
)
NFD_TITLE = unicodedata.normalize("NFD", "Đảng ủy Khối doanh nghiệp tỉnh")


@pytest.fixture(scope="session")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One build of the input editors and attackers send: markup and script in every field,
    control characters, and text saved in NFD (macOS)."""
    proj = Project(tmp_path_factory.mktemp("odd") / "proj")
    config = mkdocs_yml() + "markdown_extensions: [attr_list]\n"  # as the sample site
    proj.write({"mkdocs.yml": config, "content/index.md": HOME})
    feed_title = (
        FEED_TITLE.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\x01", "\\x01")
        .replace("\x0b", "\\v")
    )
    proj.write(
        {
            "news/a.md": item(
                HOSTILE.replace('"', '\\"'),
                "2018-02-08 09:00",
                body="Thân <script>alert(1)</script> và <b>đậm</b> [bấm](javascript:alert(1))"
                ' [rê chuột](../khac/){: onmouseover="alert(2)" class="x" }',
                tags='["<img src=x onerror=alert(1)>", "A&B"]',
                author='"<i>Tác giả</i>"',
                url="hostile",
            ),
            "news/b.md": item(
                feed_title,
                "2018-02-07 09:00",
                body="Thân <script>alert(1)</script> & <b>đậm</b>\x02 [liên kết](../khac/)",
                tags='["<b>ANTT</b>", "A&B"]',
                url="hostile-feed",
            ),
            "news/nfd.md": item(
                NFD_TITLE, "2018-03-16 08:00", body=unicodedata.normalize("NFD", "Tổ quốc")
            ),
        }
    )
    assert proj.build() == 0
    return proj
