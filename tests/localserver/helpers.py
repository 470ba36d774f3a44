"""Requests and assertions shared by the built-in server's tests (httpx is the client)."""

from __future__ import annotations

import json
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx

from audience_desktop.core import aep
from audience_desktop.localserver import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ORG_ID,
    IMS_TOKEN_PATH,
    LocalAepServer,
)

BODY: dict[str, str] = {
    "name": "Newsletter subscribers",
    "description": "People who opted in",
    "namespace": "email",
    "originName": "CRM",
}
CREATE_PATH = aep.DEFAULT_AIS_PATH + "/audiences"
REQUEST_ID = "req-0001"


def mint(
    api: httpx.Client, client_id: str = DEMO_CLIENT_ID, secret: str = DEMO_CLIENT_SECRET
) -> httpx.Response:
    form = {
        "grant_type": "client_credentials",
        "client_id": client_id,
        "client_secret": secret,
        "scope": aep.DEFAULT_SCOPES,
    }
    return api.post(IMS_TOKEN_PATH, data=form)


def gateway_headers(token: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "x-api-key": DEMO_CLIENT_ID,
        "x-gw-ims-org-id": DEMO_ORG_ID,
        "x-request-id": REQUEST_ID,
    }


def create_headers(token: str, sandbox: str = "prod") -> dict[str, str]:
    return {
        **gateway_headers(token),
        "x-sandbox-name": sandbox,
        "Content-Type": "application/json",
        "Accept": aep.CREATE_ACCEPT,
    }


def create(
    api: httpx.Client,
    token: str,
    body: dict[str, Any] | None = None,
    *,
    sandbox: str = "prod",
    path: str = CREATE_PATH,
) -> httpx.Response:
    content = json.dumps(BODY if body is None else body)
    headers = create_headers(token, sandbox)
    return api.post(path, params=aep.CREATE_QUERY, content=content, headers=headers)


def lookup(api: httpx.Client, token: str, sandbox: str = "prod", **params: str) -> httpx.Response:
    headers = {**gateway_headers(token), "x-sandbox-name": sandbox}
    return api.get(aep.AUDIENCE_LOOKUP_PATH, params=params, headers=headers)


def port_of(server: LocalAepServer) -> int:
    port = urlsplit(server.url).port
    assert port is not None
    return port


def raw_exchange(server: LocalAepServer, payload: bytes, *, half_close: bool = False) -> bytes:
    """Send bytes on a fresh socket and read until the server closes it.

    ``HOST`` in the payload stands for the server's own loopback Host value.
    """
    port = port_of(server)
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(payload.replace(b"HOST", b"127.0.0.1:%d" % port))
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        chunks = []
        while data := sock.recv(65536):
            chunks.append(data)
    return b"".join(chunks)


def assert_gateway(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status
    data = response.json()
    assert set(data) == {"error_code", "message"}
    assert data["error_code"] == code


def assert_service(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status
    data: dict[str, Any] = response.json()
    assert set(data) == {"type", "status", "title", "detail"}
    assert data["status"] == status
    assert data["type"].startswith("https://")
    return data


def assert_segmentation(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status
    data = response.json()
    assert set(data) == {"requestId", "errors", "type", "title", "status"}
    assert data["status"] == status
    assert data["requestId"] == REQUEST_ID
    [error] = data["errors"][str(status)]
    assert error["code"] == code
    assert error["message"]
