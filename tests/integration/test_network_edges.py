"""The network's edges against real loopback servers: trickled answers, cancels in flight,
huge bodies, absurd ids, unsendable tokens, strange token lifetimes, redirects.

A hostile server (tests/support/hostile_server.py) sits in front of the built-in AEP server:
the create call gets the misbehaviour, tokens and lookups stay real, so "settled by lookup,
never resent" is checked against the audiences the real server holds.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import math
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from audience_desktop import cli
from audience_desktop.core import credentials as secrets
from audience_desktop.core.auth import MAX_LIFETIME, PastedToken
from audience_desktop.core.client import AepClient, RetryPolicy
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, ErrorKind
from audience_desktop.core.history import History, Status
from audience_desktop.core.net import make_client
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import MAX_TIMEOUT, Profile, ProfileInvalid, ProfileStore
from audience_desktop.core.service import STALE_PENDING, AudienceService
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import LocalAepServer
from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, FAST_RETRY, ORG_ID
from tests.support import hostile_server as hs

DRAFT = AudienceDraft("Edge buyers", "agora", "Agora_Collab")


@pytest.fixture
def hostile(server: LocalAepServer) -> Iterator[hs.HostileServer]:
    with hs.HostileServer(backend=server.url) as running:
        yield running


def edge_profile(hostile: hs.HostileServer, **timeouts: float | None) -> Profile:
    """A saved profile whose platform and IMS are the hostile server (in front of the real)."""
    secrets.set_secret("edge", secrets.SecretKind.CLIENT_SECRET, CLIENT_SECRET)
    values = {"read_timeout": 3.0, "connect_timeout": 1.0, "total_timeout": 15.0, **timeouts}
    return ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(
            name="edge",
            org_id=ORG_ID,
            client_id=CLIENT_ID,
            sandbox="dev",
            platform_url=hostile.url,
            ims_url=hostile.url + "/ims/token/v3",
            **values,
        )
    )


def creates(server: LocalAepServer) -> int:
    return len(server.create_requests())


# -- item 1: every send is bounded in total; cancel aborts it in flight ------------------


def test_trickled_answer_gives_up_at_the_total_deadline_and_is_settled_by_lookup(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """The figure: 3 s read timeout, one byte a second, 15 s total limit."""
    profile = edge_profile(hostile, read_timeout=3.0, total_timeout=15.0)
    hostile.queue(hs.is_create, hs.trickle_answer(interval=1.0))
    started = time.monotonic()
    outcome = service.create(profile, DRAFT)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\n[figure] trickled answer: gave up and settled by lookup in {elapsed:.1f} s")
    assert 14.5 <= elapsed < 18
    assert outcome.attempt.status is Status.SUCCEEDED  # found by the lookup
    assert outcome.attempt.audience_id == server.audiences("dev")[0]["audienceId"]
    assert creates(server) == 1 and len(hostile.seen(hs.is_create)) == 1  # never resent


def test_trickled_headers_are_bounded_too(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile, read_timeout=3.0, total_timeout=2.0)
    hostile.queue(hs.is_create, hs.trickle_headers(interval=0.5))
    started = time.monotonic()
    outcome = service.create(profile, DRAFT)
    assert 1.9 <= time.monotonic() - started < 6  # the deadline, then one quick lookup
    assert outcome.attempt.status is Status.UNKNOWN  # sent, perhaps processed: looked up
    assert outcome.error is not None and outcome.error.kind is ErrorKind.UNCERTAIN
    assert "total time limit" in outcome.error.describe()
    assert "Not found yet" in outcome.attempt.note()
    assert len(hostile.seen(hs.is_create)) == 1


def test_cancel_aborts_the_send_in_flight_and_leaves_it_to_the_lookup(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile, read_timeout=30.0, total_timeout=60.0)
    hostile.queue(hs.is_create, hs.trickle_answer(interval=1.0))  # the create does happen
    cancel = threading.Event()
    timer = threading.Timer(0.5, cancel.set)
    timer.start()
    started = time.monotonic()
    outcome = service.create(profile, DRAFT, cancel=cancel)
    timer.cancel()
    assert time.monotonic() - started < 3
    assert outcome.attempt.status is Status.SUCCEEDED  # the lookup found it
    assert creates(server) == 1 and len(hostile.seen(hs.is_create)) == 1


def test_cancelled_create_that_cannot_be_found_stays_unknown(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile, read_timeout=30.0, total_timeout=60.0)
    hostile.queue(hs.is_create, hs.trickle_headers(interval=0.2))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    outcome = service.create(profile, DRAFT, cancel=cancel)
    assert outcome.attempt.status is Status.UNKNOWN
    assert outcome.error is not None and "on its way" in outcome.error.describe()


def test_a_create_cancelled_before_its_first_byte_is_failed_not_unknown(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:  # the watchdog knows, from httpcore's trace, that nothing had left yet
    profile = edge_profile(hostile)
    cancel = threading.Event()
    cancel.set()
    outcome = service.create(profile, DRAFT, cancel=cancel)
    assert outcome.attempt.status is Status.FAILED
    assert outcome.error is not None and "before the request was sent" in outcome.error.describe()
    assert hostile.seen(hs.is_create) == [] and creates(server) == 0


@pytest.mark.parametrize("play", [hs.trickle_headers(0.2), hs.trickle_answer(0.2, forward=True)])
def test_reads_are_bounded_too(
    hostile: hs.HostileServer, play: hs.Play
) -> None:  # profile test and history --reconcile read; the window does both
    profile = edge_profile(hostile, read_timeout=3.0, total_timeout=1.5)
    hostile.queue(hs.is_sandboxes, play)
    hostile.queue(hs.is_lookup, hs.trickle_headers(0.2))
    client = open_client(profile)
    for read in (client.list_sandboxes, lambda: client.find_audiences("x")):
        started = time.monotonic()
        with pytest.raises(AepError, match="total time limit"):
            read()
        assert time.monotonic() - started < 3


def test_a_cancelled_lookup_stops_at_once(hostile: hs.HostileServer) -> None:
    profile = edge_profile(hostile, read_timeout=30.0, total_timeout=60.0)
    hostile.queue(hs.is_lookup, hs.trickle_headers(0.2))
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(AepError) as caught:
        open_client(profile).find_audiences("x", cancel=cancel)
    assert time.monotonic() - started < 2 and caught.value.kind is ErrorKind.NOT_SENT


def test_a_trickled_token_answer_is_bounded(
    hostile: hs.HostileServer, service: AudienceService, history: History
) -> None:
    profile = edge_profile(hostile, read_timeout=3.0, total_timeout=1.5)
    hostile.queue(hs.is_token, hs.trickle_headers(0.2))
    started = time.monotonic()
    with pytest.raises(AepError) as caught:
        service.create(profile, DRAFT)
    assert time.monotonic() - started < 3 and caught.value.kind is ErrorKind.AUTH
    assert history.count() == 0


def test_total_timeout_is_a_validated_profile_setting(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    base = Profile("p", ORG_ID, CLIENT_ID, "dev", platform_url="http://127.0.0.1:1",
                   ims_url="http://127.0.0.1:1/ims")  # fmt: skip
    assert base.validated().total_timeout is None  # not set: follows the read timeout
    assert base.validated().total_limit == 120.0  # five 60 s read timeouts, at most 120 s
    assert dataclasses.replace(base, read_timeout=3.0).total_limit == 15.0
    assert dataclasses.replace(base, read_timeout=3.0, total_timeout=40.0).total_limit == 40.0
    for bad in (0, -1, math.nan, math.inf, MAX_TIMEOUT + 1):
        with pytest.raises(ProfileInvalid, match="Timeouts"):
            Profile(**{**base.to_json(), "total_timeout": bad}).validated()
    monkeypatch.setattr(sys, "stdin", io.StringIO(CLIENT_SECRET + "\n"))
    code = cli.main(["profile", "add", "t", "--org-id", ORG_ID, "--client-id", CLIENT_ID,
                     "--sandbox", "dev", "--platform-url", "http://127.0.0.1:1",
                     "--ims-url", "http://127.0.0.1:1/ims", "--total-timeout", "42"])  # fmt: skip
    assert code == 0, capsys.readouterr()
    assert ProfileStore(app_paths().profiles_file).get("t").total_timeout == 42.0


def test_an_orphan_is_only_declared_after_the_longest_a_create_can_be_silent() -> None:
    """Between two heartbeats: one send, one token re-mint (each at most MAX_TIMEOUT) and
    one wait before a retry."""
    longest = 2 * MAX_TIMEOUT + RetryPolicy().max_retry_after
    assert timedelta(seconds=longest) < STALE_PENDING


# -- item 6: bodies are read up to a limit; absurd ids are not a success ----------------


def test_a_huge_error_body_is_cut_and_said_so(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, hs.flood(400, 100 * 1024 * 1024, "application/json"))
    started = time.monotonic()
    outcome = service.create(profile, DRAFT)
    assert time.monotonic() - started < 3
    assert outcome.attempt.status is Status.FAILED and outcome.attempt.http_status == 400
    assert outcome.error is not None and "cut after 1024 KB" in outcome.error.describe()


def test_a_huge_error_body_costs_little_memory(
    hostile: hs.HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """The figure: peak RSS of a process reading a 50 MB error answer."""
    hostile.queue(hs.is_create, hs.flood(502, 50 * 1024 * 1024, "text/plain"))
    script = textwrap.dedent(
        f"""
        from audience_desktop.core.client import AepClient, RetryPolicy
        from audience_desktop.core.draft import AudienceDraft
        from audience_desktop.core.errors import AepError
        from audience_desktop.core.auth import PastedToken
        from audience_desktop.core.net import make_client
        from audience_desktop.core.profiles import AuthKind, Profile
        profile = Profile("m", "{ORG_ID}", "{CLIENT_ID}", "dev", auth=AuthKind.TOKEN,
                          platform_url="{hostile.url}", ims_url="{hostile.url}/ims").validated()
        http = make_client(profile.platform_url, 2, 5)
        client = AepClient(profile, PastedToken(profile, reader=lambda: "tok"), http,
                           RetryPolicy(max_attempts=1))
        try:
            client.create(AudienceDraft("a", "b", "c"))
        except AepError as error:
            print(error.status)
        # VmHWM: this process's own peak (ru_maxrss may carry the parent's from the fork)
        with open("/proc/self/status") as status:
            peak = [line for line in status if line.startswith("VmHWM:")][0]
        print(int(peak.split()[1]) // 1024)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    status, peak_mb = done.stdout.split()
    with capsys.disabled():
        print(f"\n[figure] peak RSS on a 50 MB error body: {peak_mb} MB")
    assert status == "502" and int(peak_mb) < 200


def _with_audience_id(value: str) -> hs.Play:
    def rewrite(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
        data = json.loads(body)
        data["audienceId"] = value
        return hs.response_bytes(status, json.dumps(data).encode(),
                                 [("Content-Type", "application/json")])  # fmt: skip

    return hs.forward_then(rewrite)


@pytest.mark.parametrize(
    "absurd",
    ["x" * 5 * 1024 * 1024, "y" * 300, "line\nbreak", "bell\x07"],
    ids=["5MB", "300chars", "newline", "control"],
)
def test_an_absurd_audience_id_is_not_stored_but_looked_up(
    absurd: str, server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, _with_audience_id(absurd))
    outcome = service.create(profile, DRAFT)
    real = server.audiences("dev")[0]["audienceId"]
    assert outcome.attempt.status is Status.SUCCEEDED and outcome.attempt.audience_id == real
    assert creates(server) == 1


def test_an_absurd_id_in_a_lookup_is_not_taken(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, hs.raw(hs.response_bytes(504, b"")))  # processed? unknown
    page = {"children": [{"name": DRAFT.name, "audienceId": "z" * 1000, "id": "i\r\nd"}],
            "_page": {}}  # fmt: skip
    hostile.queue(hs.is_lookup, hs.raw(hs.response_bytes(200, json.dumps(page).encode(),
                                                         [("Content-Type", "application/json")])))  # fmt: skip
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED  # it exists...
    assert outcome.attempt.audience_id is None and outcome.attempt.aep_id is None  # ...not that id


def test_a_huge_lookup_page_is_an_incomplete_check_not_a_verdict(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, hs.raw(hs.response_bytes(504, b"")))
    hostile.queue(hs.is_lookup, hs.flood(200, 20 * 1024 * 1024, "application/json"))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.UNKNOWN
    assert "too large" in outcome.attempt.note()


# -- item 11: a request the library refuses to send is "failed", not "may exist" --------


class _FixedToken:
    """A token source handing out one given token (as a keyring entry could hold)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def token(self) -> str:
        return self.value

    def refresh(self, rejected: str) -> str | None:
        return None


@pytest.mark.parametrize("token", ["abc\r\nX-Injected: 1", "abc\ndef", "abc\rdef"])
def test_a_token_with_a_line_break_is_failed_and_nothing_sent(
    token: str, server: LocalAepServer, hostile: hs.HostileServer, history: History
) -> None:
    profile = edge_profile(hostile)

    def client_for(p: Profile) -> AepClient:
        http = make_client(p.platform_url, p.connect_timeout, p.read_timeout)
        return AepClient(p, _FixedToken(token), http, FAST_RETRY)

    outcome = AudienceService(history, client_for).create(profile, DRAFT)
    assert outcome.attempt.status is Status.FAILED
    assert outcome.error is not None and outcome.error.kind is ErrorKind.NOT_SENT
    assert "not sent" in outcome.error.describe()
    assert hostile.seen(hs.is_create) == [] and creates(server) == 0


def test_a_pasted_token_with_a_control_character_is_refused_before_anything(
    hostile: hs.HostileServer, history: History
) -> None:
    profile = edge_profile(hostile)
    tokens = PastedToken(profile, reader=lambda: "abc\r\nX-Injected: 1")
    with pytest.raises(AepError, match="U\\+000D") as caught:
        tokens.token()
    assert caught.value.kind is ErrorKind.AUTH


# -- item 12: the token's lifetime is checked ------------------------------------------


def _token_lifetime(raw_value: str) -> hs.Play:
    def rewrite(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
        token = json.loads(body)["access_token"]
        text = f'{{"access_token": "{token}", "token_type": "bearer", "expires_in": {raw_value}}}'
        return hs.response_bytes(status, text.encode(), [("Content-Type", "application/json")])

    return hs.forward_then(rewrite)


@pytest.mark.parametrize("raw_value", ["0", "-5", "NaN", "Infinity", "-Infinity", "1e999",
                                       '"soon"', "null", "true"])  # fmt: skip
def test_an_impossible_token_lifetime_is_refused_and_not_cached(
    raw_value: str, server: LocalAepServer, hostile: hs.HostileServer,
    service: AudienceService, history: History,
) -> None:  # fmt: skip
    profile = edge_profile(hostile)
    hostile.queue(hs.is_token, _token_lifetime(raw_value))
    with pytest.raises(AepError, match="impossible lifetime") as caught:
        service.create(profile, DRAFT)
    assert caught.value.kind is ErrorKind.AUTH
    assert secrets.get_secret("edge", secrets.SecretKind.TOKEN_CACHE) is None
    assert history.count() == 0 and creates(server) == 0


def test_a_short_lived_token_is_used_once_per_create_and_not_cached(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_token, _token_lifetime("30"))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED
    assert len(server.token_requests()) == 1  # not one for the claim and one for the send
    assert secrets.get_secret("edge", secrets.SecretKind.TOKEN_CACHE) is None


def test_an_endless_token_lifetime_is_capped_to_a_day(
    hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_token, _token_lifetime("1e12"))
    assert service.create(profile, DRAFT).attempt.status is Status.SUCCEEDED
    cached = json.loads(secrets.get_secret("edge", secrets.SecretKind.TOKEN_CACHE) or "{}")
    assert cached["expires_at"] <= time.time() + MAX_LIFETIME


# -- item 13: redirects are said as such, never followed --------------------------------


def _redirect(status: int, location: str | None) -> hs.Play:
    headers = [("Location", location)] if location is not None else []
    return hs.raw(hs.response_bytes(status, b"<html>moved</html>",
                                    [("Content-Type", "text/html"), *headers]))  # fmt: skip


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_says_where_to_and_is_not_followed(
    status: int, server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    where = hostile.url + "/elsewhere?sso=" + "é" * 400
    hostile.queue(hs.is_create, _redirect(status, where))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.FAILED
    error = outcome.error
    assert error is not None and error.status == status
    text = error.describe()
    assert f"redirected the request to “{hostile.url}/elsewhere?sso=é" in text
    assert "not followed" in text and "refused the request" not in text
    assert len(text) < 1000  # the location is shortened
    assert [r.path for r in hostile.requests if "elsewhere" in r.path] == []


def test_a_redirect_never_shows_the_token(
    hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)

    def echo(request: hs.RawRequest) -> bytes:
        token = request.headers["authorization"].removeprefix("Bearer ")
        return hs.response_bytes(302, b"", [("Location", f"https://sso.example/?t={token}")])

    hostile.queue(hs.is_create, hs.raw(echo))
    outcome = service.create(profile, DRAFT)
    token = hostile.seen(hs.is_create)[0].headers["authorization"].removeprefix("Bearer ")
    assert outcome.error is not None and token not in outcome.error.describe()
    assert "sso.example" in outcome.error.describe()


def test_a_303_after_the_create_may_mean_done_so_it_is_looked_up(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)

    def see_other(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
        return hs.response_bytes(303, b"", [("Location", "/data/core/ups/audiences/1")])

    hostile.queue(hs.is_create, hs.forward_then(see_other))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED and creates(server) == 1


def test_a_redirect_without_location_is_said_plainly(
    hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, _redirect(302, None))
    outcome = service.create(profile, DRAFT)
    assert outcome.error is not None and "without saying where" in outcome.error.describe()


def test_a_303_with_an_unencodable_cookie_is_looked_up_not_a_crash(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:  # found by the fuzz test: httpx built the (unfollowed) redirect and tripped
    profile = edge_profile(hostile)
    headers = [("Location", "/x"), ("Set-Cookie", "s=é; Path=/")]
    hostile.queue(hs.is_create, hs.raw(hs.response_bytes(303, b"", headers)))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.UNKNOWN
    assert outcome.attempt.failure != "net.unexpected"


def test_cookies_a_server_sets_are_never_sent_back(
    hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)

    def with_cookie(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
        kept = [(n, v) for n, v in headers if n.lower() != "content-length"]
        return hs.response_bytes(status, body, [*kept, ("Set-Cookie", "track=1; Path=/")])

    hostile.queue(hs.is_token, hs.forward_then(with_cookie))
    assert service.create(profile, DRAFT).attempt.status is Status.SUCCEEDED
    assert "cookie" not in hostile.seen(hs.is_create)[0].headers


def test_a_token_echoed_as_the_audience_id_or_a_sandbox_title_is_not_kept(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)

    def echo_token(request: hs.RawRequest) -> bytes:
        token = request.headers["authorization"].removeprefix("Bearer ")
        body = json.dumps({"audienceId": token, "sandboxes": [{"name": "dev", "title": token}]})
        return hs.response_bytes(200, body.encode(), [("Content-Type", "application/json")])

    hostile.queue(hs.is_create, hs.raw(echo_token))
    hostile.queue(hs.is_sandboxes, hs.raw(echo_token))
    outcome = service.create(profile, DRAFT)
    token = hostile.seen(hs.is_create)[0].headers["authorization"].removeprefix("Bearer ")
    assert outcome.attempt.status is Status.UNKNOWN  # an echoed secret is no id: looked up
    assert token not in str(dataclasses.asdict(outcome.attempt))
    (sandbox,) = open_client(profile).list_sandboxes()
    assert token not in sandbox.title


# -- adversary finding 6: the total limit follows the read timeout when none is set -------


def test_a_trickled_answer_gives_up_within_five_read_timeouts_when_no_total_is_set(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """The figure again, with only a 3 s read timeout: no --total-timeout needed."""
    profile = edge_profile(hostile, read_timeout=3.0, total_timeout=None)
    assert profile.total_timeout is None
    stored = json.loads(app_paths().profiles_file.read_text(encoding="utf-8"))
    assert "total_timeout" not in stored["profiles"][0]  # what older versions read as 120
    hostile.queue(hs.is_create, hs.trickle_answer(interval=1.0))
    started = time.monotonic()
    outcome = service.create(profile, DRAFT)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\n[figure] trickled answer, no total limit set: settled in {elapsed:.1f} s")
    assert 14.5 <= elapsed < 18
    assert outcome.attempt.status is Status.SUCCEEDED  # found by the lookup
    assert creates(server) == 1 and len(hostile.seen(hs.is_create)) == 1


def test_profile_add_without_total_timeout_leaves_it_following_the_read_timeout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(CLIENT_SECRET + "\n"))
    code = cli.main(["profile", "add", "t", "--org-id", ORG_ID, "--client-id", CLIENT_ID,
                     "--sandbox", "dev", "--platform-url", "http://127.0.0.1:1",
                     "--ims-url", "http://127.0.0.1:1/ims", "--read-timeout", "3"])  # fmt: skip
    assert code == 0, capsys.readouterr()
    saved = ProfileStore(app_paths().profiles_file).get("t")
    assert saved.total_timeout is None and saved.total_limit == 15.0
    old = {"version": 1, "profiles": [{**saved.to_json(), "name": "old", "total_timeout": 120.0}]}
    app_paths().profiles_file.write_text(json.dumps(old), encoding="utf-8")
    assert ProfileStore(app_paths().profiles_file).get("old").total_limit == 120.0  # as set


# -- adversary finding 3: compressed answers are inflated within the reading limits -------


@pytest.mark.parametrize(
    ("status", "encoding", "layers", "expected"),
    [
        (500, "gzip, gzip", 2, "cannot be read safely"),
        (200, "gzip, gzip", 2, "cannot be read safely"),
        (200, "gzip", 1, "too long to read"),
        (400, "gzip", 1, "cut after 1024 KB"),
    ],
    ids=["gzip-twice-500", "gzip-twice-200", "gzip-200", "gzip-400"],
)
def test_a_gzip_bomb_costs_little_memory(
    status: int, encoding: str, layers: int, expected: str,
    hostile: hs.HostileServer, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """The figure: peak RSS of a process given 1 GiB of zeros in a few KB of gzip."""
    bomb = hs.gzip_bomb(1 << 30, layers)
    hostile.queue(hs.is_create, hs.encoded_answer(status, bomb, encoding, "application/json"))
    script = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a failure, not a crash
        from audience_desktop.core.client import AepClient, RetryPolicy
        from audience_desktop.core.draft import AudienceDraft
        from audience_desktop.core.errors import AepError
        from audience_desktop.core.auth import PastedToken
        from audience_desktop.core.net import make_client
        from audience_desktop.core.profiles import AuthKind, Profile
        profile = Profile("m", "{ORG_ID}", "{CLIENT_ID}", "dev", auth=AuthKind.TOKEN,
                          platform_url="{hostile.url}", ims_url="{hostile.url}/ims").validated()
        http = make_client(profile.platform_url, 2, 5)
        client = AepClient(profile, PastedToken(profile, reader=lambda: "tok"), http,
                           RetryPolicy(max_attempts=1))
        try:
            client.create(AudienceDraft("a", "b", "c"))
        except AepError as error:
            print(error.kind.value, "|", error.describe())
        with open("/proc/self/status") as status:
            peak = [line for line in status if line.startswith("VmHWM:")][0]
        print(int(peak.split()[1]) // 1024)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    said, peak_mb = done.stdout.strip().rsplit("\n", 1)
    with capsys.disabled():
        print(f"\n[figure] peak RSS on a 1 GiB {encoding} bomb ({status}): {peak_mb} MB")
    assert expected in said
    assert said.startswith("http" if status == 400 else "uncertain")
    assert int(peak_mb) < 200
    assert hostile.seen(hs.is_create)[0].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
def test_a_compressed_create_answer_is_read(
    coding: str, server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, hs.forward_encoded(coding))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED and outcome.error is None
    assert outcome.attempt.audience_id == server.audiences("dev")[0]["audienceId"]


@pytest.mark.parametrize("label", ["gzip, gzip", "br", "bogus", "gzip, identity, deflate"])
def test_a_stacked_or_unknown_encoding_is_a_garbled_answer_settled_by_lookup(
    label: str, server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, hs.forward_encoded("gzip", label))
    outcome = service.create(profile, DRAFT)
    assert len(hostile.seen(hs.is_lookup)) == 1  # garbled, so perhaps processed: looked up
    assert outcome.attempt.status is Status.SUCCEEDED  # the lookup found it
    assert outcome.attempt.audience_id == server.audiences("dev")[0]["audienceId"]
    assert creates(server) == 1  # never resent


def test_a_broken_gzip_error_answer_is_unknown_not_a_crash(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, hs.encoded_answer(500, b"xxxxx", "gzip"))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.UNKNOWN
    assert outcome.error is not None and "cannot be read safely" in outcome.error.describe()


# -- adversary: odd answers (deep JSON, Retry-After, ids that are numbers) ------------------


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (400, b"[" * 200_000, Status.FAILED),
        (400, b'{"a":' * 100_000 + b"1" + b"}" * 100_000, Status.FAILED),
        (200, b"[" * 200_000, Status.UNKNOWN),
    ],
    ids=["array-400", "object-400", "array-200"],
)
def test_deeply_nested_json_is_not_json_not_a_crash(
    status: int, body: bytes, expected: Status,
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService,
) -> None:  # fmt: skip
    profile = edge_profile(hostile)
    headers = [("Content-Type", "application/json")]
    hostile.queue(hs.is_create, hs.raw(hs.response_bytes(status, body, headers)))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is expected  # a 4xx says "not processed": failed
    assert outcome.error is not None and "RecursionError" not in outcome.error.describe()
    if status == 400:
        assert outcome.attempt.http_status == 400 and "not JSON" in outcome.error.describe()


@pytest.mark.parametrize(
    "retry_after",
    ["nan", "-5", "inf", "0", "Mon, 01 Jan 0001 00:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT"],
)
def test_an_invalid_or_zero_retry_after_still_waits_the_backoff(
    retry_after: str, hostile: hs.HostileServer
) -> None:
    """Three 429s: never two sends closer than the backoff's floor (0.2 s here)."""
    profile = edge_profile(hostile)
    answer = hs.response_bytes(429, b"{}", [("Retry-After", retry_after)])
    hostile.queue(hs.is_create, *[hs.raw(answer)] * 3)
    policy = RetryPolicy(max_attempts=3, backoff_base=0.4, backoff_cap=0.4, max_total_wait=10)
    client = AepClient(profile, PastedToken(profile, reader=lambda: "tok"),
                       make_client(profile.platform_url, 1, 3), policy)  # fmt: skip
    sends: list[float] = []
    with pytest.raises(AepError) as caught:
        client.create(DRAFT, on_send=lambda: sends.append(time.monotonic()))
    assert caught.value.status == 429 and len(sends) == 3
    gaps = [later - earlier for earlier, later in itertools.pairwise(sends)]
    assert min(gaps) >= 0.19, gaps
    assert max(gaps) < 1.0, gaps  # the backoff, not some absurd wait


def _with_id(raw_json: str) -> hs.Play:
    """The real create, answered with ``"id": <raw_json>`` in its body."""

    def rewrite(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
        text = json.dumps({**json.loads(body), "id": "@ID@"}).replace('"@ID@"', raw_json)
        return hs.response_bytes(status, text.encode(), [("Content-Type", "application/json")])

    return hs.forward_then(rewrite)


@pytest.mark.parametrize("raw_id", ["1e999", "-1e999", "1.5", "true", "[1]", '{"a": 1}'])
def test_an_id_that_is_not_a_string_or_integer_is_not_stored_but_looked_up(
    raw_id: str, server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, _with_id(raw_id))
    outcome = service.create(profile, DRAFT)
    (stored,) = server.audiences("dev")
    assert outcome.attempt.status is Status.SUCCEEDED  # found by the lookup
    assert outcome.attempt.aep_id == stored["id"] and outcome.attempt.aep_id != "inf"
    assert len(hostile.seen(hs.is_lookup)) == 1 and creates(server) == 1


def test_an_integer_id_is_an_id(
    server: LocalAepServer, hostile: hs.HostileServer, service: AudienceService
) -> None:
    profile = edge_profile(hostile)
    hostile.queue(hs.is_create, _with_id("12345"))
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED and outcome.attempt.aep_id == "12345"
    assert hostile.seen(hs.is_lookup) == []  # taken from the answer, nothing to settle
