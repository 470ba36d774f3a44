"""Behind TLS inspection: a real CONNECT proxy on 127.0.0.1 that re-signs with a throwaway CA.

Trust is set up the way it is on a real Linux machine: the app uses the OS trust store
(``truststore``, which on Linux is OpenSSL's default verify paths), and ``SSL_CERT_FILE`` is
OpenSSL's own way to name that store's file. Trusted, the create goes through the proxy
untouched; untrusted, the error says what it is (whose certificate, what to trust), not
"could not reach". The host names exist only in the proxy's table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from audience_desktop.core import credentials as secrets
from audience_desktop.core import net
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, ErrorKind
from audience_desktop.core.history import History, Status
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import AuthKind, Profile, ProfileStore
from audience_desktop.core.service import AudienceService
from audience_desktop.localserver.server import LocalAepServer
from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, ORG_ID
from tests.support import hostile_server as hs
from tests.support.throwaway_ca import InspectingProxy, ThrowawayCA

PLATFORM = "platform.inspected.test"
IMS = "ims.inspected.test"
DRAFT = AudienceDraft("Inspected buyers", "agora", "Agora_Collab")


@pytest.fixture
def proxy(server: LocalAepServer, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[InspectingProxy]:  # fmt: skip
    """Proxy variables set, no bypass; a fresh TLS context before and after each test."""
    for var in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy",
                "https_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR"):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    ca = ThrowawayCA(tmp_path / "ca")
    with contextlib.ExitStack() as stack:
        plain = stack.enter_context(hs.HostileServer(backend=server.url))
        running = stack.enter_context(InspectingProxy(ca, {PLATFORM: plain.port, IMS: plain.port}))
        monkeypatch.setenv("HTTPS_PROXY", running.url)
        net._ssl_context.cache_clear()  # certificates loaded by earlier tests are forgotten
        yield running
    net._ssl_context.cache_clear()


def inspected_profile(auth: AuthKind = AuthKind.OAUTH) -> Profile:
    kind = (
        secrets.SecretKind.ACCESS_TOKEN
        if auth is AuthKind.TOKEN
        else secrets.SecretKind.CLIENT_SECRET
    )
    secrets.set_secret(
        "inspected", kind, "pasted-token-1234" if auth is AuthKind.TOKEN else CLIENT_SECRET
    )
    return ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(
            name="inspected", org_id=ORG_ID, client_id=CLIENT_ID, sandbox="dev", auth=auth,
            platform_url=f"https://{PLATFORM}", ims_url=f"https://{IMS}/ims/token/v3",
            connect_timeout=2.0, read_timeout=5.0, total_timeout=10.0,
        )
    )  # fmt: skip


def test_trusted_inspection_certificate_is_all_it_takes(
    proxy: InspectingProxy, server: LocalAepServer, service: AudienceService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(proxy.ca.pem))  # "IT installed the company root"
    outcome = service.create(inspected_profile(), DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED, outcome.error
    assert len(server.create_requests()) == 1
    assert f"{IMS}:443" in proxy.connects and f"{PLATFORM}:443" in proxy.connects


def test_untrusted_inspection_certificate_is_named_not_called_a_network_problem(
    proxy: InspectingProxy, server: LocalAepServer, service: AudienceService, history: History
) -> None:
    with pytest.raises(AepError) as caught:
        service.create(inspected_profile(), DRAFT)
    error = caught.value
    text = error.describe()
    assert error.kind is ErrorKind.AUTH
    assert f"certificate presented for {IMS} is not trusted" in text
    assert "issued by “Throwaway Inspection CA”" in text
    assert "inspection root certificate" in text and "system trust store" in text
    assert "Could not reach" not in text and "ConnectError" not in text
    assert CLIENT_SECRET not in text
    assert history.count() == 0 and server.token_requests() == []


def test_untrusted_certificate_on_the_create_is_failed_at_once_not_retried(
    proxy: InspectingProxy, server: LocalAepServer, service: AudienceService
) -> None:
    outcome = service.create(inspected_profile(AuthKind.TOKEN), DRAFT)
    assert outcome.attempt.status is Status.FAILED
    error = outcome.error
    assert error is not None and error.kind is ErrorKind.NOT_SENT
    assert f"certificate presented for {PLATFORM} is not trusted" in error.describe()
    assert "Throwaway Inspection CA" in error.describe()
    assert "Gave up after" not in error.describe()  # a certificate does not get better
    # one refused handshake for the request, one to read the issuer: nothing sent either time
    assert proxy.connects.count(f"{PLATFORM}:443") == 2
    assert server.create_requests() == []


def test_a_certificate_from_another_ca_is_still_refused(
    proxy: InspectingProxy, server: LocalAepServer, service: AudienceService,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    other = ThrowawayCA(tmp_path / "other", name="Some Other CA")
    monkeypatch.setenv("SSL_CERT_FILE", str(other.pem))
    outcome = service.create(inspected_profile(AuthKind.TOKEN), DRAFT)
    assert outcome.attempt.status is Status.FAILED
    assert outcome.error is not None and "Throwaway Inspection CA" in outcome.error.describe()
