"""The built-in AEP server over real loopback HTTP, with httpx as the client.

These tests pin the server's contract (strict checks, AEP error shapes, faults), because
every other integration test trusts it to fail exactly like Adobe's endpoints would.
"""

from __future__ import annotations

import _thread
import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from audience_desktop.core import aep
from audience_desktop.localserver.faults import FAULT_KINDS
from audience_desktop.localserver.server import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ORG_ID,
    IMS_TOKEN_PATH,
    Fault,
    LocalAepServer,
    ServerConfig,
)

BODY: dict[str, str] = {
    "name": "Newsletter subscribers",
    "description": "People who opted in",
    "namespace": "email",
    "originName": "CRM",
}
CREATE_PATH = aep.DEFAULT_AIS_PATH + "/audiences"
REQUEST_ID = "req-0001"


# --- fixtures and helpers ----------------------------------------------------------------


# `server` deliberately shadows the conftest fixture of the same name: these tests pin the
# server's own contract, on the demo config.
@pytest.fixture
def server() -> Iterator[LocalAepServer]:
    with LocalAepServer(ServerConfig.demo()) as srv:
        yield srv
    assert srv.errors == []


@pytest.fixture
def api(server: LocalAepServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=5.0) as client:
        yield client


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


@pytest.fixture
def token(api: httpx.Client) -> str:
    response = mint(api)
    assert response.status_code == 200
    value: str = response.json()["access_token"]
    return value


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
    """Send bytes on a fresh socket and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", port_of(server)), timeout=5) as sock:
        sock.sendall(payload)
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


# --- start, stop, plumbing ---------------------------------------------------------------


def test_start_is_fast_and_serves_at_once() -> None:
    started = time.perf_counter()
    srv = LocalAepServer(ServerConfig.demo()).start()
    elapsed = time.perf_counter() - started
    try:
        assert elapsed < 0.2
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", srv.url)
        assert srv.ims_url == srv.url + "/ims/token/v3"
        assert httpx.get(srv.url + "/__local__/faults", timeout=5).status_code == 200
    finally:
        srv.stop()


def test_import_pulls_in_neither_httpx_nor_qt() -> None:
    code = (
        "import sys\n"
        "from audience_desktop.localserver.server import LocalAepServer, ServerConfig\n"
        "LocalAepServer(ServerConfig.demo()).start().stop()\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('httpx', 'PySide6', 'shiboken6')]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.strip() == "[]"
    assert result.stderr == ""


def test_stop_is_idempotent_and_final() -> None:
    srv = LocalAepServer(ServerConfig.demo()).start()
    url = srv.url
    srv.stop()
    srv.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/__local__/faults", timeout=2)
    with pytest.raises(RuntimeError):
        srv.start()
    never_started = LocalAepServer(ServerConfig.demo())
    never_started.stop()
    never_started.stop()


def test_serve_forever_returns_on_stop() -> None:
    srv = LocalAepServer(ServerConfig.demo())
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    assert httpx.get(srv.url + "/__local__/faults", timeout=5).status_code == 200
    started = time.perf_counter()
    srv.stop()
    thread.join(timeout=2)
    assert not thread.is_alive()
    assert time.perf_counter() - started < 1.0


def test_serve_forever_returns_on_keyboard_interrupt() -> None:
    # A shell's background job inherits SIGINT ignored, and interrupt_main() then does
    # nothing: install Python's own handler for the duration of the test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        srv = LocalAepServer(ServerConfig.demo())
        timer = threading.Timer(0.2, _thread.interrupt_main)
        timer.start()
        started = time.perf_counter()
        srv.serve_forever()  # must return, not raise
        assert time.perf_counter() - started < 3
        timer.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    with pytest.raises(httpx.ConnectError):
        httpx.get(srv.url + "/__local__/faults", timeout=2)


def test_keep_alive_reuses_the_connection_after_a_refused_body(server: LocalAepServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(server), timeout=5)
    try:
        # Refused before the body matters (no token): the body must still be consumed.
        conn.request(
            "POST",
            CREATE_PATH + "?createAudienceMetaOnly=true",
            body=json.dumps(BODY),
            headers={"Content-Type": "application/json"},
        )
        first = conn.getresponse()
        assert json.loads(first.read())["error_code"] == aep.GW_TOKEN_MISSING
        assert first.getheader("Content-Length")
        sock = conn.sock
        conn.request("GET", "/__local__/audiences")
        second = conn.getresponse()
        assert second.status == 200
        assert json.loads(second.read()) == {"audiences": []}
        assert conn.sock is sock
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        pytest.param(b"HELLO THERE HTTP/1.1 X\r\n\r\n", 400, id="garbage-request-line"),
        pytest.param(
            b"POST /core/ais/audiences HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            400,
            id="bad-content-length",
        ),
        pytest.param(
            b"POST /core/ais/audiences HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n",
            413,
            id="huge-content-length",
        ),
        pytest.param(
            b"POST /core/ais/audiences HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"2\r\n{}\r\n0\r\n\r\n",
            411,
            id="chunked",
        ),
    ],
)
def test_malformed_requests_are_answered_and_the_connection_closed(
    server: LocalAepServer, capfd: pytest.CaptureFixture[str], payload: bytes, status: int
) -> None:
    answer = raw_exchange(server, payload)
    assert re.match(rb"HTTP/1\.[01] %d " % status, answer)
    assert httpx.get(server.url + "/__local__/faults", timeout=5).status_code == 200
    assert capfd.readouterr().err == ""


def test_a_client_leaving_mid_body_does_not_hurt_the_server(
    server: LocalAepServer, capfd: pytest.CaptureFixture[str]
) -> None:
    payload = b"POST /core/ais/audiences HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"
    assert raw_exchange(server, payload, half_close=True) == b""
    assert httpx.get(server.url + "/__local__/faults", timeout=5).status_code == 200
    assert capfd.readouterr().err == ""


def test_unknown_route_and_wrong_method(api: httpx.Client) -> None:
    missing = assert_service(api.get("/nowhere"), 404)
    assert aep.EA_NOT_FOUND in missing["type"]
    wrong = api.get(CREATE_PATH)
    assert_service(wrong, 405)
    assert wrong.headers["Allow"] == "POST"


def test_latency_is_added_to_every_answer() -> None:
    with LocalAepServer(ServerConfig.demo(latency=0.2)) as srv:
        started = time.perf_counter()
        assert httpx.get(srv.url + "/__local__/faults", timeout=5).status_code == 200
        assert time.perf_counter() - started >= 0.2


# --- IMS token ---------------------------------------------------------------------------


def test_token_mint_success(server: LocalAepServer, api: httpx.Client) -> None:
    response = mint(api)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"access_token", "token_type", "expires_in"}
    assert data["token_type"] == "bearer"
    assert data["expires_in"] == 86399
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", data["access_token"])
    assert mint(api).json()["access_token"] != data["access_token"]
    [recorded, _] = server.token_requests()
    assert recorded.query == {}
    assert recorded.form is not None
    assert recorded.form["client_secret"] == DEMO_CLIENT_SECRET


@pytest.mark.parametrize(
    ("client_id", "secret"),
    [
        pytest.param("someone-else", DEMO_CLIENT_SECRET, id="unknown-client"),
        pytest.param(DEMO_CLIENT_ID, "wrong", id="wrong-secret"),
        pytest.param(DEMO_CLIENT_ID, "", id="empty-secret"),
        pytest.param(DEMO_CLIENT_ID, "dÉmo-secret", id="non-ascii-secret"),
    ],
)
def test_token_invalid_client(api: httpx.Client, client_id: str, secret: str) -> None:
    response = mint(api, client_id, secret)
    assert response.status_code == 401
    assert response.json() == {"error": "invalid_client"}


@pytest.mark.parametrize("in_query", ["client_secret", "client_id"])
def test_token_credentials_in_query_are_refused(api: httpx.Client, in_query: str) -> None:
    form = {
        "grant_type": "client_credentials",
        "client_id": DEMO_CLIENT_ID,
        "client_secret": DEMO_CLIENT_SECRET,
        "scope": aep.DEFAULT_SCOPES,
    }
    response = api.post(IMS_TOKEN_PATH, params={in_query: form[in_query]}, data=form)
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_request",
        "error_description": "credentials must be in the body",
    }


def test_token_request_errors(api: httpx.Client) -> None:
    form = {
        "grant_type": "password",
        "client_id": DEMO_CLIENT_ID,
        "client_secret": DEMO_CLIENT_SECRET,
        "scope": aep.DEFAULT_SCOPES,
    }
    wrong_grant = api.post(IMS_TOKEN_PATH, data=form)
    assert wrong_grant.status_code == 400
    assert wrong_grant.json() == {"error": "unsupported_grant_type"}

    as_json = api.post(IMS_TOKEN_PATH, json={**form, "grant_type": "client_credentials"})
    assert as_json.status_code == 400
    assert as_json.json()["error"] == "invalid_request"

    no_scope = {**form, "grant_type": "client_credentials", "scope": ""}
    response = api.post(IMS_TOKEN_PATH, data=no_scope)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"

    assert api.get(IMS_TOKEN_PATH).status_code == 405


# --- create: success ---------------------------------------------------------------------


def test_create_success_with_exact_headers(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    response = create(api, token)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"] == REQUEST_ID
    data = response.json()
    assert set(data) == {"id", "name", "audienceId"}
    assert data["name"] == BODY["name"]
    [stored] = server.audiences("prod")
    assert stored["id"] == data["id"]
    assert stored["audienceId"] == data["audienceId"]
    assert {key: stored[key] for key in BODY} == BODY
    assert stored["sandbox"] == "prod"
    assert stored["createdAt"].endswith("Z")
    assert server.audiences("dev-sandbox") == []

    [recorded] = server.create_requests()
    assert recorded.method == "POST"
    assert recorded.path == CREATE_PATH
    assert recorded.query == {"createAudienceMetaOnly": ["true"]}
    assert recorded.headers["x-sandbox-name"] == "prod"
    assert recorded.headers["accept"] == aep.CREATE_ACCEPT
    assert recorded.json() == BODY
    assert recorded.form is None


def test_create_keeps_a_supplied_audience_id(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    response = create(api, token, {**BODY, "audienceId": "ext-42"})
    assert response.status_code == 200
    assert response.json()["audienceId"] == "ext-42"
    assert server.audiences("prod")[0]["audienceId"] == "ext-42"


def test_create_answers_the_seed_shape_without_id(server: LocalAepServer, token: str) -> None:
    server.config.include_id = False
    with httpx.Client(base_url=server.url, timeout=5) as api:
        response = create(api, token)
    assert response.status_code == 200
    assert set(response.json()) == {"name", "audienceId"}


@pytest.mark.parametrize("ais_path", aep.KNOWN_AIS_PATHS)
def test_both_ais_paths_are_accepted(
    server: LocalAepServer, api: httpx.Client, token: str, ais_path: str
) -> None:
    response = create(api, token, path=ais_path + "/audiences")
    assert response.status_code == 200
    assert len(server.create_requests()) == 1


def test_ais_paths_are_configurable() -> None:
    with (
        LocalAepServer(ServerConfig.demo(ais_paths=("/core/ais",))) as srv,
        httpx.Client(base_url=srv.url, timeout=5) as api,
    ):
        token = mint(api).json()["access_token"]
        assert create(api, token, path="/core/ais/audiences").status_code == 200
        assert_service(create(api, token, path="/data/core/ais/audiences"), 404)


def test_create_tolerates_whitespace_around_accept_and_a_utf8_charset(
    server: LocalAepServer, token: str
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(server), timeout=5)
    try:
        headers = {
            **create_headers(token),
            "Accept": f"  {aep.CREATE_ACCEPT}  ",
            "Content-Type": "application/json; charset=UTF-8",
        }
        conn.request(
            "POST", CREATE_PATH + "?createAudienceMetaOnly=true", json.dumps(BODY), headers
        )
        assert conn.getresponse().status == 200
    finally:
        conn.close()


def test_parallel_creates_are_stored_once_each(server: LocalAepServer, token: str) -> None:
    def one(name: str) -> int:
        with httpx.Client(base_url=server.url, timeout=5) as api:
            return create(api, token, {**BODY, "name": name}).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        distinct = list(pool.map(one, [f"A{i}" for i in range(16)]))
        same = list(pool.map(one, ["Same"] * 8))
    assert distinct == [200] * 16
    assert sorted(same) == [200] + [409] * 7
    assert len(server.audiences("prod")) == 17


# --- create: strict checks ---------------------------------------------------------------

SEED_CURL_BODY = (
    b'{"name": "People who ran", "description" "Ran in the last 30 days",'
    b' "namespace": "CustomerAudienceUpload", "originName": "x"}'
)

STRICT_CASES = [
    pytest.param({"drop": ["Authorization"]}, 403, "gateway", "403010", id="no-authorization"),
    pytest.param(
        {"set": {"Authorization": "Bearer not-a-token"}}, 401, "gateway", "401013", id="bad-token"
    ),
    pytest.param(
        {"set": {"Authorization": "Basic {token}"}}, 401, "gateway", "401013", id="not-bearer"
    ),
    pytest.param({"drop": ["x-api-key"]}, 403, "gateway", "403000", id="no-api-key"),
    pytest.param({"set": {"x-api-key": "other"}}, 403, "gateway", "403003", id="wrong-api-key"),
    pytest.param({"drop": ["x-gw-ims-org-id"]}, 400, "gateway", "400003", id="no-org"),
    pytest.param(
        {"set": {"x-gw-ims-org-id": "OTHER@AdobeOrg"}}, 401, "segmentation", "100921", id="bad-org"
    ),
    pytest.param({"drop": ["x-sandbox-name"]}, 401, "segmentation", "100920", id="no-sandbox"),
    pytest.param(
        {"set": {"x-sandbox-name": "nope"}}, 403, "gateway", "403025", id="unknown-sandbox"
    ),
    pytest.param({"params": {}}, 400, "service", None, id="no-query-flag"),
    pytest.param(
        {"params": {"createAudienceMetaOnly": "false"}}, 400, "service", None, id="flag-false"
    ),
    pytest.param(
        {"params": {"createAudienceMetaOnly": "True"}}, 400, "service", None, id="flag-case"
    ),
    pytest.param({"drop": ["Accept"]}, 406, "service", None, id="default-accept"),
    pytest.param(
        {"set": {"Accept": "application/vnd.adobe.external.audiences+json; version=1"}},
        406,
        "service",
        None,
        id="accept-version-1",
    ),
    pytest.param({"set": {"Accept": "application/json"}}, 406, "service", None, id="accept-json"),
    pytest.param({"set": {"Content-Type": "text/plain"}}, 415, "service", None, id="text-plain"),
    pytest.param(
        {"set": {"Content-Type": "application/json; charset=latin-1"}},
        415,
        "service",
        None,
        id="latin1-charset",
    ),
    pytest.param({"content": SEED_CURL_BODY}, 400, "segmentation", "100910", id="seed-bad-json"),
    pytest.param({"content": b""}, 400, "segmentation", "100910", id="empty-body"),
    pytest.param({"content": b"\xff\xfe{}"}, 400, "segmentation", "100910", id="not-utf8"),
    pytest.param({"content": b"[" * 100_000}, 400, "segmentation", "100910", id="deep-nesting"),
    pytest.param({"body": [BODY]}, 400, "segmentation", "100910", id="array"),
    pytest.param({"body": {**BODY, "extra": "x"}}, 400, "segmentation", "100910", id="extra-key"),
    pytest.param({"body": {**BODY, "name": ""}}, 400, "segmentation", "100910", id="empty-name"),
    pytest.param({"body": {**BODY, "name": "  "}}, 400, "segmentation", "100910", id="blank-name"),
    pytest.param(
        {"body": {k: v for k, v in BODY.items() if k != "originName"}},
        400,
        "segmentation",
        "100910",
        id="no-origin-name",
    ),
    pytest.param(
        {"body": {**BODY, "namespace": 5}}, 400, "segmentation", "100910", id="number-namespace"
    ),
    pytest.param(
        {"body": {**BODY, "description": None}},
        400,
        "segmentation",
        "100910",
        id="null-description",
    ),
    pytest.param(
        {"body": {**BODY, "audienceId": 7}}, 400, "segmentation", "100910", id="number-audience-id"
    ),
]


@pytest.mark.parametrize(("change", "status", "shape", "code"), STRICT_CASES)
def test_create_strict_checks(
    server: LocalAepServer,
    api: httpx.Client,
    token: str,
    change: dict[str, Any],
    status: int,
    shape: str,
    code: str | None,
) -> None:
    headers = create_headers(token)
    for name in change.get("drop", []):
        del headers[name]
    for name, value in change.get("set", {}).items():
        headers[name] = value.format(token=token)
    content = change.get("content", json.dumps(change.get("body", BODY)).encode())
    server.inject(Fault.rate_limit())  # a refused call must not consume the queued fault

    response = api.post(
        CREATE_PATH, params=change.get("params", aep.CREATE_QUERY), content=content, headers=headers
    )

    if shape == "gateway":
        assert code is not None
        assert_gateway(response, status, code)
    elif shape == "service":
        assert_service(response, status)
    else:
        assert code is not None
        assert_segmentation(response, status, code)
    assert response.headers["x-request-id"] == REQUEST_ID
    assert server.audiences("prod") == []
    assert server.pending_faults() == [Fault.rate_limit()]


def test_create_answers_the_first_failure_in_gateway_order(api: httpx.Client, token: str) -> None:
    headers = create_headers(token)
    del headers["Authorization"], headers["x-sandbox-name"], headers["Accept"]
    response = api.post(CREATE_PATH, content=b"not json", headers=headers)
    assert_gateway(response, 403, aep.GW_TOKEN_MISSING)


def test_token_of_another_client_needs_its_own_api_key() -> None:
    config = ServerConfig.demo(clients={DEMO_CLIENT_ID: DEMO_CLIENT_SECRET, "other": "s2"})
    with LocalAepServer(config) as srv, httpx.Client(base_url=srv.url, timeout=5) as api:
        other_token = mint(api, "other", "s2").json()["access_token"]
        response = create(api, other_token)  # sends x-api-key demo-client
        assert_gateway(response, 403, aep.GW_API_KEY_INVALID)


# --- create: duplicates ------------------------------------------------------------------


def test_duplicate_name_conflicts_in_the_same_sandbox_only(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    assert create(api, token).status_code == 200
    assert_segmentation(create(api, token), 409, aep.EA_DUPLICATE)
    assert "DUPLICATE_RESOURCE" in create(api, token).text
    assert create(api, token, sandbox="dev-sandbox").status_code == 200
    upper = {**BODY, "name": BODY["name"].upper()}
    assert create(api, token, upper).status_code == 200  # exact names only
    assert len(server.audiences("prod")) == 2


def test_duplicate_names_allowed_when_configured(server: LocalAepServer, token: str) -> None:
    server.config.duplicate_name_conflict = False
    with httpx.Client(base_url=server.url, timeout=5) as api:
        first = create(api, token)
        second = create(api, token)
    assert first.status_code == second.status_code == 200
    assert first.json()["id"] != second.json()["id"]
    assert len(server.audiences("prod")) == 2


# --- tokens: expiry and static tokens ----------------------------------------------------


def test_expire_tokens_invalidates_minted_tokens(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    assert create(api, token).status_code == 200
    server.expire_tokens()
    assert_gateway(create(api, token, {**BODY, "name": "2"}), 401, aep.GW_TOKEN_INVALID)
    fresh = mint(api).json()["access_token"]
    assert create(api, fresh, {**BODY, "name": "2"}).status_code == 200


def test_tokens_expire_after_their_lifetime() -> None:
    with (
        LocalAepServer(ServerConfig.demo(token_lifetime=0)) as srv,
        httpx.Client(base_url=srv.url, timeout=5) as api,
    ):
        minted = mint(api).json()
        assert minted["expires_in"] == 0
        assert_gateway(create(api, minted["access_token"]), 401, aep.GW_TOKEN_INVALID)


def test_static_accepted_token() -> None:
    config = ServerConfig.demo(accepted_tokens={"pasted-token"})
    with LocalAepServer(config) as srv, httpx.Client(base_url=srv.url, timeout=5) as api:
        assert create(api, "pasted-token").status_code == 200
        srv.expire_tokens()  # only minted tokens expire
        assert create(api, "pasted-token", {**BODY, "name": "2"}).status_code == 200
        headers = {**create_headers("pasted-token"), "x-api-key": "unknown-client"}
        response = api.post(
            CREATE_PATH, params=aep.CREATE_QUERY, content=json.dumps(BODY), headers=headers
        )
        assert_gateway(response, 403, aep.GW_API_KEY_INVALID)


# --- faults ------------------------------------------------------------------------------


def _check_rate_limit(response: httpx.Response, retry_after: str | None) -> None:
    assert response.json() == {"error_code": "429050", "message": "Too many requests"}
    assert response.headers.get("Retry-After") == retry_after


NOT_PROCESSED: list[Any] = [
    pytest.param(Fault.rate_limit(), 429, lambda r: _check_rate_limit(r, "1"), id="rate-limit"),
    pytest.param(
        Fault.rate_limit(None), 429, lambda r: _check_rate_limit(r, None), id="rate-limit-bare"
    ),
    pytest.param(
        Fault.rate_limit(2.5), 429, lambda r: _check_rate_limit(r, "2.5"), id="rate-limit-2.5"
    ),
    pytest.param(
        Fault.html_502(),
        502,
        lambda r: r.headers["content-type"].startswith("text/html") and "<html>" in r.text,
        id="html-502",
    ),
    pytest.param(Fault.empty_502(), 502, lambda r: r.content == b"", id="empty-502"),
    pytest.param(
        Fault.expired_token(),
        401,
        lambda r: r.json()["error_code"] == aep.GW_TOKEN_INVALID,
        id="expired-token",
    ),
    pytest.param(
        Fault.server_error(),
        500,
        lambda r: aep.EA_INTERNAL in assert_service(r, 500)["type"],
        id="server-error",
    ),
    pytest.param(
        Fault.forbidden(),
        403,
        lambda r: r.json() == {"error_code": "403025", "message": "Profile is not valid"},
        id="forbidden",
    ),
]


@pytest.mark.parametrize(("fault", "status", "check"), NOT_PROCESSED)
def test_faults_that_store_nothing(
    server: LocalAepServer,
    api: httpx.Client,
    token: str,
    fault: Fault,
    status: int,
    check: Callable[[httpx.Response], bool | None],
) -> None:
    server.inject(fault)
    response = create(api, token)
    assert response.status_code == status
    assert check(response) is not False
    assert response.headers["x-request-id"] == REQUEST_ID
    assert server.audiences("prod") == []
    assert create(api, token).status_code == 200  # one fault per call


def test_faults_play_in_order_one_per_create(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    server.inject(Fault.rate_limit(), Fault.forbidden())
    assert [create(api, token).status_code for _ in range(3)] == [429, 403, 200]
    assert server.pending_faults() == []


def test_garbage_json_stores_the_audience(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    server.inject(Fault.garbage_json())
    response = create(api, token)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == b"not json{"
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert [a["name"] for a in server.audiences("prod")] == [BODY["name"]]


def test_no_audience_id_stores_the_audience(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    server.inject(Fault.no_audience_id())
    response = create(api, token)
    assert response.status_code == 200
    assert response.json() == {"name": BODY["name"]}
    assert len(server.audiences("prod")) == 1


def test_drop_after_create_stores_then_closes(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    server.inject(Fault.drop_after_create())
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        create(api, token)
    found = lookup(api, token, name=BODY["name"])
    assert found.status_code == 200
    [child] = found.json()["children"]
    assert child["name"] == BODY["name"]


def test_short_hang_answers_504_html(server: LocalAepServer, api: httpx.Client, token: str) -> None:
    server.inject(Fault.hang(0.2))
    started = time.perf_counter()
    response = create(api, token)
    assert time.perf_counter() - started >= 0.2
    assert response.status_code == 504
    assert response.headers["content-type"].startswith("text/html")
    assert server.audiences("prod") == []


def test_hang_times_out_the_client_and_stop_stays_prompt() -> None:
    srv = LocalAepServer(ServerConfig.demo()).start()
    try:
        with httpx.Client(base_url=srv.url, timeout=httpx.Timeout(5.0, read=0.3)) as api:
            token = mint(api).json()["access_token"]
            srv.inject(Fault.hang(5))
            with pytest.raises(httpx.ReadTimeout):
                create(api, token)
    finally:
        started = time.perf_counter()
        srv.stop()
        assert time.perf_counter() - started < 1.0
    assert srv.audiences("prod") == []
    assert srv.errors == []


def test_stop_cuts_a_request_that_is_still_hanging() -> None:
    srv = LocalAepServer(ServerConfig.demo()).start()
    outcome: list[BaseException | httpx.Response] = []
    with httpx.Client(base_url=srv.url, timeout=10) as api:
        token = mint(api).json()["access_token"]
        srv.inject(Fault.hang(30))

        def call() -> None:
            try:
                outcome.append(create(api, token))
            except httpx.HTTPError as exc:
                outcome.append(exc)

        caller = threading.Thread(target=call)
        caller.start()
        deadline = time.monotonic() + 5
        while not srv.create_requests() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)  # let the handler reach its sleep
        started = time.perf_counter()
        srv.stop()
        assert time.perf_counter() - started < 1.0
        caller.join(timeout=2)
    assert not caller.is_alive()
    [result] = outcome
    assert isinstance(result, (httpx.RemoteProtocolError, httpx.ReadError))


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_fault_json_round_trip(kind: str) -> None:
    fault = Fault.from_dict({"kind": kind})
    assert fault == getattr(Fault, kind)()
    assert Fault.from_dict(fault.to_dict()) == fault
    assert fault.processed == (kind in {"drop_after_create", "garbage_json", "no_audience_id"})


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "nope"},
        {"kind": "rate_limit", "seconds": 1},
        {"kind": "hang", "seconds": -1},
        {"kind": "hang", "seconds": "5"},
        {"kind": "rate_limit", "retry_after": True},
        {},
    ],
)
def test_bad_fault_definitions_are_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Fault.from_dict(data)


# --- sandboxes and lookup ----------------------------------------------------------------


def test_sandbox_list(api: httpx.Client, token: str) -> None:
    response = api.get(aep.SANDBOXES_PATH, headers=gateway_headers(token))
    assert response.status_code == 200
    data = response.json()
    assert data["sandboxes"] == ServerConfig.demo().sandboxes
    assert data["_page"] == {"limit": 50, "count": 2}
    assert response.headers["x-request-id"] == REQUEST_ID


def test_sandbox_list_needs_the_gateway_headers(api: httpx.Client, token: str) -> None:
    assert_gateway(api.get(aep.SANDBOXES_PATH), 403, aep.GW_TOKEN_MISSING)
    headers = gateway_headers(token)
    del headers["x-gw-ims-org-id"]
    assert_gateway(api.get(aep.SANDBOXES_PATH, headers=headers), 400, aep.GW_ORG_MISSING)


def test_lookup_by_name_contains_and_by_audience_id(api: httpx.Client, token: str) -> None:
    names = ["Alpha one", "alpha two", "Beta", "ALPHA three"]
    ids = [create(api, token, {**BODY, "name": n}).json()["audienceId"] for n in names]
    create(api, token, {**BODY, "name": "Alpha dev"}, sandbox="dev-sandbox")

    found = lookup(api, token, name="alpha").json()
    assert [c["name"] for c in found["children"]] == ["Alpha one", "alpha two", "ALPHA three"]
    assert found["_page"] == {"totalCount": 3, "pageSize": 3}
    child = found["children"][0]
    assert {"id", "audienceId", "name", "description", "namespace", "originName"} <= set(child)

    exact = lookup(api, token, property=f"audienceId=={ids[2]}").json()
    assert [c["name"] for c in exact["children"]] == ["Beta"]
    assert lookup(api, token, property=f"audienceId=={ids[2][:-1]}").json()["children"] == []
    assert lookup(api, token, "dev-sandbox").json()["_page"]["totalCount"] == 1


def test_lookup_paginates(api: httpx.Client, token: str) -> None:
    for i in range(23):
        assert create(api, token, {**BODY, "name": f"Item {i:02}"}).status_code == 200
    first = lookup(api, token).json()
    assert first["_page"] == {"totalCount": 23, "pageSize": 20, "next": "20"}
    rest = lookup(api, token, start=first["_page"]["next"]).json()
    assert [c["name"] for c in rest["children"]] == ["Item 20", "Item 21", "Item 22"]
    assert "next" not in rest["_page"]
    page = lookup(api, token, limit="5", start="5").json()
    assert [c["name"] for c in page["children"]] == [f"Item {i:02}" for i in range(5, 10)]
    assert page["_page"]["next"] == "10"


@pytest.mark.parametrize(
    "params",
    [{"limit": "0"}, {"limit": "x"}, {"start": "-1"}, {"property": "colour==red"}],
)
def test_lookup_bad_parameters(api: httpx.Client, token: str, params: dict[str, str]) -> None:
    assert_service(lookup(api, token, **params), 400)


def test_lookup_needs_a_known_sandbox(api: httpx.Client, token: str) -> None:
    no_sandbox = api.get(aep.AUDIENCE_LOOKUP_PATH, headers=gateway_headers(token))
    assert_segmentation(no_sandbox, 401, aep.EA_MISSING_HEADER)
    assert_gateway(lookup(api, token, "nope"), 403, aep.GW_PROFILE_INVALID)


# --- control endpoint --------------------------------------------------------------------


def test_control_endpoint_queues_faults_and_lists_audiences(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    faults = [{"kind": "rate_limit", "retry_after": 1}, {"kind": "hang", "seconds": 0.05}]
    queued = api.post("/__local__/faults", json={"faults": faults})
    assert queued.status_code == 200
    assert queued.json() == {"queued": 2, "pending": faults}
    assert server.pending_faults() == [Fault.rate_limit(1), Fault.hang(0.05)]

    assert create(api, token).status_code == 429
    assert create(api, token).status_code == 504
    assert create(api, token).status_code == 200

    listed = api.get("/__local__/audiences", params={"sandbox": "prod"}).json()
    assert [a["name"] for a in listed["audiences"]] == [BODY["name"]]
    assert api.get("/__local__/audiences", params={"sandbox": "dev-sandbox"}).json() == {
        "audiences": []
    }
    assert len(api.get("/__local__/audiences").json()["audiences"]) == 1


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        b'{"faults": {}}',
        b'{"faults": [{"kind": "nope"}]}',
        b'{"faults": [{"kind": "rate_limit"}, {"kind": "hang", "seconds": "x"}]}',
    ],
)
def test_control_endpoint_refuses_bad_faults(
    server: LocalAepServer, api: httpx.Client, content: bytes
) -> None:
    response = api.post(
        "/__local__/faults", content=content, headers={"Content-Type": "application/json"}
    )
    assert_service(response, 400)
    assert server.pending_faults() == []
