"""Log redaction: registered secrets and credential-shaped values never reach a log line."""

from __future__ import annotations

import logging
from pathlib import Path

from audience_desktop.core.logs import setup_logging
from audience_desktop.core.paths import app_paths
from audience_desktop.core.redact import redact, register_secret


def test_patterns_and_registered_values_are_masked() -> None:
    register_secret("very-private-value")
    text = redact(
        "Authorization: Bearer abc.def-123 client_secret=xyz&scope=a "
        '{"access_token": "tok123"} echo very-private-value'
    )
    for leaked in ("abc.def-123", "xyz", "tok123", "very-private-value"):
        assert leaked not in text
    assert "scope=a" in text


def test_log_file_gets_redacted_lines_and_tracebacks(isolated_home: Path) -> None:
    paths = app_paths()
    handler = setup_logging(paths)
    try:
        register_secret("another-secret-42")
        log = logging.getLogger("test.redact")
        log.warning("sending Bearer eyJhbGciOi.eyJzdWIiOiJ4In0.sig with %s", "another-secret-42")
        try:
            raise RuntimeError("boom another-secret-42")
        except RuntimeError:
            log.exception("failed")
        handler.flush()
        content = paths.log_file.read_text()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert "another-secret-42" not in content and "eyJzdWIiOiJ4In0" not in content
    assert "RuntimeError" in content and "***" in content
