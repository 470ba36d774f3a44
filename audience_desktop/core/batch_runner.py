"""Running a batch: the rows streamed to a few workers, at an adaptive pace, in file order.

The runner knows nothing of HTTP or the history: ``send(row, stop, throttled)`` (the
application's) creates one row through the same service as a single create, so each row's
attempt is written before it is sent and an uncertain outcome is settled by lookup, never
resent. Results come back in file order, one per row, while only the rows in flight (and
those waiting behind a slow one) are held. Pause holds rows not yet started; cancel marks
them ``not-sent``.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from audience_desktop.core.batch import BatchPlan, PlannedRow, RowStatus
from audience_desktop.core.batch_pace import Pace
from audience_desktop.core.messages import msg

DEFAULT_WORKERS = 16
PROGRESS_EVERY = 0.25  # seconds between progress events


class BatchControl:
    """Pause, resume and cancel a running batch from any thread (the window's buttons)."""

    def __init__(self) -> None:
        self.paused = threading.Event()
        self.cancelled = threading.Event()

    def pause(self) -> None:
        self.paused.set()

    def resume(self) -> None:
        self.paused.clear()

    def cancel(self) -> None:
        self.cancelled.set()
        self.paused.clear()


@dataclass(frozen=True)
class BatchProgress:
    """Where a run stands: counts by status, the pace, and the time left."""

    total: int  # data rows in the file
    to_send: int  # rows the plan found ready
    done: int  # rows with their final status
    sent: int  # ready rows whose send ended (created, failed or unknown)
    counts: dict[str, int]  # final statuses so far, by RowStatus value
    rate: float  # creates per second over the last seconds
    pace: float  # the pace the runner holds now (creates per second)
    concurrency: int  # sends allowed in flight now
    eta: float | None  # seconds left, None until a rate is known
    paused: bool
    finished: bool = False


Send = Callable[[PlannedRow, threading.Event, Callable[[], None]], PlannedRow]


def run_batch(
    plan: BatchPlan,
    send: Send,
    control: BatchControl | None = None,
    on_row: Callable[[PlannedRow], None] | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
    *,
    max_rate: float | None = None,
    workers: int = DEFAULT_WORKERS,
) -> BatchProgress:
    """Send the plan's ready rows; every row's result goes to ``on_row`` in file order.

    Returns the final progress (``counts`` has every row). Exceptions from reading the
    file again (it changed) are raised after the rows in flight have ended.
    """
    control = control or BatchControl()
    pace = Pace(max_rate, workers)
    work: queue.Queue[tuple[int, PlannedRow] | None] = queue.Queue(maxsize=workers * 2)
    finished: queue.Queue[tuple[int, PlannedRow, bool]] = queue.Queue()
    produced: list[int] = []  # the row count, once the producer is through the file
    failure: list[BaseException] = []

    def produce() -> None:
        count = 0
        try:
            for count, row in enumerate(plan.rows(), start=1):
                if row.status is not RowStatus.READY:
                    finished.put((count - 1, row, False))
                elif control.cancelled.is_set():
                    finished.put((count - 1, _not_sent(row), False))
                else:
                    work.put((count - 1, row))
        except BaseException as exc:
            failure.append(exc)
            control.cancel()
        finally:
            for _ in range(workers):
                work.put(None)
            produced.append(count)

    def work_on() -> None:
        while (item := work.get()) is not None:
            seq, row = item
            started = pace.acquire(control.cancelled, control.paused)
            if started is None:
                finished.put((seq, _not_sent(row), False))
                continue
            try:
                result = send(row, control.cancelled, pace.throttled)
            except Exception:  # a bug: the service left the attempt resolvable
                result = replace(row, status=RowStatus.UNKNOWN, message=msg("batch.uncertain"))
            reached = result.status is not RowStatus.NOT_SENT
            pace.done(started, reached)
            finished.put((seq, result, reached))

    threads = [threading.Thread(target=produce, name="batch-reader", daemon=True)]
    threads += [
        threading.Thread(target=work_on, name=f"batch-send-{i}", daemon=True)
        for i in range(workers)
    ]
    for thread in threads:
        thread.start()
    counts = {status.value: 0 for status in RowStatus if status is not RowStatus.READY}
    held: dict[int, tuple[PlannedRow, bool]] = {}
    emitted = sent = 0
    last = 0.0

    def progress(done: bool = False) -> BatchProgress:
        rate = pace.measured_rate()
        left = plan.to_send - sent
        eta = left / rate if rate > 0 else None
        return BatchProgress(
            plan.total, plan.to_send, emitted, sent, dict(counts), rate, pace.rate,
            pace.concurrency, 0.0 if done else eta, control.paused.is_set(), done,
        )  # fmt: skip

    try:
        while not (produced and emitted >= produced[0]):
            try:
                seq, row, reached = finished.get(timeout=PROGRESS_EVERY)
                held[seq] = (row, reached)
            except queue.Empty:
                pass
            while emitted in held:
                row, reached = held.pop(emitted)
                counts[row.status.value] += 1
                sent += reached
                emitted += 1
                if on_row is not None:
                    on_row(row)
            now = time.monotonic()
            if on_progress is not None and now - last >= PROGRESS_EVERY:
                last = now
                on_progress(progress())
            pace.wake()
    except BaseException:
        control.cancel()  # Ctrl+C: rows in flight end (or are settled), the rest is not sent
        pace.wake()
        for thread in threads[1:]:
            thread.join(timeout=120)
        raise
    for thread in threads:
        thread.join(timeout=120)
    if failure:
        raise failure[0]
    final = progress(done=True)
    if on_progress is not None:
        on_progress(final)
    return final


def _not_sent(row: PlannedRow) -> PlannedRow:
    return replace(row, status=RowStatus.NOT_SENT, message=msg("batch.not_sent"))
