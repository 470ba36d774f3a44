"""What happened, in one dialog: the message, the facts support asks for, and Copy.

One click from the status area (Details…), not two: QMessageBox's "Show Details…" hid the
request id behind a second button and repeated the summary in three places.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.ui.messages import Failure


def _selectable(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a server's words are never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


class FailureDialog(QDialog):
    """The failure's sentence, then each fact on its own line, selectable; Copy copies all."""

    def __init__(self, failure: Failure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failure = failure
        self.setObjectName("failureDialog")
        self.setWindowTitle(self.tr("What happened"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        summary = _selectable(failure.summary, "failureSummary")
        summary.setAccessibleName(self.tr("What happened"))
        layout.addWidget(summary)
        if failure.facts:
            facts = QFormLayout()
            for number, (label, value) in enumerate(failure.facts):
                field = _selectable(value, f"failureFact{number}")
                field.setAccessibleName(label)
                facts.addRow(label + self.tr(":"), field)
            layout.addLayout(facts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copyFailureButton")
        self.copy_button.setToolTip(self.tr("Copy the message and the details, for support"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.failure.text())
