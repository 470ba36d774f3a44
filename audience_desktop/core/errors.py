"""The app's errors: what happened as message data, with what support needs to follow it up.

``AppError`` is every failure a person is shown. ``AepError`` is the subset that comes from
talking to Adobe (or failing to). AEP answers in three JSON shapes (gateway, service,
segmentation), and proxies answer in HTML or not at all: ``AepError.from_response`` reads all
of them into one error that keeps the HTTP status, the error code, the request id and the
server's own words, and says what to do next. Nothing here is a sentence until a front end
renders it in the user's language.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from audience_desktop.core import aep
from audience_desktop.core.messages import Message, join, msg, render
from audience_desktop.core.redact import redact
from audience_desktop.core.text import printable


class ErrorKind(str, Enum):
    """How an error came about; decides the history status and whether a retry is safe."""

    HTTP = "http"  # the server answered with an error: it did not create anything
    NOT_SENT = "not-sent"  # the request never left: connection refused, DNS, TLS
    UNCERTAIN = "uncertain"  # the request may have been processed: timeout, dropped, garbled 2xx
    AUTH = "auth"  # no usable credentials; nothing was sent to AEP
    CONFIG = "config"  # the profile, the keyring or the history refuses; nothing was sent


class AppError(Exception):
    """A failure shown to a person: what happened, the server's words, advice, and details."""

    def __init__(
        self,
        message: Message,
        *,
        kind: ErrorKind = ErrorKind.CONFIG,
        hint: Message | None = None,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        server_message: str | None = None,
        extra: Message | None = None,
    ) -> None:
        super().__init__(message.key)
        self.message = message
        self.kind = kind
        self.hint = hint
        self.status = status
        self.code = code
        self.request_id = request_id
        self.server_message = server_message
        self.extra = extra  # a further fact, e.g. how many attempts were made

    def __str__(self) -> str:
        return self.describe()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message.key!r}, status={self.status!r})"

    def server_said(self) -> Message | None:
        return msg("http.server_said", text=self.server_message) if self.server_message else None

    def summary(self) -> str:
        """What happened, what the server said, what to do: the status line's text."""
        return join(self.message, self.server_said(), self.extra, self.hint)

    def details(self) -> str:
        """'HTTP 403, code 403025, request id abc' with whatever is known."""
        bits = []
        if self.status is not None:
            bits.append(render(msg("detail.status", status=self.status)))
        if self.code:
            bits.append(render(msg("detail.code", code=self.code)))
        if self.request_id:
            bits.append(render(msg("detail.request_id", request_id=self.request_id)))
        return ", ".join(bits)

    def describe(self) -> str:
        """One paragraph: what happened, what to do, and the details for support."""
        details = self.details()
        return self.summary() + (f" ({details})" if details else "")


class AepError(AppError):
    """A failure talking to Adobe: an error answer, no answer, or no usable token."""

    def __init__(self, message: Message, *, kind: ErrorKind = ErrorKind.HTTP, **values: Any):
        super().__init__(message, kind=kind, **values)

    @classmethod
    def from_response(
        cls,
        status: int,
        body: bytes,
        content_type: str = "",
        request_id: str | None = None,
        kind: ErrorKind = ErrorKind.HTTP,
        truncated: bool = False,
    ) -> AepError:
        """Read any error body AEP, IMS or a proxy may send into one error.

        A ``truncated`` body (cut at the reading limit) is not parsed: half a JSON document
        says nothing reliable, so the status speaks and the cut is mentioned.
        """
        if truncated:
            return cls(
                _status_message(status),
                kind=kind,
                status=status,
                request_id=request_id,
                hint=_hint(status, None),
                extra=msg("http.body_cut", limit=f"{len(body) // 1024} KB"),
            )
        code, server_text, own = _read_error_body(body, content_type)
        return cls(
            own or _ims_message(code) or _status_message(status),
            kind=kind,
            status=status,
            code=code,
            request_id=request_id or _request_id_from_body(body),
            hint=_hint(status, code),
            server_message=server_text,
        )


def _read_error_body(
    body: bytes, content_type: str
) -> tuple[str | None, str | None, Message | None]:
    """(code, the server's own text, our message when the body itself is the news)."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return None, None, None
    if "html" in content_type.lower() or text.lstrip().lower().startswith(("<!doctype", "<html")):
        return None, None, None  # a gateway or proxy page: its markup helps nobody
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None, None, msg("http.not_json", text=redact(printable(text, 200)))
    if not isinstance(data, dict):
        return None, None, None
    code, message = _from_json(data)
    return code, message, None


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
        return _text(data["error"]), _text(data.get("error_description"))
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
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict):
        return _text(data.get("requestId")) or _text(data.get("request_id"))
    return None


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return redact(printable(str(value))) or None


_IMS_MESSAGES = {
    "invalid_client": "auth.invalid_client",
    "unauthorized_client": "auth.unauthorized_client",
    "invalid_scope": "auth.invalid_scope",
}


def _ims_message(code: str | None) -> Message | None:
    key = _IMS_MESSAGES.get(code or "")
    return msg(key) if key else None


def _status_message(status: int) -> Message:
    if status == 429:
        return msg("http.throttled")
    if status in (502, 503, 504):
        return msg("http.gateway")
    if status >= 500:
        return msg("http.internal")
    return msg("http.refused")


_CODE_HINTS = {
    aep.GW_TOKEN_INVALID: "hint.token_invalid",
    "100911": "hint.token_invalid",
    aep.GW_TOKEN_MISSING: "hint.token_missing",
    aep.GW_API_KEY_REQUIRED: "hint.api_key",
    aep.GW_API_KEY_INVALID: "hint.api_key",
    aep.GW_ORG_MISSING: "hint.org",
    aep.EA_INVALID_ORG: "hint.org",
    aep.EA_MISSING_HEADER: "hint.missing_header",
    "invalid_client": "hint.client_credentials",
    "unauthorized_client": "hint.client_credentials",
    aep.EA_DUPLICATE: "hint.duplicate",
    aep.EA_NOT_AUTHORIZED: "hint.forbidden",
    aep.EA_UNPROCESSABLE: "hint.check_form",
}


def _hint(status: int, code: str | None) -> Message | None:
    key = _CODE_HINTS.get(code or "")
    if key is None:
        if status == 409:
            key = "hint.duplicate"
        elif status == 403:
            key = "hint.forbidden"
        elif status == 401:
            key = "hint.unauthorized"
        elif status == 429:
            key = "hint.wait_a_minute"
        elif status in (502, 503, 504):
            key = "hint.may_exist"
        elif status >= 500:
            key = "hint.try_later"
        elif status in (400, 422):
            key = "hint.check_form"
    return msg(key) if key else None
