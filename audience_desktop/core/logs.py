"""A rotating log file in the platform's log folder, every line passed through redaction."""

from __future__ import annotations

import logging
import logging.handlers

from audience_desktop.core.paths import AppPaths
from audience_desktop.core.redact import RedactingFilter

_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


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
    for handler in root.handlers:
        if getattr(handler, "_audience_desktop", False):
            return handler
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler._audience_desktop = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    # httpx logs each request line at INFO: useful, and it carries no headers.
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler
