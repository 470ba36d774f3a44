"""The built-in AEP-compatible server: the demo's backend and the tests' real HTTP peer.

It is as strict as Adobe's documented contract (the checks read the constants in
``core/aep.py``, the same ones the client uses to build its requests) and answers
with the real AEP error shapes, so a client that passes against it sends what the
documentation asks for. Faults (429, HTML 502, hangs, dropped connections...) can be
queued to exercise every unhappy path over real loopback HTTP.

Standard library only: it must start in milliseconds inside the GUI, the CLI
(``audience-cli serve-local``) and tests, without httpx or Qt.

Choices where the AEP documentation is silent (documented here once):
- an unknown ``x-sandbox-name`` answers the gateway's 403 ``403025`` "Profile is not valid";
- service-shape ``type`` URLs follow AEP's ``.../errors/<PREFIX>-<code>-<status>`` pattern,
  so the external-audience code (e.g. 100970) is readable from ``type``;
- a blank (whitespace-only) required body field counts as empty;
- a queued fault is consumed only by a create that passed every strict check; a
  "processed" fault (drop_after_create, garbage_json, no_audience_id) on a duplicate name
  is consumed and the 409 is answered as usual;
- static ``accepted_tokens`` survive ``expire_tokens()`` (only minted tokens expire).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import selectors
import socket
import socketserver
import sys
import threading
import time
import traceback
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from audience_desktop.core import aep
from audience_desktop.localserver.faults import FAULT_KINDS, Fault

__all__ = [
    "CONTROL_AUDIENCES_PATH",
    "CONTROL_FAULTS_PATH",
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_ORG_ID",
    "FAULT_KINDS",
    "IMS_TOKEN_PATH",
    "Fault",
    "LocalAepServer",
    "RecordedRequest",
    "ServerConfig",
]

DEMO_CLIENT_ID = "demo-client"
DEMO_CLIENT_SECRET = "demo-secret-not-a-real-secret"
DEMO_ORG_ID = "DEMO0000000000000000000@AdobeOrg"

IMS_TOKEN_PATH = urlsplit(aep.DEFAULT_IMS_URL).path  # "/ims/token/v3"
CONTROL_FAULTS_PATH = "/__local__/faults"
CONTROL_AUDIENCES_PATH = "/__local__/audiences"

ERROR_TYPE_BASE = "https://ns.adobe.com/aep/errors/"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
MAX_BODY_BYTES = 1024 * 1024  # far above any real create body; bounds memory on garbage
IDLE_TIMEOUT = 60.0  # an idle keep-alive connection gives its thread back after this
WAKE_INTERVAL = 0.5  # the accept loop's longest sleep: bounds Ctrl+C latency on Windows
LOOKUP_DEFAULT_LIMIT = 20

_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)
_HTML_504 = (
    b"<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n"
    b"<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n"
)


@dataclass
class ServerConfig:
    """What the server accepts; read live, so a test may change it while serving."""

    clients: dict[str, str]  # client_id -> client_secret accepted by the IMS token call
    org_id: str  # the only accepted x-gw-ims-org-id
    sandboxes: list[dict[str, Any]]  # answered by the sandbox list; "name" is what is accepted
    ais_paths: tuple[str, ...] = aep.KNOWN_AIS_PATHS  # create path prefixes accepted
    token_lifetime: int = 86399  # expires_in of minted tokens, in seconds
    latency: float = 0.0  # seconds added before answering every request
    include_id: bool = True  # answer {"id","name","audienceId"} (newest doc) or the seed's shape
    duplicate_name_conflict: bool = True  # same exact name twice in a sandbox -> 409 100950
    accepted_tokens: set[str] = field(default_factory=set)  # static "pasted" bearer tokens

    @classmethod
    def demo(cls, **changes: Any) -> ServerConfig:
        """A ready config for demo mode and tests; keyword arguments override fields."""
        config = cls(
            clients={DEMO_CLIENT_ID: DEMO_CLIENT_SECRET},
            org_id=DEMO_ORG_ID,
            sandboxes=[
                {
                    "name": "prod",
                    "title": "Production",
                    "state": "active",
                    "type": "production",
                    "isDefault": True,
                },
                {
                    "name": "dev-sandbox",
                    "title": "Development",
                    "state": "active",
                    "type": "development",
                    "isDefault": False,
                },
            ],
        )
        return replace(config, **changes)


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
class _Reply:
    """What to do with one request: an answer, a delayed answer, or a dropped socket."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # sleep before answering; stop() cuts it short and drops instead
    drop: bool = False  # close the socket without writing anything
    close: bool = False  # answer, then close the connection


