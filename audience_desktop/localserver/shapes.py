"""The answers AEP and IMS give, as ``Reply`` values, and the paths the fake serves.

Every error shape the client must parse is built here once (api.md: gateway, service,
segmentation style; IMS), so the routes can only answer in shapes Adobe really uses.
Service-shape ``type`` URLs follow AEP's ``.../errors/<PREFIX>-<code>-<status>`` pattern
(the AEP documentation is silent on it), so the external-audience code, e.g. 100970, is
readable from ``type``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from audience_desktop.core import aep
from audience_desktop.localserver.faults import Fault
from audience_desktop.localserver.httpd import RecordedRequest, Reply

IMS_TOKEN_PATH = urlsplit(aep.DEFAULT_IMS_URL).path  # "/ims/token/v3"
CONTROL_FAULTS_PATH = "/__local__/faults"
CONTROL_AUDIENCES_PATH = "/__local__/audiences"
CONTROL_PATHS = (CONTROL_FAULTS_PATH, CONTROL_AUDIENCES_PATH)
# The header carrying LocalAepServer.control_token on every control request. A web page
# cannot send it without a CORS preflight, which this server never grants.
CONTROL_TOKEN_HEADER = "X-Local-Control-Token"

ERROR_TYPE_BASE = "https://ns.adobe.com/aep/errors/"

_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)
_HTML_504 = (
    b"<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n"
    b"<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n"
)


def json_reply(status: int, payload: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(payload).encode("utf-8")
    return Reply(status, body, aep.JSON_CONTENT_TYPE, dict(headers or {}))


def error_type(status: int, code: str | None) -> str:
    return f"{ERROR_TYPE_BASE}EA-{code}-{status}" if code else f"{ERROR_TYPE_BASE}EA-{status}"


def gateway_error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Reply:
    return json_reply(status, {"error_code": code, "message": message}, headers)


def service_error(status: int, title: str, detail: str, code: str | None = None) -> Reply:
    payload = {"type": error_type(status, code), "status": status, "title": title}
    payload["detail"] = detail
    return json_reply(status, payload)


def segmentation_error(
    request: RecordedRequest, status: int, code: str, message: str, title: str
) -> Reply:
    payload = {
        "requestId": request.headers.get(aep.H_REQUEST_ID) or str(uuid.uuid4()),
        "errors": {str(status): [{"code": code, "message": message}]},
        "type": error_type(status, code),
        "title": title,
        "status": status,
    }
    return json_reply(status, payload)


def ims_error(status: int, error: str, description: str | None = None) -> Reply:
    payload = {"error": error}
    if description:
        payload["error_description"] = description
    return json_reply(status, payload)


def fault_reply(fault: Fault, audience: Mapping[str, Any] | None = None) -> Reply:
    """The broken answer a fault stands for (the audience is already stored if processed)."""
    kind = fault.kind
    if kind == "rate_limit":
        headers = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = _retry_after(fault.retry_after)
        return gateway_error(429, "429050", "Too many requests", headers)
    if kind == "html_502":
        return Reply(502, _HTML_502, "text/html")
    if kind == "empty_502":
        return Reply(502)
    if kind == "hang":
        return Reply(504, _HTML_504, "text/html", delay=fault.seconds)
    if kind == "expired_token":
        return gateway_error(401, aep.GW_TOKEN_INVALID, "Oauth token is not valid")
    if kind == "server_error":
        detail = f"EA-{aep.EA_INTERNAL}: the external audience service failed, retry later"
        return service_error(500, "Internal error", detail, aep.EA_INTERNAL)
    if kind == "forbidden":
        return gateway_error(403, aep.GW_PROFILE_INVALID, "Profile is not valid")
    if kind == "drop_after_create":
        return Reply(0, drop=True)
    if kind == "garbage_json":
        return Reply(200, b"not json{", aep.JSON_CONTENT_TYPE)
    if kind == "no_audience_id":
        return json_reply(200, {"name": audience["name"] if audience else ""})
    raise ValueError(f"unknown fault kind {kind!r}")


def _retry_after(seconds: float) -> str:
    return str(int(seconds)) if float(seconds).is_integer() else str(seconds)
