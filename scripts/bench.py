#!/usr/bin/env python3
"""Benchmark: the portal against plain MkDocs + Material on the same synthetic corpus.

Both builds run in this one invocation, on the same machine and the same Markdown:
- portal: the portal plugin with its listings, archive and article pages (`mkdocs build --strict`);
- plain: MkDocs + Material with its default plugins (search included), the same items as
  plain pages kept out of the nav: the floor of this stack.

The two builds alternate `--repeat` times; the fastest run of each counts (the least disturbed
by anything else on the machine). Prints wall time, CPU time (user + system: steadier than wall
time on a shared machine), peak memory (max RSS of the build process) and the portal/plain
ratios.
Usage: python scripts/bench.py [--items 2000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests/
from tests.synthetic import write_corpus  # noqa: E402


def run(config: Path, site: Path, strict: bool) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS in MiB of one `mkdocs build` in a new process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]
    command += ["-d", str(site)] + (["--strict"] if strict else [])
    return measured(command)


def measured(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (MiB, the process and its children) of a command."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


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
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build here and keep the output")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        portal_root, plain_root = work / "portal", work / "plain"
        portal_config = write_corpus(portal_root, args.items)
        plain_config = plain_project(portal_root, plain_root)
        print(f"corpus: {args.items} items in {work}", flush=True)

        runs: dict[str, list[tuple[float, float, int]]] = {"portal": [], "plain": []}
        for _ in range(args.repeat):
            runs["portal"].append(run(portal_config, portal_root / "site", strict=True))
            runs["plain"].append(run(plain_config, plain_root / "site", strict=False))
        best = {
            name: (min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs))
            for name, rs in runs.items()
        }
        pages = {
            "portal": count_pages(portal_root / "site"),
            "plain": count_pages(plain_root / "site"),
        }
        for name, rs in runs.items():
            print(f"{name} runs, wall/CPU (s):", ", ".join(f"{w:.1f}/{c:.1f}" for w, c, _ in rs))
        print(
            "\n| build | wall time (s) | CPU time (s) | peak memory (MiB) | HTML pages |"
            "\n|---|---:|---:|---:|---:|"
        )
        labels = {"portal": "portal", "plain": "plain MkDocs + Material"}
        for name, (wall, cpu, mem) in best.items():
            print(f"| {labels[name]} | {wall:.1f} | {cpu:.1f} | {mem} | {pages[name]} |")
        print(f"\nportal/plain wall time ratio: {best['portal'][0] / best['plain'][0]:.2f}")
        print(f"portal/plain CPU time ratio: {best['portal'][1] / best['plain'][1]:.2f}")
        # The portal's search index, the last step of `portal build` (plain MkDocs built lunr's).
        index = [sys.executable, "-m", "pagefind", "--site", str(portal_root / "site"), "--silent"]
        wall, cpu, memory = measured(index)
        pages = sum(1 for _ in (portal_root / "site" / "pagefind" / "fragment").iterdir())
        print(f"Pagefind indexing: {wall:.1f} s wall, {cpu:.1f} s CPU, peak {memory} MiB,", end=" ")
        print(f"{pages} pages indexed")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
