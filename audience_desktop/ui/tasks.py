"""Runs network, keyring and token calls off the GUI thread and reports back through signals.

Why a Python daemon thread and not a QThread: a create can be blocked in a socket read for
up to its read timeout, and nothing can interrupt that read safely. With a QThread, quitting
then means either hanging until the timeout or "QThread: Destroyed while thread is still
running". A daemon thread can be abandoned at exit instead: the attempt's ``pending`` row is
already in the history, so the trail stays resolvable. Results still arrive as Qt signals,
queued to the GUI thread, carrying plain dataclasses.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskResult:
    """What a finished task hands back: its id, kind, value or error, and its input."""

    task_id: int
    kind: str
    value: Any = None
    error: BaseException | None = None
    context: Any = None


@dataclass
class _Task:
    task_id: int
    kind: str
    func: Callable[[threading.Event], Any]
    context: Any
    cancel: threading.Event = field(default_factory=threading.Event)


class TaskRunner(QObject):
    """One worker thread running tasks in order; ``finished`` is emitted for each.

    Signals:
        finished(TaskResult): a task ended, with its value or the exception it raised.
    """

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[_Task | None] = queue.Queue()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Task] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="audience-worker", daemon=True)
        self._thread.start()

    def submit(self, kind: str, func: Callable[[threading.Event], Any], context: Any = None) -> int:
        """Queue ``func(cancel_event)``; returns the task id."""
        task = _Task(next(self._ids), kind, func, context)
        with self._lock:
            self._pending[task.task_id] = task
        self._queue.put(task)
        return task.task_id

    def cancel(self, task_id: int) -> None:
        """Ask a task to stop at its next safe point (a queued task never starts)."""
        with self._lock:
            task = self._pending.get(task_id)
        if task is not None:
            task.cancel.set()

    def shutdown(self, timeout: float) -> bool:
        """Cancel everything, stop the thread; True when it ended within ``timeout``."""
        with self._lock:
            self._closed = True
            for task in self._pending.values():
                task.cancel.set()
        self._queue.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _loop(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            result = self._run(task)
            with self._lock:
                self._pending.pop(task.task_id, None)
                closed = self._closed
            if not closed:  # after shutdown nobody listens: emitting could outlive the app
                self.finished.emit(result)

    def _run(self, task: _Task) -> TaskResult:
        if task.cancel.is_set():
            return TaskResult(task.task_id, task.kind, error=CancelledError(), context=task.context)
        try:
            value = task.func(task.cancel)
        except BaseException as exc:  # reported to the GUI, which shows and logs it
            if not isinstance(exc, Exception):
                raise
            log.debug("Task %s (%s) failed: %r", task.task_id, task.kind, exc)
            return TaskResult(task.task_id, task.kind, error=exc, context=task.context)
        return TaskResult(task.task_id, task.kind, value=value, context=task.context)


class CancelledError(Exception):
    """The task was cancelled before it started."""
