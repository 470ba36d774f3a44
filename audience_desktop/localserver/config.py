"""What the built-in server accepts, and the public demo credential it accepts by default.

Apart from the fake AEP and the server, so both read one config and callers can build
one (``ServerConfig.demo()``) without touching either.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from audience_desktop.core import aep

DEMO_CLIENT_ID = "demo-client"
DEMO_CLIENT_SECRET = "demo-secret-not-a-real-secret"
DEMO_ORG_ID = "DEMO0000000000000000000@AdobeOrg"


@dataclass
class ServerConfig:
    """What the server accepts; read live, so a test may change it while serving."""

    clients: dict[str, str]  # client_id -> client_secret accepted by the IMS token call
    org_id: str  # the only accepted x-gw-ims-org-id
    sandboxes: list[dict[str, Any]]  # answered by the sandbox list; "name" is what is accepted
    ais_paths: tuple[str, ...] = aep.KNOWN_AIS_PATHS  # create path prefixes accepted
    token_lifetime: int = 86399  # expires_in of minted tokens, in seconds
    latency: float = 0.0  # seconds added before answering every request
    include_id: bool = True  # answer {"id","name","audienceId"} (newest doc) or the seed's shape
    duplicate_name_conflict: bool = True  # same exact name twice in a sandbox -> 409 100950
    accepted_tokens: set[str] = field(default_factory=set)  # static "pasted" bearer tokens

    @classmethod
    def demo(cls, **changes: Any) -> ServerConfig:
        """A ready config for demo mode and tests; keyword arguments override fields."""
        config = cls(
            clients={DEMO_CLIENT_ID: DEMO_CLIENT_SECRET},
            org_id=DEMO_ORG_ID,
            sandboxes=[
                {
                    "name": "prod",
                    "title": "Production",
                    "state": "active",
                    "type": "production",
                    "isDefault": True,
                },
                {
                    "name": "dev-sandbox",
                    "title": "Development",
                    "state": "active",
                    "type": "development",
                    "isDefault": False,
                },
            ],
        )
        return replace(config, **changes)
