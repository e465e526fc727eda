#!/usr/bin/env python3
"""Render the reference look of a printed notice: docs/print-notice.png (page 1, via pdftoppm).

Builds the sample site, prints the long sample notice to PDF in Debian's Chromium exactly as
the print tests do, and turns its first page into a PNG. Run it after changing print.css and
commit the picture. Needs `chromium` and `pdftoppm` (Debian: chromium, poppler-utils).
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from portal import commands

REPO = Path(__file__).resolve().parent.parent
NOTICE = "thong-bao/thong-bao-ket-qua-cong-tac-xay-dung-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc/"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> int:
    out = REPO / "docs" / "print-notice.png"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if commands.build(REPO / "mkdocs.yml", site) != 0:
            return 1
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        pdf = Path(tmp) / "notice.pdf"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{NOTICE}")
            page.emulate_media(media="print")
            page.pdf(path=str(pdf), prefer_css_page_size=True)
            browser.close()
        server.shutdown()
        stem = Path(tmp) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        out.parent.mkdir(exist_ok=True)
        out.write_bytes(stem.with_suffix(".png").read_bytes())
    print(f"wrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
