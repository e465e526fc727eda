#!/usr/bin/env python3
"""Score the sample site with Lighthouse (npm, run in Debian's Chromium) as a phone sees it:
home, an article, a notice and a search with results, served by the shipped nginx setup
(deploy/try-nginx.sh) on loopback. A measurement for BENCHMARKS.md, not a test.

Usage: python scripts/lighthouse.py [--runs 3] [--site site/]
Needs Chromium, nginx, Node.js and npm; runs `npm ci` in scripts/lighthouse/ itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from portal import commands  # noqa: E402

TOOLS = REPO / "scripts/lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "",
    "article": "tin-tuc/canh-bao-thu-doan-gia-danh-cong-an-goi-dien-lua-dao-chiem-doat-tai-san/",
    "notice": (
        "thong-bao/thong-bao-ve-thu-doan-gia-danh-co-quan-cong-an-de-lua-dao-chiem-doat-tai-san/"
    ),
    "search": "tim-kiem/?q=to+quoc",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def lighthouse(url: str, out: Path) -> dict[str, object]:
    """One Lighthouse run, mobile form factor with its default (simulated) slow 4G and CPU."""
    command = [
        str(TOOLS / "node_modules/.bin/lighthouse"),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    subprocess.run(command, check=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is kept")
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample)")
    args = parser.parse_args()
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            if commands.build(REPO / "mkdocs.yml", site) != 0:
                return 1
        port = free_port()
        nginx = subprocess.Popen(
            ["sh", str(REPO / "deploy/try-nginx.sh"), str(site), str(port), str(free_port())],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base, timeout=2).close()
                    break
                except (urllib.error.URLError, OSError):
                    time.sleep(0.1)
            rows = []
            for name, path in PAGES.items():
                scores: dict[str, list[float]] = {c: [] for c in CATEGORIES}
                failing: set[str] = set()
                for run in range(args.runs):
                    report = lighthouse(base + path, Path(tmp) / f"{name}-{run}.json")
                    for category in CATEGORIES:
                        scores[category].append(report["categories"][category]["score"] * 100)
                        for ref in report["categories"][category]["auditRefs"]:
                            audit = report["audits"][ref["id"]]
                            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                                failing.add(ref["id"])
                medians = {c: statistics.median(scores[c]) for c in CATEGORIES}
                rows.append((name, medians, sorted(failing)))
        finally:
            os.killpg(nginx.pid, 15)
            nginx.wait(10)
    print("| page | " + " | ".join(CATEGORIES) + " | audits below full marks |")
    print("|---|" + "---:|" * len(CATEGORIES) + "---|")
    for name, medians, failing in rows:
        cells = " | ".join(f"{medians[c]:.0f}" for c in CATEGORIES)
        print(f"| {name} | {cells} | {', '.join(failing) or '–'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
