"""The create call: success shapes, every strict check in gateway order, duplicates, routing."""

from __future__ import annotations

import http.client
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from audience_desktop.core import aep
from audience_desktop.localserver import Fault, LocalAepServer, ServerConfig
from tests.localserver.helpers import (
    BODY,
    CREATE_PATH,
    REQUEST_ID,
    assert_gateway,
    assert_segmentation,
    assert_service,
    create,
    create_headers,
    mint,
    port_of,
)

# --- routing -----------------------------------------------------------------------------


def test_unknown_route_and_wrong_method(api: httpx.Client) -> None:
    missing = assert_service(api.get("/nowhere"), 404)
    assert aep.EA_NOT_FOUND in missing["type"]
    wrong = api.get(CREATE_PATH)
    assert_service(wrong, 405)
    assert wrong.headers["Allow"] == "POST"


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
