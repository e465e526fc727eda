#!/usr/bin/env python3
"""Page weight as a citizen's phone sees it: bytes transferred on a first visit, gzip as a
static host serves it, measured in headless Chromium (Debian's chromium, via Playwright).

Builds the sample site (or, with --corpus N, a synthetic corpus of N items), serves it on
loopback, loads pages on a 360 px viewport with an empty cache, and sums every response:
text (HTML, CSS, JS, JSON, SVG, XML) at its gzip size, the rest as sent. An article with a lead
photo gets its own row. Also runs a two-word search on /tim-kiem/ and sums what it fetched,
then what searching the next tier of older news fetched.
Prints a Markdown table; exits 1 over budget (250 KB a page, 1 MB a search) or on any request
to another host.
Usage: python scripts/weight.py [--corpus 10000 [--photos 10]] [--query "an ninh"]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

from portal import commands

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests/
from tests.synthetic import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PAGE_BUDGET = 250 * 1024
SEARCH_BUDGET = 1024 * 1024
TEXT = ("text/", "application/javascript", "application/json", "image/svg", "application/xml")
SETTLED = "() => document.querySelector('.portal-search__results[aria-busy=false]')"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def transferred(response) -> int:
    body = response.body()
    kind = response.headers.get("content-type", "")
    return len(gzip.compress(body, 6)) if kind.startswith(TEXT) else len(body)


def measure(browser, url: str, host: str, *actions) -> tuple[list[tuple[int, int]], list[str]]:
    """(bytes, requests) of one visit with an empty cache, then of each action in turn on the
    same page (what it fetched beyond the visit and the actions before); and other hosts."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    responses, others, steps = [], [], []
    page.on("response", lambda r: responses.append(r))
    page.on("request", lambda r: urlparse(r.url).netloc != host and others.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    start = 0
    for action in (None, *actions):
        if action:
            action(page)
            page.wait_for_load_state("networkidle")
        step = responses[start:]
        steps.append((sum(transferred(r) for r in step if r.status < 300), len(step)))
        start += len(step)
    context.close()
    return steps, others


def run_search(query: str):
    def action(page) -> None:
        page.fill("#portal-search-q", query)
        page.press("#portal-search-q", "Enter")
        page.wait_for_selector(".portal-search__results li, [data-search-status]:has-text('Không')")

    return action


def search_older(page) -> None:
    """Press "Tìm cả trong tin cũ hơn" once, when the search offers it."""
    if page.locator("[data-search-older]").is_visible():
        page.click("[data-search-older]")
        page.wait_for_function(SETTLED)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=int, default=0, help="measure a synthetic corpus of N items"
    )
    parser.add_argument(
        "--photos", type=int, default=10, help="corpus items with a 4000×3000 lead photo"
    )
    parser.add_argument("--query", default="an ninh")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            # As in bench.py: a large corpus runs past today (an item every 7 hours), and a
            # build time after its last item publishes all of it.
            os.environ.setdefault("PORTAL_NOW", "2100-01-01T00:00")
            config = write_corpus(Path(tmp) / "corpus", args.corpus, photos=args.photos)
            # The corpus gets the sample's assets and search page, so it loads what a site loads.
            for name in ("assets", "tim-kiem.md"):
                source = REPO / "content" / name
                target = config.parent / "content" / name
                if source.is_dir():
                    shutil.copytree(source, target, dirs_exist_ok=True)
                else:
                    target.write_bytes(source.read_bytes())
            text = config.read_text(encoding="utf-8")
            text = text.replace(
                "  font: false\n",
                "  font: false\n  logo: assets/emblem.svg\n  favicon: assets/emblem.svg\n",
            )
            text += "extra_css: [assets/portal.css]\n"
            text += "extra_javascript: [assets/portal.js]\n"
            config.write_text(text, encoding="utf-8")
            label = f"{args.corpus:,} items".replace(",", ".")
        else:
            config, label = REPO / "mkdocs.yml", "sample site"
        site = Path(tmp) / "site"
        if commands.build(config, site) != 0:
            return 1
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        host = f"127.0.0.1:{server.server_address[1]}"
        base = f"http://{host}/"
        articles = sorted((site / "tin-tuc").glob("*/index.html"))
        with_photo = [p for p in articles if 'class="portal-lead"' in p.read_text("utf-8")]
        plain = [p for p in articles if p not in with_photo]
        pages = [("home", ""), ("article", f"tin-tuc/{plain[0].parent.name}/")]
        if with_photo:
            pages.append(("article with lead photo", f"tin-tuc/{with_photo[0].parent.name}/"))
        notices = (
            sorted((site / "thong-bao").glob("*/index.html"))
            if (site / "thong-bao").is_dir()
            else []
        )
        if notices:
            pages.append(("notice", f"thong-bao/{notices[0].parent.name}/"))
        pages.append(("category listing", "chuyen-muc/an-ninh-trat-tu/"))
        rows, failed = [], False
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, url in pages:
                [(size, count)], others = measure(browser, base + url, host)
                rows.append((name, size, count, others, PAGE_BUDGET))
            # The search page's first query searches the newest 8,000 items; older news costs
            # a second, explicit step, within the same budget.
            (load, query, older), others = measure(
                browser, base + "tim-kiem/", host, run_search(args.query), search_older
            )
            size, count = load[0] + query[0], load[1] + query[1]
            rows.append((f'search page + "{args.query}"', size, count, others, SEARCH_BUDGET))
            if older[1]:
                name = 'then "Tìm cả trong tin cũ hơn" (the next tier, up to 8,000 items)'
                rows.append((name, older[0], older[1], [], SEARCH_BUDGET))
            browser.close()
        server.shutdown()
        print(f"\n{label}: first visit, 360 px viewport, gzip sizes\n")
        print("| page | KB transferred | requests | other hosts | budget |")
        print("|---|---:|---:|---:|---|")
        for name, size, count, others, budget in rows:
            ok = size <= budget and not others
            failed |= not ok
            verdict = f"{'ok' if ok else 'OVER'} ≤ {budget // 1024} KB"
            print(f"| {name} | {size / 1024:.1f} | {count} | {len(others)} | {verdict} |")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
