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
from audience_desktop.core.history import UNRESOLVED, Attempt, History, Status, utc_now
from audience_desktop.core.profiles import Profile

if TYPE_CHECKING:  # the client pulls in httpx, which the window must not import at start-up
    from audience_desktop.core.client import AepClient, Created, FoundAudience

log = logging.getLogger(__name__)

# A pending row not touched for this long belongs to a process that died: longer than one
# send can take (the read timeout is at most 600 s), since each send touches the row.
STALE_PENDING = timedelta(minutes=30)  # > connect + read timeouts (600 s each) + settle
# A lookup that finds nothing proves "not created" only this long after the attempt:
# the lookup service may index a new audience with some delay.
SETTLE_TIME = timedelta(minutes=2)


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

    def __init__(
        self,
        history: History,
        client_for: Callable[[Profile], AepClient],
        settle: timedelta = SETTLE_TIME,
    ) -> None:
        self.history = history
        self._client_for = client_for
        self.settle = settle

    def create(self, profile: Profile, draft: AudienceDraft) -> Outcome:
        """Create one audience. Raises DraftInvalid or AlreadyAttempted before anything is
        written; every other failure is recorded and returned in the Outcome."""
        draft = draft.validated()
        client = self._client_for(profile)
        client.tokens.token()  # before the claim: a keyring prompt or a slow mint is not a send
        row_id = self._claim(profile, draft, client)
        try:
            created = client.create(draft, on_send=lambda: self.history.touch(row_id))
        except AepError as error:
            return self._record_failure(row_id, error, client)
        except Exception as exc:  # a bug must still leave a resolvable row, not a pending one
            log.exception("Unexpected error during create")
            unexpected = AepError(
                f"Unexpected error: {type(exc).__name__}", kind=ErrorKind.UNCERTAIN
            )
            return self._record_failure(row_id, unexpected, client)
        except BaseException:  # Ctrl+C or exit mid-request: it may have reached Adobe
            self.history.update(
                row_id, Status.UNKNOWN, error="Interrupted before an answer.",
                uncertain_since=utc_now(),
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
            uncertain_since=utc_now() if status is Status.UNKNOWN else None,
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
            raise ValueError("Only an attempt whose outcome is unknown can be marked.")
        when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        note = f"Marked as not created by the user ({when})." + _server_said(attempt.error)
        return self.history.update(row_id, Status.FAILED, error=note)

    def resolve(
        self, attempt: Attempt, client: AepClient | None = None, now: datetime | None = None
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
            lookup = client.find_audiences(attempt.name)
        except AepError as error:
            log.warning("Lookup of %r failed: %s", attempt.name, error.describe())
            note = f"Could not check whether it was created: {error.describe()}"
            return self.history.update(
                attempt.row_id, Status.UNKNOWN, error=note + _server_said(attempt.error)
            )
        checked = now.strftime("%Y-%m-%d %H:%M UTC")
        same = [found for found in lookup.audiences if _same_audience(found, attempt)]
        if same:
            first = same[0]
            several = (
                f"{len(same)} audiences named {attempt.name!r} exist in this sandbox."
                if len(same) > 1
                else None
            )
            return self.history.update(
                attempt.row_id,
                Status.SUCCEEDED,
                audience_id=first.audience_id or first.id,
                aep_id=first.id,
                error=several,
            )
        previous = _server_said(attempt.error)
        if lookup.audiences:
            note = (
                f"An audience named {attempt.name!r} exists in sandbox {attempt.sandbox!r} but "
                f"with another namespace or origin (checked {checked}): check it in AEP."
            )
            return self.history.update(attempt.row_id, Status.UNKNOWN, error=note + previous)
        since = attempt.uncertain_since or attempt.updated_at  # an orphan: its last heartbeat
        if not lookup.complete or now - datetime.fromisoformat(since) < self.settle:
            note = (
                f"Not found yet in sandbox {attempt.sandbox!r} (checked {checked}); Adobe may "
                "still be processing it. Check again in a few minutes before creating it again."
            )
            return self.history.update(attempt.row_id, Status.UNKNOWN, error=note + previous)
        note = (
            f"Not created: no audience named {attempt.name!r} exists in sandbox "
            f"{attempt.sandbox!r} (checked {checked})."
        )
        return self.history.update(attempt.row_id, Status.FAILED, error=note + previous)

    def reconcile(
        self,
        profiles: dict[str, Profile],
        now: datetime | None = None,
        stop: Callable[[], bool] = lambda: False,
    ) -> list[tuple[Attempt, str | None]]:
        """Resolve every unknown row and every pending row old enough to be orphaned.

        Returns (row, problem) pairs; ``problem`` says why a row could not be checked.
        ``stop()`` is asked between rows, so a background check can be cancelled.
        """
        results: list[tuple[Attempt, str | None]] = []
        clients: dict[str, AepClient] = {}
        for attempt in self.history.unresolved(older_than=_cutoff(now)):
            if stop():
                break
            profile = profiles.get(attempt.profile)
            if profile is None or profile.sandbox != attempt.sandbox:
                problem = (
                    f"profile {attempt.profile!r} for sandbox {attempt.sandbox!r} is not "
                    "available to check it"
                )
                results.append((attempt, problem))
                continue
            client = clients.get(profile.name) or clients.setdefault(
                profile.name, self._client_for(profile)
            )
            results.append((self.resolve(attempt, client, now), None))
        return results


_SAID = " The server had said: "
_NOTES = ("Not found yet", "Not created:", "An audience named", "Could not check", "Marked as")


def _server_said(error: str | None) -> str:
    """The original server error behind earlier notes, as " The server had said: ...".

    Each check rewrites its note around the first error instead of nesting the last note.
    """
    if not error:
        return ""
    if _SAID in error:
        return _SAID + error.split(_SAID, 1)[1]
    return "" if error.startswith(_NOTES) else _SAID + error


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
