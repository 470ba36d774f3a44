"""The AEP client: create an audience, list sandboxes, look audiences up.

One method builds the create request (``create_request``), so what is sent, what ``--curl``
prints and what the GUI copies can never drift apart. Retries are limited to what the server
certainly did not process: connection failures, 429, and one re-mint on an expired token.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from audience_desktop.core import aep
from audience_desktop.core.auth import TokenSource
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, ErrorKind
from audience_desktop.core.profiles import Profile
from audience_desktop.core.request import (
    TOKEN_PLACEHOLDER,
    PreparedRequest,
    aep_headers,
    build_create_request,
)

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


@dataclass(frozen=True)
class Created:
    """A successful create: every id the server gave."""

    name: str
    audience_id: str
    id: str | None
    status: int
    request_id: str


@dataclass(frozen=True)
class Sandbox:
    name: str
    title: str
    type: str
    state: str = ""
    is_default: bool = False


@dataclass(frozen=True)
class Lookup:
    """Audiences found by exact name; ``complete`` is False when paging stopped early."""

    audiences: list[FoundAudience]
    complete: bool


@dataclass(frozen=True)
class FoundAudience:
    name: str
    audience_id: str | None
    id: str | None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


class Cancelled(AepError):
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
        cancel: threading.Event | None = None,
    ) -> None:
        self.profile = profile
        self.tokens = tokens
        self.http = http
        self.retry = retry or RetryPolicy()
        self.rng = rng or random.Random()
        self.cancel = cancel or threading.Event()

    # -- building requests -------------------------------------------------------------

    def headers(self, token: str, *, accept: str = "application/json") -> dict[str, str]:
        return aep_headers(self.profile, token, accept=accept)

    def close(self) -> None:
        """Close the connection pool (the GUI keeps clients for the session; the CLI closes)."""
        self.http.close()

    def __enter__(self) -> AepClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create_request(
        self, draft: AudienceDraft, token: str = TOKEN_PLACEHOLDER
    ) -> PreparedRequest:
        return build_create_request(self.profile, draft, token)

    # -- the create call ---------------------------------------------------------------

    def create(self, draft: AudienceDraft, on_send: Callable[[], None] | None = None) -> Created:
        """Create the audience; raise AepError whose ``kind`` says whether it may exist.

        ``on_send`` runs before each send (the history uses it as a heartbeat).
        """
        token = self.tokens.token()
        reminted = False
        waited = 0.0
        attempt = 0
        while True:
            attempt += 1
            prepared = self.create_request(draft, token)
            request_id = prepared.headers["x-request-id"]
            if on_send is not None:
                on_send()
            try:
                response = self._send(prepared)
            except _NOT_SENT as exc:
                error = AepError(
                    f"Could not connect to {self.profile.platform_url} ({type(exc).__name__})",
                    kind=ErrorKind.NOT_SENT,
                    request_id=request_id,
                    hint="Check the network connection, VPN or proxy settings; nothing was created.",
                )
                waited += self._wait_before_retry(attempt, None, waited, error)
                continue
            except httpx.HTTPError as exc:  # sent, or partly: it may have been processed
                what = (
                    f"No answer within {self.profile.read_timeout:g} seconds"
                    if isinstance(exc, httpx.TimeoutException)
                    else f"The connection broke before an answer arrived ({type(exc).__name__})"
                )
                raise AepError(
                    what,
                    kind=ErrorKind.UNCERTAIN,
                    request_id=request_id,
                    hint="The audience may have been created: it will be looked up before any retry.",
                ) from None
            if 200 <= response.status_code < 300:
                return self._read_created(response, request_id)
            error = AepError.from_response(
                response.status_code,
                response.content,
                response.headers.get("content-type", ""),
                request_id=response.headers.get("x-request-id") or request_id,
            )
            if error.status == 401 and error.code == aep.GW_TOKEN_INVALID and not reminted:
                reminted = True
                fresh = self.tokens.refresh(token)
                if fresh:
                    log.info("Token refused (401013); retrying once with a new token")
                    token = fresh
                    attempt -= 1  # the re-mint is not a retry of a failure
                    continue
            if error.status == 429:
                retry_after = _retry_after(response.headers.get("retry-after"))
                waited += self._wait_before_retry(attempt, retry_after, waited, error)
                continue
            if error.status is not None and error.status >= 500:
                error.kind = ErrorKind.UNCERTAIN  # a gateway error can hide a completed create
            raise error

    def _send(self, prepared: PreparedRequest) -> httpx.Response:
        log.info(
            "%s %s (x-request-id %s)",
            prepared.method,
            prepared.url,
            prepared.headers.get("x-request-id"),
        )
        return self.http.request(
            prepared.method,
            prepared.url,
            params=prepared.params,
            headers=prepared.headers,
            json=prepared.body,
        )

    def _wait_before_retry(
        self, attempt: int, retry_after: float | None, waited: float, error: AepError
    ) -> float:
        """Sleep before a safe retry, or raise ``error`` when the budget is spent."""
        if attempt >= self.retry.max_attempts:
            error.message += f" (gave up after {attempt} attempts)"
            raise error
        delay = retry_after if retry_after is not None else self.retry.backoff(attempt, self.rng)
        if delay > self.retry.max_retry_after or waited + delay > self.retry.max_total_wait:
            error.hint = f"Adobe asked to wait {delay:.0f} seconds: try again after that."
            raise error
        log.info("Retrying in %.2f s after: %s", delay, error.message)
        if self.cancel.wait(delay):
            raise Cancelled(
                "Cancelled while waiting to retry; nothing was created",
                kind=ErrorKind.NOT_SENT,
                request_id=error.request_id,
            )
        return delay

    @staticmethod
    def _read_created(response: httpx.Response, request_id: str) -> Created:
        request_id = response.headers.get("x-request-id") or request_id
        try:
            data = response.json()
        except ValueError:
            data = None
        audience_id = data.get("audienceId") if isinstance(data, dict) else None
        if not isinstance(audience_id, str) or not audience_id:
            raise AepError(
                "Adobe answered that the request succeeded, but without an audience id",
                kind=ErrorKind.UNCERTAIN,
                status=response.status_code,
                request_id=request_id,
                hint="The audience was probably created: it will be looked up by name.",
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
        token = self.tokens.token()
        for again in (True, False):
            request_id = str(uuid.uuid4())
            headers = self.headers(token) | {"x-request-id": request_id}
            try:
                response = self.http.get(
                    self.profile.platform_url + path, params=params, headers=headers
                )
            except httpx.HTTPError as exc:
                raise AepError(
                    f"Could not reach {self.profile.platform_url} ({type(exc).__name__})",
                    kind=ErrorKind.NOT_SENT,
                    request_id=request_id,
                    hint="Check the network connection, VPN or proxy settings.",
                ) from None
            if response.status_code == 200:
                try:
                    return response.json()
                except ValueError:
                    raise AepError(
                        "The server answered with something that is not JSON",
                        status=200,
                        request_id=request_id,
                    ) from None
            error = AepError.from_response(
                response.status_code,
                response.content,
                response.headers.get("content-type", ""),
                request_id=request_id,
            )
            if again and error.status == 401 and error.code == aep.GW_TOKEN_INVALID:
                fresh = self.tokens.refresh(token)
                if fresh:
                    token = fresh
                    continue
            raise error
        raise AssertionError("unreachable")

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

    def find_audiences(self, name: str, max_pages: int = 50) -> Lookup:
        """Audiences in the sandbox whose name is exactly ``name``.

        The API's ``name=`` filter is a case-insensitive "contains", so every page of its
        answer is read and compared exactly; a lookup that had to stop early says so.
        """
        found: list[FoundAudience] = []
        start = "0"
        for _ in range(max_pages):
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
