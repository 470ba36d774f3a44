"""A hostile AEP + IMS on 127.0.0.1 that says back what it should keep to itself.

It plays the servers the secret-redaction and terminal-escape tests need and the built-in
server is too well-behaved to be: an IMS whose 401 ``error_description`` repeats the client
secret, a gateway whose 400 quotes the Authorization header, a plain-text error and an
``x-request-id`` that carry the raw token, ids and lookup results with terminal escapes, and
a create answer that says back whatever the test hands it (an encoded secret), where asked.
Every answer is scripted by plain attributes; requests are recorded. Loopback only.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

IMS_PATH = "/ims/token/v3"
CREATE_PATH = "/core/ais/audiences"
SANDBOXES_PATH = "/data/foundation/sandbox-management/"
LOOKUP_PATH = "/data/core/ups/audiences"


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Script:
    """What the server answers; tests change it between calls."""

    token: str = "opaque-token-0123456789abcdef0123456789abcdef"  # what IMS mints
    ims: str = "ok"  # "ok" | "echo-secret" (401 repeating the client secret)
    create: str = "ok"  # "ok" | "echo-auth" | "echo-plain" | "502"
    sandboxes: str = "ok"  # "ok" | "echo-auth-401" (401 quoting the raw token)
    echo_request_id: bool = False  # answer x-request-id: <the bearer token>
    audience_id: str = "aud-0001"
    aep_id: str = "id-0001"
    sandbox_title: str = "Development"
    lookup: list[dict[str, Any]] = field(default_factory=list)  # children of the lookup
    # create == "echo": answer with ``echo_value`` (the test's secret or token, as the test
    # encoded it) in ``echo_where``: "message" (a 400's JSON message), "header" (the answer's
    # x-request-id), "location" (a 307's Location) or "id" (a 201's audienceId).
    echo_value: str = ""
    echo_where: str = "message"


class EchoServer:
    """Start with ``with EchoServer() as server:``; ``server.url`` is its base URL."""

    def __init__(self) -> None:
        self.script = Script()
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 5  # a stuck client cannot hold a thread for ever

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner._handle(self, "GET")

            def do_POST(self) -> None:
                owner._handle(self, "POST")

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def ims_url(self) -> str:
        return self.url + IMS_PATH

    def token_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == IMS_PATH]

    def __enter__(self) -> EchoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # -- answers -------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("content-length") or 0)
        body = handler.rfile.read(length) if length else b""
        path = urlsplit(handler.path).path
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.requests.append(Recorded(method, path, headers, body))
        script = self.script
        auth = headers.get("authorization", "")
        token = auth.split(" ", 1)[-1]
        extra = {"x-request-id": token} if script.echo_request_id else {}
        if path == IMS_PATH:
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            if script.ims == "echo-secret":
                secret = form.get("client_secret", "")
                description = f"Client credentials {form.get('client_id')}/{secret} rejected"
                self._json(handler, 401, {"error": "invalid_client",
                                          "error_description": description})  # fmt: skip
            else:
                self._json(handler, 200, {"access_token": script.token, "token_type": "bearer",
                                          "expires_in": 86399})  # fmt: skip
        elif path == CREATE_PATH and method == "POST":
            if script.create == "echo-auth":
                message = f"Bad header Authorization: {auth}; token {token} is not valid here"
                self._json(handler, 400, {"error_code": "400003", "message": message}, extra)
            elif script.create == "echo-plain":
                self._send(handler, 400, f"rejected {token}".encode(), "text/plain", extra)
            elif script.create == "echo":
                self._echo(handler, script.echo_where, script.echo_value)
            elif script.create == "502":
                self._send(handler, 502, b"<html>Bad gateway</html>", "text/html", extra)
            else:
                sent = json.loads(body or b"{}")
                answer = {"name": sent.get("name"), "audienceId": script.audience_id,
                          "id": script.aep_id}  # fmt: skip
                self._json(handler, 201, answer, extra)
        elif path.rstrip("/") == SANDBOXES_PATH.rstrip("/"):
            if script.sandboxes == "echo-auth-401":
                self._json(handler, 401, {"error_code": "401013",
                                          "message": f"Token {token} is not valid"}, extra)  # fmt: skip
            else:
                box = {"name": "dev", "title": script.sandbox_title, "state": "active",
                       "type": "development", "isDefault": False}  # fmt: skip
                self._json(handler, 200, {"sandboxes": [box], "_page": {"count": 1}}, extra)
        elif path == LOOKUP_PATH:
            self._json(handler, 200, {"children": script.lookup, "_page": {}}, extra)
        else:
            self._json(handler, 404, {"error_code": "404", "message": "no such path"})

    @staticmethod
    def _echo(handler: BaseHTTPRequestHandler, where: str, value: str) -> None:
        if where == "header":
            EchoServer._json(handler, 400, {"error_code": "400x", "message": "bad"},
                             {"x-request-id": value})  # fmt: skip
        elif where == "location":
            EchoServer._send(handler, 307, b"", "text/plain",
                             {"location": "https://example.com/?s=" + value})  # fmt: skip
        elif where == "id":
            EchoServer._json(handler, 201, {"audienceId": value, "id": "id-0001"})
        else:
            EchoServer._json(handler, 400, {"error_code": "400x", "message": f"bad {value}"})

    @staticmethod
    def _json(handler: BaseHTTPRequestHandler, status: int, data: Any,
              extra: dict[str, str] | None = None) -> None:  # fmt: skip
        EchoServer._send(handler, status, json.dumps(data).encode(), "application/json", extra)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
              extra: dict[str, str] | None = None) -> None:  # fmt: skip
        handler.send_response(status)
        handler.send_header("content-type", content_type)
        handler.send_header("content-length", str(len(body)))
        for name, value in (extra or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
