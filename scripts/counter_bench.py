#!/usr/bin/env python3
"""Load benchmark of the counting service on loopback, with wrk, on SQLite and on PostgreSQL.

For each backend: starts `portal counter` on a free loopback port with a fresh database (a
throwaway PostgreSQL cluster in a temporary folder for the second), runs
`wrk -t2 -c20 -d10s --latency` sending one recorded view per request (rate limit lifted), then
reads the stored total and checks it against the 200 responses wrk received. wrk stops with up
to one request per connection in flight, so the total may exceed them by at most that many.
Usage: python scripts/counter_bench.py [--seconds 10] [--connections 20] [--backend sqlite]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from portal import urls  # noqa: E402

PAGE = "/tin-tuc/bai-viet/"
SCRIPT = f"""wrk.method = "POST"
wrk.body = '{{"path": "{PAGE}"}}'
wrk.headers["Content-Type"] = "text/plain"
"""


def start(data: Path, database: str) -> tuple[subprocess.Popen[str], str]:
    site = data / "site"
    site.mkdir(parents=True)
    (site / urls.COUNTABLE).write_text(f"/\n{PAGE}\n", encoding="utf-8")
    command = [
        sys.executable, "-m", "portal.cli", "counter", "--data-dir", str(data), "--site",
        str(site), "--port", "0", "--origin", "https://congan.example.vn", "--rate", "1000000",
        "--burst", "1000000", *(["--database", database] if database else []),
    ]  # fmt: skip
    service = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO)
    line = service.stdout.readline()
    service.stdout.close()
    return service, line.split(" on ", 1)[1].strip()


def wrk(base: str, seconds: int, connections: int, script: Path) -> dict[str, str]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
         base + "api/view"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = {
        "requests": re.search(r"(\d+) requests in", out)[1],
        "rate": re.search(r"Requests/sec:\s+([\d.]+)", out)[1],
        "non2xx": (re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, "0"])[1],
        "errors": (re.search(r"Socket errors: (.*)", out) or [0, "none"])[1],
    }
    for percent in ("50", "90", "99"):
        found[f"p{percent}"] = re.search(rf"\s{percent}%\s+([\d.]+\w+)", out)[1]
    return found


def run(backend: str, database: str, data: Path, args: argparse.Namespace, script: Path) -> bool:
    service, base = start(data, database)
    try:
        result = wrk(base, args.seconds, args.connections, script)
        with urllib.request.urlopen(base + "api/counts", timeout=10) as response:
            stored = json.loads(response.read())["total"]
    finally:
        service.terminate()
        service.wait(timeout=10)
    ok = int(result["requests"]) - int(result["non2xx"])
    good = ok <= stored <= ok + args.connections
    print(
        f"| {backend} | {args.connections} | {result['rate']} | {result['p50']} | "
        f"{result['p90']} | {result['p99']} | {ok} | {stored} | {result['non2xx']} |"
    )
    if not good:
        print(f"MISMATCH on {backend}: stored {stored}, answered 200 {ok}")
    return good


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)")
        return 2
    print("| backend | connections | views/s | p50 | p90 | p99 | answered 200 | stored | non-2xx |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    good = True
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        script = root / "view.lua"
        script.write_text(SCRIPT)
        if args.backend in ("sqlite", "both"):
            good &= run("SQLite", "", root / "sqlite", args, script)
        if args.backend in ("postgresql", "both"):
            from tests.postgres_server import cluster

            (root / "pg").mkdir()
            with cluster(root / "pg") as fresh:
                good &= run("PostgreSQL", fresh(), root / "pgdata", args, script)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
