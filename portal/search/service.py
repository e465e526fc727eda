"""Search stage (indexing service): one Pagefind process indexes a shard's pages, handed to it
through Pagefind's service interface rather than as files, so no page is written to disk only
for Pagefind to read it back (at 10,000 items, 20,000 files and folders fewer a cold build).

The messages are those the `pagefind` package's own client sends: base64 of JSON, each ended
by a comma, and answers alike, one for each message, in order. That client sleeps a tenth of a
second before it reads each answer (four minutes for 2,500 pages), so this one sends every page
and then reads the answers. The service queues what it reads, so neither side waits on a full
pipe. The bundle comes back in the last answer and is written here (`_write` says why).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from pagefind.service import get_executable


class IndexFailed(Exception):
    """Pagefind refused a page or could not write the bundle; the message is what it said."""


def page_url(path: str) -> str:
    """The URL Pagefind's command line gives the page at `path` (relative to the site)."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return "/" + path


def index(
    pages: Iterable[tuple[str, str]], bundle: Path, told: Callable[[], None] | None = None
) -> dict[str, str]:
    """Index `pages` (URL, HTML) into a new bundle folder at `bundle`; returns its files (path
    relative to it -> SHA-256 of the bytes). `told` is called once Pagefind has every page,
    while it indexes them."""
    binary = get_executable()
    if binary is None:
        raise IndexFailed("the Pagefind binary (the pagefind_bin package) is not installed")
    command = [str(binary), "--service"]
    with (
        tempfile.TemporaryFile() as log,
        subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log
        ) as process,
    ):
        assert process.stdin is not None and process.stdout is not None
        answers = _answers(process.stdout)
        try:
            _send(process.stdin, 0, {"type": "NewIndex", "config": None})
            process.stdin.flush()
            number = _expect(answers, "NewIndex")["index_id"]
            sent = 0
            for sent, (url, html) in enumerate(pages, 1):
                add = {"url": url, "file_path": None, "file_contents": html}
                _send(process.stdin, sent, {"type": "AddFile", "index_id": number, **add})
            _send(process.stdin, sent + 1, {"type": "GetFiles", "index_id": number})
            process.stdin.flush()
            if told is not None:
                told()
            for _ in range(sent):
                _expect(answers, "IndexedFile")
            files = _expect(answers, "GetFiles")["files"]
        except (OSError, IndexFailed) as exc:
            process.kill()
            process.wait()
            with contextlib.suppress(OSError):  # what it was not sent: it has ended
                process.stdin.close()
            log.seek(0)
            said = log.read().decode("utf-8", errors="replace")
            raise IndexFailed(f"{exc}\n{said}".strip()) from None
        process.stdin.close()  # the service ends at the end of its input
    try:
        return _write(bundle, files)
    except OSError as exc:
        raise IndexFailed(f"the bundle could not be written: {exc}") from None


def _write(bundle: Path, files: list[dict[str, str]]) -> dict[str, str]:
    """The bundle's files, written here: the service's own writing answers before its files
    are whole, and it ends (losing them) as soon as its input is closed."""
    written = {}
    made: set[Path] = set()  # a bundle is thousands of files in a few folders
    for file in files:
        rel = PurePosixPath(file["path"])
        if rel.is_absolute() or ".." in rel.parts:
            raise IndexFailed(f"Pagefind named a file outside its bundle: {rel}")
        data = base64.b64decode(file["content"])
        target = bundle.joinpath(*rel.parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        written[rel.as_posix()] = hashlib.sha256(data).hexdigest()
    return written


def _send(stream: IO[bytes], number: int, payload: dict[str, Any]) -> None:
    message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False)
    stream.write(base64.b64encode(message.encode("utf-8")) + b",")


def _answers(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The service's answers, as they come."""
    pending: list[bytes] = []  # the message read so far: the last one is the whole bundle,
    # and adding each chunk to one growing bytes object copied it again and again
    while chunk := stream.read1(1 << 20):  # type: ignore[attr-defined]
        start = 0
        while (end := chunk.find(b",", start)) >= 0:
            pending.append(chunk[start:end])
            yield json.loads(base64.b64decode(b"".join(pending)))
            pending.clear()
            start = end + 1
        if start < len(chunk):
            pending.append(chunk[start:])


def _expect(answers: Iterator[dict[str, Any]], kind: str) -> dict[str, Any]:
    answer = next(answers, None)
    if answer is None:
        raise IndexFailed("Pagefind ended before it answered")
    payload: dict[str, Any] = answer.get("payload") or {}
    if payload.get("type") != kind:
        raise IndexFailed(f"Pagefind answered {payload.get('type')}: {payload.get('message')}")
    return payload
