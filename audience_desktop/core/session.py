"""Builds a ready AEP client for a profile: HTTP client, token source, retry policy."""

from __future__ import annotations

from collections.abc import Callable

from audience_desktop.core.auth import token_source
from audience_desktop.core.client import AepClient, RetryPolicy
from audience_desktop.core.net import make_client
from audience_desktop.core.profiles import Profile


def open_client(
    profile: Profile,
    *,
    secret: Callable[[], str | None] | None = None,
    retry: RetryPolicy | None = None,
) -> AepClient:
    """An AepClient for ``profile``, its tokens from the keyring unless ``secret`` is given."""
    http = make_client(profile.platform_url, profile.connect_timeout, profile.read_timeout)
    return AepClient(profile, token_source(profile, http, secret), http, retry)
