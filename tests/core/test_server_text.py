"""The one way in for server text: secrets masked before anything is shown or stored."""

from __future__ import annotations

import uuid

from audience_desktop.core.errors import AepError
from audience_desktop.core.redact import register_secret
from audience_desktop.core.text import from_server, printable, terminal_text


def _secret() -> str:
    value = f"sec-{uuid.uuid4().hex}{uuid.uuid4().hex}"
    register_secret(value)
    return value


def test_printable_masks_registered_secrets_and_their_forms() -> None:
    secret = _secret() + "/+="
    register_secret(secret)
    text = printable(f"a {secret} b {secret.replace('/', '%2F').replace('+', '%2B')} c")
    assert secret[4:20] not in text and text.startswith("a *** b")


def test_a_cut_or_truncated_echo_is_still_masked() -> None:
    secret = _secret()
    assert secret[:30] not in printable(f"token {secret[:30]}... was refused")
    assert secret[:20] not in printable("x" * 190 + " " + secret, limit=200)  # masked, then cut


def test_a_control_character_cannot_hide_a_bearer_from_the_patterns() -> None:
    text = printable("Authorization:\x00Bearer\x1babc.def-123 rest")
    assert "abc.def-123" not in text and "rest" in text


def test_from_server_masks_and_changes_nothing_else() -> None:
    secret = _secret()
    assert from_server(f"id\x1b[31m-{secret}") == "id\x1b[31m-***"
    assert from_server("aud-0001\t") == "aud-0001\t"


def test_error_bodies_of_aep_and_ims_go_through_it() -> None:
    secret = _secret()
    ims = AepError.from_response(
        401, f'{{"error":"invalid_client","error_description":"bad {secret}"}}'.encode(),
        "application/json",
    )  # fmt: skip
    snippet = AepError.from_response(400, f"rejected {secret}".encode(), "text/plain")
    for error in (ims, snippet):
        assert secret not in error.describe() and "***" in error.describe()


def test_terminal_text_neutralises_escapes_and_keeps_the_rest() -> None:
    assert terminal_text("a\x1b[31mb\x1b]0;pwned\x07c\x9bd\u202ee\tf") == "a?[31mb?]0;pwned?c?d?e?f"
    assert terminal_text("Été 🔑 ok") == "Été 🔑 ok"


def test_a_structured_secret_does_not_mask_ordinary_words() -> None:
    """The token cache's JSON is registered too: its keys must not hide the patterns."""
    register_secret('{"access_token": "cached-' + uuid.uuid4().hex + '", "expires_at": 1}')
    text = printable('{"access_token": "tok123"} said the server')
    assert "tok123" not in text and "access_token" in text
