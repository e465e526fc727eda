"""Hostile and unlucky input, through the commands editors and the server run: files that
leave the repository, invisible controls, nesting and tags that once took minutes, dates at
the edges, a misspelt option and a crash. `portal check` and `portal build` tell the same
problem in the same Vietnamese words, never a traceback, and the site already built stays."""

from __future__ import annotations

import hashlib
import socket
import time
from pathlib import Path

import feedparser
import pytest

from portal import cli
from portal.search import index as search
from tests.conftest import BUILDS, HOME, Project, item, write_files
from tests.synthetic import mkdocs_yml

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u200b"


def run(capsys, *argv: str) -> tuple[int, str]:
    """A `portal` command in this process: its exit code and everything it printed."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def problem_lines(printed: str) -> set[str]:
    """The lines that name a file and a line ("path:line: field: message — fix")."""
    return {line.strip() for line in printed.splitlines() if " — " in line and ":" in line}


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A small site, built once, with a title full of bidi and zero-width controls."""
    proj = Project(tmp_path_factory.mktemp("hostile") / "proj")
    proj.write(
        {
            "mkdocs.yml": mkdocs_yml(),
            "content/index.md": HOME,
            "news/dao.md": item(f"Gọi {BIDI}113 khi cần", "2024-03-01 08:00", tags="[ANTT]"),
            "news/tin.md": item("Tin thường", "2024-03-02 08:00"),
        }
    )
    assert proj.build() == 0
    return proj


def assert_same_problem_and_site_intact(capsys, proj: Project, fragment: str) -> None:
    """check and build both refuse with the same lines naming `fragment`; the site stays."""
    before = snapshot(proj.site)
    config = ["-f", str(proj.root / "mkdocs.yml")]
    code, checked = run(capsys, "check", *config)
    assert code == 1 and fragment in checked, checked
    code, building = run(capsys, "build", *config)
    assert code == 1 and fragment in building, building
    told = {line for line in problem_lines(checked) if fragment in line}
    assert told and told <= problem_lines(building)
    assert "Traceback" not in checked + building
    assert snapshot(proj.site) == before
    assert not (proj.root / ".site.fresh").exists()


def test_invisible_controls_never_reach_a_page_or_a_feed(built: Project) -> None:
    page = built.html("tin-tuc/goi-113-khi-can")
    texts = [page.title.get_text(), page.select_one("h1").get_text()]
    for feed in ("rss.xml", "atom.xml", "the/antt/rss.xml"):
        entries = feedparser.parse((built.site / feed).read_bytes()).entries
        texts += [entry.title for entry in entries]
    assert any("Gọi 113 khi cần" in text for text in texts)
    assert [text for text in texts if set(text) & set(BIDI)] == []


@pytest.mark.parametrize("where", ["news/zz/ngoai.md", "notices/ngoai.md", "content/ngoai.md"])
def test_a_link_to_a_file_outside_the_repository_is_refused_by_check_and_build(
    built: Project, capsys, tmp_path: Path, where: str
) -> None:
    outside = tmp_path / "bai.md"
    outside.write_text(item("Bài ở nơi khác trên máy chủ", "2024-03-03 08:00"), "utf-8")
    link = built.root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    try:
        assert_same_problem_and_site_intact(capsys, built, f"{where}:1: tệp:")
    finally:
        link.unlink()


def test_a_folder_that_loops_and_a_linked_theme_file_are_refused(
    built: Project, capsys, tmp_path: Path
) -> None:
    overrides = built.root / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (tmp_path / "footer.html").write_text("<p>ngoài kho</p>", "utf-8")
    (overrides / "partials/footer.html").symlink_to(tmp_path / "footer.html")
    (built.root / "news/vong").symlink_to(built.root / "news", target_is_directory=True)
    config = mkdocs_yml(custom_dir=Path("overrides"))
    original = (built.root / "mkdocs.yml").read_text("utf-8")
    (built.root / "mkdocs.yml").write_text(config, "utf-8")
    try:
        assert_same_problem_and_site_intact(capsys, built, "news/vong:1: tệp:")
        assert_same_problem_and_site_intact(capsys, built, "overrides/partials/footer.html:1")
    finally:
        (built.root / "mkdocs.yml").write_text(original, "utf-8")
        (built.root / "news/vong").unlink()
        (overrides / "partials/footer.html").unlink()


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        (
            "notices/het-han.md",
            "---\ntitle: Thông báo\nkind: Thông báo\nnumber: 1/TB\ndate: 2024-03-01\n"
            "issuer: Công an tỉnh\nplace: Long An\nsigner: {name: A, position: B}\n"
            "valid_until: 9999-12-31\n---\n\nNội dung.\n",
            "notices/het-han.md:9: valid_until: năm 9999",
        ),
        ("news/long.md", item("Lồng", "2024-03-04", body="- " * 3000 + "x"), "news/long.md:7"),
        (
            "news/tab.md",
            item("Tab", "2024-03-05", body="\n".join("\t" * i + "- x" for i in range(1000))),
            "news/tab.md:6: nội dung",
        ),
        ("news/ngoac.md", item("Ngoặc", "2024-03-06", body="[" * 100_000), "news/ngoac.md:6"),
    ],
    ids=["far date", "3000 levels", "1000 tab levels", "unclosed brackets"],
)
def test_far_dates_and_runaway_bodies_are_refused_quickly_with_their_line(
    built: Project, capsys, name: str, text: str, fragment: str
) -> None:
    write_files(built.root, {name: text})
    start = time.monotonic()
    try:
        assert_same_problem_and_site_intact(capsys, built, fragment)
    finally:
        (built.root / name).unlink()
    # Each once took from 30 s to minutes, or ended in a recursion error; the bound is loose.
    assert time.monotonic() - start < 30


