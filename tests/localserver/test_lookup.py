"""The sandbox list and the audience lookup (filters, pagination, header checks)."""

from __future__ import annotations

import httpx
import pytest

from audience_desktop.core import aep
from audience_desktop.localserver import ServerConfig
from tests.localserver.helpers import (
    BODY,
    REQUEST_ID,
    assert_gateway,
    assert_segmentation,
    assert_service,
    create,
    gateway_headers,
    lookup,
)

# --- sandboxes ---------------------------------------------------------------------------


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


# --- lookup ------------------------------------------------------------------------------


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
