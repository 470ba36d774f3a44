"""The accept loop the tests' own raw servers share: 127.0.0.1 only, one thread a connection."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable


class LoopbackAcceptor:
    """Listens on a free 127.0.0.1 port and hands each connection to ``handle``.

    ``stopped`` is shared with the caller's handlers, so one event ends everything; the
    loop notices it within 0.2 s, and ``stop`` waits for the handlers (5 s each at most).
    """

    def __init__(
        self,
        handle: Callable[[socket.socket], None],
        stopped: threading.Event,
        backlog: int = 32,
    ) -> None:
        self._handle = handle
        self.stopped = stopped
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(backlog)
        self._sock.settimeout(0.2)
        self.port: int = self._sock.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, daemon=True)

    def start(self) -> None:
        self._accept.start()

    def stop(self) -> None:
        self.stopped.set()
        self._accept.join(5)
        with contextlib.suppress(OSError):
            self._sock.close()
        for thread in list(self._threads):
            thread.join(5)

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()
