"""Log redaction: registered secrets and credential-shaped values never reach a log line."""

from __future__ import annotations

import base64
import logging
import uuid
from pathlib import Path

import pytest

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


def test_base64_base64url_and_hex_forms_of_a_secret_are_masked_at_any_alignment() -> None:
    secret = "enc-" + uuid.uuid4().hex  # fresh: nothing registered earlier can hide a miss
    register_secret(secret)
    raw = secret.encode()
    basic = base64.b64encode(b"client-id:" + raw).decode()  # the secret at another alignment
    for prefix in (b"", b"x", b"xy"):
        forms = (
            base64.b64encode(prefix + raw).decode(),
            base64.urlsafe_b64encode(prefix + raw).decode().rstrip("="),
        )
        for encoded in forms:
            masked = redact(f"said {encoded} back")
            assert masked.startswith("said ") and masked.endswith(" back")
            assert "***" in masked and len(masked) < len(encoded)
            assert encoded[4:20] not in masked
    for encoded in (raw.hex(), raw.hex().upper(), basic):
        masked = redact(f"said {encoded}")
        assert encoded[16:32] not in masked and "***" in masked


def test_short_secrets_get_no_encoded_forms() -> None:
    register_secret("abcd")  # its hex (61626364) or base64 (YWJjZA) is everyday text
    assert redact("colour 61626364, code YWJjZA==") == "colour 61626364, code YWJjZA=="


def test_the_log_follows_the_folder_of_the_latest_set_up(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process whose folders change (tests, a portable install) never writes to the old log."""
    first = setup_logging(app_paths())
    monkeypatch.setenv("AUDIENCE_DESKTOP_HOME", str(isolated_home / "elsewhere"))
    paths = app_paths()
    second = setup_logging(paths)
    try:
        assert second is not first and first not in logging.getLogger().handlers
        logging.getLogger("test.redact").warning("written to the new folder")
        second.flush()
        assert "written to the new folder" in paths.log_file.read_text()
    finally:
        logging.getLogger().removeHandler(second)
        second.close()
