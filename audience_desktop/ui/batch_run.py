"""The Batch window's work, on a lane of its own: reading a source, planning, running, saving.

Why its own lane: a run blocks its worker for minutes, and a plan lists the whole sandbox;
on the main window's network lane, every create and check typed meanwhile would wait
behind them. The window's lane is only ever busy with the one batch the window shows.

A run calls back on its worker thread: each row as it finishes (in file order, possibly
hundreds a second) and the progress about four times a second. Rows are gathered on that
thread and handed over with each progress event, so the GUI thread gets a few small lists a
second whatever the pace, never a signal per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from audience_desktop.application import (
    BatchControl,
    BatchOptions,
    BatchPlan,
    BatchProgress,
    BatchSource,
    PlannedRow,
    Profile,
    ResultsWriter,
    Workspace,
)
from audience_desktop.ui.batch_preview_model import Result
from audience_desktop.ui.tasks import Lane, Task, yield_cores

Progress = tuple[list[Result], BatchProgress | None]


class BatchWork(QObject):
    """Submits the window's jobs to its lane and relays a run's rows and progress.

    Signals:
        progressed(object, object): a run's next results (a list) and its progress (or None
            when the run ended early and only rows are left to show).
    """

    progressed = Signal(object, object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.lane = Lane("batch", self)
        self.control: BatchControl | None = None
        self.run_task: Task[BatchProgress] | None = None

    def describe(self, source: BatchSource) -> Task[tuple[list[str], list[str]]]:
        return self.lane.submit(self.workspace.batch_source_headers, source)

    def plan(self, source: BatchSource, options: BatchOptions, profile: Profile) -> Task[BatchPlan]:
        return self.lane.submit(self.workspace.plan_batch, source, options, profile,
                                pass_cancel=True)  # fmt: skip

    def run(self, plan: BatchPlan, profile: Profile) -> Task[BatchProgress]:
        control = BatchControl()
        task = self.lane.submit(_run, self.workspace, plan, profile, control, pass_progress=True)
        task.progress.connect(self._relay)
        self.control, self.run_task = control, task
        return task

    def running(self) -> bool:
        """A run is under way (asked of the worker, not of the results delivered so far)."""
        return self.run_task is not None and self.run_task.running()

    def save(self, plan: BatchPlan, results: list[Result], path: Path) -> Task[Path]:
        return self.lane.submit(_save, plan, results, path)

    @Slot(object)
    def _relay(self, event: Progress) -> None:
        rows, progress = event
        self.progressed.emit(rows, progress)

    def shut_down(self, timeout: float) -> bool:
        """Cancel a run (rows not started stay not sent) and stop the lane; False when a
        send had to be abandoned (its attempt stays pending, settled by the next check)."""
        if self.control is not None:
            self.control.cancel()
        return self.lane.shutdown(timeout)


def _run(
    workspace: Workspace,
    plan: BatchPlan,
    profile: Profile,
    control: BatchControl,
    progress: Callable[[Any], None],
) -> BatchProgress:
    """On the lane: run the plan, gathering rows between progress events (both callbacks
    come from the runner's own loop, on this thread)."""
    gathered: list[Result] = []

    def on_row(row: PlannedRow) -> None:
        gathered.append(Result(row.status, row.audience_id, row.message))

    def on_progress(event: BatchProgress) -> None:
        rows = gathered[:]
        gathered.clear()
        progress((rows, event))

    yield_cores()  # this lane and the senders it starts step back for the window
    try:
        return workspace.run_batch(plan, profile, control, on_row, on_progress)
    finally:
        if gathered:  # an early end: the rows it did finish still show
            progress((gathered[:], None))


def _save(plan: BatchPlan, results: list[Result], path: Path) -> Path:
    """On the lane: the input's rows again, each with its result, as CSV or XLSX."""
    separator = plan.separator if plan.source.path is not None else ","
    with ResultsWriter(path, plan.result_headers, separator) as out:
        for index, row in enumerate(plan.rows()):
            if index < len(results):
                status, audience_id, message = results[index]
                row = replace(row, status=status, audience_id=audience_id, message=message)
            out.add(row)
    return path
