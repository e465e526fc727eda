"""The record of published addresses (site/addresses.py): each edit an editor makes, and what
every address then answers."""

from __future__ import annotations

from portal import cli
from portal.site.addresses import Published, merge, notices, parse, reconcile, render
from tests.conftest import item


def thing(url: str, source: str = "news/a.md", key: str = "2024 a", **kw: object) -> Published:
    return Published(url, source, key, "A", **kw)  # type: ignore[arg-type]


def first(*published: Published):
    return reconcile({}, published).record


def test_a_new_item_is_recorded_at_its_first_address_which_is_its_id() -> None:
    found = reconcile({}, [thing("tin-tuc/a/")])
    assert found.ids == {"tin-tuc/a/": "tin-tuc/a/"}
    assert (found.moved, found.gone, found.changes) == ({}, {}, ())


def test_a_title_edit_moves_the_address_and_keeps_the_id() -> None:
    record = first(thing("tin-tuc/a/"))
    found = reconcile(record, [thing("tin-tuc/a-moi/", key="2024 a moi")])
    assert found.ids == {"tin-tuc/a-moi/": "tin-tuc/a/"}
    assert found.moved == {"tin-tuc/a/": "tin-tuc/a-moi/"}
    assert [(c.old, c.new) for c in found.changes] == [("tin-tuc/a/", "tin-tuc/a-moi/")]
    # Edited again: every old address goes straight to the current one.
    again = reconcile(found.record, [thing("tin-tuc/a-3/", key="2024 a 3")])
    assert again.moved == {"tin-tuc/a/": "tin-tuc/a-3/", "tin-tuc/a-moi/": "tin-tuc/a-3/"}


def test_a_moved_file_is_found_again_by_its_date_and_title() -> None:
    record = first(thing("tin-tuc/a/"))
    found = reconcile(record, [thing("tin-tuc/a/", source="news/2025/a.md")])
    assert found.ids == {"tin-tuc/a/": "tin-tuc/a/"} and found.changes == ()
    assert found.record["tin-tuc/a/"].source == "news/2025/a.md"


def test_a_removed_item_is_gone_and_comes_back_at_the_same_address() -> None:
    record = first(thing("tin-tuc/a/"), thing("tin-tuc/b/", "news/b.md", "2024 b"))
    found = reconcile(record, [thing("tin-tuc/b/", "news/b.md", "2024 b")])
    assert found.gone == {"tin-tuc/a/": "news/a.md"}
    assert [(c.old, c.new) for c in found.changes] == [("tin-tuc/a/", None)]
    back = reconcile(found.record, [thing("tin-tuc/a/"), thing("tin-tuc/b/", "news/b.md")])
    assert back.gone == {} and back.ids["tin-tuc/a/"] == "tin-tuc/a/"


def test_a_file_with_problems_is_not_taken_for_removed() -> None:
    record = first(thing("tin-tuc/a/"))
    found = reconcile(record, [], unsure={"news/a.md"})
    assert (found.gone, found.changes) == ({}, ())


def test_an_address_in_use_by_another_item_is_neither_moved_nor_gone() -> None:
    record = first(thing("tin-tuc/a/"))
    moved = reconcile(record, [thing("tin-tuc/a-moi/", key="x")])
    taken = reconcile(
        moved.record, [thing("tin-tuc/a-moi/", key="x"), thing("tin-tuc/a/", "news/c.md", "c")]
    )
    assert "tin-tuc/a/" not in taken.moved and "tin-tuc/a/" not in taken.gone
    # The newcomer at an old item's address is another item: another id, for feed readers.
    assert taken.ids["tin-tuc/a/"] != "tin-tuc/a/"


def test_old_addresses_written_by_hand_redirect_to_the_item() -> None:
    found = reconcile({}, [thing("tin-tuc/a/", aliases=("tin/123.html", "tin-tuc/cu/"))])
    assert found.moved == {"tin/123.html": "tin-tuc/a/", "tin-tuc/cu/": "tin-tuc/a/"}
    assert found.pages == {"tin-tuc/cu/"}  # a stub page stands at a folder address only


def test_a_document_s_page_file_and_copy_are_three_addresses_of_one_source() -> None:
    record = first(
        thing("tai-lieu/a/", "attachments/a.yml", "sha256:1"),
        thing("tai-lieu/a.csv", "attachments/a.csv", "file:1", page=False),
        thing("tai-lieu/a.xlsx", "attachments/a.csv", "xlsx:1", page=False),
    )
    found = reconcile(
        record,
        [
            thing("tai-lieu/b/", "attachments/a.yml", "sha256:1"),
            thing("tai-lieu/b.csv", "attachments/a.csv", "file:1", page=False),
            thing("tai-lieu/b.xlsx", "attachments/a.csv", "xlsx:1", page=False),
        ],
    )
    assert found.moved == {
        "tai-lieu/a/": "tai-lieu/b/",
        "tai-lieu/a.csv": "tai-lieu/b.csv",
        "tai-lieu/a.xlsx": "tai-lieu/b.xlsx",
    }
    assert found.pages == {"tai-lieu/a/"}


def test_the_record_reads_back_what_it_wrote_and_copies_merge() -> None:
    record = reconcile(first(thing("tin-tuc/a/")), [thing("tin-tuc/b/", key="y")]).record
    text = render(record).decode("utf-8")
    assert text.startswith("# Sổ địa chỉ") and parse(text) == record
    other = reconcile({}, [thing("tin-tuc/c/", "news/c.md", "c")]).record
    assert set(merge(record, other)) == {"tin-tuc/a/", "tin-tuc/c/"}
    assert parse("rác\nthiếu\tcột\n") == {}


def test_notices_say_in_vietnamese_what_moves_and_what_goes() -> None:
    record = first(thing("tin-tuc/a/"), thing("tin-tuc/b/", "news/b.md", "b"))
    found = reconcile(record, [thing("tin-tuc/a-moi/", key="k")])
    told = [str(n) for n in notices(found)]
    assert told == [
        "news/a.md:1: địa chỉ: địa chỉ /tin-tuc/a/ sẽ đổi thành /tin-tuc/a-moi/; địa chỉ cũ sẽ "
        "tự chuyển sang địa chỉ mới — không cần làm gì; muốn giữ địa chỉ cũ thì ghi dòng url: "
        "như trước",
        "news/b.md:1: địa chỉ: địa chỉ /tin-tuc/b/ sẽ bị gỡ khỏi trang (người đọc thấy: trang "
        "đã gỡ) — muốn giữ bài thì khôi phục tệp; văn bản hết hiệu lực thì ghi valid_until "
        "thay vì xóa",
    ]


def test_check_annotates_a_moving_address_on_its_line_for_a_pull_request(project, capsys) -> None:
    proj = project({"news/a.md": item("Tin mới", "2024-03-01 08:00")})
    record = first(thing("tin-tuc/tin-cu/", "news/a.md", "2024-03-01T08:00:00+07:00 tin cũ"))
    (proj.root / "addresses.tsv").write_bytes(render(record))
    assert cli.main(["check", "--format", "github", "-f", str(proj.root / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    assert "::notice file=news/a.md,line=2,title=địa chỉ::địa chỉ /tin-tuc/tin-cu/ sẽ đổi" in out
