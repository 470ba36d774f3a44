"""Fixtures for the built-in server's own tests: the demo config, an httpx client, a token."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from audience_desktop.localserver import LocalAepServer, ServerConfig
from tests.localserver.helpers import mint


# These tests pin the server's own contract, on the demo config (tests/integration's
# `server` fixture runs it with a test client instead).
@pytest.fixture
def server() -> Iterator[LocalAepServer]:
    with LocalAepServer(ServerConfig.demo()) as srv:
        yield srv
    assert srv.errors == []


@pytest.fixture
def api(server: LocalAepServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=5.0) as client:
        yield client


@pytest.fixture
def token(api: httpx.Client) -> str:
    response = mint(api)
    assert response.status_code == 200
    value: str = response.json()["access_token"]
    return value
