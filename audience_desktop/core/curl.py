"""A request as a cURL command a developer can run: secrets replaced by placeholders."""

from __future__ import annotations

import json
import shlex

from audience_desktop.core.request import TOKEN_PLACEHOLDER, PreparedRequest

_DROPPED = {"x-request-id"}  # a fixed request id would be reused by every run of the command


def to_curl(request: PreparedRequest) -> str:
    """POSIX-shell cURL for ``request``; the bearer token is always ``{ACCESS_TOKEN}``."""
    lines = [f"curl -X {request.method} {shlex.quote(request.full_url)}"]
    for name, value in request.headers.items():
        if name.lower() in _DROPPED:
            continue
        if name.lower() == "authorization":
            value = f"Bearer {TOKEN_PLACEHOLDER}"
        lines.append(f"-H {shlex.quote(f'{name}: {value}')}")
    if request.body is not None:
        lines.append(f"-d {shlex.quote(json.dumps(request.body, indent=2, ensure_ascii=False))}")
    return " \\\n  ".join(lines)
