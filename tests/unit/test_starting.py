"""`portal init`: the files of a new province's repository, before any build. The whole path
(wheel, init, check, build, axe) is tests/browser/test_province.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from portal import __version__, cli, starting
from portal.repository import plan_repository
from portal.site.settings import read_settings


class Loader(yaml.SafeLoader):
    """YAML as MkDocs reads it, its !!python/name tags left as they are."""


Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def made(tmp_path: Path, capsys, *flags: str) -> Path:
    target = tmp_path / "tinh"
    assert cli.main(["init", str(target), *flags]) == 0
    assert "Đã tạo" in capsys.readouterr().out or target.is_dir()
    return target


def test_without_answers_every_unknown_is_a_placeholder_that_check_lists(
    tmp_path: Path, capsys
) -> None:
    target = made(tmp_path, capsys)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    # The placeholder name holds ": " and brackets: it must stay one YAML value.
    settings = read_settings(target / "mkdocs.yml")
    assert settings.site_name == "Công an tỉnh [CẦN ĐIỀN: tên tỉnh]"
    assert "[CẦN ĐIỀN:" in config
    planned = plan_repository(target / "mkdocs.yml", process_photos=False)
    places = {(w.path, w.field) for w in planned.site.warnings}
    assert ("mkdocs.yml", "chỗ cần điền") in places
    assert ("content/lien-he.md", "chỗ cần điền") in places
    lines = [w.line for w in planned.site.warnings if w.path == "mkdocs.yml"]
    config_lines = config.splitlines()
    assert all("[CẦN ĐIỀN:" in config_lines[line - 1] for line in lines)


def test_a_name_with_yaml_marks_stays_the_name(tmp_path: Path, capsys) -> None:
    name = 'Công an tỉnh "Thử": #1'
    target = made(tmp_path, capsys, "--name", name, "--url", "https://ca.example.vn",
                  "--phone", "0274 3822 113")  # fmt: skip
    loaded = yaml.load((target / "mkdocs.yml").read_text(encoding="utf-8"), Loader)
    assert loaded["site_name"] == name
    assert loaded["site_url"] == "https://ca.example.vn/"
    portal = next(p["portal"] for p in loaded["plugins"] if isinstance(p, dict))
    assert portal["hotlines"][0] == {"name": f"Trực ban {name}", "number": "0274 3822 113"}
    assert portal["agency"]["owner"] == name


def test_the_repository_pins_this_minor_version_and_has_the_ci_chosen(
    tmp_path: Path, capsys
) -> None:
    target = made(tmp_path, capsys, "--ci", "gitlab")
    major, minor, *_ = __version__.split(".")
    assert f"portal=={major}.{minor}.*" in (target / "requirements.txt").read_text()
    assert (target / ".gitlab-ci.yml").is_file()
    assert not (target / ".github").exists()
    assert yaml.safe_load((target / ".gitlab-ci.yml").read_text())
    ignored = (target / ".gitignore").read_text().split()
    assert "/site/" in ignored and "/.cache/" in ignored
    # The theme is the package's: nothing of it is copied into the province's repository.
    assert [p.name for p in (target / "overrides").iterdir()] == ["README.md"]


def test_a_folder_with_files_is_refused_and_left_alone(tmp_path: Path, capsys) -> None:
    (tmp_path / "bai.md").write_text("giữ nguyên\n", encoding="utf-8")
    assert cli.main(["init", str(tmp_path)]) == 1
    assert "thư mục" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["bai.md"]


def test_an_address_without_https_is_refused(tmp_path: Path) -> None:
    with pytest.raises(starting.Refused):
        starting.answers("Công an tỉnh A", "congan.example.vn", "113")
    assert not (tmp_path / "tinh").exists()
