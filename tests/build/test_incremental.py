"""Incremental builds: after each kind of change, a build that reuses the caches gives the same
site as a cold build of the same tree, byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from portal import commands
from portal.code import THEME
from portal.search.index import indexed_part
from tests import photo_files as pf
from tests.conftest import HOME, item
from tests.conftest import write_files as write
from tests.synthetic import mkdocs_yml

NOTICE = """---
title: Thông báo tạm ngừng tiếp công dân
kind: Thông báo
number: 15/TB-CAT
date: 2024-03-01 08:00
valid_until: 2024-06-30
issuer: Công an tỉnh Long An
place: Long An
signer: {name: Nguyễn Văn A, position: GIÁM ĐỐC}
---

Công an tỉnh tạm ngừng tiếp công dân trong thời gian sửa chữa trụ sở.
"""


def tree(site: Path) -> dict[str, str]:
    """Every file of a built site and the digest of its bytes.

    Pagefind writes its filter and meta files in a different order on every run, even of the
    same pages, so those are left out; what the search finds is compared through the files
    that are stable: every page's fragment (its URL, text, meta and filters), the word index,
    and the page counts.
    """
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or "/filter/" in rel or rel.endswith(".pf_meta"):
            continue
        if rel.endswith("pagefind-entry.json"):
            entry = json.loads(path.read_text(encoding="utf-8"))
            found[rel] = repr({k: v["page_count"] for k, v in entry["languages"].items()})
            continue
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def cold(root: Path, scratch: Path) -> dict[str, str]:
    """A build of the same tree with no cache at all."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(root, scratch, ignore=shutil.ignore_patterns(".cache", "site", ".site*"))
    assert commands.build(scratch / "mkdocs.yml", scratch / "site") == 0
    return tree(scratch / "site")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


STEPS = [
    ("body", lambda r: edit(r, "news/tin-03.md", "Nội dung bài 3.", "Nội dung đã sửa.")),
    ("title", lambda r: edit(r, "news/tin-04.md", "Tin số 4", "Tin số 4 đã sửa")),
    ("add", lambda r: write(r, {"news/moi.md": item("Tin mới", "2024-02-15 09:00", "ANTT")})),
    ("delete", lambda r: (r / "news/tin-05.md").unlink()),
    ("tag", lambda r: edit(r, "news/tin-06.md", "tags: [ANTT]", "tags: [Giao thông]")),
    ("category", lambda r: edit(r, "news/tin-07.md", "category: ANTT", "category: PCCC")),
    ("photo", lambda r: write(r, {"news/anh/tin.jpg": pf.phone_jpeg((900, 1200))})),
    ("template", lambda r: edit(r, "overrides/article.html", "<h1>", '<h1 class="sua">')),
    ("config", lambda r: edit(r, "mkdocs.yml", "site_name: ", "site_name: Cổng ")),
]


