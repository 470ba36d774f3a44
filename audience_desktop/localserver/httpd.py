"""HTTP/1.1 plumbing for the built-in server: sockets, bodies, keep-alive and replies.

It knows nothing about AEP. An ``App`` turns each request into a ``Reply`` value that
the handler plays (an answer, a delayed answer or a dropped socket), so the socket
tricks (prompt stop, idle timeouts, no reverse DNS, no stderr noise) live here once and
the fake AEP reads as plain request -> reply functions.

Every request must name the server by a loopback ``Host`` (127.0.0.1, localhost or [::1],
with its port): a web page that rebinds its own domain name to 127.0.0.1 (DNS rebinding)
sends its domain as Host, and is answered 421 without its body being read.
"""

from __future__ import annotations

import contextlib
import json
import selectors
import socket
import socketserver
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
MAX_BODY_BYTES = 1024 * 1024  # far above any real create body; bounds memory on garbage
IDLE_TIMEOUT = 60.0  # an idle keep-alive connection gives its thread back after this
WAKE_INTERVAL = 0.5  # the accept loop's longest sleep: bounds Ctrl+C latency on Windows
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")  # what a loopback Host header may name


def loopback_hosts(port: int) -> frozenset[str]:
    """Host header values (lower-cased) that name this server: a loopback name and its port.

    The port may be left out only when it is HTTP's default, as clients then omit it.
    """
    hosts = {f"{name}:{port}" for name in LOOPBACK_NAMES}
    if port == 80:
        hosts.update(LOOPBACK_NAMES)
    return frozenset(hosts)


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received, so tests can assert what the client really sent."""

    method: str
    path: str  # without the query string
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names; repeated headers joined with ", "
    body: bytes
    form: dict[str, str] | None  # first value of each field of a form-encoded body, else None

    def json(self) -> Any:
        """The body parsed as JSON (raises ValueError when it is not)."""
        return json.loads(self.body)


@dataclass
class Reply:
    """What to do with one request: an answer, a delayed answer, or a dropped socket."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # sleep before answering; stop() cuts it short and drops instead
    drop: bool = False  # close the socket without writing anything
    close: bool = False  # answer, then close the connection


class App(Protocol):
    """What the plumbing asks of the application behind it."""

    def record(self, request: RecordedRequest) -> None:
        """Keep a request as received, before it is answered."""

    def respond(self, request: RecordedRequest) -> Reply:
        """The reply to a request whose body was read in full."""

    def refuse(self, status: int, title: str, detail: str) -> Reply:
        """The answer to a body the plumbing will not read (chunked, bad or too large length)."""

    def note_error(self) -> None:
        """Keep the traceback being handled: a server bug, for tests to assert on."""


def media_type(value: str | None) -> tuple[str, list[str]]:
    """Split a Content-Type into its lower-cased media type and parameters."""
    parts = [part.strip() for part in (value or "").split(";")]
    return parts[0].lower(), [part.lower().replace(" ", "") for part in parts[1:] if part]


def parse_form(headers: Mapping[str, str], body: bytes) -> dict[str, str] | None:
    """The fields of a form-encoded body (first value of each), None for any other body."""
    if media_type(headers.get("content-type"))[0] != FORM_CONTENT_TYPE:
        return None
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[0] for key, values in parsed.items()}


class HttpServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that can drop its open connections and never prints."""

    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False  # stop() must not wait for a handler sitting on a hang fault

    def __init__(
        self,
        address: tuple[str, int],
        app: App,
        stopped: threading.Event,
        echo_header: str | None = None,
    ) -> None:
        self.app = app
        self.stopped = stopped  # set on stop: ends the accept loop and cuts delays short
        self.echo_header = echo_header  # a request header copied onto its answer
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's getfqdn(): a reverse DNS lookup can take seconds."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)
        self.allowed_hosts = loopback_hosts(self.server_port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def serve_until_stopped(self, wake: socket.socket) -> None:
        """Accept connections until stopped; a byte on ``wake`` ends the wait at once.

        Uses socketserver's long-stable ``_handle_request_noblock`` (accept + dispatch).

        socketserver's serve_forever() only notices shutdown() at its next poll, which
        would add that poll interval to every stop() (and to every test's teardown).
        """
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(wake, selectors.EVENT_READ)
            while not self.stopped.is_set():
                for key, _ in selector.select(WAKE_INTERVAL):
                    if key.fileobj is self and not self.stopped.is_set():
                        self._handle_request_noblock()

    def drop_connections(self) -> None:
        """Shut every open connection so idle keep-alive handler threads end now."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Keep the traceback for tests instead of printing it to stderr."""
        if isinstance(sys.exc_info()[1], OSError):
            return  # a client that went away is not a server bug
        self.app.note_error()


class _Handler(BaseHTTPRequestHandler):
    """Reads one request fully, records it, and plays the app's reply."""

    protocol_version = "HTTP/1.1"  # keep-alive, so every answer carries Content-Length
    default_request_version = "HTTP/1.0"  # garbage request lines still get a status line
    server_version = "LocalAEP/1.0"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    server: HttpServer

    def setup(self) -> None:
        """Disable Nagle: headers and body are two writes, and delayed ACKs would add 40 ms."""
        super().setup()
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet by default: the GUI and test output are not a server log."""

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def _dispatch(self) -> None:
        app = self.server.app
        target, _, query_string = self.path.partition("?")
        query_string = query_string.partition("#")[0]
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        problem = self._check_host(headers)
        body = b""
        if problem is None:
            body, problem = self._read_body(headers)
        request = RecordedRequest(
            method=self.command,
            path=target,
            query=parse_qs(query_string, keep_blank_values=True),
            headers=headers,
            body=body,
            form=parse_form(headers, body),
        )
        app.record(request)
        reply = problem if problem is not None else app.respond(request)
        echo = self.server.echo_header
        self._answer(reply, echo, headers.get(echo) if echo else None)

    def _check_host(self, headers: Mapping[str, str]) -> Reply | None:
        """Refuse (and close, body unread) a request whose Host does not name this server."""
        if headers.get("host", "").strip().lower() in self.server.allowed_hosts:
            return None
        detail = "The Host header must be this server's loopback address and port"
        return replace(self.server.app.refuse(421, "Misdirected request", detail), close=True)

    def _read_body(self, headers: Mapping[str, str]) -> tuple[bytes, Reply | None]:
        """Read exactly Content-Length bytes so the next keep-alive request starts clean."""
        app = self.server.app
        if "transfer-encoding" in headers:
            detail = "Send the body with a Content-Length header"
            return b"", replace(app.refuse(411, "Length required", detail), close=True)
        raw = headers.get("content-length", "0").strip()
        if not (raw.isascii() and raw.isdigit()):
            detail = "Invalid Content-Length"
            return b"", replace(app.refuse(400, "Bad request", detail), close=True)
        length = int(raw)
        if length > MAX_BODY_BYTES:
            detail = f"The body exceeds {MAX_BODY_BYTES} bytes"
            return b"", replace(app.refuse(413, "Payload too large", detail), close=True)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:  # the client went away mid-body
            return body, Reply(0, drop=True)
        return body, None

    def _answer(self, reply: Reply, echo_header: str | None, echo_value: str | None) -> None:
        if reply.delay > 0 and self.server.stopped.wait(reply.delay):
            reply = Reply(0, drop=True)
        if reply.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        try:
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if echo_header and echo_value:
                self.send_header(echo_header, echo_value)
            if reply.close:
                self.close_connection = True
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True
