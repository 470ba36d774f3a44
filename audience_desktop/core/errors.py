"""One error type for everything that can go wrong talking to Adobe, in plain words.

AEP answers in three JSON shapes (gateway, service, segmentation), and proxies answer in
HTML or not at all. ``AepError.from_response`` reads all of them into one message that keeps
the HTTP status, the error code and the request id, and says what to do next.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from audience_desktop.core import aep
from audience_desktop.core.text import printable


class ErrorKind(str, Enum):
    """How an error came about; decides the history status and whether a retry is safe."""

    HTTP = "http"  # the server answered with an error: it did not create anything
    NOT_SENT = "not-sent"  # the request never left: connection refused, DNS, TLS
    UNCERTAIN = "uncertain"  # the request may have been processed: timeout, dropped, garbled 2xx
    AUTH = "auth"  # no usable credentials; nothing was sent to AEP
    CONFIG = "config"  # the profile or the keyring is unusable


@dataclass
class AepError(Exception):
    """A failure with everything support needs: status, code, request id, and advice."""

    message: str
    kind: ErrorKind = ErrorKind.HTTP
    status: int | None = None
    code: str | None = None
    request_id: str | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.describe()

    def describe(self) -> str:
        """One paragraph: what happened, what to do, and the details for support."""
        parts = [self.message.rstrip(".") + "."]
        if self.hint:
            parts.append(self.hint)
        details = self.details()
        if details:
            parts.append(f"({details})")
        return " ".join(parts)

    def details(self) -> str:
        """'HTTP 403, code 403025, request id abc' with whatever is known."""
        bits = []
        if self.status is not None:
            bits.append(f"HTTP {self.status}")
        if self.code:
            bits.append(f"code {self.code}")
        if self.request_id:
            bits.append(f"request id {self.request_id}")
        return ", ".join(bits)

    @classmethod
    def from_response(
        cls,
        status: int,
        body: bytes,
        content_type: str = "",
        request_id: str | None = None,
        kind: ErrorKind = ErrorKind.HTTP,
    ) -> AepError:
        """Read any error body AEP or a proxy may send into one plain message."""
        code, message = _read_error_body(body, content_type)
        parsed_request_id = _request_id_from_body(body)
        if message is None:
            message = _status_message(status)
        hint = _hint(status, code)
        return cls(
            message=message,
            kind=kind,
            status=status,
            code=code,
            request_id=request_id or parsed_request_id,
            hint=hint,
        )


def _read_error_body(body: bytes, content_type: str) -> tuple[str | None, str | None]:
    """Return (code, message) from any of the three JSON shapes, HTML or nothing."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return None, None
    if "html" in content_type.lower() or text.lstrip().lower().startswith(("<!doctype", "<html")):
        return None, None  # a gateway or proxy page: its markup helps nobody
    try:
        data = json.loads(text)
    except ValueError:
        return None, f"The server answered with something that is not JSON: {printable(text, 200)}"
    if not isinstance(data, dict):
        return None, None
    return _from_json(data)


def _from_json(data: dict[str, Any]) -> tuple[str | None, str | None]:
    # Segmentation style: {"errors": {"400": [{"code", "message"}]}, "title", ...}
    errors = data.get("errors")
    if isinstance(errors, dict):
        for entries in errors.values():
            if isinstance(entries, list) and entries and isinstance(entries[0], dict):
                first = entries[0]
                return _text(first.get("code")), _text(first.get("message")) or _text(
                    data.get("title")
                )
    # Gateway: {"error_code", "message"}
    if "error_code" in data:
        return _text(data.get("error_code")), _text(data.get("message"))
    # IMS: {"error": "invalid_client", "error_description"?}
    if isinstance(data.get("error"), str):
        return _text(data["error"]), _text(data.get("error_description")) or _ims_message(
            data["error"]
        )
    # Service: {"type", "status", "title", "detail", "report"?}
    if "title" in data or "detail" in data:
        title, detail = _text(data.get("title")), _text(data.get("detail"))
        code = _text(data.get("code")) or _text(data.get("errorCode"))
        report = data.get("report")
        if not code and isinstance(report, dict):
            code = _text(report.get("code")) or _text(report.get("errorCode"))
        message = f"{title}: {detail}" if title and detail and detail != title else title or detail
        return code, message
    return None, _text(data.get("message"))


def _request_id_from_body(body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if isinstance(data, dict):
        return _text(data.get("requestId")) or _text(data.get("request_id"))
    return None


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return printable(str(value))


def _ims_message(error: str) -> str:
    return {
        "invalid_client": "Adobe did not accept the client id or client secret",
        "unauthorized_client": "This credential is not allowed to request tokens",
        "invalid_scope": "Adobe did not accept the scopes of this profile",
    }.get(error, f"Adobe refused to issue a token ({error})")


def _status_message(status: int) -> str:
    if status == 429:
        return "Adobe is receiving too many requests from this credential"
    if status in (502, 503, 504):
        return f"Adobe's gateway did not get an answer from the service (HTTP {status})"
    if status >= 500:
        return "Adobe's service had an internal error"
    return f"The server refused the request (HTTP {status})"


def _hint(status: int, code: str | None) -> str | None:
    if code == aep.GW_TOKEN_INVALID or code == "100911":
        return "The access token expired or is invalid: get a new one (or paste a fresh token)."
    if code == aep.GW_TOKEN_MISSING:
        return "No access token was sent: check the profile's credentials."
    if code in (aep.GW_API_KEY_REQUIRED, aep.GW_API_KEY_INVALID):
        return "Check the profile's client id (it is sent as the API key)."
    if code in (aep.GW_ORG_MISSING, aep.EA_INVALID_ORG):
        return "Check the profile's organization id (it looks like ABC123@AdobeOrg)."
    if code == aep.EA_MISSING_HEADER:
        return "A required header is missing: check the profile's sandbox."
    if code in ("invalid_client", "unauthorized_client"):
        return "Check the client id and secret in Adobe Developer Console, then edit the profile."
    if status == 409 or code == aep.EA_DUPLICATE:
        return "An audience with these details already exists: look it up instead of creating it."
    if status == 403:
        return (
            "The technical account most likely lacks a product profile or an access-control "
            "role in AEP for this sandbox: ask your AEP administrator to add it."
        )
    if status == 401:
        return "Adobe did not accept the credentials: check the profile."
    if status == 429:
        return "Wait a minute and try again."
    if status in (502, 503, 504):
        return "The audience may or may not exist: check the history before creating it again."
    if status >= 500:
        return "Try again later; if it persists, give the request id to Adobe support."
    if status in (400, 422):
        return "Check the values in the form."
    return None
