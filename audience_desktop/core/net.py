"""The one place that builds HTTP clients and sends: TLS verified, OS trust store, bounded.

``truststore`` makes Python trust what the OS trusts, so a corporate TLS-inspection root
installed by IT works without turning verification off. Proxy variables (HTTPS_PROXY,
NO_PROXY...) are honoured, except towards this computer's own local server.

httpx bounds each read, not a request: a server that trickles one byte a second holds a
request forever. ``send_bounded`` streams the answer and a watchdog shuts the connection's
socket at the profile's total deadline or when the user cancels, so every send ends; it
reads at most a set number of bytes, so a huge body costs nothing; and it says whether any
byte of the request may have left, which decides whether an aborted create is "unknown".
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import urlsplit

import httpx

from audience_desktop import __version__
from audience_desktop.core.errors import AepError, ErrorKind
from audience_desktop.core.messages import msg
from audience_desktop.core.profiles import DEFAULT_TOTAL_TIMEOUT, is_loopback, total_limit
from audience_desktop.core.redact import redact
from audience_desktop.core.text import printable

USER_AGENT = f"audience-desktop/{__version__}"
ERROR_BODY_LIMIT = 1024 * 1024  # an error page is news in its first lines, never in its 100th MB
ANSWER_LIMIT = 8 * 1024 * 1024  # a page of 100 audiences is well under this
_WATCH_INTERVAL = 0.05  # how often the watchdog looks at the cancel flag
# Only what is decoded here, within the reading limit: a compressed answer is inflated a
# bounded piece at a time, so a few KB of gzip cannot become GBs in memory.
ACCEPT_ENCODING = "gzip, deflate"
_ZLIB_WBITS = {
    "gzip": 16 + zlib.MAX_WBITS,
    "x-gzip": 16 + zlib.MAX_WBITS,
    "deflate": zlib.MAX_WBITS,
}


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception:  # truststore unsupported here: fall back to verified default CAs
        return ssl.create_default_context()


def make_client(base_url: str, connect_timeout: float, read_timeout: float) -> httpx.Client:
    """An httpx client for ``base_url``; verification cannot be turned off.

    Connections are not kept alive: each send opens its own, so the watchdog of
    ``send_bounded`` always knows the socket it may have to shut.
    """
    host = urlsplit(base_url).hostname or ""
    local = is_loopback(host)
    return httpx.Client(
        verify=_ssl_context(),
        timeout=httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        ),
        limits=httpx.Limits(max_keepalive_connections=0),
        trust_env=not local,  # proxies never get loopback traffic
        follow_redirects=False,  # a redirect would resend the Authorization header elsewhere
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),  # none kept or sent
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
    )


class DeadlineExceeded(httpx.TimeoutException):
    """No complete answer within the profile's total time limit."""

    def __init__(self, seconds: float, sent: bool) -> None:
        super().__init__(f"no complete answer within {seconds:g} s")
        self.seconds = seconds
        self.sent = sent


class UnreadableAnswer(httpx.DecodingError):
    """An answer whose encoding is stacked, unknown or broken: garbled, whatever it says."""

    def __init__(self, encoding: str) -> None:
        super().__init__(f"unreadable content encoding: {encoding}")
        self.encoding = encoding
        self.sent = True


class SendCancelled(httpx.TransportError):
    """The user cancelled while the request was in flight."""

    def __init__(self, sent: bool) -> None:
        super().__init__("cancelled in flight")
        self.sent = sent


@dataclass(frozen=True)
class Answer:
    """An answer read within the limits: status, headers, and at most ``limit`` bytes."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    truncated: bool = False  # the body was longer than the limit and was cut

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON; ValueError when it is not (a cut body never is)."""
        if self.truncated:
            raise ValueError("the body was cut")
        return parse_json(self.content)


