"""Command line (above every stage): `portal build` builds the site into a staging folder and swap
it in only when it is whole.

A content error, a crash or an interrupted build leaves the previously published `site/`
exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .counter.service import CounterServer, RateLimit
from .counter.store import Counter
from .errors import ContentError, ContentErrors
from .repository import plan_repository
from .vi import UI, format_date


def build(config_file: Path, site_dir: Path, preview: bool = False) -> int:
    staging = site_dir.with_name(f".{site_dir.name}.staging")
    old = site_dir.with_name(f".{site_dir.name}.old")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if preview:
        env["PORTAL_PREVIEW"] = "true"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(config_file), "--site-dir", str(staging)]
    result = subprocess.run(command, env=env, check=False)
    if result.returncode == 0:
        # Search index of the finished pages, inside the staging folder: an index that fails
        # leaves the published site as it was, like any other failure.
        index = [sys.executable, "-m", "pagefind", "--site", str(staging), "--silent"]
        result = subprocess.run(index, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed; {site_dir} was left unchanged.", file=sys.stderr)
        return result.returncode
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {site_dir}")
    return 0


def check(config_file: Path, annotations: bool = False) -> int:
    """`portal check`: every problem of the repository, without building (no MkDocs)."""
    try:
        plan = plan_repository(config_file)
    except ContentErrors as exc:
        for error in exc.errors:
            print(github_annotation(error) if annotations else f"  {error}")
        print(UI["check_failed"].format(count=len(exc.errors)), file=sys.stderr)
        return 1
    published = plan.collections.published
    notices = sum(1 for item in published if item.notice)
    counts = {"news": len(published) - notices, "notices": notices}
    print(UI["check_ok"].format(**counts, documents=len(plan.documents.attachments)))
    for item in plan.collections.scheduled:
        when = format_date(item.date)
        print(UI["check_scheduled"].format(when=when, title=item.title, source=item.source))
    return 0


def github_annotation(error: ContentError) -> str:
    """A GitHub Actions workflow command, so a pull request shows the problem on its line."""

    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    where = f"file={escape(error.path, True)},line={error.line},title={escape(error.field, True)}"
    return f"::error {where}::{escape(f'{error.message} — {error.fix}')}"


def run_counter(
    data_dir: Path, host: str, port: int, origin: str, trust_proxy: bool, limit: RateLimit
) -> int:
    counter = Counter(data_dir / "counter.sqlite3")
    server = CounterServer((host, port), counter, origin, trust_proxy, limit)
    print(f"Counting views for {origin} on http://{host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        counter.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build the site atomically")
    build_cmd.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"))
    build_cmd.add_argument("--site-dir", "-d", type=Path, default=None)
    build_cmd.add_argument(
        "--preview", action="store_true", help="also publish drafts and future items (local only)"
    )
    check_cmd = sub.add_parser("check", help="check every content file without building")
    check_cmd.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"))
    check_cmd.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: annotations"
    )
    counter_cmd = sub.add_parser("counter", help="run the visitor counting service")
    counter_cmd.add_argument("--data-dir", type=Path, default=Path("counter-data"))
    counter_cmd.add_argument("--host", default="127.0.0.1")
    counter_cmd.add_argument("--port", type=int, default=8787)
    counter_cmd.add_argument(
        "--origin", required=True, help="the site's origin, e.g. https://congan.example.gov.vn"
    )
    counter_cmd.add_argument(
        "--rate", type=float, default=2.0, help="requests per second allowed to one client"
    )
    counter_cmd.add_argument("--burst", type=int, default=60, help="requests one client may burst")
    counter_cmd.add_argument(
        "--trust-proxy",
        action="store_true",
        help="take the client address from X-Real-IP when the request comes from 127.0.0.1",
    )
    args = parser.parse_args(argv)
    if args.command == "counter":
        limit = RateLimit(args.rate, args.burst)
        return run_counter(
            args.data_dir, args.host, args.port, args.origin, args.trust_proxy, limit
        )
    config_file = args.config_file.resolve()
    if args.command == "check":
        return check(config_file, annotations=args.format == "github")
    site_dir = (args.site_dir or config_file.parent / "site").resolve()
    return build(config_file, site_dir, preview=args.preview)


if __name__ == "__main__":
    sys.exit(main())
