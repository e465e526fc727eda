"""Preview stage (serve): `portal serve`, the site as it will look, rebuilt after every edit.

Every input is watched (`watch.py`). Each build goes into a folder of its own and is served
only when it is whole; while content has problems every page is the list of problems. Pages
carry a small script that waits for the next build and reloads: no browser extension, no
restart, and the server answers every request whatever the state of the content.
"""

from __future__ import annotations

import errno
import gc
import json
import shutil
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..build.mode import PREVIEW
from ..content.memo import ContentMemo
from ..errors import ContentErrors
from ..vi import UI
from . import page
from .watch import Watcher

VERSION_PATH = "/__preview__/version"
WAIT_SECONDS = 20.0
IDLE_SECONDS = 1.5  # after a build, the browser's reload comes well within this
# Reloads the page when the preview's version moves on; retries while the server restarts.
_RELOAD = """<script>(function () {
  var seen = %d;
  function poll() {
    fetch("%s?seen=" + seen, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) { if (d.version !== seen) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();</script>"""


@dataclass(frozen=True)
class Shown:
    version: int
    site: Path | None  # the last whole build (assets keep coming from it during problems)
    page: str | None  # the page shown instead of every HTML page, while there is one
    cached: Mapping[str, Path] = field(default_factory=dict)  # pages answered from the cache
    # Generated files (feeds, sitemaps, colours), each made when first asked for: an edit
    # shows sooner when the feeds, with every body they carry, wait for a reader.
    made_when_asked: Mapping[str, Callable[[], bytes]] = field(default_factory=dict)