@dataclass(frozen=True)
class _Minted:
    client_id: str
    expires_at: float  # time.monotonic() deadline


# --- answer shapes (api.md: gateway, service, segmentation style; IMS) ---------------------


def _json(status: int, payload: Any, headers: dict[str, str] | None = None) -> _Reply:
    body = json.dumps(payload).encode("utf-8")
    return _Reply(status, body, aep.JSON_CONTENT_TYPE, dict(headers or {}))


def _error_type(status: int, code: str | None) -> str:
    return f"{ERROR_TYPE_BASE}EA-{code}-{status}" if code else f"{ERROR_TYPE_BASE}EA-{status}"


def _gateway_error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> _Reply:
    return _json(status, {"error_code": code, "message": message}, headers)


def _service_error(status: int, title: str, detail: str, code: str | None = None) -> _Reply:
    payload = {"type": _error_type(status, code), "status": status, "title": title}
    payload["detail"] = detail
    return _json(status, payload)


def _segmentation_error(
    request: RecordedRequest, status: int, code: str, message: str, title: str
) -> _Reply:
    payload = {
        "requestId": request.headers.get(aep.H_REQUEST_ID) or str(uuid.uuid4()),
        "errors": {str(status): [{"code": code, "message": message}]},
        "type": _error_type(status, code),
        "title": title,
        "status": status,
    }
    return _json(status, payload)


def _ims_error(status: int, error: str, description: str | None = None) -> _Reply:
    payload = {"error": error}
    if description:
        payload["error_description"] = description
    return _json(status, payload)


# --- small parsers --------------------------------------------------------------------------


def _media_type(value: str | None) -> tuple[str, list[str]]:
    """Split a Content-Type into its lower-cased media type and parameters."""
    parts = [part.strip() for part in (value or "").split(";")]
    return parts[0].lower(), [part.lower().replace(" ", "") for part in parts[1:] if part]


def _is_json_content_type(value: str | None) -> bool:
    media, params = _media_type(value)
    return media == aep.JSON_CONTENT_TYPE and params in ([], ["charset=utf-8"])


