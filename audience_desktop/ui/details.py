"""The details pane: everything known about one attempt, as plain text."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from audience_desktop.application import Attempt, local_time
from audience_desktop.ui.history_model import status_text
from audience_desktop.ui.messages import labelled


class DetailsPane(QPlainTextEdit):
    """Read-only, selectable, never rich text: server messages are shown exactly as text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.setReadOnly(True)
        self.setAccessibleName(self.tr("Details of the selected attempt"))
        self.setPlaceholderText(self.tr("Select an attempt to see its details."))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def show_attempt(self, attempt: Attempt | None) -> None:
        if attempt is None:
            self.clear()
            return
        rows = [
            (self.tr("Status"), status_text(attempt.status)),
            (self.tr("Name"), attempt.name),
            (self.tr("Description"), attempt.description),
            (self.tr("Namespace"), attempt.namespace),
            (self.tr("Origin name"), attempt.origin_name),
            (self.tr("Profile"), attempt.profile),
            (self.tr("Sandbox"), attempt.sandbox),
            (self.tr("audienceId"), attempt.audience_id or ""),
            (self.tr("id"), attempt.aep_id or ""),
            (
                self.tr("HTTP status"),
                "" if attempt.http_status is None else str(attempt.http_status),
            ),
            (self.tr("Error code"), attempt.error_code or ""),
            (self.tr("Request id"), attempt.request_id or ""),
            (self.tr("Created"), local_time(attempt.created_at)),
            (self.tr("Updated"), local_time(attempt.updated_at)),
            (self.tr("Endpoint"), attempt.endpoint),
        ]
        lines = [labelled(label, value) for label, value in rows if value]
        note = attempt.note()  # rendered in the language the core was given at start-up
        if note:
            lines += ["", self.tr("Message:"), note]
        self.setPlainText("\n".join(lines))
