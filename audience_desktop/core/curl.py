"""A request as a cURL command a developer can run: secrets replaced by placeholders."""

from __future__ import annotations

import json
import shlex
from dataclasses import replace

from audience_desktop.core import aep
from audience_desktop.core.history import Attempt
from audience_desktop.core.profiles import Profile
from audience_desktop.core.request import TOKEN_PLACEHOLDER, PreparedRequest, build_create_request

_DROPPED = {aep.H_REQUEST_ID}  # a fixed request id would be reused by every run of the command


def to_curl(request: PreparedRequest) -> str:
    """POSIX-shell cURL for ``request``; the bearer token is always ``{ACCESS_TOKEN}``."""
    lines = [f"curl -X {request.method} {shlex.quote(request.full_url)}"]
    for name, value in request.headers.items():
        if name.lower() in _DROPPED:
            continue
        if name.lower() == aep.H_AUTH:
            value = f"Bearer {TOKEN_PLACEHOLDER}"
        lines.append(f"-H {shlex.quote(f'{name}: {value}')}")
    if request.body is not None:
        lines.append(f"-d {shlex.quote(json.dumps(request.body, indent=2, ensure_ascii=False))}")
    return " \\\n  ".join(lines)


def attempt_curl(attempt: Attempt, profile: Profile | None) -> str:
    """cURL for a past attempt; without its profile, org and API key become placeholders."""
    org = profile.org_id if profile else "{ORG_ID}"
    client_id = profile.client_id if profile else "{API_KEY}"
    stand_in = Profile(
        name=attempt.profile,
        org_id=org,
        client_id=client_id,
        sandbox=attempt.sandbox,
        platform_url="",
        ais_path="",
    )
    request = build_create_request(stand_in, attempt.draft)
    endpoint = attempt.endpoint or (profile.create_url if profile else "")
    return to_curl(replace(request, url=endpoint))
