"""Counter (HTTP): connections for the counting service, on asyncio with h11's HTTP/1.1 parser.

Hostile clients cost little: the number of open connections is bounded (one over the bound is
closed at once), a request must arrive whole within READ_SECONDS of its first byte, an idle
keep-alive connection is closed after the same time, a body is bounded, and a response that
the client does not read is abandoned. A connection is a coroutine, not a thread, so a thousand
half-sent requests hold a thousand small objects while other clients are served.
"""

from __future__ import annotations

import asyncio
import json
import resource
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import h11

READ_SECONDS = 5.0
MAX_CONNECTIONS = 4096
MAX_HEADERS = 8192
MAX_BODY = 2048


@dataclass
class Request:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    client: str  # the peer's address


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    close: bool = False


Handler = Callable[[Request], Awaitable[Response]]


class TooLarge(Exception):
    pass


def allow_descriptors(count: int = MAX_CONNECTIONS + 256) -> None:
    """Raise this process's limit of open files to `count` where the hard limit allows: each
    connection is a file descriptor."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < count:
        allowed = count if hard == resource.RLIM_INFINITY else min(count, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (allowed, hard))


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, bound now so its port is known before the loop starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=4096, reuse_port=False)


class Connections:
    """Serves `handler` on every connection of a listening socket, within the bounds above."""

    def __init__(self, handler: Handler, max_connections: int = MAX_CONNECTIONS) -> None:
        self.handler = handler
        self.max_connections = max_connections
        self.writers: set[asyncio.StreamWriter] = set()

    @property
    def open(self) -> int:
        return len(self.writers)

    def close_all(self) -> None:
        """Drop every connection (the service is stopping)."""
        for writer in list(self.writers):
            writer.transport.abort()

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.open >= self.max_connections:
            writer.transport.abort()
            return
        self.writers.add(writer)
        try:
            await self._serve(reader, writer)
            writer.close()
        except (OSError, TimeoutError, h11.ProtocolError):
            writer.transport.abort()  # a client that vanished, stalled or broke the protocol
        finally:
            self.writers.discard(writer)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername") or ("", 0)
        connection = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEADERS)
        while True:
            try:
                async with asyncio.timeout(READ_SECONDS):
                    request = await _receive(connection, reader, peer[0])
            except TooLarge:
                await _send(connection, writer, error(413, "body too large"))
                return
            except h11.RemoteProtocolError:
                if connection.our_state in (h11.IDLE, h11.SEND_RESPONSE):
                    await _send(connection, writer, error(400, "bad request"))
                return
            if request is None:
                return
            response = await self.handler(request)
            await _send(connection, writer, response)
            if connection.our_state is h11.MUST_CLOSE or response.close:
                return
            connection.start_next_cycle()


async def _receive(
    connection: h11.Connection, reader: asyncio.StreamReader, client: str
) -> Request | None:
    """One whole request, or None when the client closed between requests."""
    head: h11.Request | None = None
    body = bytearray()
    while True:
        event = connection.next_event()
        if event is h11.NEED_DATA:
            connection.receive_data(await reader.read(4096))
        elif isinstance(event, h11.Request):
            head = event
            length = dict(event.headers).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > MAX_BODY:
                raise TooLarge
        elif isinstance(event, h11.Data):
            body += event.data
            if len(body) > MAX_BODY:  # a chunked body has no length to check first
                raise TooLarge
        elif isinstance(event, h11.EndOfMessage) and head is not None:
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in head.headers}
            target = head.target.decode("latin-1")
            return Request(head.method.decode("ascii"), target, headers, bytes(body), client)
        else:  # ConnectionClosed, or PAUSED after the client half-closed
            return None


async def _send(
    connection: h11.Connection, writer: asyncio.StreamWriter, response: Response
) -> None:
    headers = [*response.headers, ("Content-Length", str(len(response.body)))]
    if response.close:
        headers.append(("Connection", "close"))
    data = connection.send(h11.Response(status_code=response.status, headers=headers))
    data += connection.send(h11.Data(data=response.body)) if response.body else b""
    data += connection.send(h11.EndOfMessage())
    writer.write(data)
    async with asyncio.timeout(READ_SECONDS):  # a client that never reads its answer
        await writer.drain()


def error(status: int, message: str) -> Response:
    body = json.dumps({"error": message}).encode()
    return Response(status, body, [("Content-Type", "application/json; charset=utf-8")], True)
