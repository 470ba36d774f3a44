"""The sandbox's audiences, whoever made them: list, look up, delete, and check before a create.

The history only knows this app's attempts; colleagues, scripts and AEP's UI create in the
same sandbox. Whether AEP refuses a second audience of the same name is unconfirmed, so a
create is checked against the sandbox first (``check_before_create``). Refusals from
Adobe are said in plain words with the permission to ask for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AepError, AppError, ErrorKind
from audience_desktop.core.history import Deletion, History
from audience_desktop.core.messages import Message, msg
from audience_desktop.core.models import AudiencePage, SandboxAudience
from audience_desktop.core.profiles import Profile

if TYPE_CHECKING:  # the client pulls in httpx, which the window must not import at start-up
    from audience_desktop.core.client import AepClient


class AlreadyInSandbox(AppError):
    """The sandbox already has an audience of that name: nothing was sent.

    ``existing`` lists them (their audienceId is in the message).
    """

    def __init__(self, name: str, sandbox: str, existing: list[SandboxAudience]) -> None:
        ids = [a.audience_id or a.id or "?" for a in existing]
        if len(existing) == 1:
            message = msg("sandbox.exists", name=name, sandbox=sandbox, audience_id=ids[0])
        else:
            message = msg("sandbox.exists_several", name=name, sandbox=sandbox,
                          count=len(ids), audience_ids=", ".join(ids))  # fmt: skip
        super().__init__(message, kind=ErrorKind.CONFIG, hint=msg("sandbox.exists.hint"))
        self.existing = existing


class SandboxCheckFailed(AppError):
    """The check before a create could not be made (network, 403, cut short): nothing was
    sent. ``cause`` is the underlying error, whose details (status, request id) it keeps."""

    def __init__(self, name: str, sandbox: str, cause: AppError | None) -> None:
        reason: Message | str = cause.summary() if cause else msg("sandbox.check_incomplete")
        super().__init__(
            msg("sandbox.check_failed", name=name, sandbox=sandbox, reason=reason),
            kind=cause.kind if cause else ErrorKind.NOT_SENT,
            status=cause.status if cause else None,
            code=cause.code if cause else None,
            request_id=cause.request_id if cause else None,
        )
        self.cause = cause


def check_before_create(
    client: AepClient, draft: AudienceDraft, cancel: threading.Event | None = None
) -> None:
    """Refuse a create whose name already exists in the sandbox (one request, usually).

    The name is compared as the duplicate guard compares it (trimmed, NFC, exact); the
    server's ``name=`` filter only narrows the read. Raises AlreadyInSandbox or
    SandboxCheckFailed; returns when the name is free.
    """
    from audience_desktop.core.client import sandbox_audience

    sandbox = client.profile.sandbox
    try:
        lookup = client.find_audiences(draft.name, cancel=cancel)
    except AepError as error:
        raise SandboxCheckFailed(draft.name, sandbox, readable(error, sandbox)) from None
    if lookup.audiences:
        existing = [sandbox_audience(found.raw) for found in lookup.audiences]
        raise AlreadyInSandbox(draft.name, sandbox, existing)
    if not lookup.complete:
        raise SandboxCheckFailed(draft.name, sandbox, None)


def readable(error: AepError, sandbox: str, *, deleting: bool = False) -> AepError:
    """A 403 said plainly, with the permission to ask for; other errors as they are."""
    if error.status != 403:
        return error
    key = "sandbox.delete_forbidden" if deleting else "sandbox.list_forbidden"
    return AepError(
        msg(key, sandbox=sandbox),
        kind=error.kind,
        hint=msg(f"{key}.hint", sandbox=sandbox),
        status=error.status,
        code=error.code,
        request_id=error.request_id,
        server_message=error.server_message,
    )


class SandboxService:
    """Lists, finds and deletes a profile's sandbox audiences; records deletions."""

    def __init__(self, history: Callable[[], History], client_for: Callable[[Profile], AepClient]):
        self._history = history  # opened on first use: listing never needs it
        self._client_for = client_for

    def pages(
        self, profile: Profile, name: str | None = None, cancel: threading.Event | None = None
    ) -> Iterator[AudiencePage]:
        """Every page of the listing as it arrives (see AepClient.list_audiences)."""
        try:
            yield from self._client_for(profile).list_audiences(name, cancel=cancel)
        except AepError as error:
            raise readable(error, profile.sandbox) from None

    def named(
        self, profile: Profile, name: str, cancel: threading.Event | None = None
    ) -> list[SandboxAudience]:
        """The audiences whose name is exactly ``name`` (trimmed, NFC), over every page."""
        from audience_desktop.core.client import sandbox_audience

        try:
            lookup = self._client_for(profile).find_audiences(name, cancel=cancel)
        except AepError as error:
            raise readable(error, profile.sandbox) from None
        return [sandbox_audience(found.raw) for found in lookup.audiences]

    def audience(
        self, profile: Profile, audience_id: str, cancel: threading.Event | None = None
    ) -> SandboxAudience:
        """One audience by its system id; AppError ``sandbox.no_such_id`` when unknown."""
        try:
            return self._client_for(profile).get_audience(audience_id, cancel=cancel)
        except AepError as error:
            if error.status == 404:
                raise _no_such_id(error, audience_id, profile.sandbox) from None
            raise readable(error, profile.sandbox) from None

    def delete(
        self, profile: Profile, audience: SandboxAudience, cancel: threading.Event | None = None
    ) -> Deletion:
        """Delete it from the sandbox, then record the deletion (see History.record_deletion).

        Only a 2xx is recorded. A 404 is not: the id may be wrong rather than the audience
        gone, and recording it would let a still-existing audience be created again. An
        answer that never came may or may not have deleted it: the error says to list.
        """
        from audience_desktop.core.service import audience_home

        if not audience.id:
            raise AppError(msg("sandbox.no_such_id", id="", sandbox=profile.sandbox))
        try:
            request_id = self._client_for(profile).delete_audience(audience.id, cancel=cancel)
        except AepError as error:
            if error.status == 404:
                raise _no_such_id(error, audience.id, profile.sandbox) from None
            shown = readable(error, profile.sandbox, deleting=True)
            if shown.kind is ErrorKind.UNCERTAIN:
                shown.extra = msg("sandbox.delete_uncertain", name=audience.name)
                shown.hint = None  # the transport's hint speaks of creates
            raise shown from None
        return self._history().record_deletion(
            profile.name, profile.sandbox, audience_home(profile),
            name=audience.name, audience_id=audience.audience_id, aep_id=audience.id,
            request_id=request_id,
        )  # fmt: skip


    def settle_gone(
        self, profile: Profile, name: str, cancel: threading.Event | None = None
    ) -> list[Deletion]:
        """Record as deleted the audiences the history says were created under ``name``
        and that are no longer in the sandbox (asked by id: a 404 each).

        The way out of a delete whose answer never came although it happened: the history
        still says "created", which refuses creating the name again, and the sandbox has
        nothing left to delete. Nothing is recorded for an audience still there, or one
        that could not be asked about.
        """
        from audience_desktop.core.attempt import Status
        from audience_desktop.core.draft import normalise
        from audience_desktop.core.service import audience_home

        history, client = self._history(), self._client_for(profile)
        home = audience_home(profile)
        settled: list[Deletion] = []
        gone: set[str] = set()
        for attempt in history.open_attempts_for(profile.name, profile.sandbox, normalise(name),
                                                 home):  # fmt: skip
            if attempt.status is not Status.SUCCEEDED or not attempt.aep_id:
                continue
            if attempt.aep_id not in gone:
                try:
                    client.get_audience(attempt.aep_id, cancel=cancel)
                    continue  # still there: the user deletes it the usual way
                except AepError as error:
                    if error.status != 404:
                        continue  # could not tell: nothing recorded on a guess
                gone.add(attempt.aep_id)
                deletion = history.record_deletion(
                    profile.name, profile.sandbox, home, name=attempt.name,
                    audience_id=attempt.audience_id, aep_id=attempt.aep_id,
                )  # fmt: skip
                settled.append(deletion)
        return settled


def _no_such_id(error: AepError, audience_id: str, sandbox: str) -> AppError:
    return AppError(
        msg("sandbox.no_such_id", id=audience_id, sandbox=sandbox),
        kind=ErrorKind.HTTP,
        hint=msg("sandbox.no_such_id.hint"),
        status=error.status,
        code=error.code,
        request_id=error.request_id,
    )
