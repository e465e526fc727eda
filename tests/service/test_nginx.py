"""The shipped nginx configuration, run by deploy/try-nginx.sh, answering real HTTP requests."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request

from tests.nginx_server import Served

SECURITY = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=()",
}


def fetch(url: str, method: str = "GET", data: bytes | None = None, **headers: str):
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def assert_secure(headers) -> None:
    for name, value in SECURITY.items():
        assert value in (headers.get(name) or ""), name
    policy = headers.get("Content-Security-Policy") or ""
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy


def test_pages_carry_every_security_header_and_are_revalidated(nginx: Served) -> None:
    for path in ("", "chuyen-muc/an-ninh-trat-tu/", "tim-kiem/", "rss.xml", "khong-co-trang-nay/"):
        status, headers, _ = fetch(nginx.url + path)
        assert status in (200, 404), path
        assert_secure(headers)
        assert headers.get("Cache-Control") == "no-cache", path


def test_feeds_have_their_content_types(nginx: Served) -> None:
    for path, kind in (
        ("rss.xml", "application/rss+xml; charset=utf-8"),
        ("atom.xml", "application/atom+xml; charset=utf-8"),
        ("the/antt/rss.xml", "application/rss+xml; charset=utf-8"),
        ("chuyen-muc/an-ninh-trat-tu/atom.xml", "application/atom+xml; charset=utf-8"),
    ):
        status, headers, _ = fetch(nginx.url + path)
        assert (status, headers.get("Content-Type")) == (200, kind), path


def test_text_is_sent_as_the_gzip_the_build_wrote(nginx: Served) -> None:
    for path, file in (("", "index.html"), ("the/antt/rss.xml", "the/antt/rss.xml")):
        status, headers, body = fetch(nginx.url + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in (headers.get("Vary") or "")
        # gzip_static: the very bytes of the file beside the page, not compressed per request.
        assert body == (nginx.site / f"{file}.gz").read_bytes(), path
        assert gzip.decompress(body) == (nginx.site / file).read_bytes(), path
    status, headers, body = fetch(nginx.url)  # a client that cannot unzip gets the page itself
    assert status == 200 and headers.get("Content-Encoding") is None
    assert body == (nginx.site / "index.html").read_bytes()


def test_a_missing_path_gets_the_vietnamese_404_page(nginx: Served) -> None:
    status, headers, body = fetch(nginx.url + "khong-co-trang-nay/")
    assert status == 404 and "text/html" in headers.get("Content-Type")
    assert "Không tìm thấy" in body.decode("utf-8")
    # What the build keeps for the timer is not served; a folder without a page is missing.
    assert fetch(nginx.url + ".portal/build.json")[0] == 404
    status, _, body = fetch(nginx.url + "tin-tuc/")
    assert status == 404 and "Không tìm thấy" in body.decode("utf-8")


def test_hashed_assets_are_immutable_for_a_year(nginx: Served) -> None:
    photo = next((nginx.site / "anh").glob("*-960.webp")).name
    bundle = next((nginx.site / "assets/javascripts").glob("bundle.*.min.js")).name
    fragment = next((nginx.site / "pagefind/fragment").iterdir()).name
    for path in (f"anh/{photo}", f"assets/javascripts/{bundle}", f"pagefind/fragment/{fragment}"):
        status, headers, _ = fetch(nginx.url + path)
        assert status == 200, path
        assert headers.get("Cache-Control") == "public, max-age=31536000, immutable", path
        assert_secure(headers)
    # A name without a hash is revalidated.
    assert fetch(nginx.url + "assets/portal.css")[1].get("Cache-Control") == "no-cache"


def test_the_counter_is_proxied_and_counts_only_real_pages(nginx: Served) -> None:
    origin = nginx.url.rstrip("/")
    view = json.dumps({"path": "/gioi-thieu/"}).encode()
    status, headers, body = fetch(
        nginx.url + "dem/api/view", "POST", view, Origin=origin, **{"Content-Type": "text/plain"}
    )
    assert status == 200 and json.loads(body)["page"] >= 1
    assert headers.get("Access-Control-Allow-Origin") == origin
    invented = json.dumps({"path": "/khong/co/"}).encode()
    assert fetch(nginx.url + "dem/api/view", "POST", invented, Origin=origin)[0] == 404
    assert fetch(nginx.url + "dem/api/view", "DELETE")[0] == 404  # limit_except, shown as missing
    assert fetch(nginx.url + "dem/healthz")[0] == 200
