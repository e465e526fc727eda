"""Content stage (validate): the old addresses an editor lists for an item (`aliases:`), which
redirect to it (site/addresses.py)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .fields import Problems, list_field
from .load import SourceDoc

# An old address on this site: a path, with the characters a path may hold unescaped, short
# enough for nginx's map (deploy/nginx-portal.conf).
MAX_ALIAS = 200
_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@/-]+$")


def aliases_field(doc: SourceDoc, problems: Problems) -> tuple[str, ...]:
    """Old addresses of an item on this site (`aliases:`), each as a path without its first
    "/" ("https://…/tin-tuc/cu/" and "/tin-tuc/cu/" are "tin-tuc/cu/")."""
    found: list[str] = []
    for written in list_field(doc, "aliases", problems):
        parts = urlsplit(written)
        path = parts.path.lstrip("/")
        segments = path.split("/")
        bad = not _PATH.match(path) or ".." in segments or len(path) > MAX_ALIAS
        if parts.query or parts.fragment or bad:
            problems.add(
                "aliases",
                f'"{written}" không phải địa chỉ một trang trên cổng',
                f"viết đường dẫn trên cổng, tới {MAX_ALIAS} ký tự, không có dấu cách, ? hay #: "
                "/tin-tuc/ten-bai-cu/",
            )
            continue
        found.append(path)
    return tuple(dict.fromkeys(found))