class Preview:
    """What the server shows, changed by the builder and read by every request."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.shown = Shown(0, None, None)
        self.making = threading.Lock()
        self.made: dict[str, bytes] = {}  # the files made when asked so far, of `made_for`
        self.made_for: Mapping[str, Callable[[], bytes]] = {}

    def show(
        self,
        site: Path | None,
        problem: str | None,
        cached: Mapping[str, Path] | None = None,
        later: Mapping[str, Callable[[], bytes]] | None = None,
    ) -> None:
        with self.condition:
            shown = self.shown
            if site is None:  # a problem shown over the last whole build: its files stay
                cached, later = shown.cached, shown.made_when_asked
            version = shown.version + 1
            self.shown = Shown(version, site or shown.site, problem, cached or {}, later or {})
            self.condition.notify_all()

    def make(self, shown: Shown, path: str) -> bytes:
        """The generated file `path` of the build `shown`, made once for that build."""
        with self.making:
            if shown.made_when_asked is not self.made_for:
                self.made, self.made_for = {}, shown.made_when_asked
            if path not in self.made:
                self.made[path] = shown.made_when_asked[path]()
            return self.made[path]

    def wait(self, seen: int, timeout: float) -> int:
        """The version after `seen`, or `seen` again after `timeout` seconds of nothing new."""
        with self.condition:
            self.condition.wait_for(lambda: self.shown.version != seen, timeout)
            return self.shown.version


def reload_script(version: int) -> str:
    return _RELOAD % (version, VERSION_PATH)


class Builder(threading.Thread):
    """Builds after each change reported by `request()`, one build at a time."""

    def __init__(self, config_file: Path, work: Path, preview: Preview, verbose: bool) -> None:
        super().__init__(name="portal-build", daemon=True)
        self.config_file = config_file
        self.work = work
        self.preview = preview
        self.verbose = verbose
        self.pending = threading.Event()
        self.building = threading.Event()
        self.count = 0
        # What reading and validating gave, for the life of the preview: after an edit only
        # the files that changed are read again.
        self.memo = ContentMemo()

    def request(self) -> None:
        self.pending.set()

    def run(self) -> None:
        while True:
            if not self.pending.wait(IDLE_SECONDS):
                # The cyclic garbage collector is off from a build until the page it made has
                # been served: its pass over the last build's objects (a few tenths of a
                # second at 10,000 items) runs while no one waits.
                gc.enable()
                gc.collect()
                self.pending.wait()
            gc.disable()
            time.sleep(0.05)  # an editor's save often writes twice
            self.pending.clear()
            self.building.set()
            try:
                self.build_once()
            finally:
                self.building.clear()

    def build_once(self) -> None:
        from ..mkdocs.build import BuildFailed, render

        self.count += 1
        target = self.work / f"build-{self.count}"
        version = self.preview.shown.version + 1
        script = reload_script(version)
        try:
            # Unchanged pages are answered from the page cache: nothing to link or copy.
            done = render(self.config_file, target, PREVIEW, self.memo, self.verbose)
        except ContentErrors as exc:
            shutil.rmtree(target, ignore_errors=True)
            self.preview.show(None, page.problems_page(exc.errors, script))
            print(f"Nội dung có {len(exc.errors)} lỗi; xem danh sách lỗi trên trình duyệt.")
            return
        except BuildFailed as exc:
            shutil.rmtree(target, ignore_errors=True)
            text = f"Lỗi của chương trình, không phải của bài viết. Báo cho bộ phận kỹ thuật: {exc}"
            self.preview.show(None, page.message_page("Không dựng được trang", text, script))
            print(text)
            return
        old = self.preview.shown.site
        self.preview.show(target, None, done.cached, done.made_when_asked)
        if old is not None and old != target:
            # Requests still reading the old build finish first.
            threading.Timer(5.0, shutil.rmtree, (old,), {"ignore_errors": True}).start()
        print(f"Đã cập nhật bản xem trước ({time.strftime('%H:%M:%S')}).", flush=True)


class Handler(SimpleHTTPRequestHandler):
    preview: Preview
    quiet = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The folder is chosen per request; never the process's working directory.
        super().__init__(*args, directory=str(Path(__file__).parent), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == VERSION_PATH:
            seen = int(parse_qs(url.query).get("seen", ["-1"])[0] or -1)
            self._send(HTTPStatus.OK, "application/json", json.dumps({
                "version": self.preview.wait(seen, WAIT_SECONDS)
            }))  # fmt: skip
            return
        shown = self.preview.shown
        is_page = url.path.endswith(("/", ".html")) or "." not in url.path.rsplit("/", 1)[-1]
        if shown.page is not None and is_page:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", shown.page)
            return
        if shown.site is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", "Chưa có trang.")
            return
        self.directory = str(shown.site)
        target = Path(self.translate_path(url.path))
        relative = url.path.lstrip("/") + ("index.html" if url.path.endswith("/") else "")
        if relative in shown.made_when_asked:
            try:
                made = self.preview.make(shown, relative)
            except Exception as exc:  # noqa: BLE001 (a fault of the portal, told, not raised)
                text = f"Lỗi của chương trình khi tạo tệp /{relative}: {type(exc).__name__}"
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", text)
                return
            self._send_made(relative, made, shown.version)
            return
        if relative in shown.cached:
            target = shown.cached[relative]
        elif any(f"{relative}/index.html" in k for k in (shown.cached, shown.made_when_asked)):
            # /tin-tuc/a -> /tin-tuc/a/, as for folders
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", url.path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif target.is_dir() and url.path.endswith("/"):
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            self._send_page(HTTPStatus.OK, target, shown.version)
        elif not target.exists() and is_page and (shown.site / "404.html").is_file():
            self._send_page(HTTPStatus.NOT_FOUND, shown.site / "404.html", shown.version)
        else:
            super().do_GET()

    def _send_made(self, relative: str, data: bytes, version: int) -> None:
        if relative.endswith(".html"):  # a stub page of an old address
            self._send_html(HTTPStatus.OK, data.decode("utf-8"), version)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(relative))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_page(self, status: HTTPStatus, path: Path, version: int) -> None:
        self._send_html(status, path.read_text(encoding="utf-8"), version)

    def _send_html(self, status: HTTPStatus, html: str, version: int) -> None:
        script = reload_script(version)
        at = html.rfind("</body>")
        html = html[:at] + script + html[at:] if at >= 0 else html + script
        self._send(status, "text/html; charset=utf-8", html)

    def _send(self, status: HTTPStatus, kind: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a reader who closed the tab mid-answer is not news for an editor


def serve(config_file: Path, host: str, port: int, verbose: bool = False) -> int:
    """Run the preview until interrupted; the first build runs while the server answers."""
    preview = Preview()
    preview.show(None, page.message_page("Đang dựng trang…", "Trang tự hiện khi dựng xong.",
                                         reload_script(1)))  # fmt: skip
    handler = type("PreviewHandler", (Handler,), {"preview": preview, "quiet": not verbose})
    try:
        server = _Server((host, port), handler)
    except OSError as exc:  # the port is taken (another preview?) or the address is not ours
        key = "serve_port_busy" if exc.errno == errno.EADDRINUSE else "serve_no_address"
        print(UI[key].format(host=host, port=port, other=port + 1), file=sys.stderr)
        return 2
    work = config_file.parent / ".cache" / "preview"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    builder = Builder(config_file, work, preview, verbose)
    builder.start()
    builder.request()
    watcher = Watcher(config_file, builder.request, paused=builder.building.is_set)
    watcher.start()
    where = f"http://{host}:{server.server_address[1]}/"
    print(f"Đang xem trước tại {where} (Ctrl+C để dừng). Bản nháp và tin hẹn giờ cũng hiện.")
    print("Mỗi lần lưu tệp, trang tự cập nhật.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.server_close()
    return 0
