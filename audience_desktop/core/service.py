"""Create and reconcile audiences: the one workflow both front ends (GUI and CLI) run.

The order is what makes it safe: validate, check the history for an earlier attempt at the
same audience, write the ``pending`` row, send, record the outcome; and when the outcome is
uncertain, look the audience up by exact name instead of sending again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, ErrorKind
from audience_desktop.core.history import UNRESOLVED, Attempt, History, Status
from audience_desktop.core.profiles import Profile

if TYPE_CHECKING:  # the client pulls in httpx, which the window must not import at start-up
    from audience_desktop.core.client import AepClient, Created

log = logging.getLogger(__name__)

STALE_PENDING = timedelta(minutes=10)  # a pending row this old belongs to a process that died


class AlreadyAttempted(AepError):
    """An earlier attempt at the same audience succeeded or may have: nothing was sent."""

    def __init__(self, earlier: Attempt) -> None:
        if earlier.status is Status.SUCCEEDED:
            message = (
                f"An audience named {earlier.name!r} was already created in sandbox "
                f"{earlier.sandbox!r} on {earlier.created_at[:19].replace('T', ' ')} UTC "
                f"(audienceId {earlier.audience_id}). Nothing was sent"
            )
            hint = "Use a different name, or copy the existing audience id from the history."
        elif earlier.status is Status.PENDING:
            message = (
                f"{earlier.name!r} is already being created in sandbox {earlier.sandbox!r}. "
                "Nothing was sent"
            )
            hint = "Wait for that attempt to finish; it will appear in the history."
        else:
            message = (
                f"An earlier attempt to create {earlier.name!r} in sandbox {earlier.sandbox!r} "
                "may have reached Adobe and could not be checked. Nothing was sent"
            )
            hint = "Resolve that attempt in the history first (history --reconcile)."
        super().__init__(message, kind=ErrorKind.CONFIG, hint=hint)
        self.earlier = earlier


@dataclass(frozen=True)
class Outcome:
    """The final history row and, when it did not succeed, the error to show."""

    attempt: Attempt
    error: AepError | None = None


class AudienceService:
    """Runs creates and reconciliations against the history."""

    def __init__(self, history: History, client_for: Callable[[Profile], AepClient]) -> None:
        self.history = history
        self._client_for = client_for

    def create(self, profile: Profile, draft: AudienceDraft) -> Outcome:
        """Create one audience. Raises DraftInvalid or AlreadyAttempted before anything is
        written; every other failure is recorded and returned in the Outcome."""
        draft = draft.validated()
        client = self._client_for(profile)
        self._guard_repeat(profile, draft, client)
        row_id = self.history.add_pending(profile.name, profile.sandbox, profile.create_url, draft)
        try:
            created = client.create(draft)
        except AepError as error:
            return self._record_failure(row_id, error, client)
        except Exception as exc:  # a bug must still leave a resolvable row, not a pending one
            log.exception("Unexpected error during create")
            error = AepError(f"Unexpected error: {type(exc).__name__}", kind=ErrorKind.UNCERTAIN)
            return self._record_failure(row_id, error, client)
        return Outcome(self._record_success(row_id, created))

    def _guard_repeat(self, profile: Profile, draft: AudienceDraft, client: AepClient) -> None:
        stale = _cutoff(None)
        for earlier in self.history.open_attempts_for(profile.name, profile.sandbox, draft.name):
            in_flight = earlier.status is Status.PENDING and earlier.updated_at >= stale
            if not in_flight and earlier.status in UNRESOLVED:
                earlier = self.resolve(earlier, client)
            if earlier.status is not Status.FAILED:
                raise AlreadyAttempted(earlier)

    def _record_success(self, row_id: int, created: Created) -> Attempt:
        return self.history.update(
            row_id,
            Status.SUCCEEDED,
            audience_id=created.audience_id,
            aep_id=created.id,
            http_status=created.status,
            request_id=created.request_id,
            error=None,
        )

    def _record_failure(self, row_id: int, error: AepError, client: AepClient) -> Outcome:
        status = Status.UNKNOWN if error.kind is ErrorKind.UNCERTAIN else Status.FAILED
        attempt = self.history.update(
            row_id,
            status,
            http_status=error.status,
            error_code=error.code,
            request_id=error.request_id,
            error=error.describe(),
        )
        if status is Status.UNKNOWN:
            attempt = self.resolve(attempt, client)
            if attempt.status is Status.SUCCEEDED:
                return Outcome(attempt)
        return Outcome(attempt, error)

    def resolve(self, attempt: Attempt, client: AepClient | None = None) -> Attempt:
        """Settle an unknown or stale pending attempt by looking the audience up by exact name."""
        if attempt.status not in (Status.UNKNOWN, Status.PENDING):
            return attempt
        if client is None:
            raise ValueError("resolve needs a client for the attempt's profile")
        try:
            found = client.find_audiences(attempt.name)
        except AepError as error:
            log.warning("Lookup of %r failed: %s", attempt.name, error.describe())
            note = f"Could not check whether it was created: {error.describe()}"
            return self.history.update(attempt.row_id, Status.UNKNOWN, error=note)
        checked = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        if found:
            first = found[0]
            note = None
            if len(found) > 1:
                note = f"{len(found)} audiences named {attempt.name!r} exist in this sandbox."
            return self.history.update(
                attempt.row_id,
                Status.SUCCEEDED,
                audience_id=first.audience_id or first.id,
                aep_id=first.id,
                error=note,
            )
        previous = f" The server had said: {attempt.error}" if attempt.error else ""
        note = (
            f"Not created: no audience named {attempt.name!r} exists in sandbox "
            f"{attempt.sandbox!r} (checked {checked}).{previous}"
        )
        return self.history.update(attempt.row_id, Status.FAILED, error=note)

    def reconcile(
        self, profiles: dict[str, Profile], now: datetime | None = None
    ) -> list[tuple[Attempt, str | None]]:
        """Resolve every unknown row and every pending row old enough to be orphaned.

        Returns (row, problem) pairs; ``problem`` says why a row could not be checked.
        """
        cutoff = _cutoff(now)
        results: list[tuple[Attempt, str | None]] = []
        clients: dict[str, AepClient] = {}
        for attempt in self.history.unresolved(older_than=cutoff):
            profile = profiles.get(attempt.profile)
            if profile is None or profile.sandbox != attempt.sandbox:
                results.append(
                    (
                        attempt,
                        f"profile {attempt.profile!r} for sandbox "
                        f"{attempt.sandbox!r} is not available to check it",
                    )
                )
                continue
            client = clients.get(profile.name) or clients.setdefault(
                profile.name, self._client_for(profile)
            )
            results.append((self.resolve(attempt, client), None))
        return results


def _cutoff(now: datetime | None) -> str:
    """ISO time before which a pending row is considered orphaned."""
    return ((now or datetime.now(timezone.utc)) - STALE_PENDING).isoformat(timespec="milliseconds")
