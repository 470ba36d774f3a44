"""Keeps the window usable whatever state the history file is in.

A damaged, too-new, read-only or locked history is named in a bar with the way out (move it
aside, kept and renamed, or try again); Create is refused, saying why, until the history can
record what it sends. The file work runs on the local lane: a history still locked keeps its
opener waiting for the busy timeout, which must never freeze the window.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

# The sentences keep the window's translation context ("MainWindow"): they were written for
# it and its French translations apply as they are.
from audience_desktop.application import AppError, HistoryReader, Workspace, join
from audience_desktop.ui.create_controller import CreateController
from audience_desktop.ui.history_panel import HistoryPanel
from audience_desktop.ui.messages import fill
from audience_desktop.ui.problem_bar import ProblemBar
from audience_desktop.ui.status_area import StatusArea
from audience_desktop.ui.tasks import Lane

log = logging.getLogger(__name__)


class HistoryGuard(QObject):
    """Checks the history at start and after each fix; says what is wrong and offers the fix.

    Signals:
        usable(): the history can record attempts (the start-up reconcile may run).
    """

    usable = Signal()

    def __init__(
        self,
        workspace: Workspace,
        lane: Lane,
        history: HistoryPanel,
        bar: ProblemBar,
        controller: CreateController,
        status: StatusArea,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.lane = lane
        self.checked = False  # whether the history's check has answered (either way)
        self.history = history
        self.bar = bar
        self.controller = controller
        self.status = status
        bar.fix_requested.connect(self.move_aside)
        bar.retry_requested.connect(self.retry)

    def check(self) -> None:
        """Say at once when the history cannot be read; check off the GUI thread that it
        can be written (a read-only file opens and reads fine, and refuses the first write)."""
        if self.history.problem is not None:
            self._history_unusable(self.history.problem, readable=False)
            return
        task = self.lane.submit(self.workspace.history_write_problem)
        task.succeeded.connect(self._on_history_checked)
        task.failed.connect(self.status.show_failure)

    @Slot(object)
    def _on_history_checked(self, problem: AppError | None) -> None:
        self.checked = True
        if problem is not None:
            self._history_unusable(problem, readable=self.history.problem is None)
            return
        self.bar.clear()
        self.controller.refuse(None)  # the controller says why Create is off, if it is
        self.usable.emit()

    def _history_unusable(self, problem: AppError, *, readable: bool) -> None:
        """The bar names the file and the way out; Create is refused, saying why."""
        self.checked = True
        movable = Workspace.history_can_be_moved_aside(problem)
        if movable:  # the core's hint names the CLI command; the window has a button
            way_out = QCoreApplication.translate(
                "MainWindow",
                "You can move it aside and begin a new history: the file is kept, renamed "
                "with the date, never deleted.",
            )
        else:
            way_out = join(problem.hint)
        if readable:
            then = QCoreApplication.translate(
                "MainWindow",
                "The history is shown, but Create is off until the history can record what "
                "it sends.",
            )
        else:
            then = QCoreApplication.translate(
                "MainWindow", "Create is off until there is a history to record what it sends."
            )
        what = join(problem.message)
        log.warning("The history cannot be used (%s): %s", problem.message.key, what)
        self.bar.show_problem(
            " ".join(part for part in (what, way_out, then) if part), can_fix=movable
        )
        reason = fill(QCoreApplication.translate("MainWindow", "Create is off: %1"), what)
        self.controller.refuse(reason)

    @Slot()
    def move_aside(self) -> None:
        """Rename the history (kept, never deleted) on the local lane, then begin a new one."""
        self.bar.setEnabled(False)
        task = self.lane.submit(self.workspace.move_history_aside)
        task.succeeded.connect(self._on_history_moved)
        task.failed.connect(self._on_history_move_failed)
        self.status.track(task)

    @Slot(object)
    def _on_history_moved(self, path: object) -> None:
        self.status.set_status(
            fill(
                QCoreApplication.translate(
"MainWindow", "The old history was moved aside to %1 (kept, not deleted). A new "
                        "history begins."),
                path,
            )
        )  # fmt: skip
        self.retry()

    @Slot(object)
    def _on_history_move_failed(self, error: BaseException) -> None:
        self.bar.setEnabled(True)
        self.status.show_failure(error)

    @Slot()
    def retry(self) -> None:
        """Open the history again (moved aside, unlocked, permissions given back...).

        On the local lane: a history still locked keeps its opener waiting for the busy
        timeout, which must not freeze the window.
        """
        self.bar.setEnabled(False)
        task = self.lane.submit(self.workspace.history_reader)
        task.succeeded.connect(self._on_history_opened)
        task.failed.connect(self._on_history_open_failed)
        self.status.track(task)

    @Slot(object)
    def _on_history_opened(self, reader: HistoryReader) -> None:
        self.history.attach(reader)
        self.check()

    @Slot(object)
    def _on_history_open_failed(self, error: BaseException) -> None:
        if isinstance(error, AppError):
            self.history.problem = error
            self._history_unusable(error, readable=False)
        else:
            self.bar.setEnabled(True)
            self.status.show_failure(error)
