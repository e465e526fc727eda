#!/usr/bin/env python3
"""Benchmark: the portal against plain MkDocs + Material on the same synthetic corpus.

Everything runs in this one invocation, on the same machine and the same Markdown:
- floor: the same items as plain MkDocs + Material pages (search plugin included), kept out of
  the nav: the floor of this stack;
- cold: `portal build` with no cache and no earlier site, search index included;
- publish after one edit: `portal build` again after one article's title changed, four times:
  the first right after the cold build (no spare site to assemble in yet), then the usual case
  (the median of three); each result is checked (the page and its search shard carry the new
  title);
- serve: `portal serve` running, one article's title changed, until the served page shows it
  (three edits, each shown, the slowest in the table);
- peak memory: the largest sum of the proportional set sizes (PSS) of a build and all its child
  processes (a page a forked child shares with its parent counts once).

The floor and the cold build alternate `--repeat` times; the fastest run of each counts.
`--shape long`: long articles of plain paragraphs (4 to 9, no heading or list, two tags of
eight) instead of the bench's short ones. `--portal DIR`: the portal of another checkout (an
earlier commit, for a before-and-after in one machine's hour), its code and its templates.
Usage: python scripts/bench.py [--items 10000] [--repeat 2] [--shape bench|long] [--portal DIR]
[--keep DIR]
`TMPDIR=/dev/shm` puts the bench's folder on tmpfs: on an ext4 disk without a journal, a file
created within minutes of many being deleted (a bench's own, or an earlier bench's) costs
several times more, and the portal creates more files than the floor (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests/
from portal.text import slugify  # noqa: E402
from tests.synthetic import SHAPES, write_corpus  # noqa: E402

# Large corpora run past today (an item every 7 hours): a build time after the last item
# publishes all of them, as the floor does.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0", PORTAL_NOW="2100-01-01T00:00")


# How often the memory of the measured tree is read. Reading a large process's smaps_rollup
# walks its page tables: every 50 ms, that took CPU from a build that keeps both cores busy (a
# cold build at 10,000 long items ran 2.7 s, 9 %, slower sampled than not), while the one-core
# floor lost nothing (its second core is idle). Every half second: 0.3 to 1 s, within the
# noise, and the same peak within 5 % (a build's peak lasts seconds: the render, each shard).
SAMPLE = 0.5


def tree_rss(pid: int) -> int:
    """Memory (KiB) of a process and all its descendants: the sum of their proportional set
    sizes, so a page a forked child shares with its parent counts once, not twice (their
    resident sizes would count it in each)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss(current)
        todo.extend(children.get(current, []))
    return total


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measured(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the process and its children) and peak MiB of the whole
    process tree, sampled every SAMPLE seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, cwd=cwd, stdout=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(SAMPLE):
            peak[0] = max(peak[0], tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, max(peak[0], usage.ru_maxrss) // 1024


def plain_build(config: Path, site: Path) -> tuple[float, float, int]:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]
    return measured(command + ["-d", str(site)])


def portal_build(root: Path) -> tuple[float, float, int]:
    return measured([sys.executable, "-m", "portal.cli", "build", "-f", str(root / "mkdocs.yml")])


def retitle(root: Path, rel: str, title: str) -> None:
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f'title: "{title}"' if line.startswith("title:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")


def searchable(site: Path, text: str) -> bool:
    """Whether a fragment of the search index holds `text`."""
    needle = text.encode("utf-8")
    return any(
        needle in gzip.decompress(path.read_bytes())
        for path in (site / "pagefind").rglob("*.pf_fragment")
    )


