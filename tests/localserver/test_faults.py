"""Faults: how each one plays on a create, their JSON form, and the control endpoint."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from audience_desktop.core import aep
from audience_desktop.localserver import FAULT_KINDS, Fault, LocalAepServer
from tests.localserver.helpers import BODY, REQUEST_ID, assert_service, create, lookup

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


# --- control endpoint --------------------------------------------------------------------


def test_control_endpoint_queues_faults_and_lists_audiences(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    faults = [{"kind": "rate_limit", "retry_after": 1}, {"kind": "hang", "seconds": 0.05}]
    queued = api.post("/__local__/faults", json={"faults": faults}, headers=server.control_headers)
    assert queued.status_code == 200
    assert queued.json() == {"queued": 2, "pending": faults}
    assert server.pending_faults() == [Fault.rate_limit(1), Fault.hang(0.05)]

    assert create(api, token).status_code == 429
    assert create(api, token).status_code == 504
    assert create(api, token).status_code == 200

    listed = api.get(
        "/__local__/audiences", params={"sandbox": "prod"}, headers=server.control_headers
    ).json()
    assert [a["name"] for a in listed["audiences"]] == [BODY["name"]]
    assert api.get(
        "/__local__/audiences", params={"sandbox": "dev-sandbox"}, headers=server.control_headers
    ).json() == {"audiences": []}
    assert (
        len(api.get("/__local__/audiences", headers=server.control_headers).json()["audiences"])
        == 1
    )


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
        "/__local__/faults",
        content=content,
        headers={"Content-Type": "application/json", **server.control_headers},
    )
    assert_service(response, 400)
    assert server.pending_faults() == []