def _first(values: Mapping[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0] if found else None


def _form(headers: Mapping[str, str], body: bytes) -> dict[str, str] | None:
    if _media_type(headers.get(aep.H_CONTENT_TYPE))[0] != FORM_CONTENT_TYPE:
        return None
    parsed = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {key: values[0] for key, values in parsed.items()}


def _validate_body(body: bytes) -> dict[str, str] | str:
    """The create body as a dict, or the reason it is refused (100910)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return "The request body is not valid JSON"
    if not isinstance(data, dict):
        return "The request body must be a JSON object"
    unknown = sorted(set(data) - set(aep.BODY_FIELDS))
    if unknown:
        return f"Unknown field(s): {', '.join(unknown)}"
    for name in aep.REQUIRED_BODY_FIELDS:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            return f"Field '{name}' is required and must be a non-empty string"
    for name in aep.BODY_FIELDS:
        if name in data and not isinstance(data[name], str):
            return f"Field '{name}' must be a string"
    return data


def _non_negative_int(query: Mapping[str, list[str]], key: str, default: int) -> int | None:
    raw = _first(query, key)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()):
        return None
    return int(raw)


def _retry_after(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else str(seconds)


# --- HTTP plumbing --------------------------------------------------------------------------


class _HttpServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that can drop its open connections and never prints."""

    daemon_threads = True
    allow_reuse_address = True
    block_on_close = False  # stop() must not wait for a handler sitting on a hang fault

    def __init__(self, address: tuple[str, int], app: LocalAepServer) -> None:
        self.app = app
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

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def serve_until(self, stopped: threading.Event, wake: socket.socket) -> None:
        """Accept connections until stopped; a byte on ``wake`` ends the wait at once.

        Uses socketserver's long-stable ``_handle_request_noblock`` (accept + dispatch).

        socketserver's serve_forever() only notices shutdown() at its next poll, which
        would add that poll interval to every stop() (and to every test's teardown).
        """
        with selectors.DefaultSelector() as selector:
            selector.register(self, selectors.EVENT_READ)
            selector.register(wake, selectors.EVENT_READ)
            while not stopped.is_set():
                for key, _ in selector.select(WAKE_INTERVAL):
                    if key.fileobj is self and not stopped.is_set():
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
        self.app._note_error()


class _Handler(BaseHTTPRequestHandler):
    """Reads one request fully, records it, and plays the app's reply."""

    protocol_version = "HTTP/1.1"  # keep-alive, so every answer carries Content-Length
    default_request_version = "HTTP/1.0"  # garbage request lines still get a status line
    server_version = "LocalAEP/1.0"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    server: _HttpServer

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
        body, problem = self._read_body(headers)
        request = RecordedRequest(
            method=self.command,
            path=target,
            query=parse_qs(query_string, keep_blank_values=True),
            headers=headers,
            body=body,
            form=_form(headers, body),
        )
        app._record(request)
        if problem is not None:
            reply = problem
        elif app.config.latency > 0 and app._stopped.wait(app.config.latency):
            reply = _Reply(0, drop=True)
        else:
            try:
                reply = app._route(request)
            except Exception:
                app._note_error()
                reply = _service_error(500, "Internal error", "The local server failed")
        self._answer(reply, headers.get(aep.H_REQUEST_ID))

    def _read_body(self, headers: Mapping[str, str]) -> tuple[bytes, _Reply | None]:
        """Read exactly Content-Length bytes so the next keep-alive request starts clean."""
        if "transfer-encoding" in headers:
            detail = "Send the body with a Content-Length header"
            return b"", replace(_service_error(411, "Length required", detail), close=True)
        raw = headers.get("content-length", "0").strip()
        if not (raw.isascii() and raw.isdigit()):
            detail = "Invalid Content-Length"
            return b"", replace(_service_error(400, "Bad request", detail), close=True)
        length = int(raw)
        if length > MAX_BODY_BYTES:
            detail = f"The body exceeds {MAX_BODY_BYTES} bytes"
            return b"", replace(_service_error(413, "Payload too large", detail), close=True)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:  # the client went away mid-body
            return body, _Reply(0, drop=True)
        return body, None

    def _answer(self, reply: _Reply, request_id: str | None) -> None:
        app = self.server.app
        if reply.delay > 0 and app._stopped.wait(reply.delay):
            reply = _Reply(0, drop=True)
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
            if request_id:
                self.send_header("x-request-id", request_id)
            if reply.close:
                self.close_connection = True
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True


# --- the server -----------------------------------------------------------------------------


class LocalAepServer:
    """AEP's create, sandbox and lookup endpoints plus IMS, on 127.0.0.1, in a daemon thread."""

    def __init__(self, config: ServerConfig, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # tracebacks of server-side bugs; tests assert it stays empty
        self._lock = threading.Lock()
        self._lifecycle = threading.Lock()
        self._stopped = threading.Event()
        self._serving = False
        self._loop_done = threading.Event()
        self._thread: threading.Thread | None = None
        self._tokens: dict[str, _Minted] = {}
        self._faults: deque[Fault] = deque()
        self._audiences: dict[str, list[dict[str, Any]]] = {}
        self._httpd = _HttpServer((host, port), self)  # binds now, so url is known before start()
        self._wake_reader, self._wake_writer = socket.socketpair()

    # lifecycle

    @property
    def url(self) -> str:
        """Base URL, no trailing slash: point both platform URL and IMS at it."""
        host, port = self._httpd.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}"

    @property
    def ims_url(self) -> str:
        return self.url + IMS_TOKEN_PATH

    def start(self) -> LocalAepServer:
        """Serve in a daemon thread; calling it again while serving is a no-op."""
        with self._lifecycle:
            if self._stopped.is_set():
                raise RuntimeError("a stopped LocalAepServer cannot be restarted")
            if not self._serving:
                self._serving = True
                self._thread = threading.Thread(
                    target=self._serve,
                    name=f"local-aep-server-{self._httpd.server_port}",
                    daemon=True,
                )
                self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until stop() or Ctrl+C (``audience-cli serve-local``)."""
        with self._lifecycle:
            if self._stopped.is_set():
                raise RuntimeError("a stopped LocalAepServer cannot be restarted")
            if self._serving:
                raise RuntimeError("the server is already serving")
            self._serving = True
        try:
            self._serve()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop serving and cut open connections; idempotent and prompt even mid-fault."""
        with self._lifecycle:
            if self._stopped.is_set():
                return
            self._stopped.set()  # wakes handlers sleeping on latency or a hang fault
            serving = self._serving
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"x")
        if serving:
            self._loop_done.wait(timeout=1.0)
        self._httpd.server_close()
        self._httpd.drop_connections()
        self._wake_reader.close()
        self._wake_writer.close()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=1.0)

    def _serve(self) -> None:
        try:
            self._httpd.serve_until(self._stopped, self._wake_reader)
        finally:
            self._loop_done.set()

    def __enter__(self) -> LocalAepServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # inspection and control

    def create_requests(self) -> list[RecordedRequest]:
        paths = self._create_paths()
        return [r for r in list(self.requests) if r.method == "POST" and r.path in paths]

    def token_requests(self) -> list[RecordedRequest]:
        return [r for r in list(self.requests) if r.path == IMS_TOKEN_PATH]

    def audiences(self, sandbox: str) -> list[dict[str, Any]]:
        """Copies of what has been created in one sandbox, oldest first."""
        with self._lock:
            return [dict(audience) for audience in self._audiences.get(sandbox, [])]

    def inject(self, *faults: Fault) -> None:
        """Queue faults; each one plays on the next create that passes the strict checks."""
        with self._lock:
            self._faults.extend(faults)

    def pending_faults(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def expire_tokens(self) -> None:
        """Invalidate every minted token (static accepted_tokens stay valid)."""
        with self._lock:
            self._tokens.clear()

    # internals used by the handler

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _note_error(self) -> None:
        with self._lock:
            self.errors.append(traceback.format_exc())

    def _create_paths(self) -> set[str]:
        return {prefix.rstrip("/") + "/audiences" for prefix in self.config.ais_paths}

    def _route(self, request: RecordedRequest) -> _Reply:
        create = {"POST": self._create}
        sandboxes = {"GET": self._sandboxes}
        routes: dict[str, dict[str, Callable[[RecordedRequest], _Reply]]] = {
            IMS_TOKEN_PATH: {"POST": self._token},
            aep.SANDBOXES_PATH: sandboxes,
            aep.SANDBOXES_PATH.rstrip("/"): sandboxes,
            aep.AUDIENCE_LOOKUP_PATH: {"GET": self._lookup},
            CONTROL_FAULTS_PATH: {"GET": self._control_list_faults, "POST": self._control_faults},
            CONTROL_AUDIENCES_PATH: {"GET": self._control_audiences},
        }
        routes.update(dict.fromkeys(self._create_paths(), create))
        by_method = routes.get(request.path)
        if by_method is None:
            detail = f"No resource at {request.method} {request.path}"
            return _service_error(404, "Not found", detail, aep.EA_NOT_FOUND)
        handler = by_method.get(request.method)
        if handler is None:
            reply = _service_error(405, "Method not allowed", f"Use {', '.join(by_method)}")
            reply.headers["Allow"] = ", ".join(by_method)
            return reply
        return handler(request)

    # IMS

    def _token(self, request: RecordedRequest) -> _Reply:
        if {"client_id", "client_secret"} & request.query.keys():
            return _ims_error(400, "invalid_request", "credentials must be in the body")
        if request.form is None:
            return _ims_error(400, "invalid_request", f"the body must be {FORM_CONTENT_TYPE}")
        form = request.form
        if form.get("grant_type") != "client_credentials":
            return _ims_error(400, "unsupported_grant_type")
        client_id = form.get("client_id", "")
        expected = self.config.clients.get(client_id)
        given = form.get("client_secret", "")
        if expected is None or not secrets.compare_digest(expected.encode(), given.encode()):
            return _ims_error(401, "invalid_client")
        if not form.get("scope", "").strip():
            return _ims_error(400, "invalid_scope", "scope is required")
        token = secrets.token_urlsafe(32)
        lifetime = self.config.token_lifetime
        with self._lock:
            self._tokens[token] = _Minted(client_id, time.monotonic() + lifetime)
        return _json(200, {"access_token": token, "token_type": "bearer", "expires_in": lifetime})

    # gateway and header checks, in the order the gateway applies them

    def _check_gateway(self, request: RecordedRequest) -> _Reply | None:
        headers, config = request.headers, self.config
        auth = headers.get(aep.H_AUTH, "").strip()
        if not auth:
            return _gateway_error(403, aep.GW_TOKEN_MISSING, "Oauth token is missing")
        scheme, _, token = auth.partition(" ")
        token = token.strip()
        bearer = scheme.lower() == "bearer" and bool(token)
        with self._lock:
            minted = self._tokens.get(token) if bearer else None
        client_id: str | None
        if minted is not None and minted.expires_at > time.monotonic():
            client_id = minted.client_id
        elif bearer and token in config.accepted_tokens:
            client_id = None  # a pasted token: any known client id may go with it
        else:
            return _gateway_error(401, aep.GW_TOKEN_INVALID, "Oauth token is not valid")
        api_key = headers.get(aep.H_API_KEY, "").strip()
        if not api_key:
            return _gateway_error(403, aep.GW_API_KEY_REQUIRED, "Api Key is required")
        if api_key != client_id and not (client_id is None and api_key in config.clients):
            return _gateway_error(403, aep.GW_API_KEY_INVALID, "Api Key is invalid")
        org = headers.get(aep.H_ORG, "").strip()
        if not org:
            message = "Missing x-gw-ims-org-id header"
            return _gateway_error(400, aep.GW_ORG_MISSING, message)
        if org != config.org_id:
            message = "Invalid imsOrgId"
            return _segmentation_error(request, 401, aep.EA_INVALID_ORG, message, "Unauthorized")
        return None

    def _check_sandbox(self, request: RecordedRequest) -> str | _Reply:
        """The sandbox name, or the answer to a missing/unknown one."""
        name = request.headers.get(aep.H_SANDBOX, "").strip()
        if not name:
            message = "Missing header x-sandbox-name"
            return _segmentation_error(request, 401, aep.EA_MISSING_HEADER, message, "Unauthorized")
        if name not in {sandbox.get("name") for sandbox in self.config.sandboxes}:
            return _gateway_error(403, aep.GW_PROFILE_INVALID, "Profile is not valid")
        return name

    # AEP endpoints

    def _create(self, request: RecordedRequest) -> _Reply:
        denied = self._check_gateway(request)
        if denied is not None:
            return denied
        sandbox = self._check_sandbox(request)
        if isinstance(sandbox, _Reply):
            return sandbox
        for key, value in aep.CREATE_QUERY.items():
            if request.query.get(key) != [value]:
                return _service_error(400, "Bad request", f"{key}={value} is required")
        if request.headers.get(aep.H_ACCEPT, "").strip() != aep.CREATE_ACCEPT:
            detail = f"Accept must be '{aep.CREATE_ACCEPT}'"
            return _service_error(406, "Not acceptable", detail)
        if not _is_json_content_type(request.headers.get(aep.H_CONTENT_TYPE)):
            detail = f"Content-Type must be '{aep.JSON_CONTENT_TYPE}'"
            return _service_error(415, "Unsupported media type", detail)
        body = _validate_body(request.body)
        if isinstance(body, str):
            code = aep.EA_VALIDATION_FAILED
            return _segmentation_error(request, 400, code, body, "Validation failed")

        with self._lock:
            fault = self._faults.popleft() if self._faults else None
        if fault is not None and not fault.processed:
            return self._play(fault)

        audience = self._store(sandbox, body)
        if audience is None:
            message = "DUPLICATE_RESOURCE: The audience already exists"
            return _segmentation_error(request, 409, aep.EA_DUPLICATE, message, "Conflict")
        if fault is not None:
            return self._play(fault, audience)
        answer = {"id": audience["id"], "name": audience["name"]}
        answer["audienceId"] = audience["audienceId"]
        if not self.config.include_id:
            del answer["id"]
        return _json(200, answer)

    def _store(self, sandbox: str, body: Mapping[str, str]) -> dict[str, Any] | None:
        """Store a created audience; None when its name already exists (and that conflicts)."""
        created = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        audience: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "audienceId": body.get("audienceId") or str(uuid.uuid4()),
            "name": body["name"],
            "description": body.get("description", ""),
            "namespace": body["namespace"],
            "originName": body["originName"],
            "sandbox": sandbox,
            "createdAt": created.replace("+00:00", "Z"),
        }
        with self._lock:
            stored = self._audiences.setdefault(sandbox, [])
            if self.config.duplicate_name_conflict and any(
                existing["name"] == audience["name"] for existing in stored
            ):
                return None
            stored.append(audience)
        return dict(audience)

    def _play(self, fault: Fault, audience: Mapping[str, Any] | None = None) -> _Reply:
        """The broken answer a fault stands for (the audience is already stored if processed)."""
        kind = fault.kind
        if kind == "rate_limit":
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = _retry_after(fault.retry_after)
            return _gateway_error(429, "429050", "Too many requests", headers)
        if kind == "html_502":
            return _Reply(502, _HTML_502, "text/html")
        if kind == "empty_502":
            return _Reply(502)
        if kind == "hang":
            return _Reply(504, _HTML_504, "text/html", delay=fault.seconds)
        if kind == "expired_token":
            return _gateway_error(401, aep.GW_TOKEN_INVALID, "Oauth token is not valid")
        if kind == "server_error":
            detail = f"EA-{aep.EA_INTERNAL}: the external audience service failed, retry later"
            return _service_error(500, "Internal error", detail, aep.EA_INTERNAL)
        if kind == "forbidden":
            return _gateway_error(403, aep.GW_PROFILE_INVALID, "Profile is not valid")
        if kind == "drop_after_create":
            return _Reply(0, drop=True)
        if kind == "garbage_json":
            return _Reply(200, b"not json{", aep.JSON_CONTENT_TYPE)
        if kind == "no_audience_id":
            return _json(200, {"name": audience["name"] if audience else ""})
        raise ValueError(f"unknown fault kind {kind!r}")

    def _sandboxes(self, request: RecordedRequest) -> _Reply:
        denied = self._check_gateway(request)
        if denied is not None:
            return denied
        sandboxes = [dict(sandbox) for sandbox in self.config.sandboxes]
        return _json(200, {"sandboxes": sandboxes, "_page": {"limit": 50, "count": len(sandboxes)}})

    def _lookup(self, request: RecordedRequest) -> _Reply:
        denied = self._check_gateway(request)
        if denied is not None:
            return denied
        sandbox = self._check_sandbox(request)
        if isinstance(sandbox, _Reply):
            return sandbox
        limit = _non_negative_int(request.query, "limit", LOOKUP_DEFAULT_LIMIT)
        start = _non_negative_int(request.query, "start", 0)
        if not limit or start is None:
            detail = "limit must be an integer >= 1 and start an integer >= 0"
            return _service_error(400, "Bad request", detail)
        matches = self.audiences(sandbox)
        name = _first(request.query, "name")
        if name:
            matches = [a for a in matches if name.casefold() in a["name"].casefold()]
        for condition in request.query.get("property", []):
            key, equals, value = condition.partition("==")
            if not equals or key not in ("audienceId", "id", "name"):
                detail = f"Unsupported property filter {condition!r}; use audienceId==X"
                return _service_error(400, "Bad request", detail)
            matches = [a for a in matches if a[key] == value]
        children = matches[start : start + limit]
        page: dict[str, Any] = {"totalCount": len(matches), "pageSize": len(children)}
        if start + limit < len(matches):
            page["next"] = str(start + limit)
        return _json(200, {"children": children, "_page": page})

    # control endpoints for manual demos (no auth: the server only listens on loopback)

    def _control_faults(self, request: RecordedRequest) -> _Reply:
        try:
            data = json.loads(request.body or b"null")
            if not isinstance(data, dict) or not isinstance(data.get("faults"), list):
                raise ValueError('expected {"faults": [{"kind": ...}, ...]}')
            faults = [Fault.from_dict(item) for item in data["faults"]]
        except (ValueError, TypeError, RecursionError) as exc:
            return _service_error(400, "Bad request", str(exc))
        self.inject(*faults)
        return self._control_list_faults(request, queued=len(faults))

    def _control_list_faults(self, request: RecordedRequest, queued: int = 0) -> _Reply:
        pending = [fault.to_dict() for fault in self.pending_faults()]
        return _json(200, {"queued": queued, "pending": pending})

    def _control_audiences(self, request: RecordedRequest) -> _Reply:
        sandbox = _first(request.query, "sandbox")
        if sandbox is not None:
            return _json(200, {"audiences": self.audiences(sandbox)})
        with self._lock:
            everything = [dict(a) for stored in self._audiences.values() for a in stored]
        return _json(200, {"audiences": everything})
