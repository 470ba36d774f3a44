"""A small hostile AEP on 127.0.0.1: mints any token and answers every create with fixed JSON.

The built-in server only ever answers with values it generated itself; this one lets a test
put whatever a compromised or buggy server might say (formula-like ids, codes, messages)
into the client's hands, over real loopback HTTP.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


class FixedAnswerServer:
    """Answers the IMS token call with a token, and every other request with one fixed reply."""

    def __init__(self, status: int, answer: dict[str, Any]) -> None:
        self.status = status
        self.answer = answer
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: test output is not a server log."""

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/ims/token/"):
                    token = {"access_token": "t0ken", "token_type": "bearer", "expires_in": 86399}
                    self._send(200, token)
                else:
                    self._send(outer.status, outer.answer)

            def do_GET(self) -> None:
                self._send(200, {"children": [], "_page": {"totalCount": 0, "pageSize": 0}})

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        self._httpd.serve_forever(poll_interval=0.05)  # a prompt shutdown() in teardown

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def ims_url(self) -> str:
        return self.url + "/ims/token/v3"

    def __enter__(self) -> FixedAnswerServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=2)