def serve_edit(root: Path, rel: str) -> list[float]:
    """Seconds from saving a new title to `portal serve` serving the page with it (the title
    makes the URL: the new page answers once the edit is shown), for each of three edits."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "portal.cli", "serve", "-f", str(root / "mkdocs.yml")]
    server = subprocess.Popen([*command, "--port", str(port)], env=ENV, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"

    def page(url: str = "") -> str:
        try:
            with urllib.request.urlopen(base + url, timeout=30) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        while "portal-citizens" not in page():
            time.sleep(0.2)
        times = []
        for _ in range(3):  # the goal holds for each edit, not for their median
            time.sleep(3.0)  # as an editor saves: the preview has collected its garbage
            title = f"Tiêu đề xem trước {time.time_ns()}"
            url = f"tin-tuc/{slugify(title)}/"
            seen = json.loads(page("__preview__/version?seen=-1"))["version"]
            start = time.perf_counter()
            retitle(root, rel, title)
            # As the editor's browser does: wait on the preview's version, then load the page.
            while title not in page(url):
                seen = json.loads(page(f"__preview__/version?seen={seen}"))["version"]
            times.append(time.perf_counter() - start)
        return times
    finally:
        server.terminate()
        server.wait(30)


def plain_project(portal_root: Path, root: Path) -> Path:
    """The same Markdown as plain MkDocs pages, out of the nav, with Material's defaults."""
    docs = root / "docs"
    shutil.copytree(portal_root / "news", docs / "news")
    (docs / "index.md").write_text("# Trang chủ\n\nTrang thử nghiệm.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Công an tỉnh (thử nghiệm)\n"
        "site_url: https://congan.example.vn/\n"
        "theme:\n  name: material\n  language: vi\n"
        "nav:\n  - Trang chủ: index.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    return config


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build here and keep the output")
    parser.add_argument("--shape", choices=SHAPES, default="bench")
    parser.add_argument("--portal", type=Path, help="the checkout whose portal is measured")
    args = parser.parse_args()
    overrides = None
    if args.portal is not None:
        ENV["PYTHONPATH"] = str(args.portal.resolve())  # run from outside any checkout
        old_theme = args.portal.resolve() / "overrides"  # before the theme was packaged
        overrides = old_theme if (old_theme / "main.html").is_file() else None

    work = args.keep or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        root, plain_root = work / "portal", work / "plain"
        write_corpus(root, args.items, shape=args.shape, overrides=overrides)
        plain_config = plain_project(root, plain_root)
        print(f"corpus: {args.items} items ({args.shape}) in {work}", flush=True)
        floor, cold = [], []
        for _ in range(args.repeat):
            floor.append(plain_build(plain_config, plain_root / "site"))
            for leftover in (".cache", "site", ".site.staging"):  # no cache, no spare site
                shutil.rmtree(root / leftover, ignore_errors=True)
            cold.append(portal_build(root))
            print(f"floor {floor[-1][0]:.1f} s, cold {cold[-1][0]:.1f} s", flush=True)
        best_floor, best_cold = min(floor), min(cold)
        articles = sorted((root / "news").rglob("*.md"))
        first = articles[len(articles) // 2].relative_to(root).as_posix()
        edits = []
        for _ in range(4):  # the first has no spare site yet; the other three are the usual
            title = f"Tiêu đề sau một lần sửa {time.time_ns()}"
            retitle(root, first, title)
            edits.append(portal_build(root))
            assert searchable(root / "site", title), "the search index misses the new title"
        usual = sorted(edits[1:])[1]
        serve = serve_edit(root, articles[len(articles) // 3].relative_to(root).as_posix())
        pages = count_pages(root / "site")
        print(f"\n{args.items:,} items ({args.shape}), {pages:,} portal pages")
        print("\n| measure | wall (s) | CPU (s) | peak memory, all processes (MiB) | vs floor |")
        print("|---|---:|---:|---:|---:|")
        rows = [
            ("floor: plain MkDocs + Material", best_floor),
            ("`portal build`, cold, with search", best_cold),
            ("`portal build` after one edit, the first after the cold build", edits[0]),
            ("`portal build` after one edit (median of the next three)", usual),
        ]
        for label, (wall, cpu, memory) in rows:
            print(f"| {label} | {wall:.1f} | {cpu:.1f} | {memory} | {wall / best_floor[0]:.2f} |")
        each = ", ".join(f"{seconds:.1f}" for seconds in serve)
        label = f"`portal serve`: save to page shown, slowest of three ({each})"
        print(f"| {label} | {max(serve):.1f} | | | |")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
