#!/usr/bin/env python3
"""Load benchmark of the counting service on loopback.

Starts `portal counter` on a free loopback port with a fresh database, sends a bounded number
of views from several threads over keep-alive connections, and prints requests per second.
Then it reads the stored total and checks it equals the number of successful requests.
Usage: python scripts/counter_bench.py [--threads 8] [--requests 5000]
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import tempfile
import threading
import time


def worker(port: int, count: int, results: list[int], lock: threading.Lock) -> None:
    ok = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"path": "/tin-tuc/bai-viet/"})
    for n in range(count):
        connection.request(
            "POST",
            "/api/view",
            body,
            {"Content-Type": "text/plain", "User-Agent": f"bench-{n % 7}"},
        )
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            ok += 1
    connection.close()
    with lock:
        results.append(ok)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        service = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "portal.cli",
                "counter",
                "--data-dir",
                data,
                "--port",
                "0",
                "--origin",
                "https://congan.example.vn",
                "--rate",
                "1000000",
                "--burst",
                "1000000",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        line = service.stdout.readline()
        service.stdout.close()
        port = int(line.rsplit(":", 1)[1].strip("/\n"))
        per_thread = args.requests // args.threads
        results: list[int] = []
        lock = threading.Lock()
        threads = [
            threading.Thread(target=worker, args=(port, per_thread, results, lock))
            for _ in range(args.threads)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/counts")
        stored = json.loads(connection.getresponse().read())["total"]
        connection.close()
        service.terminate()
        service.wait(timeout=10)
        sent = per_thread * args.threads
        succeeded = sum(results)
        print("| threads | requests | succeeded | seconds | requests/s | stored total |")
        print("|---:|---:|---:|---:|---:|---:|")
        rate = succeeded / elapsed
        print(f"| {args.threads} | {sent} | {succeeded} | {elapsed:.1f} | {rate:.0f} | {stored} |")
        if stored != succeeded:
            print(f"MISMATCH: stored {stored} != succeeded {succeeded}")
            return 1
        print("stored total equals the successful requests")
        return 0


if __name__ == "__main__":
    sys.exit(main())
