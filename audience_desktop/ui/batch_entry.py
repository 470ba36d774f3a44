"""The main window's ways into the Batch window: File ▸ Create from a Spreadsheet… and
File ▸ Create from Pasted Rows (Ctrl+Shift+V).

One Batch window per main window, built on first use (its module is not loaded at
start-up), raised when asked again, and stopped with the main window: a run is cancelled
(rows not started stay not sent) when the main window quits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from audience_desktop.application import Workspace
from audience_desktop.ui.actions import make_action
from audience_desktop.ui.profile_bar import ProfileBar

if TYPE_CHECKING:
    from audience_desktop.ui.batch_window import BatchWindow


class BatchEntry(QObject):
    """The two actions, and the Batch window they open.

    Signals:
        delivered(): a job of the Batch window's lane delivered its result (the main window
            then freezes what the batch imported, as it does for its own lanes).
    """

    delivered = Signal()

    def __init__(self, workspace: Workspace, profile_bar: ProfileBar, window: QWidget) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._profile_bar = profile_bar
        self._window = window
        self.batch_window: BatchWindow | None = None
        self.file_action = make_action(
            self, self.tr("Create from a &Spreadsheet…"), self.open_window, name="batchAction"
        )
        self.paste_action = make_action(
            self, self.tr("Create from Pasted &Rows"), self.open_pasted, "Ctrl+Shift+V",
            name="batchPasteRowsAction",
        )  # fmt: skip
        profile_bar.profile_changed.connect(self._follow_profile)

    @Slot()
    def open_window(self) -> BatchWindow:
        """The Batch window, shown and raised (built on first use)."""
        if self.batch_window is not None:
            self.batch_window.raise_()
            self.batch_window.activateWindow()
            return self.batch_window
        from audience_desktop.ui.batch_window import BatchWindow

        self.batch_window = BatchWindow(
            self._workspace, self._profile_bar.current_profile(), self._window
        )
        self.batch_window.destroyed.connect(self._forget)
        self.batch_window.work.lane.delivered.connect(self.delivered)
        self.batch_window.show()
        return self.batch_window

    @Slot()
    def open_pasted(self) -> None:
        self.open_window().paste_rows()

    @Slot()
    def _follow_profile(self) -> None:
        if self.batch_window is not None:
            self.batch_window.set_profile(self._profile_bar.current_profile())

    @Slot()
    def _forget(self) -> None:
        self.batch_window = None

    def running(self) -> bool:
        return self.batch_window is not None and self.batch_window.work.running()

    def confirm_stop(self) -> bool:
        """Before the main window quits mid-run: True when the user agrees to stop it."""
        return self.batch_window is None or self.batch_window.confirm_stop()

    def stop(self) -> None:
        """The main window closes: the Batch window closes too, cancelling a run."""
        if self.batch_window is not None:
            self.batch_window.shut_down()
            self.batch_window = None
