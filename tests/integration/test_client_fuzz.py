"""Property-based: whatever a server answers to the create call, the app stays honest.

A real loopback server (the hostile server in front of the built-in one) answers the create
call with a generated status, headers, content type and body: empty, over the reading limit,
invalid UTF-8, JSON of the wrong shape, HTML, cut off mid-body, echoing the token. Tokens
and lookups stay real. For every answer: no crash or unexpected-error path, no traceback and
no secret in any message or history row, and never ``failed`` unless the answer itself
proves the server did not process the request (a 4xx, or a redirect other than 303).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from audience_desktop.core.client import RetryPolicy
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import History, Status
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.core.service import AudienceService
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import LocalAepServer
from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, ORG_ID
from tests.support import hostile_server as hs

TOKEN_MARK = "{TOKEN}"  # replaced by the request's bearer token when the answer is played
QUICK = RetryPolicy(
    max_attempts=2, backoff_base=0.01, backoff_cap=0.02, max_retry_after=0.1, max_total_wait=0.2
)
_names = itertools.count()


# -- what a server may answer ----------------------------------------------------------------

statuses = st.one_of(
    st.sampled_from([200, 201, 202, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 409]),
    st.sampled_from([422, 429, 500, 502, 503, 504, 200, 201]),
    st.integers(100, 599),
)
header_names = st.sampled_from(
    [
        "Content-Type",
        "Location",
        "Retry-After",
        "x-request-id",
        "X-Whatever",
        "Content-Encoding",
        "Set-Cookie",
    ]
)
header_values = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=80),
    st.just(TOKEN_MARK),
    st.just("https://sso.example/?t=" + TOKEN_MARK),
    st.sampled_from(["gzip", "1", "-1", "NaN", "Wed, 21 Oct 2015 07:28:00 GMT"]),
)
content_types = st.sampled_from(
    [
        "application/json",
        "text/html",
        "text/plain",
        "",
        "application/vnd.adobe.external.audiences+json; version=2",
        "application/json; charset=latin-1",
        "image/png",
    ]
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.just(TOKEN_MARK),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
shaped = st.fixed_dictionaries(
    {},
    optional={
        "audienceId": st.one_of(
            st.text(max_size=20),
            st.just("a" * 300),
            st.just("x\ny"),
            st.integers(),
            st.none(),
            st.just(TOKEN_MARK),
        ),
        "id": st.one_of(st.text(max_size=20), st.integers(), st.just("i" * 1000)),
        "name": st.text(max_size=20),
        "error_code": st.sampled_from(["401013", "403025", "100950", TOKEN_MARK]),
        "message": st.one_of(st.text(max_size=60), st.just("Bearer " + TOKEN_MARK)),
        "errors": st.dictionaries(
            st.sampled_from(["400", "x"]),
            st.lists(
                st.dictionaries(st.sampled_from(["code", "message"]), st.text(max_size=20)),
                max_size=2,
            ),
        ),
        "title": st.text(max_size=30),
        "detail": st.one_of(st.text(max_size=30), st.just(f"client_secret={CLIENT_SECRET}")),
        "requestId": st.one_of(st.text(max_size=20), st.just(TOKEN_MARK)),
    },
)
successes = st.fixed_dictionaries(
    {
        "audienceId": st.text(
            st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=40
        )
    },
    optional={"id": st.text(max_size=20), "name": st.text(max_size=20)},
)
bodies = st.one_of(
    st.just(b""),
    successes.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200),  # often invalid UTF-8
    json_values.map(lambda v: json.dumps(v).encode()),
    shaped.map(lambda v: json.dumps(v).encode()),
    st.just(b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"),
    st.sampled_from([1024 * 1024 + 1, 3 * 1024 * 1024]).map(lambda n: b"{" + b"x" * n),
    st.just(b'{"audienceId": "\xff\xfe", "name": "\xc3"}'),
)


@dataclasses.dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[str, str]]
    content_type: str
    body: bytes
    cut: bool  # announce more than is sent, then close

    def play(self, request: hs.RawRequest) -> bytes:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        headers = [(n, v.replace(TOKEN_MARK, token)) for n, v in self.headers]
        if self.content_type:
            headers.append(("Content-Type", self.content_type))
        body = self.body.replace(TOKEN_MARK.encode(), token.encode())
        length = len(body) + 100 if self.cut else None
        return hs.response_bytes(self.status, body, headers, content_length=length)


answers = st.builds(
    Answer,
    status=statuses,
    headers=st.lists(st.tuples(header_names, header_values), max_size=4),
    content_type=content_types,
    body=bodies,
    cut=st.sampled_from([False, False, True]),
)


# -- the property ---------------------------------------------------------------------------


@pytest.fixture
def fuzz_service(
    server: LocalAepServer,
) -> Iterator[tuple[AudienceService, hs.HostileServer, Profile]]:
    from audience_desktop.core import credentials as secrets

    secrets.set_secret("fuzz", secrets.SecretKind.CLIENT_SECRET, CLIENT_SECRET)
    with hs.HostileServer(backend=server.url) as hostile:
        profile = ProfileStore(app_paths().ensure().profiles_file).save(
            Profile(
                name="fuzz",
                org_id=ORG_ID,
                client_id=CLIENT_ID,
                sandbox="dev",
                platform_url=hostile.url,
                ims_url=hostile.url + "/ims/token/v3",
                connect_timeout=1.0,
                read_timeout=1.0,
                total_timeout=2.0,
            )
        )
        history = History(app_paths().ensure().history_db)
        yield AudienceService(history, lambda p: open_client(p, retry=QUICK)), hostile, profile
        history.close()


def may_have_processed(answer: Answer) -> bool:
    """Only a complete 4xx, or a redirect other than 303, proves nothing was processed."""
    proves_not = 400 <= answer.status < 500 or answer.status in (301, 302, 307, 308)
    return not proves_not


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # big bodies' repr
@settings(
    max_examples=150,
    deadline=timedelta(seconds=5),
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(answer=answers)
def test_any_answer_to_the_create_is_reported_honestly(
    answer: Answer,
    fuzz_service: tuple[AudienceService, hs.HostileServer, Profile],
    server: LocalAepServer,
) -> None:
    service, hostile, profile = fuzz_service
    hostile.queue(hs.is_create, hs.raw(answer.play))
    before = len(server.create_requests())
    outcome = service.create(profile, AudienceDraft(f"Fuzz {next(_names)}", "agora", "Agora"))
    row = outcome.attempt
    event(f"{answer.status // 100}xx -> {row.status.value}")
    assert row.status is not Status.PENDING
    assert row.failure != "net.unexpected"  # no exception escaped the mapping
    forwarded = len(server.create_requests()) > before  # a retry (429, re-mint) really created
    if row.status is Status.FAILED:
        assert not may_have_processed(answer) or (answer.status == 429 and not forwarded)
    if row.status is Status.SUCCEEDED and not forwarded:
        assert 200 <= answer.status < 300 and row.audience_id and len(row.audience_id) <= 256
    token = hostile.seen(hs.is_create)[-1].headers.get("authorization", "").removeprefix("Bearer ")
    shown = [outcome.error.describe() if outcome.error else "", row.note()]
    stored = [str(value) for value in dataclasses.asdict(row).values()]
    for text in shown + stored:
        assert "Traceback" not in text
        assert CLIENT_SECRET not in text
        assert not token or token not in text
