"""Requests as data: the one place that builds AEP headers and the create call.

Kept free of httpx so the window can build a cURL command without importing the network
stack on its GUI thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from audience_desktop.core import aep
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.profiles import Profile

TOKEN_PLACEHOLDER = "{ACCESS_TOKEN}"


@dataclass(frozen=True)
class PreparedRequest:
    """A request as data: sent by the client, printed as cURL, shown in the GUI."""

    method: str
    url: str
    params: dict[str, str]
    headers: dict[str, str]
    body: dict[str, Any] | None = None

    @property
    def full_url(self) -> str:
        return f"{self.url}?{urlencode(self.params)}" if self.params else self.url


def aep_headers(
    profile: Profile, token: str, *, accept: str = "application/json"
) -> dict[str, str]:
    """The headers every AEP call carries."""
    return {
        "Authorization": f"Bearer {token}",
        "x-api-key": profile.client_id,
        "x-gw-ims-org-id": profile.org_id,
        "x-sandbox-name": profile.sandbox,
        "Accept": accept,
    }


def build_create_request(
    profile: Profile, draft: AudienceDraft, token: str = TOKEN_PLACEHOLDER
) -> PreparedRequest:
    """Exactly the documented create call, with a fresh x-request-id each time."""
    headers = aep_headers(profile, token, accept=aep.CREATE_ACCEPT)
    headers["Content-Type"] = aep.JSON_CONTENT_TYPE
    headers["x-request-id"] = str(uuid.uuid4())
    return PreparedRequest(
        "POST", profile.create_url, dict(aep.CREATE_QUERY), headers, draft.body()
    )
