"""Demo mode: the built-in server on a free loopback port and a ready profile for it.

The demo credential is public (it is in this file), so it is handed to the token source
directly instead of through the keyring: a newcomer without a keyring can still try it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from audience_desktop.core.client import AepClient
from audience_desktop.core.profiles import Profile
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_ORG_ID,
    IMS_TOKEN_PATH,
    LocalAepServer,
    ServerConfig,
)

DEMO_PROFILE = "demo"
DEMO_SANDBOX = "dev-sandbox"


def demo_history_path() -> Path:
    """A throwaway history for one demo session, removed when the process exits.

    Demo attempts never mix with real ones: the demo server forgets them when it stops.
    """
    folder = Path(tempfile.mkdtemp(prefix="audience-desktop-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder / "demo-history.sqlite3"


def start_demo_server(port: int = 0, latency: float = 0.0) -> LocalAepServer:
    """Start the built-in server with the demo credential; the caller stops it."""
    config = ServerConfig.demo()
    config.latency = latency
    return LocalAepServer(config, port=port).start()


SERVE_LOCAL_URL = "http://127.0.0.1:8765"  # where ``audience-cli serve-local`` listens by default


def demo_profile(server: LocalAepServer | None = None, sandbox: str = DEMO_SANDBOX) -> Profile:
    """A profile pointing at ``server``, or at ``serve-local``'s default address."""
    url = server.url if server is not None else SERVE_LOCAL_URL
    return Profile(
        name=DEMO_PROFILE,
        org_id=DEMO_ORG_ID,
        client_id=DEMO_CLIENT_ID,
        sandbox=sandbox,
        platform_url=url,
        ims_url=url + IMS_TOKEN_PATH,
        sandbox_type="development",
    ).validated()


def demo_client(profile: Profile) -> AepClient:
    """A client whose token source knows the demo secret without any keyring."""
    return open_client(profile, secret=lambda: DEMO_CLIENT_SECRET)
