"""The IMS token call and the gateway's token checks: minting, expiry, static tokens."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from audience_desktop.core import aep
from audience_desktop.localserver import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    IMS_TOKEN_PATH,
    LocalAepServer,
    ServerConfig,
)
from tests.localserver.helpers import (
    BODY,
    CREATE_PATH,
    assert_gateway,
    create,
    create_headers,
    mint,
)

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


# --- tokens: expiry, static tokens, api keys ---------------------------------------------


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


def test_token_of_another_client_needs_its_own_api_key() -> None:
    config = ServerConfig.demo(clients={DEMO_CLIENT_ID: DEMO_CLIENT_SECRET, "other": "s2"})
    with LocalAepServer(config) as srv, httpx.Client(base_url=srv.url, timeout=5) as api:
        other_token = mint(api, "other", "s2").json()["access_token"]
        response = create(api, other_token)  # sends x-api-key demo-client
        assert_gateway(response, 403, aep.GW_API_KEY_INVALID)
