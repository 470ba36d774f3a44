"""Fixtures for tests against the built-in AEP server over real loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from audience_desktop.core import credentials as secrets
from audience_desktop.core.client import AepClient, RetryPolicy
from audience_desktop.core.history import History
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.core.service import AudienceService
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import LocalAepServer, ServerConfig

CLIENT_ID = "test-client"
CLIENT_SECRET = "TEST-s3cr3t-never-in-files-7f3a"
ORG_ID = "0123456789ABCDEF01234567@AdobeOrg"
FAST_RETRY = RetryPolicy(max_attempts=4, backoff_base=0.01, backoff_cap=0.05, max_total_wait=5)


@pytest.fixture
def server() -> Iterator[LocalAepServer]:
    config = ServerConfig(
        clients={CLIENT_ID: CLIENT_SECRET},
        org_id=ORG_ID,
        sandboxes=[
            {"name": "prod", "title": "Production", "state": "active", "type": "production", "isDefault": True},
            {"name": "dev", "title": "Development", "state": "active", "type": "development", "isDefault": False},
        ],
    )  # fmt: skip
    with LocalAepServer(config) as running:
        yield running


@pytest.fixture
def profile(server: LocalAepServer) -> Profile:
    """A saved profile for the server, its secret in the (isolated) keyring."""
    secrets.set_secret("work", secrets.SecretKind.CLIENT_SECRET, CLIENT_SECRET)
    return ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(
            name="work",
            org_id=ORG_ID,
            client_id=CLIENT_ID,
            sandbox="dev",
            platform_url=server.url,
            ims_url=server.ims_url,
            read_timeout=2.0,
            connect_timeout=1.0,
        )
    )


@pytest.fixture
def client(profile: Profile) -> AepClient:
    return open_client(profile, retry=FAST_RETRY)


@pytest.fixture
def history() -> Iterator[History]:
    store = History(app_paths().ensure().history_db)
    yield store
    store.close()


@pytest.fixture
def service(history: History) -> AudienceService:
    return AudienceService(history, lambda p: open_client(p, retry=FAST_RETRY))
