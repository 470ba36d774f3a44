"""Deleting an audience from the sandbox: the name typed back before anything is sent.

Always typed, in every sandbox, as the CLI asks: a delete cannot be undone and everyone
using the sandbox loses the audience, so a Yes clicked by habit is not enough. A production
sandbox is named as such in the question.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.application import Profile, SandboxAudience
from audience_desktop.ui.messages import fill


class DeleteDialog(QDialog):
    """Asks for ``audience``'s name; Delete is enabled only once it is typed exactly
    (trimmed, NFC, as names are compared). Shown with ``open()``: ``accepted`` goes on."""

    def __init__(self, profile: Profile, audience: SandboxAudience, parent: QWidget) -> None:
        super().__init__(parent)
        self.audience = audience
        self.profile = profile
        self.setObjectName("deleteAudienceDialog")
        self.setWindowTitle(self.tr("Delete from the sandbox?"))
        if profile.is_production:
            template = self.tr(
                "Delete “%1” (audienceId %2) from the PRODUCTION sandbox “%3”?\n\nEveryone "
                "who uses that sandbox loses it, and it cannot be undone."
            )
        else:
            template = self.tr(
                "Delete “%1” (audienceId %2) from the sandbox “%3”?\n\nEveryone who uses "
                "that sandbox loses it, and it cannot be undone."
            )
        question = self.question = QLabel(
            fill(template, audience.name, audience.audience_id or "", profile.sandbox)
        )
        question.setObjectName("deleteQuestion")
        question.setTextFormat(Qt.TextFormat.PlainText)  # names are never markup
        question.setWordWrap(True)
        label = QLabel(
            self.tr("&Type its name to confirm:")
            if audience.can_be_typed()
            else fill(self.tr("Its name cannot be typed: &type its id (%1) to confirm:"),
                      audience.id or "")
        )  # fmt: skip
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("deleteNameEdit")
        self.name_edit.setAccessibleName(self.tr("The audience's name, to confirm"))
        label.setBuddy(self.name_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setEnabled(False)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        # Return deletes once the name is typed, and does nothing before (never Cancel by
        # surprise, never Delete on a wrong name).
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.delete_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(label)
        layout.addWidget(self.name_edit)
        layout.addWidget(buttons)
        self.name_edit.textChanged.connect(self._on_typed)
        self.delete_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)

    @Slot(str)
    def _on_typed(self, text: str) -> None:
        self.delete_button.setEnabled(self.audience.confirmed_by(text))

    def accept(self) -> None:
        """Only with the name typed: Return in the box must not delete on a wrong name."""
        if self.audience.confirmed_by(self.name_edit.text()):
            super().accept()
