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
    listing_forbidden: bool = False  # every audience read answers 403 (create-only credential)
    # Creates per second beyond which a create is answered 429 without Retry-After (0: none);
    # a token bucket holding one second's worth (see ratelimit.py).
    create_rate_limit: float = 0.0

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


def sample_audiences() -> list[dict[str, Any]]:
    """Audiences "made by colleagues" that demo mode finds in its sandbox, in AEP's shape:
    two external ones and one Experience Platform segment (not external)."""
    day = 86_400_000  # milliseconds
    base = 1_717_200_000_000  # 2024-06-01 UTC
    common = {"lifecycleState": "published", "sandbox": "dev-sandbox"}
    return [
        {
            **common, "id": "5b1f7e4c-0000-4000-8000-00000000d001",
            "audienceId": "demo-crm-newsletter", "name": "Newsletter subscribers (sample)",
            "description": "Opted in to the newsletter", "namespace": "email",
            "originName": "CRM", "type": "ExternalSegment",
            "creationTime": base, "updateTime": base + day,
        },
        {
            **common, "id": "5b1f7e4c-0000-4000-8000-00000000d002",
            "audienceId": "demo-agora-buyers", "name": "Summer buyers 2024 (sample)",
            "description": "", "namespace": "agora", "originName": "Agora_Collaboration",
            "type": "ExternalSegment", "creationTime": base + 2 * day,
            "updateTime": base + 2 * day,
        },
        {
            **common, "id": "5b1f7e4c-0000-4000-8000-00000000d003",
            "audienceId": "5b1f7e4c-0000-4000-8000-00000000d003",
            "name": "Frequent visitors (sample)", "description": "Three visits this week",
            "namespace": "ups", "type": "SegmentDefinition",
            "creationTime": base + 3 * day, "updateTime": base + 5 * day,
        },
    ]  # fmt: skip