def parse_json(data: bytes | str) -> Any:
    """Server JSON, or ValueError: absurdly deep nesting is not JSON worth reading either
    (the parser would otherwise end in RecursionError)."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply") from None


class _Watch:
    """Follows one send through httpcore's trace hook: its sockets, and whether it left.

    On abort it shuts every socket of the send (a shut socket wakes a blocked read at once)
    and makes any later step of the send fail, so nothing is sent after a cancel.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: list[Any] = []
        self._sent = False  # the request's own headers began to leave (not a proxy CONNECT)
        self._events = 0
        self.aborted: str | None = None  # "deadline" or "cancel"

    @property
    def sent(self) -> bool:
        """Whether the request may have reached the server; True when the trace said nothing
        at all (another httpcore), since "not sent" must be proven, never assumed."""
        return self._sent or self._events == 0

    def __call__(self, event: str, info: Mapping[str, Any]) -> None:
        with self._lock:
            self._events += 1
            if self.aborted:
                raise httpx.ReadError(f"aborted ({self.aborted})")
            if event.endswith(("connect_tcp.complete", "start_tls.complete")):
                stream = info.get("return_value")
                if stream is not None:
                    self._streams.append(stream)
            elif event.endswith("send_request_headers.started"):
                request = info.get("request")
                if getattr(request, "method", b"") != b"CONNECT":
                    self._sent = True

    def abort(self, reason: str) -> None:
        with self._lock:
            if self.aborted:
                return
            self.aborted = reason
            streams = list(self._streams)
        for stream in streams:
            sock = stream.get_extra_info("socket")
            if sock is None:
                continue
            # The plain socket's shutdown (an SSLSocket's own would race its reader); a socket
            # already closed, or detached by the TLS layer that now owns the fd, is skipped.
            with contextlib.suppress(OSError, ValueError, TypeError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def send_bounded(
    http: httpx.Client,
    method: str,
    url: str,
    *,
    total_timeout: float | None,
    limit: int = ANSWER_LIMIT,
    error_limit: int = ERROR_BODY_LIMIT,
    cancel: threading.Event | None = None,
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    json_body: Any = None,
    form: Mapping[str, str] | None = None,
) -> Answer:
    """Send one request and read its answer, all within ``total_timeout`` seconds.

    Raises httpx's errors, plus ``DeadlineExceeded`` and ``SendCancelled`` (both with
    ``sent``: whether the request may have reached the server). A 2xx body is read up to
    ``limit`` bytes, any other up to ``error_limit``; beyond that it is cut and flagged.
    A ``total_timeout`` of None (a profile that sets none) follows the client's read timeout.
    """
    if total_timeout is None:
        total_timeout = total_limit(None, http.timeout.read or DEFAULT_TOTAL_TIMEOUT)
    watch = _Watch()
    try:
        request = http.build_request(
            method,
            url,
            params=params,
            headers=dict(headers or {}),
            json=json_body,
            data=dict(form) if form is not None else None,
            extensions={"trace": watch},
        )
    except (ValueError, TypeError) as exc:  # e.g. a header that is not ASCII: nothing left
        raise httpx.LocalProtocolError(f"request refused: {type(exc).__name__}") from exc
    deadline = time.monotonic() + total_timeout
    done = threading.Event()

    def watchdog() -> None:
        while not done.is_set():
            if cancel is not None and cancel.is_set():
                watch.abort("cancel")
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                watch.abort("deadline")
                return
            done.wait(min(remaining, _WATCH_INTERVAL))

    guard = threading.Thread(target=watchdog, name="send-watchdog", daemon=True)
    guard.start()
    try:
        return _read(http, request, limit, error_limit)
    except httpx.HTTPError as exc:
        if watch.aborted == "cancel":
            raise SendCancelled(watch.sent) from exc
        if watch.aborted == "deadline":
            raise DeadlineExceeded(total_timeout, watch.sent) from exc
        raise
    except (ValueError, TypeError, LookupError) as exc:
        # httpx itself tripped on what it was given or answered (a redirect's Location or
        # cookie it cannot encode...): still a transport failure, sent or not as it happened.
        if watch.sent:
            raise httpx.RemoteProtocolError(f"unreadable answer: {type(exc).__name__}") from exc
        raise httpx.LocalProtocolError(f"request refused: {type(exc).__name__}") from exc
    finally:
        done.set()
        guard.join()


def _read(http: httpx.Client, request: httpx.Request, limit: int, error_limit: int) -> Answer:
    response = http.send(request, stream=True)
    try:
        cap = limit if 200 <= response.status_code < 300 else error_limit
        chunks: list[bytes] = []
        size = 0
        truncated = False
        # Raw bytes, decoded here: httpx's own decoders inflate each chunk whole, before any
        # limit could apply. One byte more than the cap is asked for, to know it was cut.
        for chunk in _decoded(response.iter_raw(), _content_coding(response.headers), cap + 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                truncated = True
                break
        body = b"".join(chunks)[:cap]
        return Answer(response.status_code, response.headers, body, truncated)
    finally:
        response.close()


def _content_coding(headers: httpx.Headers) -> str | None:
    """The one content coding to undo (None for none), or UnreadableAnswer when the answer
    stacks codings or uses one not offered: garbled, never guessed at."""
    codings = [
        value.strip().lower()
        for value in headers.get_list("content-encoding", split_commas=True)
        if value.strip().lower() not in ("", "identity")
    ]
    if len(codings) > 1:
        raise UnreadableAnswer(printable(", ".join(codings), 100))
    if codings and codings[0] not in _ZLIB_WBITS:
        raise UnreadableAnswer(printable(codings[0], 100))
    return codings[0] if codings else None


def _decoded(raw: Iterator[bytes], coding: str | None, budget: int) -> Iterator[bytes]:
    """The body's bytes with ``coding`` undone, at most ``budget`` of them in all."""
    if coding is None:
        yield from raw
        return
    inflater = zlib.decompressobj(_ZLIB_WBITS[coding])
    first = True
    fed = False
    for data in raw:
        fed = fed or bool(data)
        pending = data
        while pending and budget > 0:
            if inflater.eof:
                return  # trailing bytes after the compressed stream: ignored, as httpx does
            try:
                piece = inflater.decompress(pending, budget)
            except zlib.error:
                if coding == "deflate" and first:  # "deflate" sent raw, without zlib header
                    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    first = False
                    continue
                raise UnreadableAnswer(coding) from None
            first = False
            pending = inflater.unconsumed_tail
            budget -= len(piece)
            if piece:
                yield piece
        if budget <= 0:
            return
    if fed and not inflater.eof:
        raise UnreadableAnswer(coding)  # the compressed stream stopped half-way


@dataclass(frozen=True)
class CertificateProblem:
    """Why a server's certificate was refused, and who issued it when that can be read."""

    host: str
    reason: str
    issuer: str | None


def certificate_problem(
    exc: BaseException, url: str, timeout: float = 5.0
) -> CertificateProblem | None:
    """The certificate failure behind a connection error, or None when it is not one.

    The issuer is read from a second TLS handshake that sends no request and no credential:
    the failed handshake keeps nothing, and "issued by <your company's proxy>" is what tells
    a person that TLS inspection, not the network, is the problem.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            break
        current = current.__cause__ or current.__context__
    else:
        return None
    if not isinstance(current, ssl.SSLCertVerificationError):
        return None
    reason = str(current.verify_message or current.reason or type(current).__name__)
    host = urlsplit(url).hostname or url
    return CertificateProblem(host, reason, _peer_issuer(url, timeout))


def cert_error(problem: CertificateProblem, kind: ErrorKind, request_id: str | None) -> AepError:
    """A refused certificate, said as what it is: who issued it and what to trust."""
    issuer = redact(printable(problem.issuer, 200)) if problem.issuer else None
    host, reason = printable(problem.host, 200), printable(problem.reason, 200)
    message = (
        msg("net.cert_untrusted", host=host, reason=reason, issuer=issuer)
        if issuer
        else msg("net.cert_untrusted_unknown", host=host, reason=reason)
    )
    return AepError(message, kind=kind, request_id=request_id, hint=msg("hint.cert_untrusted"))


def _peer_issuer(url: str, timeout: float) -> str | None:
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return None
    port = parts.port or 443
    try:
        proxy = _https_proxy_for(host)
        sock = (
            _tunnel(proxy, host, port, timeout)
            if proxy
            else socket.create_connection((host, port), timeout=timeout)
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # only to read who signed it; nothing is sent
        with context.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except (OSError, ValueError):
        return None
    return _issuer_name(der) if der else None


def _https_proxy_for(host: str) -> str | None:
    """The proxy httpx would use for https://host (same variables), or None."""
    if is_loopback(host):
        return None
    import urllib.request

    proxy = urllib.request.getproxies().get("https")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return proxy


def _tunnel(proxy: str, host: str, port: int, timeout: float) -> socket.socket:
    """A CONNECT tunnel through an http:// proxy (what httpx does for https targets)."""
    import base64
    from urllib.parse import unquote

    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    if parts.scheme != "http" or not parts.hostname:
        raise OSError("unsupported proxy")
    sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
    lines = [f"CONNECT {host}:{port} HTTP/1.1", f"Host: {host}:{port}"]
    if parts.username:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        lines.append("Proxy-Authorization: Basic " + base64.b64encode(pair.encode()).decode())
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk or len(head) > 16384:
            sock.close()
            raise OSError("proxy closed the tunnel")
        head += chunk
    status = head.split(b"\r\n", 1)[0].split()
    if len(status) < 2 or status[1] != b"200":
        sock.close()
        raise OSError("proxy refused the tunnel")
    return sock


def _issuer_name(der: bytes) -> str | None:
    """The issuer's common name (or its whole name) from a DER certificate."""
    try:
        from cryptography import x509
        from cryptography.x509.oid import NameOID
    except ImportError:  # cryptography is not a dependency everywhere: no issuer then
        return None
    try:
        issuer = x509.load_der_x509_certificate(der).issuer
    except ValueError:
        return None
    names = issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else issuer.rfc4514_string()
    return value if isinstance(value, str) else value.decode("utf-8", errors="replace")
