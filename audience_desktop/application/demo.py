"""Demo mode: the built-in server on a free loopback port, a ready profile and a throwaway history.

The demo credential is public (it is in the local server's code), so it is handed to the
token source directly instead of through the keyring: a newcomer without a keyring can
still try the app.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audience_desktop.core.profiles import Profile

if TYPE_CHECKING:
    from audience_desktop.core.client import AepClient
    from audience_desktop.localserver.server import LocalAepServer

DEMO_PROFILE = "demo"
DEMO_SANDBOX = "dev-sandbox"
SERVE_LOCAL_PORT = 8765  # where ``audience-cli serve-local`` listens by default
SERVE_LOCAL_URL = f"http://127.0.0.1:{SERVE_LOCAL_PORT}"


def demo_profile(url: str = SERVE_LOCAL_URL, sandbox: str = DEMO_SANDBOX) -> Profile:
    """A profile pointing at a built-in server at ``url`` (``serve-local``'s by default)."""
    from audience_desktop.localserver.server import DEMO_CLIENT_ID, DEMO_ORG_ID, IMS_TOKEN_PATH

    return Profile(
        name=DEMO_PROFILE,
        org_id=DEMO_ORG_ID,
        client_id=DEMO_CLIENT_ID,
        sandbox=sandbox,
        platform_url=url,
        ims_url=url + IMS_TOKEN_PATH,
        sandbox_type="development",
        sandbox_title="Development" if sandbox == DEMO_SANDBOX else "",  # as the server says
    ).validated()


def demo_client(profile: Profile) -> AepClient:
    """A client whose token source knows the public demo secret without any keyring."""
    from audience_desktop.core.session import open_client
    from audience_desktop.localserver.server import DEMO_CLIENT_SECRET

    return open_client(profile, secret=lambda: DEMO_CLIENT_SECRET)


@dataclass(frozen=True)
class DemoCredential:
    """The public credential the built-in server accepts (it protects nothing)."""

    org_id: str
    client_id: str
    secret: str


def bind_local_server(
    port: int, *, rate_limit: float = 0.0, latency: float = 0.0
) -> tuple[LocalAepServer, DemoCredential]:
    """The built-in server bound to ``port`` (OSError when taken), not serving yet;
    ``rate_limit`` creates per second (0: none) and ``latency`` seconds before each answer."""
    from audience_desktop.localserver.server import (
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        DEMO_ORG_ID,
        LocalAepServer,
        ServerConfig,
    )

    config = ServerConfig.demo(create_rate_limit=rate_limit, latency=latency)
    server = LocalAepServer(config, port=port)
    return server, DemoCredential(DEMO_ORG_ID, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)


@dataclass
class DemoSession:
    """A running demo: its server, its profile and its throwaway history folder."""

    server: LocalAepServer
    profile: Profile
    folder: Path

    @classmethod
    def start(cls, latency: float = 0.0) -> DemoSession:
        from audience_desktop.localserver.server import (
            LocalAepServer,
            ServerConfig,
            sample_audiences,
        )

        config = ServerConfig.demo()
        config.latency = latency
        server = LocalAepServer(config, port=0).start()
        server.add_audiences(DEMO_SANDBOX, sample_audiences())  # a sandbox others use too
        folder = Path(tempfile.mkdtemp(prefix="audience-desktop-demo-"))
        return cls(server, demo_profile(server.url), folder)

    @property
    def history_path(self) -> Path:
        """Demo attempts never mix with real ones: the demo server forgets them when it stops."""
        return self.folder / "demo-history.sqlite3"

    def client(self, profile: Profile) -> AepClient:
        return demo_client(profile)

    def stop(self) -> None:
        self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
