#!/usr/bin/env python3
"""Photo benchmark: a corpus whose items carry camera-sized lead photos, built three ways in
one run on the same Markdown:

- no photos: the same items without their `image` lines (the baseline);
- photos, first build: every photo decoded, oriented, resized and encoded (empty cache);
- photos, cached build: the same again; the cache answers, no photo is processed.

Prints wall and CPU time (the build and its worker processes), peak memory, how many cache
entries the first build made and whether the cached build left them untouched, and the bytes
of the originals against what the site publishes.
Usage: python scripts/photo_bench.py [--items 1000] [--photos 500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench import run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests/
from tests.synthetic import write_corpus  # noqa: E402


def snapshot(cache: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in cache.rglob("*")} if cache.exists() else {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="build here and keep the output")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="portal-photo-bench-"))
    try:
        plain_config = write_corpus(work / "no-photos", args.items)
        config = write_corpus(work / "photos", args.items, photos=args.photos)
        root = config.parent
        original = sum(p.stat().st_size for p in root.glob("news/*/*.jpg"))
        print(f"corpus: {args.items} items, {args.photos} photos of 4000×3000 in {work}")
        cache = root / ".cache/images"
        rows = [("no photos", run(plain_config, work / "no-photos/site", strict=True))]
        rows.append((f"{args.photos} photos, first build", run(config, root / "site", True)))
        entries = snapshot(cache)
        rows.append((f"{args.photos} photos, cached build", run(config, root / "site", True)))
        untouched = snapshot(cache) == entries
        print("\n| build | wall time (s) | CPU time (s) | peak memory (MiB) |")
        print("|---|---:|---:|---:|")
        for label, (wall, cpu, memory) in rows:
            print(f"| {label} | {wall:.1f} | {cpu:.1f} | {memory} |")
        folders = sum(1 for p in cache.iterdir() if p.is_dir())
        published = sum(p.stat().st_size for p in (root / "site/anh").iterdir())
        print(f"\ncache entries after the first build: {folders}; ", end="")
        print(f"untouched by the cached build: {'yes' if untouched else 'NO'}")
        print(f"originals: {original / 2**20:.0f} MiB; published derivatives: ", end="")
        print(f"{published / 2**20:.0f} MiB ({len(list((root / 'site/anh').iterdir()))} files)")
        return 0 if untouched and folders == args.photos else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
