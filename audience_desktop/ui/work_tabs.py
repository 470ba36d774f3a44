"""The history and the Sandbox view side by side, as tabs, and the keys that bring them forward."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QWidget

from audience_desktop.ui.actions import make_action
from audience_desktop.ui.history_panel import HistoryPanel
from audience_desktop.ui.sandbox_view import SandboxView


class WorkTabs(QTabWidget):
    """History (this app's attempts) and Sandbox (every audience there, whoever made it).

    F6 ("Go to History", the history's own action) and F7 ("Go to Sandbox") bring their tab
    forward and focus its table, whichever tab is showing.
    """

    def __init__(
        self, history: HistoryPanel, sandbox: SandboxView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainTabs")
        self.history = history
        self.sandbox = sandbox
        self.addTab(history, self.tr("History"))
        self.addTab(sandbox, self.tr("Sand&box"))
        self.setTabToolTip(0, self.tr("This app's attempts (F6)"))
        self.setTabToolTip(1, self.tr("Every audience in the profile's sandbox (F7)"))
        history.focus_action.triggered.connect(self.go_to_history)
        self.sandbox_focus_action = make_action(
            self, self.tr("&Go to Sandbox"), self.go_to_sandbox, "F7", name="goToSandboxAction"
        )

    @Slot()
    def go_to_history(self) -> None:
        self.setCurrentWidget(self.history)
        self.history.view.setFocus()

    @Slot()
    def go_to_sandbox(self) -> None:
        self.setCurrentWidget(self.sandbox)
        self.sandbox.view.setFocus()
