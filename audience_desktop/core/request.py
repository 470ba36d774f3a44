"""Requests as data: the one place that builds AEP headers and the create call.

Kept free of httpx so the window can build a cURL command without importing the network
stack on its GUI thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

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
    profile: Profile, token: str, *, accept: str = aep.JSON_CONTENT_TYPE
) -> dict[str, str]:
    """The headers every AEP call carries, with a fresh x-request-id each time."""
    return {
        aep.H_AUTH: f"Bearer {token}",
        aep.H_API_KEY: profile.client_id,
        aep.H_ORG: profile.org_id,
        aep.H_SANDBOX: profile.sandbox,
        aep.H_ACCEPT: accept,
        aep.H_REQUEST_ID: str(uuid.uuid4()),
    }


def build_create_request(
    profile: Profile, draft: AudienceDraft, token: str = TOKEN_PLACEHOLDER
) -> PreparedRequest:
    """Exactly the documented create call."""
    headers = aep_headers(profile, token, accept=aep.CREATE_ACCEPT)
    headers[aep.H_CONTENT_TYPE] = aep.JSON_CONTENT_TYPE
    return PreparedRequest(
        "POST", profile.create_url, dict(aep.CREATE_QUERY), headers, draft.body()
    )


def build_get_request(
    profile: Profile, path: str, params: dict[str, str], token: str = TOKEN_PLACEHOLDER
) -> PreparedRequest:
    """A read from one of the create call's neighbours (sandboxes, audience lookup)."""
    return PreparedRequest("GET", profile.platform_url + path, params, aep_headers(profile, token))


def build_delete_request(
    profile: Profile, audience_id: str, token: str = TOKEN_PLACEHOLDER
) -> PreparedRequest:
    """``DELETE /data/core/ups/audiences/{id}``: ``audience_id`` is the system id."""
    return PreparedRequest(
        "DELETE", audience_url(profile, audience_id), {}, aep_headers(profile, token)
    )


def audience_path(audience_id: str) -> str:
    """One audience's path; the id is percent-encoded whole (a "/" in it stays in it)."""
    return f"{aep.AUDIENCE_LOOKUP_PATH}/{quote(audience_id, safe='')}"


def audience_url(profile: Profile, audience_id: str) -> str:
    return profile.platform_url + audience_path(audience_id)
