"""Create and reconcile audiences: the one workflow every front end runs.

The order is what makes it safe: validate, check the history for an earlier attempt at the
same audience, write the ``pending`` row, send, record the outcome; and when the outcome is
uncertain, look the audience up by exact name instead of sending again. Outcomes are stored
as columns (what failed, the server's words, what a check concluded), never as prose.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from audience_desktop.core import process_owner
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, AppError, ErrorKind
from audience_desktop.core.history import (
    UNRESOLVED,
    Attempt,
    History,
    HistoryWriteFailed,
    Resolution,
    Status,
    utc_now,
)
from audience_desktop.core.messages import Message, msg
from audience_desktop.core.profiles import AuthKind, Profile

if TYPE_CHECKING:  # the client pulls in httpx, which the window must not import at start-up
    from audience_desktop.core.client import AepClient
    from audience_desktop.core.history_query import HistoryReader
    from audience_desktop.core.models import Created, FoundAudience, Progress

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
            when = earlier.created_at  # rendered in local time with its zone
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
    warning: AppError | None = None  # the history could not take it (HistoryWriteFailed)


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
        self,
        profile: Profile,
        draft: AudienceDraft,
        cancel: threading.Event | None = None,
        progress: Callable[[Progress], None] | None = None,
        *,
        check_sandbox: bool = False,
        batch: tuple[int, int] | None = None,
    ) -> Outcome:
        """Create one audience. Raises DraftInvalid or AlreadyAttempted, and with
        ``check_sandbox`` AlreadyInSandbox or SandboxCheckFailed, before anything is written;
        every other failure is recorded and returned in the Outcome.

        ``progress`` hears when the pending row is written (its id), each send and each
        pause before a retry: the window says what it waits for and selects the row.
        """
        draft = draft.validated()
        client = self._client_for(profile)
        client.tokens.token()  # before the claim: a keyring prompt or a slow mint is not a send
        row_id = self._claim(profile, draft, client, check_sandbox, cancel, batch)
        if progress is not None:
            from audience_desktop.core.models import Progress, Stage  # off the start-up path

            progress(Progress(Stage.RECORDED, row_id=row_id))
        try:
            created = client.create(
                draft, on_send=lambda: self.history.touch(row_id), cancel=cancel,
                progress=progress,
            )  # fmt: skip
        except AepError as error:
            return self._record_failure(row_id, error, client)
        except Exception as exc:  # a bug must still leave a resolvable row, not a pending one
            log.exception("Unexpected error during create")
            unexpected = AepError(
                msg("net.unexpected", error=type(exc).__name__), kind=ErrorKind.UNCERTAIN
            )
            return self._record_failure(row_id, unexpected, client)
        except BaseException:  # Ctrl+C, SIGTERM, SIGHUP mid-request: it may have reached Adobe
            with contextlib.suppress(HistoryWriteFailed):  # kept in the recovery journal
                self.history.update(
                    row_id, Status.UNKNOWN, uncertain_since=utc_now(),
                    **_message_columns("failure", msg("net.interrupted")),
                )  # fmt: skip
            raise
        try:
            return Outcome(self._record_success(row_id, created))
        except HistoryWriteFailed as unwritable:  # the id is shown whatever the history does
            return Outcome(unwritable.attempt, warning=unwritable)

    def created_before(
        self, profile: Profile, draft: AudienceDraft, reader: HistoryReader | None = None
    ) -> Attempt | None:
        """The newest attempt that created this audience (same home and name), if any.

        Raises DraftInvalid for an invalid draft. Only a success counts: a pending or
        unknown attempt is looked up when the create starts, and may turn out failed.
        ``reader``: ask on that read-only connection instead of the writer's.
        """
        name = draft.validated().name
        for earlier in (reader or self.history).open_attempts_for(
            profile.name, profile.sandbox, name, audience_home(profile)
        ):
            if earlier.status is Status.SUCCEEDED:
                return earlier
        return None

    def _claim(
        self,
        profile: Profile,
        draft: AudienceDraft,
        client: AepClient,
        check_sandbox: bool = False,
        cancel: threading.Event | None = None,
        batch: tuple[int, int] | None = None,
    ) -> int:
        """Write the pending row, unless an earlier attempt at the same audience may stand.

        The same audience is the same org, sandbox, platform URL and name, through any
        profile (two profiles of one credential must not create it twice). Unresolved
        earlier attempts are looked up first; the final check and the insert are
        one transaction, so two processes cannot both claim the same audience.

        With ``check_sandbox``, the sandbox is asked after the history and before the row
        is written: the history refuses without a request, and a refusal by the sandbox
        (nothing sent) leaves no row, as the history's own refusal does. The pending row is
        still written before the create is sent.
        """
        claim = _claim_columns(profile)  # also the audience's home: the guard's key
        for earlier in self.history.open_attempts_for(
            profile.name, profile.sandbox, draft.name, claim
        ):
            if earlier.status in UNRESOLVED and not in_flight(earlier):
                self.resolve(earlier, client)
        if check_sandbox:
            from audience_desktop.core.sandbox import check_before_create

            standing = self.history.open_attempts_for(
                profile.name, profile.sandbox, draft.name, claim
            )
            if standing:
                raise AlreadyAttempted(standing[0])
            check_before_create(client, draft, cancel)
        if batch is not None:
            claim = {**claim, "batch_id": batch[0], "batch_row": batch[1]}
        row_id, blocking = self.history.add_pending_unless_open(
            profile.name, profile.sandbox, profile.create_url, draft, claim
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
        try:
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
        except HistoryWriteFailed as unwritable:  # no lookup now: its outcome could not be kept
            return Outcome(unwritable.attempt, error, warning=unwritable)
        if status is Status.UNKNOWN:
            attempt = self.resolve(attempt, client)
            if attempt.status is Status.SUCCEEDED:
                return Outcome(attempt)
        return Outcome(attempt, error)

    def mark_not_created(self, row_id: int) -> Attempt:
        """The user checked in AEP that an unknown attempt did not create anything."""
        attempt = self.release_orphan(self.history.get(row_id))
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
        if in_flight(attempt, now):
            return attempt  # still in flight, perhaps in another process
        if client is None:
            raise ValueError("resolve needs a client for the attempt's profile")
        attempt = self.release_orphan(attempt, now)
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
        checked = now.isoformat(timespec="seconds")  # rendered in local time with its zone
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
        clients: dict[Profile, AepClient] = {}
        every_pending = "9999"  # later than any ISO time: which are orphaned is decided here
        for attempt in self.history.unresolved(older_than=every_pending):
            if stop():
                break
            if in_flight(attempt, now):
                continue
            profile, problem = lookup_profile(attempt, profiles)
            if profile is None:
                results.append(Reconciled(self.release_orphan(attempt, now), problem))
                continue
            client = clients.get(profile) or clients.setdefault(profile, self._client_for(profile))
            results.append(Reconciled(self.resolve(attempt, client, now)))
        return results

    def release_orphan(self, attempt: Attempt, now: datetime | None = None) -> Attempt:
        """A pending row whose process is gone becomes ``unknown`` (it may have been sent).

        Its uncertainty counts from its last heartbeat; rows still in flight, or already
        settled, are returned as they are.
        """
        if attempt.status is not Status.PENDING or in_flight(attempt, now):
            return attempt
        return self.history.update(
            attempt.row_id, Status.UNKNOWN, uncertain_since=attempt.updated_at,
            **_message_columns("failure", msg("owner.gone")),
        )  # fmt: skip


def in_flight(attempt: Attempt, now: datetime | None = None) -> bool:
    """A pending row whose process still runs (or, when that cannot be told, a fresh one).

    The owner columns settle it at once on this host: a killed process's row is orphaned
    the moment it dies. Rows of another host, or written before schema 4, fall back on the
    staleness rule (not touched for STALE_PENDING).
    """
    if attempt.status is not Status.PENDING:
        return False
    owner = attempt.owner()
    gone = process_owner.is_gone(owner) if owner is not None else None
    if gone is not None:
        return not gone
    return attempt.updated_at >= _cutoff(now)


def lookup_profile(
    attempt: Attempt, profiles: dict[str, Profile]
) -> tuple[Profile | None, Message | None]:
    """The profile to look an attempt up with, or why there is none.

    Attempts since schema 4 keep their org, client id, sandbox and URLs: any profile holding
    that credential (its secret is in the keyring under that profile's name) can check them,
    even after their own profile was removed or moved to another sandbox. Older rows need
    their own profile, still on the same sandbox.
    """
    if attempt.org_id and attempt.client_id:
        holders = [
            p for p in profiles.values()
            if p.org_id == attempt.org_id and p.client_id == attempt.client_id
        ]  # fmt: skip
        if not holders:
            return None, msg(
                "reconcile.no_credential", org_id=attempt.org_id, client_id=attempt.client_id,
                name=attempt.name,
            )  # fmt: skip
        holder = next((p for p in holders if p.name == attempt.profile), holders[0])
        return replace(
            holder,
            sandbox=attempt.sandbox,
            platform_url=attempt.platform_url or holder.platform_url,
            ims_url=attempt.ims_url or holder.ims_url,
            ais_path=attempt.ais_path or holder.ais_path,
            scopes=attempt.scopes or holder.scopes,
        ), None
    profile = profiles.get(attempt.profile)
    if profile is None or profile.sandbox != attempt.sandbox:
        return None, msg("reconcile.no_profile", profile=attempt.profile, sandbox=attempt.sandbox)
    return profile, None


def audience_home(profile: Profile) -> dict[str, Any]:
    """Where the profile's audiences live, as the claim columns that key the duplicate guard."""
    return {"org_id": profile.org_id, "platform_url": profile.platform_url}


def _claim_columns(profile: Profile) -> dict[str, Any]:
    """What the pending row keeps: its owner, and how to look it up later (no secret)."""
    owner = process_owner.current()
    return {
        "owner_pid": owner.pid, "owner_started": owner.started, "owner_host": owner.host,
        "owner_boot": owner.boot, "org_id": profile.org_id, "client_id": profile.client_id,
        "platform_url": profile.platform_url, "ims_url": profile.ims_url,
        "ais_path": profile.ais_path, "auth_kind": AuthKind(profile.auth).value,
        "scopes": profile.scopes,
    }  # fmt: skip


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
