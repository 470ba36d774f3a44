"""A hostile HTTP server on 127.0.0.1: trickles, floods, cuts off, redirects, lies.

It sits in front of the built-in AEP server: requests a test has not queued a *play* for are
forwarded to it unchanged, so tokens and lookups stay real while the create call (or any
path a test picks) gets the misbehaviour. A play writes raw bytes to the client's socket, so
it can do what no well-behaved HTTP library would. Every loop here is bounded by ``stop()``
and by a maximum duration, so a test that forgets its server still ends.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from tests.support.acceptor import LoopbackAcceptor

MAX_PLAY_SECONDS = 120.0  # no play outlives this, whatever it was asked to do


@dataclass(frozen=True)
class RawRequest:
    """What the client sent, as read off the socket."""

    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass
class Context:
    """What a play may use: the client's socket, the request, the server's stop flag."""

    conn: socket.socket
    request: RawRequest
    stopped: threading.Event
    forward: Callable[[], tuple[int, str, list[tuple[str, str]], bytes]]

    def send(self, data: bytes) -> bool:
        """Write bytes; False once the client has gone."""
        try:
            self.conn.sendall(data)
            return True
        except OSError:
            return False

    def trickle(self, data: bytes, interval: float) -> None:
        """One byte every ``interval`` seconds until done, stopped, or the client goes."""
        ends = time.monotonic() + MAX_PLAY_SECONDS
        for i in range(len(data)):
            if not self.send(data[i : i + 1]) or time.monotonic() > ends:
                return
            if self.stopped.wait(interval):
                return


Play = Callable[[Context], None]
Match = Callable[[RawRequest], bool]


def response_bytes(
    status: int,
    body: bytes = b"",
    headers: list[tuple[str, str]] | None = None,
    reason: str = "Whatever",
    content_length: int | None = None,
) -> bytes:
    """An HTTP/1.1 answer; ``content_length`` may lie (to cut a body off)."""
    length = len(body) if content_length is None else content_length
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{name}: {value}" for name, value in headers or []]
    lines += [f"Content-Length: {length}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body


def encode_forwarded(
    status: int, reason: str, headers: list[tuple[str, str]], body: bytes
) -> bytes:
    kept = [
        (n, v)
        for n, v in headers
        if n.lower() not in ("content-length", "transfer-encoding", "connection")
    ]
    return response_bytes(status, body, kept, reason)


# -- plays -------------------------------------------------------------------------------


def trickle_answer(interval: float = 1.0, forward: bool = True) -> Play:
    """Forward to the real server (so the create happens), then trickle its answer back."""

    def play(ctx: Context) -> None:
        if forward:
            data = encode_forwarded(*ctx.forward())
        else:
            data = response_bytes(200, b'{"audienceId": "never-finished"}' + b" " * 4096)
        ctx.trickle(data, interval)

    return play


def trickle_headers(interval: float = 0.5) -> Play:
    """A status line, then one byte of an endless header every ``interval`` seconds."""

    def play(ctx: Context) -> None:
        ctx.trickle(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100_000, interval)

    return play


def raw(data: bytes | Callable[[RawRequest], bytes]) -> Play:
    """Send exactly these bytes, then close."""

    def play(ctx: Context) -> None:
        ctx.send(data(ctx.request) if callable(data) else data)

    return play


def forward_then(
    rewrite: Callable[[int, list[tuple[str, str]], bytes], bytes],
) -> Play:
    """Forward to the real server, then answer with ``rewrite(status, headers, body)``."""

    def play(ctx: Context) -> None:
        status, _reason, headers, body = ctx.forward()
        ctx.send(rewrite(status, headers, body))

    return play


def flood(status: int, size: int, content_type: str = "text/plain", forward: bool = False) -> Play:
    """Announce ``size`` bytes and send them in 64 KiB chunks until done or the client goes."""

    def play(ctx: Context) -> None:
        if forward:
            ctx.forward()
        head = response_bytes(status, b"", [("Content-Type", content_type)], content_length=size)
        if not ctx.send(head):
            return
        chunk = b"x" * 65536
        sent = 0
        ends = time.monotonic() + MAX_PLAY_SECONDS
        while sent < size and not ctx.stopped.is_set() and time.monotonic() < ends:
            piece = chunk[: size - sent]
            if not ctx.send(piece):
                return
            sent += len(piece)

    return play


@lru_cache(maxsize=4)
def gzip_bomb(size: int, layers: int = 2) -> bytes:
    """``size`` zero bytes gzipped ``layers`` times (1 GiB twice is about 1 KB): built a
    16 MiB block at a time, so making it costs no more memory than serving it."""
    block = bytes(1 << 24)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [squeeze.compress(block[: min(len(block), size - done)])
             for done in range(0, size, len(block))]  # fmt: skip
    data = b"".join(parts) + squeeze.flush()
    for _ in range(layers - 1):
        squeeze = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        data = squeeze.compress(data) + squeeze.flush()
    return data


def compressed(body: bytes, coding: str) -> bytes:
    """``body`` in one content coding: gzip, deflate (zlib) or raw-deflate."""
    wbits = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS, "raw-deflate": -zlib.MAX_WBITS}
    squeeze = zlib.compressobj(6, zlib.DEFLATED, wbits[coding])
    return squeeze.compress(body) + squeeze.flush()


def encoded_answer(
    status: int, body: bytes, encoding: str, content_type: str = "text/plain"
) -> Play:
    """An answer whose body is sent as is, labelled ``Content-Encoding: encoding``."""
    headers = [("Content-Type", content_type), ("Content-Encoding", encoding)]
    return raw(response_bytes(status, body, headers))


def forward_encoded(coding: str, label: str | None = None) -> Play:
    """Forward to the real server (the create happens), then answer with its body in
    ``coding``, labelled ``label`` (by default the coding itself)."""

    def rewrite(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
        kept = [(n, v) for n, v in headers if n.lower() in ("content-type", "x-request-id")]
        kept.append(("Content-Encoding", label or coding.replace("raw-", "")))
        return response_bytes(status, compressed(body, coding), kept)

    return forward_then(rewrite)


# -- the server --------------------------------------------------------------------------


@dataclass
class HostileServer:
    """Listens on 127.0.0.1; plays queued misbehaviours, forwards the rest to ``backend``."""

    backend: str | None = None  # http://127.0.0.1:port of the built-in server
    requests: list[RawRequest] = field(default_factory=list)
    _plays: list[tuple[Match, Play]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    stopped: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._acceptor = LoopbackAcceptor(self._handle, self.stopped)
        self.port = self._acceptor.port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> HostileServer:
        self._acceptor.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._acceptor.stop()

    def queue(self, match: Match, *plays: Play) -> None:
        """Play ``plays`` in order on the next requests that ``match``."""
        with self._lock:
            self._plays.extend((match, play) for play in plays)

    def seen(self, match: Match) -> list[RawRequest]:
        with self._lock:
            return [r for r in self.requests if match(r)]

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            request = _read_request(conn)
            if request is None:
                return
            with self._lock:
                self.requests.append(request)
                play = None
                for i, (match, candidate) in enumerate(self._plays):
                    if match(request):
                        play = candidate
                        del self._plays[i]
                        break
            ctx = Context(conn, request, self.stopped, lambda: self._forward(request))
            if play is None:
                ctx.send(encode_forwarded(*ctx.forward()))
            else:
                play(ctx)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def _forward(self, request: RawRequest) -> tuple[int, str, list[tuple[str, str]], bytes]:
        if self.backend is None:
            return 404, "Not Found", [("Content-Type", "text/plain")], b"no backend"
        parts = urlsplit(self.backend)
        backend = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        try:
            headers = {k: v for k, v in request.headers.items() if k not in ("connection",)}
            headers["host"] = parts.netloc  # the built-in server checks it is addressed as itself
            backend.request(request.method, request.path, body=request.body, headers=headers)
            answer = backend.getresponse()
            return answer.status, answer.reason, answer.getheaders(), answer.read()
        finally:
            backend.close()


def _read_request(conn: socket.socket) -> RawRequest | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk or len(data) > 1_000_000:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _version = ([*lines[0].split(" ", 2), "", ""])[:3]
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return RawRequest(method, path, headers, body)


def is_create(request: RawRequest) -> bool:
    return request.method == "POST" and request.path.split("?")[0].endswith("/audiences")


def is_token(request: RawRequest) -> bool:
    return request.method == "POST" and "/ims/token" in request.path


def is_lookup(request: RawRequest) -> bool:
    return request.method == "GET" and "/ups/audiences" in request.path


def is_sandboxes(request: RawRequest) -> bool:
    return request.method == "GET" and "sandbox-management" in request.path
