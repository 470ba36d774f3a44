"""Creates against the built-in server over loopback: the exact request, and every fault."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone

import pytest

from audience_desktop.core import aep
from audience_desktop.core.client import AepClient
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import ErrorKind
from audience_desktop.core.history import History, Status
from audience_desktop.core.messages import msg
from audience_desktop.core.profiles import Profile
from audience_desktop.core.service import AlreadyAttempted, AudienceService
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import Fault, LocalAepServer
from tests.integration.conftest import CLIENT_ID, FAST_RETRY, ORG_ID
from tests.support.history_rows import add_pending

DRAFT = AudienceDraft(name="Summer buyers", namespace="agora", origin_name="Agora_Collab")


def test_create_sends_exactly_the_documented_request(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    outcome = service.create(
        profile, AudienceDraft("  Summer buyers ", "agora", "Agora_Collab", "July")
    )
    assert outcome.error is None
    row = outcome.attempt
    assert row.status is Status.SUCCEEDED and row.audience_id and row.aep_id
    assert row.http_status == 200 and row.request_id

    (sent,) = server.create_requests()
    assert sent.method == "POST" and sent.path == "/core/ais/audiences"
    assert sent.query == {"createAudienceMetaOnly": ["true"]}
    headers = sent.headers
    assert headers["authorization"].startswith("Bearer ")
    assert headers["x-api-key"] == CLIENT_ID
    assert headers["x-gw-ims-org-id"] == ORG_ID
    assert headers["x-sandbox-name"] == "dev"
    assert headers["content-type"] == "application/json"
    assert headers["accept"] == aep.CREATE_ACCEPT
    assert headers["x-request-id"] == row.request_id
    assert json.loads(sent.body) == {
        "name": "Summer buyers",
        "description": "July",
        "namespace": "agora",
        "originName": "Agora_Collab",
    }
    assert server.audiences("dev")[0]["audienceId"] == row.audience_id


def test_each_request_gets_a_fresh_request_id(server: LocalAepServer, client: AepClient) -> None:
    client.create(DRAFT)
    client.create(AudienceDraft("Other", "agora", "Agora"))
    assert len({r.headers["x-request-id"] for r in server.create_requests()}) == 2


def test_newer_path_and_seed_response_shape(server: LocalAepServer, profile: Profile) -> None:
    server.config.include_id = False
    client = open_client(Profile(**{**profile.to_json(), "ais_path": "/data/core/ais"}).validated())
    created = client.create(DRAFT)
    assert created.id is None and created.audience_id
    assert server.create_requests()[0].path == "/data/core/ais/audiences"


def test_server_409_is_failed_with_advice(
    server: LocalAepServer, client: AepClient, profile: Profile, service: AudienceService
) -> None:
    client.create(DRAFT)  # someone else created it already
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.FAILED
    assert outcome.attempt.http_status == 409 and outcome.attempt.error_code == "100950"
    assert outcome.error is not None and "already exists" in outcome.error.describe()
    assert len(server.audiences("dev")) == 1


def test_repeat_of_a_succeeded_create_is_refused_before_sending(
    server: LocalAepServer, profile: Profile, service: AudienceService, history: History
) -> None:
    service.create(profile, DRAFT)
    with pytest.raises(AlreadyAttempted, match="already created"):
        service.create(profile, DRAFT)
    assert len(server.create_requests()) == 1 and history.count() == 1


def test_429_then_success_honours_retry_after(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(Fault.rate_limit(retry_after=0.3), Fault.rate_limit(retry_after=0.3))
    started = time.monotonic()
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED
    assert time.monotonic() - started >= 0.6
    assert len(server.create_requests()) == 3


def test_429_storm_gives_up_without_creating(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(*[Fault.rate_limit(retry_after=None)] * 10)
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.FAILED and outcome.attempt.http_status == 429
    assert outcome.error is not None and "Gave up after 4 attempts" in outcome.error.describe()
    assert len(server.create_requests()) == FAST_RETRY.max_attempts
    assert server.audiences("dev") == []


def test_long_retry_after_is_reported_not_waited(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(Fault.rate_limit(retry_after=600))
    started = time.monotonic()
    outcome = service.create(profile, DRAFT)
    assert time.monotonic() - started < 2
    assert outcome.attempt.status is Status.FAILED
    assert outcome.error is not None and "wait 600 seconds" in outcome.error.describe()
    assert len(server.create_requests()) == 1


@pytest.mark.parametrize("fault", [Fault.html_502(), Fault.empty_502(), Fault.server_error()])
def test_gateway_and_server_errors_are_checked_by_lookup(
    fault: Fault, server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(fault)
    outcome = service.create(profile, DRAFT)
    row = outcome.attempt
    # Not found at once proves nothing yet: Adobe may still be processing it.
    assert row.status is Status.UNKNOWN and "Not found yet" in row.note()
    assert row.http_status in (500, 502) and "<html" not in row.note()
    assert len(server.create_requests()) == 1  # never resent
    with pytest.raises(AlreadyAttempted, match="may have reached Adobe"):
        service.create(profile, DRAFT)  # and not created again while unknown
    later = datetime.now(timezone.utc) + service.settle + timedelta(seconds=1)
    settled = service.resolve(row, open_client(profile), now=later)
    assert settled.status is Status.FAILED and "Not created" in settled.note()
    assert service.create(profile, DRAFT).attempt.status is Status.SUCCEEDED  # now it may
    assert len(server.audiences("dev")) == 1


def test_a_same_named_audience_with_another_namespace_is_not_claimed(
    server: LocalAepServer, client: AepClient, profile: Profile, service: AudienceService
) -> None:
    client.create(AudienceDraft(DRAFT.name, "other-namespace", DRAFT.origin_name))
    server.config.duplicate_name_conflict = False
    server.inject(Fault.html_502())
    row = service.create(profile, DRAFT).attempt
    assert row.status is Status.UNKNOWN and "another namespace" in row.note()
    assert row.audience_id is None


def test_two_processes_cannot_claim_the_same_audience(
    server: LocalAepServer, profile: Profile, history: History
) -> None:
    other = History(history.path)  # a second connection: another process
    first, blocking = history.add_pending_unless_open("work", "dev", "u", DRAFT)
    second, blocking = other.add_pending_unless_open("work", "dev", "u", DRAFT)
    assert first and second == 0 and blocking is not None and blocking.row_id == first
    other.close()


def test_interrupt_during_the_request_leaves_an_unknown_row(
    server: LocalAepServer, profile: Profile, service: AudienceService, history: History,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    def interrupted(self: AepClient, prepared: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(AepClient, "_send", interrupted)
    with pytest.raises(KeyboardInterrupt):
        service.create(profile, DRAFT)
    (row,) = history.list()
    assert row.status is Status.UNKNOWN


def test_a_fresh_pending_attempt_is_left_to_its_process(
    profile: Profile, service: AudienceService, history: History, client: AepClient
) -> None:
    row_id = add_pending(history, profile.name, profile.sandbox, profile.create_url, DRAFT)
    assert service.resolve(history.get(row_id), client).status is Status.PENDING
    with pytest.raises(AlreadyAttempted, match="already being created"):
        service.create(profile, DRAFT)


@pytest.mark.parametrize("fault", [Fault.garbage_json(), Fault.no_audience_id()])
def test_unreadable_success_is_resolved_by_lookup(
    fault: Fault, server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(fault)
    outcome = service.create(profile, DRAFT)
    stored = server.audiences("dev")
    assert len(stored) == 1 and len(server.create_requests()) == 1
    assert outcome.attempt.status is Status.SUCCEEDED
    assert outcome.attempt.audience_id == stored[0]["audienceId"]


def test_dropped_connection_after_create_is_found_not_resent(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(Fault.drop_after_create())
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED
    assert len(server.create_requests()) == 1 and len(server.audiences("dev")) == 1


def test_hang_past_read_timeout_is_unknown_then_checked(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(Fault.hang(30))
    started = time.monotonic()
    outcome = service.create(profile, DRAFT)
    elapsed = time.monotonic() - started
    assert profile.read_timeout <= elapsed < profile.read_timeout + 3
    assert outcome.attempt.status is Status.UNKNOWN
    assert "Not found yet" in outcome.attempt.note()
    assert outcome.error is not None and outcome.error.kind is ErrorKind.UNCERTAIN
    assert len(server.create_requests()) == 1


def test_lookup_failure_leaves_the_row_unknown(
    profile: Profile, history: History, service: AudienceService
) -> None:
    row_id = add_pending(history, profile.name, profile.sandbox, profile.create_url, DRAFT)
    unknown = history.update(row_id, Status.UNKNOWN, failure="net.no_answer")
    dead = open_client(Profile(**{**profile.to_json(), "platform_url": "http://127.0.0.1:9"}))
    resolved = service.resolve(unknown, dead)
    assert resolved.status is Status.UNKNOWN and "Could not check" in resolved.note()


def test_expired_token_is_reminted_once(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    service.create(profile, AudienceDraft("first", "agora", "Agora"))
    server.expire_tokens()
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.SUCCEEDED
    assert len(server.token_requests()) == 2


def test_token_refused_twice_fails_after_one_remint(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(Fault.expired_token(), Fault.expired_token())
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.FAILED and outcome.attempt.error_code == "401013"
    assert "expired" in outcome.attempt.note()
    assert len(server.create_requests()) == 2 and len(server.token_requests()) == 2


def test_token_is_reused_across_processes_through_the_keyring(
    server: LocalAepServer, profile: Profile
) -> None:
    for _ in range(3):  # three "processes": three fresh clients, one shared keyring
        open_client(profile).create(AudienceDraft(f"a{time.monotonic_ns()}", "ns", "o"))
    assert len(server.token_requests()) == 1
    form = server.token_requests()[0].form or {}
    assert form.get("grant_type") == "client_credentials" and form.get("client_id") == CLIENT_ID
    assert "client_secret" not in server.token_requests()[0].query


def test_403_says_what_to_ask_for(
    server: LocalAepServer, profile: Profile, service: AudienceService
) -> None:
    server.inject(Fault.forbidden())
    outcome = service.create(profile, DRAFT)
    assert outcome.attempt.status is Status.FAILED and outcome.attempt.http_status == 403
    assert "product profile" in outcome.attempt.note()


def test_connection_refused_is_retried_then_failed(
    profile: Profile, service: AudienceService, history: History
) -> None:
    # The token comes from the live server; the platform URL points at a closed port.
    dead = Profile(**{**profile.to_json(), "platform_url": "http://127.0.0.1:9"})
    started = time.monotonic()
    outcome = service.create(dead, DRAFT)
    assert time.monotonic() - started < 5
    assert outcome.attempt.status is Status.FAILED
    assert outcome.error is not None and outcome.error.kind is ErrorKind.NOT_SENT
    assert outcome.error is not None
    assert f"Gave up after {FAST_RETRY.max_attempts} attempts" in outcome.error.describe()
    assert history.count() == 1


def test_a_keyring_that_refuses_the_token_cache_does_not_fail_the_create(
    server: LocalAepServer, profile: Profile, service: AudienceService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from audience_desktop.core import credentials as secrets

    real = secrets.set_secret

    def locked(profile_name: str, kind: secrets.SecretKind, value: str) -> None:
        if kind is secrets.SecretKind.TOKEN_CACHE:
            raise secrets.KeyringUnavailable(msg("keyring.read_failed", error="locked"))
        real(profile_name, kind, value)

    monkeypatch.setattr(secrets, "set_secret", locked)
    assert service.create(profile, DRAFT).attempt.status is Status.SUCCEEDED


def test_settle_time_counts_from_the_uncertain_outcome_and_notes_do_not_pile_up(
    server: LocalAepServer, profile: Profile, service: AudienceService, history: History
) -> None:
    server.inject(Fault.html_502())
    row = service.create(profile, DRAFT).attempt
    # A slow send: the attempt began long ago, but its outcome became uncertain just now.
    history._db.execute("UPDATE attempts SET created_at = '2000-01-01T00:00:00+00:00'")
    client = open_client(profile)
    for _ in range(4):
        row = service.resolve(history.get(row.row_id), client)
        assert row.status is Status.UNKNOWN
    assert row.resolution == "not_found_yet" and row.note().count("Not found yet") == 1
    assert row.failure is not None and row.note().count("The server said:") <= 1


def test_a_failing_token_records_nothing(profile: Profile, history: History) -> None:
    from audience_desktop.core import credentials as secrets
    from audience_desktop.core.errors import AepError

    secrets.delete_profile_secrets(profile.name)
    service = AudienceService(history, lambda p: open_client(p, retry=FAST_RETRY))
    with pytest.raises(AepError, match="no client secret"):
        service.create(profile, DRAFT)
    assert history.count() == 0  # nothing was sent, so there is no attempt to record
