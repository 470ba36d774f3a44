"""The AEP client: create an audience, list sandboxes, look audiences up.

One exchange (``_exchange``) sends every request: one place re-mints an expired token, one
place maps transport failures, and retries are limited to what the server certainly did not
process (connection failures and 429, for the create call). Requests are built in
``core.request``, so what is sent, what ``--curl`` prints and what the GUI copies never drift.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from audience_desktop.core import aep
from audience_desktop.core.auth import TokenSource
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, AppError, ErrorKind
from audience_desktop.core.messages import msg
from audience_desktop.core.models import Created, FoundAudience, Lookup, Sandbox
from audience_desktop.core.profiles import Profile
from audience_desktop.core.request import PreparedRequest, build_create_request, build_get_request
from audience_desktop.core.text import printable

log = logging.getLogger(__name__)

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


@dataclass(frozen=True)
class RetryPolicy:
    """Limits on retrying what the server certainly did not process."""

    max_attempts: int = 5
    backoff_base: float = 1.0
    backoff_cap: float = 16.0
    max_retry_after: float = 60.0  # a longer Retry-After is reported to the user, not waited
    max_total_wait: float = 90.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Capped exponential backoff with full jitter (attempt counts from 1)."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        return rng.uniform(ceiling / 2, ceiling)


class Cancelled(AppError):
    """The user cancelled while waiting to retry; nothing was created."""


class AepClient:
    """Talks to one profile's AEP org and sandbox."""

    def __init__(
        self,
        profile: Profile,
        tokens: TokenSource,
        http: httpx.Client,
        retry: RetryPolicy | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.profile = profile
        self.tokens = tokens
        self.http = http
        self.retry = retry or RetryPolicy()
        self.rng = rng or random.Random()

    def close(self) -> None:
        """Close the connection pool (the GUI keeps clients for the session; the CLI closes)."""
        self.http.close()

    def __enter__(self) -> AepClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the one exchange: send, re-mint once on an expired token, retry what is safe -------

    def _exchange(
        self,
        build: Callable[[str], PreparedRequest],
        *,
        retry: bool,
        read_only: bool = False,
        cancel: threading.Event | None = None,
        on_send: Callable[[], None] | None = None,
    ) -> tuple[httpx.Response, str]:
        """Send ``build(token)``; return a 2xx response and its request id, or raise AepError.

        With ``retry``, what certainly was not processed (no connection, 429) is sent again
        after a pause; a 401013 gets one fresh token either way. A 5xx is ``UNCERTAIN``: a
        gateway error can hide a completed create.
        """
        token = self.tokens.token()
        reminted = False
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            prepared = build(token)
            request_id = prepared.headers[aep.H_REQUEST_ID]
            if on_send is not None:
                on_send()
            try:
                response = self._send(prepared)
            except httpx.HTTPError as exc:
                error = _transport_error(exc, self.profile, request_id, read_only)
                if retry and error.kind is ErrorKind.NOT_SENT:
                    waited += self._wait_before_retry(attempt, None, waited, error, cancel)
                    continue
                raise error from None
            if 200 <= response.status_code < 300:
                return response, response.headers.get(aep.H_REQUEST_ID) or request_id
            error = AepError.from_response(
                response.status_code,
                response.content,
                response.headers.get("content-type", ""),
                request_id=response.headers.get(aep.H_REQUEST_ID) or request_id,
            )
            if error.status == 401 and error.code == aep.GW_TOKEN_INVALID and not reminted:
                reminted = True
                fresh = self.tokens.refresh(token)
                if fresh:
                    log.info("Token refused (401013); retrying once with a new token")
                    token = fresh
                    attempt -= 1  # the re-mint is not a retry of a failure
                    continue
            if retry and error.status == 429:
                retry_after = _retry_after(response.headers.get("retry-after"))
                waited += self._wait_before_retry(attempt, retry_after, waited, error, cancel)
                continue
            if error.status is not None and error.status >= 500:
                error.kind = ErrorKind.UNCERTAIN
            raise error

    # -- the create call ---------------------------------------------------------------

    def create(
        self,
        draft: AudienceDraft,
        on_send: Callable[[], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> Created:
        """Create the audience; raise AepError whose ``kind`` says whether it may exist.

        ``on_send`` runs before each send (the history uses it as a heartbeat); ``cancel``
        stops waiting between retries.
        """
        response, request_id = self._exchange(
            lambda token: build_create_request(self.profile, draft, token),
            retry=True,
            cancel=cancel,
            on_send=on_send,
        )
        return self._read_created(response, request_id)

    def _send(self, prepared: PreparedRequest) -> httpx.Response:
        log.info(
            "%s %s (x-request-id %s)",
            prepared.method,
            prepared.url,
            prepared.headers.get(aep.H_REQUEST_ID),
        )
        return self.http.request(
            prepared.method,
            prepared.url,
            params=prepared.params,
            headers=prepared.headers,
            json=prepared.body,
        )

    def _wait_before_retry(
        self,
        attempt: int,
        retry_after: float | None,
        waited: float,
        error: AepError,
        cancel: threading.Event | None,
    ) -> float:
        """Sleep before a safe retry, or raise ``error`` when the budget is spent."""
        if attempt >= self.retry.max_attempts:
            error.extra = msg("http.gave_up", attempts=attempt)
            raise error
        delay = retry_after if retry_after is not None else self.retry.backoff(attempt, self.rng)
        if delay > self.retry.max_retry_after or waited + delay > self.retry.max_total_wait:
            error.hint = msg("http.wait_longer", seconds=f"{delay:.0f}")
            raise error
        log.info("Retrying in %.2f s after: %s", delay, error.message.key)
        if (cancel or threading.Event()).wait(delay):
            raise Cancelled(
                msg("net.cancelled_retry"), kind=ErrorKind.NOT_SENT, request_id=error.request_id
            )
        return delay

    @staticmethod
    def _read_created(response: httpx.Response, request_id: str) -> Created:
        try:
            data = response.json()
        except ValueError:
            data = None
        audience_id = data.get("audienceId") if isinstance(data, dict) else None
        if not isinstance(audience_id, str) or not audience_id:
            raise AepError(
                msg("net.created_without_id"),
                kind=ErrorKind.UNCERTAIN,
                status=response.status_code,
                request_id=request_id,
                hint=msg("hint.probably_created"),
            )
        raw_id = data.get("id")
        return Created(
            name=str(data.get("name") or ""),
            audience_id=audience_id,
            id=str(raw_id) if raw_id else None,
            status=response.status_code,
            request_id=request_id,
        )

    # -- neighbours ---------------------------------------------------------------------

    def _get(self, path: str, params: dict[str, str] | None = None) -> Any:
        """GET a JSON answer (reads are not retried: the caller decides)."""
        response, request_id = self._exchange(
            lambda token: build_get_request(self.profile, path, params or {}, token),
            retry=False,
            read_only=True,
        )
        try:
            return response.json()
        except ValueError:
            raise AepError(
                msg("http.not_json", text=printable(response.text, 200)),
                status=response.status_code,
                request_id=request_id,
            ) from None

    def list_sandboxes(self) -> list[Sandbox]:
        """The sandboxes this credential may use (no admin rights needed)."""
        data = self._get(aep.SANDBOXES_PATH, {"limit": "100"})
        items = data.get("sandboxes", []) if isinstance(data, dict) else []
        return [
            Sandbox(
                name=str(item.get("name", "")),
                title=str(item.get("title") or item.get("name", "")),
                type=str(item.get("type", "")),
                state=str(item.get("state", "")),
                is_default=bool(item.get("isDefault", False)),
            )
            for item in items
            if isinstance(item, dict) and item.get("name")
        ]

    def find_audiences(
        self, name: str, max_pages: int = 50, cancel: threading.Event | None = None
    ) -> Lookup:
        """Audiences in the sandbox whose name is exactly ``name``.

        The API's ``name=`` filter is a case-insensitive "contains", so every page of its
        answer is read and compared exactly; a lookup that had to stop early says so.
        """
        found: list[FoundAudience] = []
        start = "0"
        for _ in range(max_pages):
            if cancel is not None and cancel.is_set():
                break  # an incomplete lookup proves nothing: the attempt stays unknown
            data = self._get(
                aep.AUDIENCE_LOOKUP_PATH, {"name": name, "limit": "100", "start": start}
            )
            children = data.get("children", []) if isinstance(data, dict) else []
            for child in children:
                if isinstance(child, dict) and child.get("name") == name:
                    found.append(
                        FoundAudience(
                            name=name,
                            audience_id=_opt(child.get("audienceId")),
                            id=_opt(child.get("id")),
                            raw=child,
                        )
                    )
            page = data.get("_page", {}) if isinstance(data, dict) else {}
            following = page.get("next") if isinstance(page, dict) else None
            if not children or not following or str(following) == start:
                return Lookup(found, complete=True)
            start = str(following)
        return Lookup(found, complete=False)


def _transport_error(
    exc: httpx.HTTPError, profile: Profile, request_id: str, read_only: bool
) -> AepError:
    """The one mapping of httpx's failures: never sent, or sent and perhaps processed.

    A read that failed changed nothing, whatever the failure: it is simply "not reached".
    """
    name = type(exc).__name__
    if read_only:
        return AepError(
            msg("net.unreachable", url=profile.platform_url, error=name),
            kind=ErrorKind.NOT_SENT,
            request_id=request_id,
            hint=msg("hint.check_network"),
        )
    if isinstance(exc, _NOT_SENT):
        return AepError(
            msg("net.connect_failed", url=profile.platform_url, error=name),
            kind=ErrorKind.NOT_SENT,
            request_id=request_id,
            hint=msg("hint.nothing_created"),
        )
    what = (
        msg("net.no_answer", seconds=f"{profile.read_timeout:g}")
        if isinstance(exc, httpx.TimeoutException)
        else msg("net.broken", error=name)
    )
    return AepError(
        what, kind=ErrorKind.UNCERTAIN, request_id=request_id, hint=msg("hint.looked_up")
    )


def _opt(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None
