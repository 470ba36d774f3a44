"""The built-in server against web pages: loopback Host on every request, and a per-run
token plus a JSON content type on the control endpoints (DNS rebinding, CSRF)."""

from __future__ import annotations

import json

import httpx
import pytest

from audience_desktop.localserver import (
    CONTROL_AUDIENCES_PATH,
    CONTROL_FAULTS_PATH,
    CONTROL_TOKEN_HEADER,
    IMS_TOKEN_PATH,
    LocalAepServer,
    ServerConfig,
)
from tests.localserver.helpers import BODY, CREATE_PATH, create_headers, port_of, raw_exchange

FAULTS = json.dumps({"faults": [{"kind": "server_error"}]})


def bad_hosts(port: int) -> list[str]:
    return [
        "evil.example",  # a rebound domain, no port
        f"evil.example:{port}",  # a rebound domain on the server's port
        f"127.0.0.1.nip.io:{port}",
        f"127.0.0.1:{port + 1}",  # another port
        "localhost",  # the port left out (it is not 80)
        f"localhost.:{port}",
        f"127.0.0.1:{port}, evil.example",  # two Host headers, joined
        "",
    ]


@pytest.mark.parametrize("index", range(8))
def test_a_foreign_host_is_refused_on_every_path_before_the_body_is_read(
    server: LocalAepServer, api: httpx.Client, token: str, index: int
) -> None:
    host = bad_hosts(port_of(server))[index]
    control = {**server.control_headers, "Content-Type": "application/json", "Host": host}
    attempts = [
        api.post(CONTROL_FAULTS_PATH, content=FAULTS, headers=control),
        api.get(CONTROL_AUDIENCES_PATH, headers=control),
        api.post(
            CREATE_PATH,
            params={"createAudienceMetaOnly": "true"},
            content=json.dumps(BODY),
            headers={**create_headers(token), "Host": host},
        ),
        api.post(IMS_TOKEN_PATH, data={"grant_type": "client_credentials"}, headers={"Host": host}),
    ]
    for response in attempts:
        assert response.status_code == 421, response.request.url
        assert response.headers["Connection"] == "close"
        assert response.json()["title"] == "Misdirected request"
    assert server.pending_faults() == [] and server.audiences("prod") == []
    assert all(r.body == b"" for r in server.requests[-4:])  # refused unread


def test_a_request_without_host_is_refused(server: LocalAepServer) -> None:
    answer = raw_exchange(server, b"GET /__local__/faults HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 421 ")


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LocalHost", "[::1]"])
def test_loopback_names_with_the_port_are_served(
    server: LocalAepServer, api: httpx.Client, name: str
) -> None:
    host = f"{name}:{port_of(server)}"
    response = api.get(CONTROL_FAULTS_PATH, headers={**server.control_headers, "Host": host})
    assert response.status_code == 200


@pytest.mark.parametrize("path", [CONTROL_FAULTS_PATH, CONTROL_AUDIENCES_PATH])
@pytest.mark.parametrize(
    "given", [None, "", "wrong", "x" * 43], ids=["none", "empty", "wrong", "same-length"]
)
def test_control_endpoints_need_this_runs_token(
    server: LocalAepServer, api: httpx.Client, path: str, given: str | None
) -> None:
    headers = {"Content-Type": "application/json"}
    if given is not None:
        headers[CONTROL_TOKEN_HEADER] = given
    assert api.get(path, headers=headers).status_code == 403
    if path == CONTROL_FAULTS_PATH:
        refused = api.post(path, content=FAULTS, headers=headers)
        assert refused.status_code == 403
        assert CONTROL_TOKEN_HEADER in refused.json()["detail"]
        assert server.pending_faults() == []


def test_another_servers_token_is_refused(server: LocalAepServer, api: httpx.Client) -> None:
    with LocalAepServer(ServerConfig.demo()) as other:
        assert other.control_token != server.control_token
        assert len(server.control_token) >= 32
        response = api.get(CONTROL_AUDIENCES_PATH, headers=other.control_headers)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
    ],
)
def test_control_posts_must_be_json(
    server: LocalAepServer, api: httpx.Client, content_type: str | None
) -> None:
    # what an HTML form or a no-preflight fetch() from a web page can send
    headers = dict(server.control_headers)
    if content_type is not None:
        headers["Content-Type"] = content_type
    response = api.post(CONTROL_FAULTS_PATH, content=FAULTS, headers=headers)
    assert response.status_code == 415
    assert server.pending_faults() == []
    # and what a page would need a CORS preflight for (JSON, the token header) is never granted
    preflight = api.request(
        "OPTIONS",
        CONTROL_FAULTS_PATH,
        headers={
            "Origin": "http://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": f"content-type, {CONTROL_TOKEN_HEADER.lower()}",
        },
    )
    assert preflight.status_code >= 400
    assert not any(name.startswith("access-control-") for name in preflight.headers)


def test_the_right_token_and_json_work(server: LocalAepServer, api: httpx.Client) -> None:
    headers = {**server.control_headers, "Content-Type": "application/json; charset=utf-8"}
    response = api.post(CONTROL_FAULTS_PATH, content=FAULTS, headers=headers)
    assert response.status_code == 200 and response.json()["queued"] == 1
    assert len(server.pending_faults()) == 1
    listed = api.get(CONTROL_AUDIENCES_PATH, headers=server.control_headers)
    assert listed.status_code == 200 and listed.json() == {"audiences": []}
