"""Work off the GUI thread: lanes of Python daemon threads, one task object per job.

Why a Python daemon thread and not a QThread: a create can be blocked in a socket read for
up to its read timeout, and nothing can interrupt that read safely. With a QThread, quitting
then means either hanging until the timeout or "QThread: Destroyed while thread is still
running". A daemon thread can be abandoned at exit instead: the attempt's ``pending`` row is
already in the history, so the trail stays resolvable.

Why lanes: one worker runs its jobs in order, so a create blocked for its whole read timeout
would hold up everything queued behind it. Each lane is its own worker, and work that must
not wait for another kind goes to its own lane: creates, Test connection, the start-up
reconcile and local work (keyring, profile files, exports) never queue behind each other.

Why a task object: ``submit`` returns a :class:`Task` whose own ``succeeded``/``failed``
signals the caller connects to bound slots; the result is whatever the function returned,
so nothing dispatches on a string kind. The worker never touches the task (a QObject of the
GUI thread): it hands a plain result to its lane, queued to the GUI thread, and the lane
emits the task's signals there.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class CancelledError(Exception):
    """The task was cancelled before it started."""


class Task(QObject, Generic[T]):
    """One job on a lane; lives on the GUI thread, its signals arrive there.

    Signals:
        succeeded(object): the function's return value (a ``T``).
        failed(object): the exception it raised (``CancelledError`` when it never started).
        finished(): after either of them; the task is then ``done``.
        progress(object): what the function reported while running (``pass_progress``).
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    progress = Signal(object)

    def __init__(self, task_id: int, lane: str) -> None:
        super().__init__()
        self.task_id = task_id
        self.lane = lane
        self.cancel_event = threading.Event()
        self.returned_event = threading.Event()  # set by the worker when the function ended
        self.done = False

    def running(self) -> bool:
        """Whether the function is still queued or running (thread-safe, unlike ``done``).

        ``done`` becomes true only when the GUI thread has delivered the result; this is
        false as soon as the worker has it, even while its delivery waits in the event queue.
        """
        return not self.returned_event.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next safe point; a task still queued never starts."""
        self.cancel_event.set()

    def _finish(self, value: Any, error: BaseException | None) -> None:
        self.done = True
        if error is None:
            self.succeeded.emit(value)
        else:
            self.failed.emit(error)
        self.finished.emit()


@dataclass(frozen=True)
class _Job:
    task_id: int
    func: Callable[..., Any]
    args: tuple[Any, ...]
    pass_cancel: bool
    cancel: threading.Event
    returned: threading.Event
    progress: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class _Result:
    task_id: int
    value: Any = None
    error: BaseException | None = None


class Lane(QObject):
    """One worker thread running its tasks in order (started on the first submit).

    Signals:
        delivered(): a task's result was delivered (on the GUI thread).
    """

    delivered = Signal()
    _ended = Signal(object)  # a _Result, from the worker thread to the GUI thread
    _progressed = Signal(int, object)  # (task id, event), from the worker to the GUI thread

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._tasks: dict[int, Task[Any]] = {}  # submitted, not finished: kept alive here
        self._lock = threading.Lock()
        self._closed = False
        self._thread: threading.Thread | None = None
        self._ended.connect(self._deliver)
        self._progressed.connect(self._relay_progress)

    def submit(
        self,
        func: Callable[..., T],
        *args: Any,
        pass_cancel: bool = False,
        pass_progress: bool = False,
    ) -> Task[T]:
        """Run ``func(*args)`` on this lane; with ``pass_cancel``, also ``cancel=<event>``.

        The facade's long calls take ``cancel=``: they stop retrying, or between rows,
        when the task is cancelled. With ``pass_progress`` the function also gets
        ``progress=<callable>``: each event it passes arrives as the task's ``progress``.
        """
        task: Task[T] = Task(next(_ids), self.name)
        if self._closed:
            raise RuntimeError(f"the {self.name} lane is shut down")
        self._tasks[task.task_id] = task
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._loop, name=f"audience-{self.name}", daemon=True
            )
            self._thread.start()
        report = functools.partial(self._report, task.task_id) if pass_progress else None
        self._queue.put(
            _Job(
                task.task_id, func, args, pass_cancel, task.cancel_event, task.returned_event,
                report,
            )
        )  # fmt: skip
        return task

    def _report(self, task_id: int, event: Any) -> None:
        """Called on the worker: hand ``event`` to the GUI thread, unless the lane is shut."""
        with self._lock:
            if not self._closed:
                self._progressed.emit(task_id, event)

    @Slot(int, object)
    def _relay_progress(self, task_id: int, event: Any) -> None:
        task = self._tasks.get(task_id)
        if task is not None:
            task.progress.emit(event)

    def tasks(self) -> list[Task[Any]]:
        """The tasks submitted and not finished yet, oldest first."""
        return list(self._tasks.values())

    def shutdown(self, timeout: float) -> bool:
        """Cancel everything and stop the thread; True when it ended within ``timeout``.

        A job blocked in a socket read is abandoned: its thread is a daemon, and nothing it
        finishes later is delivered.
        """
        with self._lock:
            self._closed = True
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
        if self._thread is None:
            return True
        self._queue.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @Slot(object)
    def _deliver(self, result: _Result) -> None:
        task = self._tasks.pop(result.task_id, None)
        if task is not None:
            task._finish(result.value, result.error)
            self.delivered.emit()

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            result = _run(job)
            job.returned.set()
            with self._lock:  # after shutdown nobody listens: emitting could outlive the app
                if not self._closed:
                    self._ended.emit(result)


_ids = itertools.count(1)

BACKGROUND_NICE = 10  # added to the process's niceness for a background lane (Linux only)


def yield_cores() -> None:
    """Linux: the calling thread (a lane's) steps back for the window's when cores are busy;
    threads it starts afterwards inherit it (the batch's senders). Elsewhere ``setpriority``
    would lower the whole process (macOS) or is missing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            nice = min(19, os.getpriority(os.PRIO_PROCESS, os.getpid()) + BACKGROUND_NICE)
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)


def _run(job: _Job) -> _Result:
    if job.cancel.is_set():
        return _Result(job.task_id, error=CancelledError())
    kwargs: dict[str, Any] = {"cancel": job.cancel} if job.pass_cancel else {}
    if job.progress is not None:
        kwargs["progress"] = job.progress
    try:
        value = job.func(*job.args, **kwargs)
    except Exception as exc:  # handed to the GUI, which shows it (and logs the unexpected)
        log.debug("Task %s failed: %r", job.task_id, exc)
        return _Result(job.task_id, error=exc)
    return _Result(job.task_id, value=value)


class Lanes(QObject):
    """The window's lanes, each its own worker.

    - ``network``: creates and "check unknown outcome", in the order the user asked;
    - ``checks``: Test connection, so it never waits behind a create;
    - ``background``: the start-up reconcile nobody waits for;
    - ``local``: keyring, profile files, history writes the user asks for, exports.

    Signals:
        delivered(): a task on any lane delivered its result.
    """

    delivered = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.network = Lane("network", self)
        self.checks = Lane("checks", self)
        self.background = Lane("background", self)
        self.local = Lane("local", self)
        for lane in (self.network, self.checks, self.background, self.local):
            lane.delivered.connect(self.delivered)

    def shutdown(self, network_timeout: float = 1.0) -> bool:
        """Stop every lane; False when a network call had to be abandoned."""
        self.background.shutdown(timeout=0.5)  # cancelled between rows; may be abandoned
        self.checks.shutdown(timeout=0.2)
        self.local.shutdown(timeout=1.0)
        return self.network.shutdown(timeout=network_timeout)