def test_a_misspelt_option_is_told_by_check_and_build_alike(built: Project, capsys) -> None:
    original = (built.root / "mkdocs.yml").read_text("utf-8")
    config = original.replace("  - portal:\n", '  - portal:\n      hotline: "113"\n')
    (built.root / "mkdocs.yml").write_text(config, "utf-8")
    try:
        assert_same_problem_and_site_intact(
            capsys, built, 'hotline: không có tùy chọn này — có phải là "hotlines"?'
        )
    finally:
        (built.root / "mkdocs.yml").write_text(original, "utf-8")


def test_a_link_to_a_missing_page_is_found_by_check_in_the_build_s_words(
    built: Project, capsys
) -> None:
    write_files(
        built.root, {"content/gioi-thieu.md": "# Giới thiệu\n\nXem [quy chế](quy-che.md).\n"}
    )
    try:
        fragment = 'content/gioi-thieu.md:3: liên kết: liên kết "quy-che.md" trỏ tới trang không có'
        assert_same_problem_and_site_intact(capsys, built, fragment)
    finally:
        (built.root / "content/gioi-thieu.md").unlink()


def test_a_crash_is_one_vietnamese_line_and_leaves_nothing_half_built(
    built: Project, capsys, monkeypatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(search, "index_site", broken)
    before = snapshot(built.site)
    code, printed = run(capsys, "build", "-f", str(built.root / "mkdocs.yml"))
    assert code == 2 and "lỗi của chương trình" in printed and "Traceback" not in printed
    assert not (built.root / ".site.fresh").exists() and snapshot(built.site) == before
    log = (built.root / ".cache/portal-build.log").read_text("utf-8")
    assert "OverflowError" in log and "Traceback" in log  # for the developer, not the editor


def test_a_busy_port_is_told_in_vietnamese_with_another_port(built: Project, capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, printed = run(
            capsys, "serve", "--port", str(port), "-f", str(built.root / "mkdocs.yml")
        )
    assert code == 2 and f"Cổng {port}" in printed and f"--port {port + 1}" in printed
    assert "Traceback" not in printed and "Errno" not in printed


def build_with_tags(root: Path, items: int, tags: int) -> float:
    """Seconds to build `items` items that each carry the same `tags` tags."""
    config = mkdocs_yml().replace("  - portal:\n", f"  - portal:\n      max_tags: {tags}\n")
    names = ", ".join(f"Từ khóa {n}" for n in range(tags))
    files = {"mkdocs.yml": config, "content/index.md": HOME}
    for n in range(items):
        when = f"2024-01-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}"
        files[f"news/bai-{n}.md"] = item(f"Bài số {n}", when, tags=f"[{names}]")
    write_files(root, files)
    start = time.monotonic()
    assert cli.main(["build", "-f", str(root / "mkdocs.yml")]) == 0
    BUILDS.append(str(root / "site"))
    return time.monotonic() - start


def test_build_time_grows_with_item_tag_pairs_not_with_tags_per_item(
    tmp_path: Path, capsys
) -> None:
    # The same 25,000 (item, tag) pairs two ways. Feeds that named every tag of every entry
    # in every tag's feed took 505 s for the first, against 4 s for the second.
    many_tags = build_with_tags(tmp_path / "a", items=50, tags=500)
    many_items = build_with_tags(tmp_path / "b", items=500, tags=50)
    capsys.readouterr()
    assert many_tags < 3 * many_items + 5, (many_tags, many_items)
    feed = feedparser.parse((tmp_path / "a/site/the/tu-khoa-7/rss.xml").read_bytes())
    # A tag's feed names the item's category and that tag; the site's feed names them all.
    assert [t.term for t in feed.entries[0].tags] == ["Tin hoạt động", "Từ khóa 7"]
    site_feed = feedparser.parse((tmp_path / "a/site/rss.xml").read_bytes())
    assert len(site_feed.entries[0].tags) == 501


def test_more_tags_than_the_site_allows_are_refused(project) -> None:
    tags = "[" + ", ".join(f"Từ khóa {n}" for n in range(21)) + "]"
    proj = project({"news/a.md": item("Nhiều từ khóa", "2024-03-01", tags=tags)})
    assert "news/a.md:5: tags: bài có 21 từ khóa, nhiều hơn 20" in proj.problems()
