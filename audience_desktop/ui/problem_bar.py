"""A file the window needs is unusable: what is wrong, in plain words naming it, and the way out.

The window starts whatever state its files are in; this bar stays above the form for as long
as the problem lasts (a status line would be overwritten by the next piece of news).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from audience_desktop.ui.style import Style, apply_style


class ProblemBar(QWidget):
    """An error-styled sentence and up to two buttons: a way out and "Try Again".

    Signals:
        fix_requested(): the way out (for the history: move it aside, begin a new one).
        retry_requested(): look at the file again.
    """

    fix_requested = Signal()
    retry_requested = Signal()

    def __init__(
        self, name: str, fix_text: str = "", retry_text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.label = QLabel()
        self.label.setObjectName(f"{name}Label")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # paths and SQLite's words, verbatim
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        apply_style(self.label, Style.WARNING_BANNER)
        self.fix_button = QPushButton(fix_text)
        self.fix_button.setObjectName(f"{name}FixButton")
        self.fix_button.clicked.connect(self.fix_requested)
        self.retry_button = QPushButton(retry_text or self.tr("Try &Again"))
        self.retry_button.setObjectName(f"{name}RetryButton")
        self.retry_button.clicked.connect(self.retry_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_problem(self, text: str, *, can_fix: bool, can_retry: bool = True) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.fix_button.setVisible(can_fix)
        self.retry_button.setVisible(can_retry)
        self.setEnabled(True)
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()
