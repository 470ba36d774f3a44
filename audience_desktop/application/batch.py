"""Batches for the front ends: plan a file against a profile's sandbox, then run the plan.

``Workspace.plan_batch`` and ``Workspace.run_batch`` delegate here. Each row goes through
the single create's service (the pending row written first, linked to the batch record;
uncertain outcomes settled by lookup, never resent); the runner only paces and orders.
Nothing here knows about Qt or the terminal: the window calls these on a worker thread and
drives ``BatchControl`` from its buttons; progress and rows arrive through callbacks on
that thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from audience_desktop.core.attempt import Attempt, Status
from audience_desktop.core.batch import BatchOptions, BatchPlan, PlannedRow, RowStatus, plan_batch
from audience_desktop.core.batch_input import BatchSource
from audience_desktop.core.batch_results import ResultsWriter
from audience_desktop.core.batch_runner import BatchControl, BatchProgress, run_batch
from audience_desktop.core.batch_store import BatchStore, open_attempts_by_name
from audience_desktop.core.draft import normalise
from audience_desktop.core.errors import AepError, AppError
from audience_desktop.core.messages import msg
from audience_desktop.core.profiles import Profile
from audience_desktop.core.service import AlreadyAttempted, audience_home

# A row the client gave up on after its own 429 retries is tried again this many times (a
# new attempt each time: a 429 is certainly not processed), after a pause, at a lower pace.
THROTTLED_ROUNDS = 3
THROTTLED_PAUSE = 2.0

if TYPE_CHECKING:
    from audience_desktop.application.workspace import Workspace
    from audience_desktop.core.models import Progress


def plan(
    workspace: Workspace,
    source: BatchSource,
    options: BatchOptions,
    profile: Profile,
    cancel: threading.Event | None = None,
) -> BatchPlan:
    """Read and check every row (see core/batch.py); nothing is written or sent.

    Unresolved attempts of a dead process at a name in the file are looked up first. With
    ``options.check_sandbox``, the sandbox's audiences are listed once (every page);
    SandboxCheckFailed when they cannot be.
    """
    history = workspace.history  # opened and migrated before the batch store reads it
    service = workspace.service
    store = BatchStore(history.path, history.busy_timeout)
    home = audience_home(profile)

    def sandbox_names() -> dict[str, str | None]:
        from audience_desktop.core.sandbox import SandboxCheckFailed, readable

        names: dict[str, str | None] = {}
        try:
            for page in workspace.list_audiences(profile, cancel=cancel):
                for audience in page.audiences:
                    names.setdefault(normalise(audience.name), audience.audience_id)
                if page.cut_short:
                    raise SandboxCheckFailed("", profile.sandbox, None)
        except AepError as error:
            raise SandboxCheckFailed(
                "", profile.sandbox, readable(error, profile.sandbox)
            ) from None
        return names

    def settle(attempt: Attempt) -> Attempt:
        return service.resolve(attempt, workspace.client_for(profile), cancel=cancel)

    return plan_batch(
        source,
        options,
        lambda: open_attempts_by_name(history.path, profile, home),
        settle,
        sandbox_names if options.check_sandbox else None,
        lambda file_hash: store.find(file_hash, profile.sandbox, home),
        cancel,
    )


def run(
    workspace: Workspace,
    batch: BatchPlan,
    profile: Profile,
    control: BatchControl | None = None,
    on_row: Callable[[PlannedRow], None] | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
    *,
    max_rate: float | None = None,
    results: Path | None = None,
) -> BatchProgress:
    """Send the plan's ready rows under a batch record; ``results`` gets the results file."""
    history = workspace.history
    store = BatchStore(history.path, history.busy_timeout)
    home = audience_home(profile)
    if batch.source.digest() != batch.file_hash:
        raise AppError(msg("batch.changed", file=batch.source.display_name))
    batch_id = store.open(batch.source.display_name, batch.file_hash, profile.name,
                          profile.sandbox, home, batch.total)  # fmt: skip
    send = _sender(workspace, profile, batch_id)
    writer = ResultsWriter(results, batch.result_headers, batch.separator) if results else None

    def each_row(row: PlannedRow) -> None:
        if writer is not None:
            writer.add(row)
        if on_row is not None:
            on_row(row)

    control = control or BatchControl()
    try:
        if writer is not None:
            with writer:
                final = run_batch(batch, send, control, each_row, on_progress, max_rate=max_rate)
        else:
            final = run_batch(batch, send, control, each_row, on_progress, max_rate=max_rate)
    except BaseException:
        store.finish(batch_id, "interrupted")
        raise
    store.finish(batch_id, "cancelled" if control.cancelled.is_set() else "finished")
    return final


def _sender(
    workspace: Workspace, profile: Profile, batch_id: int
) -> Callable[[PlannedRow, threading.Event, Callable[[], None]], PlannedRow]:
    """Creates one row as a single create does, linked to the batch; its row result."""
    from dataclasses import replace

    from audience_desktop.core.models import Stage

    service = workspace.service

    def send(row: PlannedRow, stop: threading.Event, throttled: Callable[[], None]) -> PlannedRow:
        def heard(event: Progress) -> None:
            if event.stage is Stage.WAITING and event.throttled:
                throttled()

        try:  # no cancel: a send under way ends normally; Cancel stops the rows not started
            outcome = service.create(profile, row.draft, None, heard, batch=(batch_id, row.row))
            for _ in range(THROTTLED_ROUNDS):  # refused by a 429 every time: certainly not sent
                error = outcome.error
                if error is None or error.status != 429 or stop.is_set():
                    break
                throttled()
                stop.wait(THROTTLED_PAUSE)
                outcome = service.create(profile, row.draft, None, heard, batch=(batch_id, row.row))
        except AlreadyAttempted as refused:
            earlier = refused.earlier
            if earlier.status is Status.SUCCEEDED:
                return replace(row, status=RowStatus.ALREADY_CREATED,
                               audience_id=earlier.audience_id, message=refused.message)  # fmt: skip
            return replace(row, status=RowStatus.UNKNOWN, message=refused.message)
        except AppError as error:
            return replace(row, status=RowStatus.FAILED, message=error.message)
        attempt = outcome.attempt
        if attempt.status is Status.SUCCEEDED:
            return replace(row, status=RowStatus.CREATED, audience_id=attempt.audience_id,
                           message=None)  # fmt: skip
        message = outcome.error.message if outcome.error is not None else attempt.failure_message()
        status = RowStatus.UNKNOWN if attempt.status is Status.UNKNOWN else RowStatus.FAILED
        return replace(row, status=status, message=message)

    return send
