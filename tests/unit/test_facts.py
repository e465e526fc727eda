"""The portal's facts in mkdocs.yml: hotlines, services, web links, feedback, the agency."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.errors import ContentErrors
from portal.site.facts import Link, tel
from portal.site.settings import read_settings
from tests.synthetic import mkdocs_yml


def settings_with(tmp_path: Path, extra: str):
    config = mkdocs_yml().replace("      categories:", extra + "      categories:", 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return read_settings(tmp_path / "mkdocs.yml")


def test_numbers_become_tel_links_as_dialled() -> None:
    assert tel("113") == "tel:113"
    assert tel("0272 3826 113") == "tel:02723826113"
    assert tel("+84 272.3826.113") == "tel:+842723826113"


def test_facts_are_read_in_order(tmp_path: Path) -> None:
    settings = settings_with(
        tmp_path,
        "      hotlines:\n        - {name: Cảnh sát, number: '113'}\n"
        "      feedback: gopy@example.vn\n"
        "      agency: {phone: 0272 3826 113, owner: Công an tỉnh}\n",
    )
    facts = settings.facts
    assert facts.hotlines == (Link("Cảnh sát", "113"),)
    assert facts.feedback_url == "mailto:gopy@example.vn"
    assert facts.agency == (("owner", "Công an tỉnh"), ("phone", "0272 3826 113"))


@pytest.mark.parametrize(
    ("extra", "field", "words"),
    [
        ("      hotlines:\n        - {name: Cứu nạn, cứu hộ, number: '114'}\n", "hotlines",
         "cần đúng hai trường name và number"),
        ("      web_links:\n        - Bộ Công an\n", "web_links", "name và url"),
        ("      agency: {dia_chi: Tân An}\n", "agency", 'không có mục "dia_chi"'),
        ("      hotlines: 113\n", "hotlines", "không dùng được"),
    ],
)  # fmt: skip
def test_a_wrong_fact_names_its_line_and_the_fix(
    tmp_path: Path, extra: str, field: str, words: str
) -> None:
    with pytest.raises(ContentErrors) as caught:
        settings_with(tmp_path, extra)
    (error,) = caught.value.errors
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    assert error.field == field and words in error.message
    assert text[error.line - 1].strip().startswith(field)
    assert error.fix.startswith("viết") or error.fix.startswith("dùng")
