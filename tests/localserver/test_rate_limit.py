"""The built-in server's create rate limit: 429 without Retry-After beyond it (issue 11)."""

from __future__ import annotations

import time

import httpx

from audience_desktop.localserver import LocalAepServer
from audience_desktop.localserver.ratelimit import TokenBucket
from tests.localserver.helpers import BODY, assert_gateway, create


def _named(name: str) -> dict[str, str]:
    return {**BODY, "name": name}


def test_off_by_default(server: LocalAepServer, api: httpx.Client, token: str) -> None:
    assert server.config.create_rate_limit == 0
    for index in range(30):
        assert create(api, token, _named(f"free {index}")).status_code == 200
    assert server.throttled == 0


def test_beyond_the_limit_a_create_is_refused_without_retry_after(
    server: LocalAepServer, api: httpx.Client, token: str
) -> None:
    server.config.create_rate_limit = 5  # a bucket of 5: a burst of 5 passes
    answers = [create(api, token, _named(f"burst {index}")) for index in range(8)]
    assert [a.status_code for a in answers[:5]] == [200] * 5
    refused = [a for a in answers if a.status_code == 429]
    assert refused and server.throttled == len(refused)
    assert_gateway(refused[0], 429, "429050")
    assert "retry-after" not in refused[0].headers
    names = {a["name"] for a in server.audiences("prod")}
    assert len(names) == 8 - len(refused)  # a refused create stores nothing
    time.sleep(0.25)  # one more token a fifth of a second later
    assert create(api, token, _named("later")).status_code == 200


def test_the_bucket_refills_at_its_rate() -> None:
    bucket = TokenBucket(rate=100, burst=2)
    assert bucket.take() and bucket.take() and not bucket.take()
    time.sleep(0.03)
    assert bucket.take()
