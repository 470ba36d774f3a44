"""Create and reconcile audiences: the one workflow every front end runs.

The order is what makes it safe: validate, check the history for an earlier attempt at the
same audience, write the ``pending`` row, send, record the outcome; and when the outcome is
uncertain, look the audience up by exact name instead of sending again. Outcomes are stored
as columns (what failed, the server's words, what a check concluded), never as prose.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, AppError, ErrorKind
from audience_desktop.core.history import (
    UNRESOLVED,
    Attempt,
    History,
    Resolution,
    Status,
    utc_now,
)
from audience_desktop.core.messages import Message, msg
from audience_desktop.core.profiles import Profile

if TYPE_CHECKING:  # the client pulls in httpx, which the window must not import at start-up
    from audience_desktop.core.client import AepClient
    from audience_desktop.core.models import Created, FoundAudience

log = logging.getLogger(__name__)

# A pending row not touched for this long belongs to a process that died: longer than one
# send can take (each ends within its profile's total limit); each send touches the row.
STALE_PENDING = timedelta(minutes=30)  # > a send, a re-mint (profiles.MAX_TIMEOUT each) + a wait
# A lookup that finds nothing proves "not created" only this long after the attempt:
# the lookup service may index a new audience with some delay.
SETTLE_TIME = timedelta(minutes=2)


class AlreadyAttempted(AppError):
    """An earlier attempt at the same audience succeeded or may have: nothing was sent."""

    def __init__(self, earlier: Attempt) -> None:
        where = {"name": earlier.name, "sandbox": earlier.sandbox}
        if earlier.status is Status.SUCCEEDED:
            when = earlier.created_at[:19].replace("T", " ") + " UTC"
            message = msg("repeat.created", when=when, audience_id=earlier.audience_id, **where)
            hint = msg("repeat.created.hint")
        elif earlier.status is Status.PENDING:
            message, hint = msg("repeat.pending", **where), msg("repeat.pending.hint")
        else:
            message, hint = msg("repeat.unknown", **where), msg("repeat.unknown.hint")
        super().__init__(message, kind=ErrorKind.CONFIG, hint=hint)
        self.earlier = earlier


@dataclass(frozen=True)
class Outcome:
    """The final history row and, when it did not succeed, the error to show."""

    attempt: Attempt
    error: AppError | None = None


@dataclass(frozen=True)
class Reconciled:
    """One row a reconciliation looked at; ``problem`` says why it could not be checked."""

    attempt: Attempt
    problem: Message | None = None


class AudienceService:
    """Runs creates and reconciliations against the history."""

    def __init__(
        self,
        history: History,
        client_for: Callable[[Profile], AepClient],
        settle: timedelta = SETTLE_TIME,
    ) -> None:
        self.history = history
        self._client_for = client_for
        self.settle = settle

    def create(
        self, profile: Profile, draft: AudienceDraft, cancel: threading.Event | None = None
    ) -> Outcome:
        """Create one audience. Raises DraftInvalid or AlreadyAttempted before anything is
        written; every other failure is recorded and returned in the Outcome."""
        draft = draft.validated()
        client = self._client_for(profile)
        client.tokens.token()  # before the claim: a keyring prompt or a slow mint is not a send
        row_id = self._claim(profile, draft, client)
        try:
            created = client.create(
                draft, on_send=lambda: self.history.touch(row_id), cancel=cancel
            )
        except AepError as error:
            return self._record_failure(row_id, error, client)
        except Exception as exc:  # a bug must still leave a resolvable row, not a pending one
            log.exception("Unexpected error during create")
            unexpected = AepError(
                msg("net.unexpected", error=type(exc).__name__), kind=ErrorKind.UNCERTAIN
            )
            return self._record_failure(row_id, unexpected, client)
        except BaseException:  # Ctrl+C or exit mid-request: it may have reached Adobe
            self.history.update(
                row_id, Status.UNKNOWN, uncertain_since=utc_now(),
                **_message_columns("failure", msg("net.interrupted")),
            )  # fmt: skip
            raise
        return Outcome(self._record_success(row_id, created))

    def _claim(self, profile: Profile, draft: AudienceDraft, client: AepClient) -> int:
        """Write the pending row, unless an earlier attempt at the same audience may stand.

        Unresolved earlier attempts are looked up first; the final check and the insert are
        one transaction, so two processes cannot both claim the same audience.
        """
        stale = _cutoff(None)
        for earlier in self.history.open_attempts_for(profile.name, profile.sandbox, draft.name):
            in_flight = earlier.status is Status.PENDING and earlier.updated_at >= stale
            if not in_flight and earlier.status in UNRESOLVED:
                self.resolve(earlier, client)
        row_id, blocking = self.history.add_pending_unless_open(
            profile.name, profile.sandbox, profile.create_url, draft
        )
        if blocking is not None:
            raise AlreadyAttempted(blocking)
        return row_id

    def _record_success(self, row_id: int, created: Created) -> Attempt:
        return self.history.update(
            row_id,
            Status.SUCCEEDED,
            audience_id=created.audience_id,
            aep_id=created.id,
            http_status=created.status,
            request_id=created.request_id,
        )

    def _record_failure(self, row_id: int, error: AepError, client: AepClient) -> Outcome:
        status = Status.UNKNOWN if error.kind is ErrorKind.UNCERTAIN else Status.FAILED
        attempt = self.history.update(
            row_id,
            status,
            http_status=error.status,
            error_code=error.code,
            request_id=error.request_id,
            server_message=error.server_message,
            uncertain_since=utc_now() if status is Status.UNKNOWN else None,
            **_message_columns("failure", error.message),
            **_message_columns("failure_hint", error.hint),
        )
        if status is Status.UNKNOWN:
            attempt = self.resolve(attempt, client)
            if attempt.status is Status.SUCCEEDED:
                return Outcome(attempt)
        return Outcome(attempt, error)

    def mark_not_created(self, row_id: int) -> Attempt:
        """The user checked in AEP that an unknown attempt did not create anything."""
        attempt = self.history.get(row_id)
        if attempt.status is not Status.UNKNOWN:
            raise AppError(msg("mark.not_unknown"))
        return self._settle(attempt, Status.FAILED, Resolution.MARKED, datetime.now(timezone.utc))

    def resolve(
        self,
        attempt: Attempt,
        client: AepClient | None = None,
        now: datetime | None = None,
        cancel: threading.Event | None = None,
    ) -> Attempt:
        """Settle an unknown or orphaned pending attempt by looking the audience up.

        Found (same exact name, and the same namespace and origin when the lookup shows
        them): succeeded. Not found: failed only once the attempt is older than the settle
        time and every page was read, since Adobe may still be processing it; until then it
        stays unknown, so nothing is created twice.
        """
        now = now or datetime.now(timezone.utc)
        if attempt.status not in UNRESOLVED:
            return attempt
        if attempt.status is Status.PENDING and attempt.updated_at >= _cutoff(now):
            return attempt  # still in flight, perhaps in another process
        if client is None:
            raise ValueError("resolve needs a client for the attempt's profile")
        try:
            lookup = client.find_audiences(attempt.name, cancel=cancel)
        except AepError as error:
            log.warning("Lookup of %r failed: %s", attempt.name, error.message.key)
            return self._settle(
                attempt, Status.UNKNOWN, Resolution.CHECK_FAILED, now, reason=error.message
            )
        same = [found for found in lookup.audiences if _same_audience(found, attempt)]
        if same:
            first = same[0]
            several = len(same) > 1
            return self._settle(
                attempt,
                Status.SUCCEEDED,
                Resolution.FOUND_SEVERAL if several else Resolution.FOUND,
                now,
                count=len(same),
                audience_id=first.audience_id or first.id,
                aep_id=first.id,
            )
        if lookup.audiences:
            return self._settle(attempt, Status.UNKNOWN, Resolution.OTHER_DETAILS, now)
        since = attempt.uncertain_since or attempt.updated_at  # an orphan: its last heartbeat
        if not lookup.complete or now - datetime.fromisoformat(since) < self.settle:
            return self._settle(attempt, Status.UNKNOWN, Resolution.NOT_FOUND_YET, now)
        return self._settle(attempt, Status.FAILED, Resolution.NOT_FOUND, now)

    def _settle(
        self,
        attempt: Attempt,
        status: Status,
        resolution: Resolution,
        now: datetime,
        *,
        audience_id: str | None = None,
        aep_id: str | None = None,
        **params: Any,
    ) -> Attempt:
        """Record what a check concluded; the failure and the server's words stay as they are."""
        checked = now.strftime("%Y-%m-%d %H:%M UTC")
        params = {"name": attempt.name, "sandbox": attempt.sandbox, "checked": checked, **params}
        ids = {"audience_id": audience_id, "aep_id": aep_id} if audience_id else {}
        return self.history.update(
            attempt.row_id,
            status,
            resolution=resolution.value,
            resolution_args=Message(f"resolution.{resolution.value}", params).to_json(),
            checked_at=now.isoformat(timespec="milliseconds"),
            **ids,
        )

    def reconcile(
        self,
        profiles: dict[str, Profile],
        now: datetime | None = None,
        stop: Callable[[], bool] = lambda: False,
    ) -> list[Reconciled]:
        """Resolve every unknown row and every pending row old enough to be orphaned.

        ``stop()`` is asked between rows, so a background check can be cancelled.
        """
        results: list[Reconciled] = []
        clients: dict[str, AepClient] = {}
        for attempt in self.history.unresolved(older_than=_cutoff(now)):
            if stop():
                break
            profile = profiles.get(attempt.profile)
            if profile is None or profile.sandbox != attempt.sandbox:
                problem = msg("reconcile.no_profile", profile=attempt.profile,
                              sandbox=attempt.sandbox)  # fmt: skip
                results.append(Reconciled(attempt, problem))
                continue
            client = clients.get(profile.name) or clients.setdefault(
                profile.name, self._client_for(profile)
            )
            results.append(Reconciled(self.resolve(attempt, client, now)))
        return results


def _message_columns(prefix: str, message: Message | None) -> dict[str, str | None]:
    """A message as the history's (kind, JSON parameters) column pair."""
    if message is None:
        return {prefix: None, f"{prefix}_args": None}
    return {prefix: message.key, f"{prefix}_args": message.to_json()}


def _same_audience(found: FoundAudience, attempt: Attempt) -> bool:
    """Exact name, and namespace and origin too when the lookup shows them."""
    raw = found.raw
    return (
        found.name == attempt.name
        and raw.get("namespace", attempt.namespace) == attempt.namespace
        and raw.get("originName", attempt.origin_name) == attempt.origin_name
    )


def _cutoff(now: datetime | None) -> str:
    """ISO time before which a pending row is considered orphaned."""
    return ((now or datetime.now(timezone.utc)) - STALE_PENDING).isoformat(timespec="milliseconds")
