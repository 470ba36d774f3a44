"""The AEP client: create an audience, list sandboxes, list, look up and delete audiences.

One exchange (``_exchange``) sends every request: one place re-mints an expired token, one
place maps transport failures, and retries are limited to what the server certainly did not
process (connection failures and 429, for the create call). Requests are built in
``core.request``, so what is sent, what ``--curl`` prints and what the GUI copies never drift.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from audience_desktop.core import aep
from audience_desktop.core.auth import TokenSource
from audience_desktop.core.draft import AudienceDraft, normalise
from audience_desktop.core.errors import AepError, ErrorKind
from audience_desktop.core.messages import Message, msg
from audience_desktop.core.models import (
    AudiencePage,
    Created,
    FoundAudience,
    Lookup,
    Progress,
    Sandbox,
    SandboxAudience,
    Stage,
)
from audience_desktop.core.net import (
    ANSWER_LIMIT,
    Answer,
    DeadlineExceeded,
    SendCancelled,
    UnreadableAnswer,
    cert_error,
    certificate_problem,
    send_bounded,
)
from audience_desktop.core.profiles import Profile
from audience_desktop.core.redact import redact
from audience_desktop.core.request import (
    PreparedRequest,
    audience_path,
    build_create_request,
    build_delete_request,
    build_get_request,
)
from audience_desktop.core.sandbox_audiences import (
    RawPage,
    next_start,
    read_audience,
    same_name,
    total_count,
)
from audience_desktop.core.text import first_control_char, from_server, printable

log = logging.getLogger(__name__)

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
# Refused by the HTTP library before a byte left (a line break in a header value...): the
# same request would be refused again, so it is never retried.
_REFUSED_LOCALLY = (httpx.LocalProtocolError, httpx.InvalidURL, httpx.UnsupportedProtocol)
# Not sent, and sending again would fail the same way: reported at once, never retried.
_FINAL_FAILURES = frozenset({"net.cert_untrusted", "net.cert_untrusted_unknown"})
CREATE_ANSWER_LIMIT = 1024 * 1024  # a create answer is a few hundred bytes
MAX_ID_LENGTH = 256  # longer is not an id: a broken or hostile answer
_REDIRECTS = (301, 302, 303, 307, 308)
LIST_PAGE_SIZE = 100  # "keep it modest" (api.md)
LIST_MAX_PAGES = 200  # 20,000 audiences: five times AEP's 4,000 active-audience guardrail
LIST_SORT = "updateTime:desc"
_DELTA_SECONDS = re.compile(r"[0-9]+(\.[0-9]+)?")  # Retry-After in seconds (ASCII digits)


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

    def floor(self, attempt: int) -> float:
        """The shortest pause ``backoff`` can give: no two sends are ever closer than this."""
        return min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1)) / 2


class Cancelled(AepError):
    """The user cancelled; ``kind`` says whether the request may have reached Adobe."""


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
        # The cancel flag and body limit of the send in progress, per thread (the window
        # shares a client between its tasks); kept off _send's signature, a test seam.
        self._bounds = threading.local()

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
        progress: Callable[[Progress], None] | None = None,
        limit: int = ANSWER_LIMIT,
    ) -> tuple[Answer, str]:
        """Send ``build(token)``; return a 2xx answer and its request id, or raise AepError.

        With ``retry``, what certainly was not processed (no connection, 429) is sent again
        after a pause; a 401013 gets one fresh token either way. A 5xx is ``UNCERTAIN``: a
        gateway error can hide a completed create. Each send ends within the profile's total
        time limit, and ``cancel`` aborts it in flight. ``progress`` hears of each send and
        each pause, so a front end can say what it waits for.
        """
        tell = progress or (lambda _event: None)
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
            tell(Progress(Stage.SENDING, attempt=attempt, max_attempts=self.retry.max_attempts))
            try:
                self._bounds.cancel, self._bounds.limit = cancel, limit
                response = self._send(prepared)
            except httpx.HTTPError as exc:
                error = _transport_error(exc, self.profile, request_id, read_only)
                transient = (
                    isinstance(exc, _NOT_SENT)
                    and not isinstance(exc, _REFUSED_LOCALLY)
                    and error.message.key not in _FINAL_FAILURES
                )
                if retry and transient and error.kind is ErrorKind.NOT_SENT:
                    waited += self._wait_before_retry(attempt, None, waited, error, cancel, tell)
                    continue
                raise error from None
            answer_id = _header_id(response.headers.get(aep.H_REQUEST_ID)) or request_id
            if 200 <= response.status_code < 300:
                return response, answer_id
            if response.status_code in _REDIRECTS:
                raise _redirect_error(response, answer_id)
            error = AepError.from_response(
                response.status_code,
                response.content,
                response.headers.get("content-type", ""),
                request_id=answer_id,
                truncated=response.truncated,
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
                waited += self._wait_before_retry(
                    attempt, retry_after, waited, error, cancel, tell
                )
                continue
            if error.status is not None and not 400 <= error.status < 500:
                error.kind = ErrorKind.UNCERTAIN  # only a 4xx says "not processed"
            raise error

    # -- the create call ---------------------------------------------------------------

    def create(
        self,
        draft: AudienceDraft,
        on_send: Callable[[], None] | None = None,
        cancel: threading.Event | None = None,
        progress: Callable[[Progress], None] | None = None,
    ) -> Created:
        """Create the audience; raise AepError whose ``kind`` says whether it may exist.

        ``on_send`` runs before each send (the history uses it as a heartbeat); ``cancel``
        stops waiting between retries and aborts a send in flight (then the outcome is
        unknown, settled by lookup, never resent).
        """
        response, request_id = self._exchange(
            lambda token: build_create_request(self.profile, draft, token),
            retry=True,
            cancel=cancel,
            on_send=on_send,
            progress=progress,
            limit=CREATE_ANSWER_LIMIT,
        )
        return self._read_created(response, request_id)

    def _send(self, prepared: PreparedRequest) -> Answer:
        """Send one request, within the bounds ``_exchange`` set for this thread's send."""
        cancel: threading.Event | None = getattr(self._bounds, "cancel", None)
        limit: int = getattr(self._bounds, "limit", ANSWER_LIMIT)
        log.info(
            "%s %s (x-request-id %s)",
            prepared.method,
            prepared.url,
            prepared.headers.get(aep.H_REQUEST_ID),
        )
        return send_bounded(
            self.http,
            prepared.method,
            prepared.url,
            total_timeout=self.profile.total_limit,
            limit=limit,
            cancel=cancel,
            params=prepared.params,
            headers=prepared.headers,
            json_body=prepared.body,
        )

    def _wait_before_retry(
        self,
        attempt: int,
        retry_after: float | None,
        waited: float,
        error: AepError,
        cancel: threading.Event | None,
        tell: Callable[[Progress], None],
    ) -> float:
        """Sleep before a safe retry, or raise ``error`` when the budget is spent."""
        if attempt >= self.retry.max_attempts:
            error.extra = msg("http.gave_up", attempts=attempt)
            raise error
        delay = (
            max(retry_after, self.retry.floor(attempt))
            if retry_after is not None
            else self.retry.backoff(attempt, self.rng)
        )
        if delay > self.retry.max_retry_after or waited + delay > self.retry.max_total_wait:
            error.hint = msg("http.wait_longer", seconds=f"{delay:.0f}")
            raise error
        log.info("Retrying in %.2f s after: %s", delay, error.message.key)
        tell(
            Progress(
                Stage.WAITING,
                attempt=attempt + 1,
                max_attempts=self.retry.max_attempts,
                delay=delay,
                throttled=error.status == 429,
            )
        )
        if (cancel or threading.Event()).wait(delay):
            raise Cancelled(
                msg("net.cancelled_retry"), kind=ErrorKind.NOT_SENT, request_id=error.request_id
            )
        return delay

    @staticmethod
    def _read_created(response: Answer, request_id: str) -> Created:
        """A 2xx answer with a plausible audience id; anything else is settled by lookup."""

        def uncertain(message: Message) -> AepError:
            return AepError(
                message,
                kind=ErrorKind.UNCERTAIN,
                status=response.status_code,
                request_id=request_id,
                hint=msg("hint.probably_created"),
            )

        if response.truncated:
            raise uncertain(msg("net.answer_cut", limit=_size(CREATE_ANSWER_LIMIT)))
        try:
            data = response.json()
        except ValueError:
            data = None
        audience_id = data.get("audienceId") if isinstance(data, dict) else None
        if not isinstance(audience_id, str) or not audience_id:
            raise uncertain(msg("net.created_without_id"))
        raw_id = data.get("id")
        system_id = None if raw_id in (None, "") else _id_text(raw_id)
        if any(_echoes_secret(value) for value in (audience_id, system_id) if value):
            raise uncertain(msg("net.created_secret_id"))  # an echo: never shown nor stored
        if not _plausible_id(audience_id) or (
            raw_id not in (None, "") and (system_id is None or not _plausible_id(system_id))
        ):
            raise uncertain(msg("net.created_bad_id", limit=MAX_ID_LENGTH))
        return Created(
            name=printable(str(data.get("name") or ""), MAX_ID_LENGTH),  # secrets masked
            audience_id=audience_id,
            id=system_id,
            status=response.status_code,
            request_id=request_id,
        )

    # -- neighbours ---------------------------------------------------------------------

    def _get(
        self,
        path: str,
        params: dict[str, str] | None = None,
        cancel: threading.Event | None = None,
    ) -> Any:
        """GET a JSON answer (reads are not retried: the caller decides)."""
        response, request_id = self._exchange(
            lambda token: build_get_request(self.profile, path, params or {}, token),
            retry=False,
            read_only=True,
            cancel=cancel,
        )
        if response.truncated:
            raise AepError(
                msg("net.answer_too_large", limit=_size(ANSWER_LIMIT)),
                status=response.status_code,
                request_id=request_id,
            )
        try:
            return response.json()
        except ValueError:
            raise AepError(
                msg("http.not_json", text=redact(printable(response.text, 200))),
                status=response.status_code,
                request_id=request_id,
            ) from None

    def list_sandboxes(self) -> list[Sandbox]:
        """The sandboxes this credential may use (no admin rights needed)."""
        data = self._get(aep.SANDBOXES_PATH, {"limit": "100"})
        items = data.get("sandboxes", []) if isinstance(data, dict) else []
        return [
            Sandbox(  # server text, shown and printed: known secrets masked
                name=from_server(str(item.get("name", ""))),
                title=from_server(str(item.get("title") or item.get("name", ""))),
                type=from_server(str(item.get("type", ""))),
                state=from_server(str(item.get("state", ""))),
                is_default=bool(item.get("isDefault", False)),
            )
            for item in items
            if isinstance(item, dict) and item.get("name")
        ]

    def find_audiences(
        self, name: str, max_pages: int = 50, cancel: threading.Event | None = None
    ) -> Lookup:
        """Audiences in the sandbox whose name is ``name`` (trimmed and NFC, as the duplicate
        guard compares names).

        The API's ``name=`` filter is a case-insensitive "contains", so every page of its
        answer is read and compared exactly; a lookup that had to stop early says so.
        Usually one request: a second only when over a page of names contain this one.
        """
        found: dict[object, FoundAudience] = {}
        name = normalise(name)  # the filter too: " x " contains nothing "x" does not
        # The server's filter compares the characters as stored: a name stored decomposed
        # ("e" and a combining accent, as some tools save it) is found only by that form.
        forms = dict.fromkeys((name, unicodedata.normalize("NFD", name)))
        for form in forms:
            complete = False
            for page in self._audience_pages({"name": form}, max_pages=max_pages, cancel=cancel):
                for child in page.children:
                    if isinstance(child.get("name"), str) and same_name(child["name"], name):
                        key = child.get("id") or child.get("audienceId") or id(child)
                        found[key] = FoundAudience(
                            name=name,
                            audience_id=_opt(child.get("audienceId")),
                            id=_opt(child.get("id")),
                            raw=child,
                        )
                if page.last:
                    complete = not page.cut_short
                    break
            if not complete:  # cancelled or cut short: an incomplete lookup proves nothing
                return Lookup(list(found.values()), complete=False)
        return Lookup(list(found.values()), complete=True)

    def list_audiences(
        self,
        name: str | None = None,
        *,
        page_size: int = LIST_PAGE_SIZE,
        max_pages: int = LIST_MAX_PAGES,
        cancel: threading.Event | None = None,
    ) -> Iterator[AudiencePage]:
        """Every audience of the sandbox, newest change first, one page at a time as it
        arrives (``name``: the server's "contains" filter). Stops quietly when ``cancel``
        is set between pages; a send in flight is aborted (Cancelled)."""
        params = {"sort": LIST_SORT, **({"name": name} if name else {})}
        pages = self._audience_pages(
            params, page_size=page_size, max_pages=max_pages, cancel=cancel
        )
        for index, page in enumerate(pages):
            yield AudiencePage(
                tuple(map(sandbox_audience, page.children)),
                index=index,
                total=page.total,
                last=page.last,
                cut_short=page.cut_short,
            )

    def get_audience(
        self, audience_id: str, cancel: threading.Event | None = None
    ) -> SandboxAudience:
        """One audience by its system id (``GET /data/core/ups/audiences/{id}``)."""
        data = self._get(audience_path(audience_id), cancel=cancel)
        if not isinstance(data, dict):
            raise AepError(msg("http.not_json", text=redact(printable(str(data), 200))))
        return sandbox_audience(data)

    def delete_audience(self, audience_id: str, cancel: threading.Event | None = None) -> str:
        """``DELETE /data/core/ups/audiences/{id}``; the request id of the 2xx answer.

        Never retried: a delete that may have been processed is checked by listing.
        """
        _response, request_id = self._exchange(
            lambda token: build_delete_request(self.profile, audience_id, token),
            retry=False,
            cancel=cancel,
        )
        return request_id

    def _audience_pages(
        self,
        params: dict[str, str],
        *,
        page_size: int = LIST_PAGE_SIZE,
        max_pages: int = 50,
        cancel: threading.Event | None = None,
    ) -> Iterator[RawPage]:
        """The one reader of ``GET /data/core/ups/audiences``: the lookup and the listing.

        Reads pages with ``start`` and ``limit``, following ``_page.next`` (or
        ``_links.next``) until it is empty. The final page says ``last``; one cut short (too
        many pages, a marker that is not one) says so. Cancelled between pages, it ends with
        no last page.
        """
        start = "0"
        total: int | None = None
        for index in range(max_pages):
            if cancel is not None and cancel.is_set():
                return
            query = {**params, "limit": str(page_size), "start": start}
            data = self._get(aep.AUDIENCE_LOOKUP_PATH, query, cancel=cancel)
            data = data if isinstance(data, dict) else {}
            raw = data.get("children", [])
            children = [c for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []
            total = total_count(data.get("_page"))
            following = next_start(data)
            if not children or not following or following == start:
                yield RawPage(children, index, total, last=True)
                return
            if len(following) > MAX_ID_LENGTH or first_control_char(following) is not None:
                yield RawPage(children, index, total, last=True, cut_short=True)
                return  # not a page marker: stop, prove nothing
            yield RawPage(children, index, total, last=False)
            start = following
        yield RawPage([], max_pages, total, last=True, cut_short=True)


def sandbox_audience(child: dict[str, Any]) -> SandboxAudience:
    """One child of the audience listing as shown (ids checked as every id is)."""
    return read_audience(child, _opt)


def _transport_error(
    exc: httpx.HTTPError, profile: Profile, request_id: str, read_only: bool
) -> AepError:
    """The one mapping of httpx's failures: never sent, or sent and perhaps processed.

    A read that failed changed nothing, whatever the failure: it is simply "not reached".
    A request the HTTP library refused to send, a refused certificate, and a send aborted
    before its first byte left are "not sent"; an abort after that is "unknown".
    """
    name = type(exc).__name__
    sent = getattr(exc, "sent", True)
    if isinstance(exc, SendCancelled):
        if read_only or not sent:
            return Cancelled(msg("net.cancelled_before_send"), kind=ErrorKind.NOT_SENT,
                             request_id=request_id)  # fmt: skip
        return Cancelled(msg("net.cancelled_in_flight"), kind=ErrorKind.UNCERTAIN,
                         request_id=request_id, hint=msg("hint.looked_up"))  # fmt: skip
    if isinstance(exc, DeadlineExceeded):
        uncertain = sent and not read_only
        return AepError(
            msg("net.deadline", seconds=f"{exc.seconds:g}"),
            kind=ErrorKind.UNCERTAIN if uncertain else ErrorKind.NOT_SENT,
            request_id=request_id,
            hint=msg("hint.looked_up") if uncertain else msg("hint.check_network"),
        )
    if isinstance(exc, UnreadableAnswer):
        garbled = not read_only  # a read changed nothing; a create may have been processed
        return AepError(
            msg("net.unreadable_answer", encoding=exc.encoding),
            kind=ErrorKind.UNCERTAIN if garbled else ErrorKind.NOT_SENT,
            request_id=request_id,
            hint=msg("hint.looked_up") if garbled else None,
        )
    if isinstance(exc, _REFUSED_LOCALLY):
        return AepError(
            msg("net.refused_locally", error=name),
            kind=ErrorKind.NOT_SENT,
            request_id=request_id,
            hint=msg("hint.refused_locally"),
        )
    if isinstance(exc, httpx.ConnectError):
        problem = certificate_problem(exc, profile.platform_url, profile.connect_timeout)
        if problem is not None:
            return cert_error(problem, ErrorKind.NOT_SENT, request_id)
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


def _redirect_error(response: Answer, request_id: str) -> AepError:
    """A redirect is reported, never followed: it would carry the token elsewhere.

    A 303 after a POST classically means "done, see there": that one may have created it.
    """
    location = redact(printable(response.headers.get("location", ""), 300))
    status = response.status_code
    message = (
        msg("http.redirected", location=location, status=status)
        if location
        else msg("http.redirected_nowhere", status=status)
    )
    return AepError(
        message,
        kind=ErrorKind.UNCERTAIN if status == 303 else ErrorKind.HTTP,
        status=status,
        request_id=request_id,
        hint=msg("hint.looked_up") if status == 303 else msg("hint.redirected"),
    )


def _plausible_id(value: str) -> bool:
    """An id is short, has no control characters, and carries no known secret (an echo)."""
    return (
        0 < len(value) <= MAX_ID_LENGTH
        and first_control_char(value) is None
        and not _echoes_secret(value)
    )


def _echoes_secret(value: str) -> bool:
    """``value`` carries a known secret or token (or an encoded form, or a credential shape):
    the masking choke point would change it."""
    return from_server(value) != value


def _header_id(value: str | None) -> str | None:
    """A request id from a header, if it looks like one (it is shown and stored).

    One carrying a known secret or a credential shape is an echo, not an id: the request
    id we sent is kept instead.
    """
    return value if value and _plausible_id(value) else None


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def _opt(value: Any) -> str | None:
    """An id from a lookup, or None when absent or not plausible as an id."""
    if value in (None, ""):
        return None
    text = _id_text(value)
    return text if text is not None and _plausible_id(text) else None


def _id_text(value: Any) -> str | None:
    """An id as text: JSON strings and integers are ids; a float (1e999 is "inf"), a boolean
    or a structure is not one."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return str(value)
        except ValueError:  # more digits than Python will print: not an id either
            return None
    return None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date), else None.

    Only what the header's grammar allows (digits, a decimal fraction too), or a date still
    to come. "nan", "-5", "inf" or a date already past are not a wait: ignored, so the
    backoff applies.
    """
    if not value:
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)  # a huge number is a long wait (inf), reported, not waited
    try:
        seconds = parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return seconds if seconds > 0 else None
