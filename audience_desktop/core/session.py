"""Builds a ready AEP client for a profile: HTTP client, token source, retry policy."""

from __future__ import annotations

import threading

from audience_desktop.core.auth import TokenSource, token_source
from audience_desktop.core.client import AepClient, RetryPolicy
from audience_desktop.core.net import make_client
from audience_desktop.core.profiles import Profile


def open_client(
    profile: Profile,
    *,
    tokens: TokenSource | None = None,
    retry: RetryPolicy | None = None,
    cancel: threading.Event | None = None,
) -> AepClient:
    """An AepClient for ``profile``; the token source defaults to the profile's auth kind."""
    http = make_client(profile.platform_url, profile.connect_timeout, profile.read_timeout)
    return AepClient(profile, tokens or token_source(profile, http), http, retry, cancel=cancel)
