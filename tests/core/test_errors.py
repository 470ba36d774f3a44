"""Every error body AEP or a proxy can send becomes one plain message with its details."""

from __future__ import annotations

import json

import pytest

from audience_desktop.core.errors import AepError


def body(data: object) -> bytes:
    return json.dumps(data).encode()


def test_gateway_shape_expired_token() -> None:
    err = AepError.from_response(
        401, body({"error_code": "401013", "message": "Oauth token is not valid"}), request_id="r1"
    )
    assert (err.status, err.code, err.request_id) == (401, "401013", "r1")
    assert err.server_message == "Oauth token is not valid"
    assert "Oauth token is not valid" in err.describe()
    assert err.hint is not None and "expired" in err.hint.render()
    assert "HTTP 401, code 401013, request id r1" in err.describe()


def test_service_shape_with_report() -> None:
    data = {
        "type": "https://ns.adobe.com/aep/errors/x",
        "status": 400,
        "title": "Bad request",
        "detail": "createAudienceMetaOnly=true is required",
        "report": {"code": "100910"},
    }
    err = AepError.from_response(400, body(data))
    assert err.code == "100910"
    assert err.server_message == "Bad request: createAudienceMetaOnly=true is required"
    assert err.message.key == "http.refused"


def test_segmentation_shape_keeps_request_id_from_body() -> None:
    data = {
        "requestId": "abc-123",
        "errors": {"409": [{"code": "100950", "message": "The audience already exists"}]},
        "type": "x",
        "title": "Conflict",
        "status": 409,
    }
    err = AepError.from_response(409, body(data))
    assert (err.code, err.request_id) == ("100950", "abc-123")
    assert "already exists" in err.describe()
    assert err.hint is not None and "look it up" in err.hint.render()


def test_403_says_product_profile_or_role() -> None:
    err = AepError.from_response(
        403, body({"error_code": "403025", "message": "Profile is not valid"})
    )
    assert err.hint is not None and "product profile" in err.hint.render()


@pytest.mark.parametrize(
    ("status", "payload", "content_type", "expected"),
    [
        (502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", "gateway"),
        (504, b"", "", "gateway"),
        (500, b"not json{", "application/json", "not JSON"),
        (418, b"[1, 2]", "application/json", "HTTP 418"),
    ],
)
def test_html_empty_and_garbage_bodies(
    status: int, payload: bytes, content_type: str, expected: str
) -> None:
    err = AepError.from_response(status, payload, content_type)
    assert expected in err.describe()
    assert "<html" not in err.describe()


def test_ims_errors_are_explained() -> None:
    err = AepError.from_response(401, body({"error": "invalid_client"}))
    assert err.code == "invalid_client"
    assert "client id or client secret" in err.describe()
    assert err.hint is not None and "Developer Console" in err.hint.render()


def test_server_text_is_cleaned_and_bounded() -> None:
    err = AepError.from_response(
        400, body({"error_code": "1", "message": "a\x1b[31mred\n" + "x" * 900})
    )
    said = err.server_message or ""
    assert "\x1b" not in said and "\n" not in said
    assert len(said) <= 500
