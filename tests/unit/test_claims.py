"""Two processes sharing pages as they go (portal/mkdocs/claims.py) render each page once."""

from __future__ import annotations

import os
import time

from portal.mkdocs.claims import Claims


def _taken(claims: Claims, order: list[str], pause: float) -> list[str]:
    """The pages this process renders, walking them in order as MkDocs does."""
    mine = []
    for uri in order:
        if claims.mine(uri):
            mine.append(uri)
            time.sleep(pause)  # rendering it
    return mine


def test_every_shared_page_is_rendered_once_by_whichever_process_is_free() -> None:
    order = [f"tin-tuc/tin-so-{n}.md" for n in range(2000)]
    claims = Claims(order)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child, twice as slow as the parent
        os.close(reader)
        claims.child()
        with os.fdopen(writer, "w") as pipe:
            pipe.write("\n".join(_taken(claims, order, 0.0004)))
        os._exit(0)
    os.close(writer)
    parents = _taken(claims, order, 0.0002)
    with os.fdopen(reader) as pipe:
        childs = pipe.read().split("\n")
    os.waitpid(pid, 0)
    assert sorted(parents + childs) == sorted(order)  # all of them, none twice
    assert childs[:16] == order[:16]  # the first run is the child's
    # The faster process took more, in whole runs of 16 pages.
    assert len(parents) > len(childs) > 0 and len(childs) % 16 == 0


def test_a_small_site_is_shared_page_by_page() -> None:
    claims = Claims(["a.md", "b.md", "c.md"])
    assert [claims.mine(uri) for uri in ("a.md", "b.md", "c.md")] == [False, True, True]
