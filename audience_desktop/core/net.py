"""The one place that builds HTTP clients: TLS always verified, OS trust store, proxies, timeouts.

``truststore`` makes Python trust what the OS trusts, so a corporate TLS-inspection root
installed by IT works without turning verification off. Proxy variables (HTTPS_PROXY,
NO_PROXY...) are honoured, except towards this computer's own local server.
"""

from __future__ import annotations

import ssl
from functools import lru_cache
from urllib.parse import urlsplit

import httpx

from audience_desktop import __version__
from audience_desktop.core.profiles import is_loopback

USER_AGENT = f"audience-desktop/{__version__}"


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    try:
        import truststore

        return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception:  # truststore unsupported here: fall back to verified default CAs
        return ssl.create_default_context()


def make_client(base_url: str, connect_timeout: float, read_timeout: float) -> httpx.Client:
    """An httpx client for ``base_url``; verification cannot be turned off."""
    host = urlsplit(base_url).hostname or ""
    local = is_loopback(host)
    return httpx.Client(
        verify=_ssl_context(),
        timeout=httpx.Timeout(
            connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
        ),
        trust_env=not local,  # proxies never get loopback traffic
        follow_redirects=False,  # a redirect would resend the Authorization header elsewhere
        headers={"User-Agent": USER_AGENT},
    )
