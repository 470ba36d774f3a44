"""The built-in AEP-compatible server: the demo's backend and the tests' real HTTP peer.

``LocalAepServer`` puts the fake AEP (``fake_aep``: state and routes, answering in the
real AEP shapes of ``shapes``) behind the HTTP plumbing of ``httpd`` on a loopback port,
and owns the start/stop lifecycle. Faults (429, HTML 502, hangs, dropped connections...)
can be queued to exercise every unhappy path over real loopback HTTP.

Standard library only: it must start in milliseconds inside the GUI, the CLI
(``audience-cli serve-local``) and tests, without httpx or Qt.
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import threading
from types import TracebackType
from typing import Any

from audience_desktop.core import aep
from audience_desktop.localserver.config import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ORG_ID,
    ServerConfig,
    sample_audiences,
)
from audience_desktop.localserver.fake_aep import FakeAep
from audience_desktop.localserver.faults import FAULT_KINDS, Fault
from audience_desktop.localserver.httpd import HttpServer, RecordedRequest
from audience_desktop.localserver.shapes import (
    CONTROL_AUDIENCES_PATH,
    CONTROL_FAULTS_PATH,
    CONTROL_TOKEN_HEADER,
    IMS_TOKEN_PATH,
)

__all__ = [
    "CONTROL_AUDIENCES_PATH",
    "CONTROL_FAULTS_PATH",
    "CONTROL_TOKEN_HEADER",
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "DEMO_ORG_ID",
    "FAULT_KINDS",
    "IMS_TOKEN_PATH",
    "Fault",
    "LocalAepServer",
    "RecordedRequest",
    "ServerConfig",
    "sample_audiences",
]


class LocalAepServer:
    """AEP's create, sandbox, audience list and delete endpoints plus IMS, on 127.0.0.1, in a daemon thread."""

    def __init__(self, config: ServerConfig, host: str = "127.0.0.1", port: int = 0) -> None:
        self._stopped = threading.Event()
        # new for every server: a page cannot guess it, and a leaked one dies with the run
        self._control_token = secrets.token_urlsafe(32)
        self._fake = FakeAep(config, self._stopped, self._control_token)
        self._lifecycle = threading.Lock()
        self._serving = False
        self._loop_done = threading.Event()
        self._thread: threading.Thread | None = None
        # binds now, so url is known before start()
        self._httpd = HttpServer((host, port), self._fake, self._stopped, aep.H_REQUEST_ID)
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

    @property
    def control_token(self) -> str:
        """This run's token for the ``/__local__/`` control endpoints (``CONTROL_TOKEN_HEADER``)."""
        return self._control_token

    @property
    def control_headers(self) -> dict[str, str]:
        """The header a control request must carry, ready for an HTTP client."""
        return {CONTROL_TOKEN_HEADER: self._control_token}

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
            self._httpd.serve_until_stopped(self._wake_reader)
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

    # the fake AEP's state, inspected and changed live

    @property
    def config(self) -> ServerConfig:
        """What the server accepts; read live, so a test may change (or replace) it."""
        return self._fake.config

    @config.setter
    def config(self, config: ServerConfig) -> None:
        self._fake.config = config

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, oldest first (the live list)."""
        return self._fake.requests

    @property
    def errors(self) -> list[str]:
        """Tracebacks of server-side bugs; tests assert it stays empty."""
        return self._fake.errors

    def create_requests(self) -> list[RecordedRequest]:
        return self._fake.create_requests()

    @property
    def throttled(self) -> int:
        """Creates answered 429 by the configured rate limit (``create_rate_limit``)."""
        return self._fake.throttled

    def token_requests(self) -> list[RecordedRequest]:
        return self._fake.token_requests()

    def audiences(self, sandbox: str) -> list[dict[str, Any]]:
        """Copies of what has been created in one sandbox, oldest first."""
        return self._fake.audiences(sandbox)

    def add_audiences(self, sandbox: str, audiences: list[dict[str, Any]]) -> None:
        """Store audiences made elsewhere (a colleague, the AEP UI), as they are given."""
        self._fake.add_audiences(sandbox, audiences)

    def inject(self, *faults: Fault) -> None:
        """Queue faults; each one plays on the next create that passes the strict checks."""
        self._fake.inject(*faults)

    def pending_faults(self) -> list[Fault]:
        return self._fake.pending_faults()

    def expire_tokens(self) -> None:
        """Invalidate every minted token (static accepted_tokens stay valid)."""
        self._fake.expire_tokens()