@pytest.fixture
def site_tree(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    # The site's own overrides (a template test edits one), on top of the packaged theme.
    shutil.copytree(THEME, root / "overrides", ignore=shutil.ignore_patterns("assets"))
    config = mkdocs_yml(page_size=4, custom_dir=root / "overrides")
    files: dict[str, str | bytes] = {"mkdocs.yml": config, "content/index.md": HOME}
    for n in range(1, 13):
        files[f"news/tin-{n:02d}.md"] = item(
            f"Tin số {n}",
            f"2024-01-{n:02d} 08:00",
            "ANTT",
            body=f"Nội dung bài {n}.",
            tags="[ANTT]",
            **({"image": "anh/tin.jpg", "image_alt": "Ảnh"} if n == 2 else {}),
        )
    files["news/anh/tin.jpg"] = pf.phone_jpeg()
    files["news/hen-gio.md"] = item("Tin hẹn giờ", "2024-05-01 08:00", "ANTT")
    files["notices/tam-ngung.md"] = NOTICE
    write(root, files)
    return root


def test_each_incremental_build_equals_a_cold_build(
    site_tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_NOW", "2024-04-01T00:00")
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    assert commands.build(config, site) == 0
    steps = [*STEPS, ("due", lambda r: monkeypatch.setenv("PORTAL_NOW", "2024-05-02T00:00"))]
    steps.append(("expiry", lambda r: monkeypatch.setenv("PORTAL_NOW", "2024-07-01T00:00")))
    for name, change in steps:
        before = tree(site)
        change(site_tree)
        assert commands.build(config, site) == 0, name
        after = tree(site)
        assert after != before, f"{name}: the change did not reach the site"
        assert after == cold(site_tree, tmp_path / "cold"), name
    # The clock steps really published the scheduled item and moved the notice.
    assert (site / "tin-tuc/tin-hen-gio/index.html").is_file()
    assert "Hết hiệu lực" in (
        site / "thong-bao/thong-bao-tam-ngung-tiep-cong-dan/index.html"
    ).read_text(encoding="utf-8")


def test_a_damaged_cache_entry_is_rebuilt_not_published(site_tree: Path, tmp_path: Path) -> None:
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    assert commands.build(config, site) == 0
    expected = tree(site)
    entries = sorted((site_tree / ".cache/pages").rglob("*.html"))
    searches = sorted((site_tree / ".cache/search").rglob("pagefind-entry.json"))
    assert entries and searches
    for damaged in (entries[0], entries[-1], searches[0]):
        damaged.unlink()  # hard-linked into site/: a new file, so the published site is intact
        damaged.write_bytes(b"<p>hong</p>")
    shutil.rmtree(site)
    assert commands.build(config, site) == 0
    assert tree(site) == expected
    # Deleting the whole cache is safe too.
    shutil.rmtree(site_tree / ".cache")
    assert commands.build(config, site) == 0
    assert tree(site) == expected


def test_a_failed_build_finds_the_same_problem_again(site_tree: Path) -> None:
    """Pages rendered by a build that failed are not cached: the next build renders them, and
    the broken link fails it again instead of being published from the cache."""
    body = "Xem [bài cũ](khong-co.md)."
    write(site_tree, {"news/hong.md": item("Tin hỏng", "2024-02-01 08:00", "ANTT", body=body)})
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    assert commands.build(config, site) == 1
    assert commands.build(config, site) == 1
    assert not site.exists()


def test_a_broken_file_fails_the_build_and_keeps_the_published_site(
    site_tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    assert commands.build(config, site) == 0
    published = tree(site)
    edit(site_tree, "news/tin-03.md", 'title: "Tin số 3"', 'title: "Tin số 3" X')
    capsys.readouterr()
    assert commands.build(config, site) == 1
    err = capsys.readouterr().err
    assert "news/tin-03.md" in err and "Traceback" not in err
    assert tree(site) == published


def test_a_neighbours_new_title_changes_a_page_but_not_what_search_indexes(
    site_tree: Path,
) -> None:
    """The search shard of a page whose only change is a neighbour's title ("Các tin khác",
    newer/older) is reused: what Pagefind reads of the page is the same."""
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    neighbour, edited = site / "tin-tuc/tin-so-3/index.html", site / "tin-tuc/tin-so-4/index.html"
    assert commands.build(config, site) == 0
    before = neighbour.read_text(encoding="utf-8"), edited.read_text(encoding="utf-8")
    edit(site_tree, "news/tin-04.md", "Tin số 4", "Tin số 4 đã sửa")
    assert commands.build(config, site) == 0
    after = neighbour.read_text(encoding="utf-8"), (site / "tin-tuc/tin-so-4-da-sua/index.html")
    assert "Tin số 4 đã sửa" in after[0] and before[0] != after[0]
    assert indexed_part(after[0]) == indexed_part(before[0]) is not None
    part = indexed_part(after[1].read_text(encoding="utf-8"))
    assert part is not None and "Tin số 4 đã sửa" in part and "Tin số 3" not in part
    assert indexed_part(before[1]) != part
    # The old address now sends readers to the new one (site/addresses.py).
    stub = edited.read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://congan.example.vn/tin-tuc/tin-so-4-da-sua/"' in stub
    assert indexed_part(stub) is None


def test_an_article_that_enters_a_feed_gets_its_body_though_only_fed_bodies_are_cached(
    site_tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page cache keeps the converted body of the articles the feeds carry, not of every
    article; when deleting the newest item brings an older one into the feeds, that page is
    rendered again and the feed carries its body."""
    monkeypatch.setenv("PORTAL_NOW", "2024-04-01T00:00")
    edit(site_tree, "mkdocs.yml", "      page_size: 4", "      page_size: 4\n      feed_size: 4")
    config, site = site_tree / "mkdocs.yml", site_tree / "site"
    assert commands.build(config, site) == 0
    bodies = list((site_tree / ".cache/pages").rglob("*.body"))
    assert 4 <= len(bodies) < 13  # the items the feeds carry, not all 13
    assert "Nội dung bài 9." not in (site / "rss.xml").read_text(encoding="utf-8")
    (site_tree / "news/tin-12.md").unlink()
    assert commands.build(config, site) == 0
    assert "Nội dung bài 9." in (site / "rss.xml").read_text(encoding="utf-8")
    assert tree(site) == cold(site_tree, tmp_path / "cold")
