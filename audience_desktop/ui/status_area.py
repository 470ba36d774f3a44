"""The status area: a busy indicator and Cancel while work runs, one line of news, Details…."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from audience_desktop.application import Attempt
from audience_desktop.ui.messages import describe_failure
from audience_desktop.ui.style import Style, apply_style
from audience_desktop.ui.tasks import Task


class StatusArea(QWidget):
    """Where every part reports: what is running, what happened, and why it failed.

    Parts hand it the tasks the user waits for (``track``); it shows the busy indicator and
    Cancel while any of them runs, and Cancel asks all of them to stop.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tracked: list[Task[Any]] = []
        self._details = ""
        self.busy_indicator = QProgressBar()
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setAccessibleName(self.tr("Working"))
        self.busy_indicator.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setToolTip(
            self.tr("Stop waiting: retries stop at once; a request already sent is checked later")
        )
        self.cancel_button.clicked.connect(self.cancel_all)
        self.cancel_button.hide()
        self.label = QLabel()
        self.label.setObjectName("statusLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setObjectName("errorDetailsButton")
        self.details_button.clicked.connect(self.show_details)
        self.details_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.busy_indicator)
        row.addWidget(self.cancel_button)
        row.addWidget(self.label, 1)
        row.addWidget(self.details_button)

    # -- work in progress -------------------------------------------------------------------

    def track(self, task: Task[Any]) -> None:
        """Show the busy indicator and Cancel until ``task`` (and every other) has finished."""
        self._tracked.append(task)
        task.finished.connect(self._on_tracked_finished)
        self._show_busy()

    def busy(self) -> bool:
        return bool(self._tracked)

    @Slot()
    def cancel_all(self) -> None:
        for task in self._tracked:
            task.cancel()
        self.set_status(self.tr("Cancelling…"))

    @Slot()
    def _on_tracked_finished(self) -> None:
        self._tracked = [task for task in self._tracked if not task.done]
        self._show_busy()

    def _show_busy(self) -> None:
        busy = self.busy()
        self.busy_indicator.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # -- news -------------------------------------------------------------------------------

    def text(self) -> str:
        return self.label.text()

    @Slot(str)
    def set_status(self, text: str) -> None:
        apply_style(self.label, None)
        self.label.setText(text)
        self._details = ""
        self.details_button.hide()

    def show_error(self, summary: str, details: str) -> None:
        """Plain words in the status area; the full details one click away."""
        apply_style(self.label, Style.ERROR)
        self.label.setText(summary)
        self._details = details
        self.details_button.setVisible(bool(details))

    @Slot(object)
    def show_failure(self, error: BaseException, attempt: Attempt | None = None) -> None:
        """Any task's failure, in the words ``describe_failure`` chooses."""
        summary, details = describe_failure(error, attempt)
        self.show_error(summary, details)

    @Slot()
    def show_details(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept as the window's child
        box.setObjectName("errorDetailsBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("What happened"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.label.text())
        box.setDetailedText(self._details)
        box.exec()
