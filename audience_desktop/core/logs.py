"""A rotating log file in the platform's log folder, every line passed through redaction."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from audience_desktop.core.paths import AppPaths
from audience_desktop.core.redact import RedactingFilter

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5


class LazyRotatingFileHandler(logging.Handler):
    """A ``RotatingFileHandler`` (1 MB x 5) made when the first line is written.

    ``logging.handlers`` brings ``socket``, ``pickle`` and ``queue`` with it (about 5 ms and
    1 MB): the window's start-up writes no log line, so it need not pay for them. The file
    is opened on the first line too, as ``delay=True`` did. This handler's filters and
    formatter apply; the real handler only writes and rotates.
    """

    def __init__(self, filename: os.PathLike[str] | str) -> None:
        super().__init__()
        self.baseFilename = os.path.abspath(os.fspath(filename))
        self._file: RotatingFileHandler | None = None

    def _real(self) -> RotatingFileHandler:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(
                self.baseFilename,
                maxBytes=MAX_BYTES,
                backupCount=BACKUP_COUNT,
                encoding="utf-8",
                delay=True,
            )
        return self._file

    def emit(self, record: logging.LogRecord) -> None:
        """Called with this handler's lock held (``Handler.handle``): one writer at a time."""
        real = self._real()
        real.setFormatter(self.formatter)
        real.emit(record)

    def flush(self) -> None:
        self.acquire()
        try:
            if self._file is not None:
                self._file.flush()
        finally:
            self.release()

    def close(self) -> None:
        self.acquire()
        try:
            if self._file is not None:
                self._file.close()
        finally:
            self.release()
            super().close()


def setup_logging(
    paths: AppPaths, level: int = logging.INFO, *, also_stderr: bool = False
) -> logging.Handler:
    """Send the app's log to a rotating file (1 MB x 5), and to stderr when asked."""
    paths.ensure()
    root = logging.getLogger()
    if also_stderr:
        console = logging.StreamHandler()
        console.addFilter(RedactingFilter())
        root.addHandler(console)
    wanted = os.path.abspath(paths.log_file)
    for handler in list(root.handlers):
        if getattr(handler, "_audience_desktop", False):
            if getattr(handler, "baseFilename", None) == wanted:
                return handler
            # Another folder's log (AUDIENCE_DESKTOP_HOME changed in this process): its
            # lines must not keep going to the old file.
            root.removeHandler(handler)
            handler.close()
    handler = LazyRotatingFileHandler(paths.log_file)
    handler._audience_desktop = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    # httpx logs each request line at INFO: useful, and it carries no headers.
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler
