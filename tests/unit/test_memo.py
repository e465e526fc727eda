"""The content memo between processes: after one edit only that file is parsed again, and a
memo written by other code, or damaged, is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.content import load, memo, news
from portal.repository import plan_repository
from tests.synthetic import write_corpus


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The memo as a new process starts with it (empty), and the files parsed from here on."""
    monkeypatch.setattr(load, "_PARSED", {})
    monkeypatch.setattr(news, "_VALIDATED", {})
    monkeypatch.setattr(memo, "_RESTORED", {})
    parsed: list[str] = []
    real = load.parse_document

    def counting(text: str, rel: str):  # type: ignore[no-untyped-def]
        parsed.append(rel)
        return real(text, rel)

    monkeypatch.setattr(load, "parse_document", counting)
    return parsed


def _new_process() -> None:
    load._PARSED.clear()
    news._VALIDATED.clear()
    memo._RESTORED.clear()


def test_after_one_edit_a_new_process_parses_that_file_only(
    tmp_path: Path, fresh_process: list[str]
) -> None:
    write_corpus(tmp_path, 12)
    config = tmp_path / "mkdocs.yml"
    first = plan_repository(config, process_photos=False)
    assert len(fresh_process) == 12 and (tmp_path / ".cache" / memo.NAME).is_file()
    edited = tmp_path / first.collections.published[3].source
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("title: ", "title: Đã sửa ", 1),
        encoding="utf-8",
    )
    _new_process()
    fresh_process.clear()
    second = plan_repository(config, process_photos=False)
    assert fresh_process == [edited.relative_to(tmp_path).as_posix()]
    titles = [item.title for item in second.collections.published]
    assert sum(title.startswith("Đã sửa ") for title in titles) == 1
    # A deleted file leaves the memo and the plan.
    edited.unlink()
    _new_process()
    third = plan_repository(config, process_photos=False)
    assert len(third.collections.published) == 11
    assert not any(key[1] == edited.relative_to(tmp_path).as_posix() for key in load._PARSED)


@pytest.mark.parametrize("damage", ["other code", "broken"])
def test_a_foreign_or_damaged_memo_is_ignored(
    tmp_path: Path, fresh_process: list[str], monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    write_corpus(tmp_path, 5)
    config = tmp_path / "mkdocs.yml"
    plan_repository(config, process_photos=False)
    pickle = tmp_path / ".cache" / memo.NAME
    if damage == "broken":
        pickle.write_bytes(pickle.read_bytes()[:1000])
    else:
        monkeypatch.setattr(memo, "code_version", lambda: "another version")
    _new_process()
    fresh_process.clear()
    plan = plan_repository(config, process_photos=False)
    assert len(fresh_process) == 5 and len(plan.collections.published) == 5


def test_the_memo_is_written_again_only_once_enough_files_changed(
    tmp_path: Path, fresh_process: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memo, "STALE_AT", 2)
    write_corpus(tmp_path, 6)
    config = tmp_path / "mkdocs.yml"
    plan = plan_repository(config, process_photos=False)
    pickle = tmp_path / ".cache" / memo.NAME
    written = pickle.stat().st_mtime_ns
    first, second = (tmp_path / item.source for item in plan.collections.published[:2])
    for path in (first, second):
        path.write_text(path.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
        _new_process()
        fresh_process.clear()
        plan_repository(config, process_photos=False)
    # The first edit was not worth a write: the second process parsed that file again too.
    assert sorted(fresh_process) == sorted(
        p.relative_to(tmp_path).as_posix() for p in (first, second)
    )
    assert pickle.stat().st_mtime_ns != written
    _new_process()
    fresh_process.clear()
    plan_repository(config, process_photos=False)
    assert fresh_process == []
