"""The content memo between processes: after one edit only that file is parsed again, and a
memo written by other code, or damaged, is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.build import memofile
from portal.content import load
from portal.repository import plan_repository
from tests.synthetic import write_corpus


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from here on."""
    seen: list[str] = []
    real = load.parse_document

    def counting(text: str, rel: str):  # type: ignore[no-untyped-def]
        seen.append(rel)
        return real(text, rel)

    monkeypatch.setattr(load, "parse_document", counting)
    return seen


MEMOS: list = []  # the memo of each plan below, as its process saved it


def plan_in_a_new_process(config: Path):  # type: ignore[no-untyped-def]
    """What `portal check` does: the memo from the cache, the plan, the memo saved."""
    folder = config.parent / ".cache/content"
    memo = memofile.restore(folder)
    try:
        return plan_repository(config, process_photos=False, memo=memo)
    finally:
        memofile.save(memo, folder)
        MEMOS.append(memo)


def test_after_one_edit_a_new_process_parses_that_file_only(
    tmp_path: Path, parsed: list[str]
) -> None:
    write_corpus(tmp_path, 12)
    config = tmp_path / "mkdocs.yml"
    first = plan_in_a_new_process(config)
    assert len(parsed) == 12 and (tmp_path / ".cache/content" / memofile.NAME).is_file()
    edited = tmp_path / first.collections.published[3].source
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("title: ", "title: Đã sửa ", 1),
        encoding="utf-8",
    )
    parsed.clear()
    second = plan_in_a_new_process(config)
    assert parsed == [edited.relative_to(tmp_path).as_posix()]
    titles = [item.title for item in second.collections.published]
    assert sum(title.startswith("Đã sửa ") for title in titles) == 1
    # A deleted file leaves the memo and the plan.
    edited.unlink()
    third = plan_in_a_new_process(config)
    assert len(third.collections.published) == 11
    assert not any(key[1] == edited.relative_to(tmp_path).as_posix() for key in MEMOS[-1].parsed)


@pytest.mark.parametrize("damage", ["other code", "broken"])
def test_a_foreign_or_damaged_memo_is_ignored(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    write_corpus(tmp_path, 5)
    config = tmp_path / "mkdocs.yml"
    plan_in_a_new_process(config)
    pickle = tmp_path / ".cache/content" / memofile.NAME
    if damage == "broken":
        pickle.write_bytes(pickle.read_bytes()[:1000])
    else:
        monkeypatch.setattr(memofile, "code_version", lambda: "another version")
    parsed.clear()
    plan = plan_in_a_new_process(config)
    assert len(parsed) == 5 and len(plan.collections.published) == 5


def test_the_memo_is_written_again_only_once_enough_files_changed(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memofile, "STALE_AT", 2)
    write_corpus(tmp_path, 6)
    config = tmp_path / "mkdocs.yml"
    plan = plan_in_a_new_process(config)
    pickle = tmp_path / ".cache/content" / memofile.NAME
    written = pickle.stat().st_mtime_ns
    first, second = (tmp_path / item.source for item in plan.collections.published[:2])
    for path in (first, second):
        path.write_text(path.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
        parsed.clear()
        plan_in_a_new_process(config)
    # The first edit was not worth a write: the second process parsed that file again too.
    assert sorted(parsed) == sorted(p.relative_to(tmp_path).as_posix() for p in (first, second))
    assert pickle.stat().st_mtime_ns != written
    parsed.clear()
    plan_in_a_new_process(config)
    assert parsed == []


def test_one_memo_serves_a_long_lived_process_without_a_file(tmp_path: Path, parsed) -> None:
    """The preview keeps its memo in memory: a second plan with the same memo parses nothing."""
    write_corpus(tmp_path, 4)
    from portal.content.memo import ContentMemo

    memo = ContentMemo()
    plan_repository(tmp_path / "mkdocs.yml", process_photos=False, memo=memo)
    parsed.clear()
    plan_repository(tmp_path / "mkdocs.yml", process_photos=False, memo=memo)
    assert parsed == [] and not (tmp_path / ".cache/content").exists()
