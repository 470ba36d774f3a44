"""The audience form: four fields with labels, inline messages and instant validation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from audience_desktop.application import MAX_LENGTHS, AudienceDraft, render
from audience_desktop.ui.messages import labelled
from audience_desktop.ui.style import Style, apply_style


class AudienceForm(QWidget):
    """Name, Description, Namespace, Origin name, in that tab order.

    Signals:
        changed(): any field changed; ``is_valid()`` tells whether Create may be enabled.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = self._line("nameEdit", self.tr("Name of the audience, e.g. Summer buyers"))
        self.description_edit = self._line("descriptionEdit", self.tr("Optional"))
        self.namespace_edit = self._line("namespaceEdit", self.tr("e.g. agora"))
        self.origin_edit = self._line("originNameEdit", self.tr("e.g. Agora_Collaboration"))
        self._edits = {
            "name": self.name_edit,
            "description": self.description_edit,
            "namespace": self.namespace_edit,
            "originName": self.origin_edit,
        }
        labels = {
            "name": self.tr("&Name:"),
            "description": self.tr("&Description:"),
            "namespace": self.tr("Names&pace:"),
            "originName": self.tr("&Origin name:"),
        }
        accessible = {
            "name": self.tr("Audience name"),
            "description": self.tr("Audience description"),
            "namespace": self.tr("Namespace"),
            "originName": self.tr("Origin name"),
        }
        self._messages: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, edit in self._edits.items():
            label = QLabel(labels[key])
            label.setBuddy(edit)
            edit.setAccessibleName(accessible[key])
            edit.setMaxLength(MAX_LENGTHS[key] * 4)  # room to paste, then a clear message
            message = QLabel()
            message.setObjectName(f"{edit.objectName()}Message")
            message.setTextFormat(Qt.TextFormat.PlainText)
            message.setWordWrap(True)
            apply_style(message, Style.ERROR)
            message.hide()
            self._messages[key] = message
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(message)
            layout.addRow(label, column)
            edit.textChanged.connect(self._on_edited)
            edit.editingFinished.connect(self._on_left)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout)
        QWidget.setTabOrder(self.name_edit, self.description_edit)
        QWidget.setTabOrder(self.description_edit, self.namespace_edit)
        QWidget.setTabOrder(self.namespace_edit, self.origin_edit)

    def _line(self, object_name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setPlaceholderText(placeholder)
        return edit

    def edits(self) -> list[QLineEdit]:
        """The four fields, in tab order."""
        return list(self._edits.values())

    def draft(self) -> AudienceDraft:
        """The values as typed (the core trims and validates them)."""
        return AudienceDraft(
            name=self.name_edit.text(),
            namespace=self.namespace_edit.text(),
            origin_name=self.origin_edit.text(),
            description=self.description_edit.text(),
        )

    def set_draft(self, draft: AudienceDraft) -> None:
        """Fill every field (used by "Use as template")."""
        self.name_edit.setText(draft.name)
        self.description_edit.setText(draft.description)
        self.namespace_edit.setText(draft.namespace)
        self.origin_edit.setText(draft.origin_name)
        self._touched.update(self._edits)
        self._show_messages()

    @Slot(object)
    def use_template(self, draft: AudienceDraft) -> None:
        """Fill the form from an earlier attempt, ready to type the new name over the old.

        The namespace and origin name are what audiences share; the description describes
        one audience, so it starts empty rather than be carried, unnoticed, into the next
        (after a failed create, say).
        """
        self.set_draft(AudienceDraft(draft.name, draft.namespace, draft.origin_name, ""))
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def clear_name(self) -> None:
        """After a create, keep namespace and origin (often reused) and start a new name."""
        self.name_edit.clear()
        self.description_edit.clear()
        self._touched.discard("name")
        self._show_messages()
        self.name_edit.setFocus()

    def is_valid(self) -> bool:
        return not self.draft().errors()

    def first_problem(self) -> str:
        """The first field's problem, naming the field ("Audience name: This field is
        required."); "" when the draft is valid. Create's tooltip says it."""
        for error in self.draft().errors():
            edit = self._edits.get(error.field)
            label = edit.accessibleName() if edit is not None else error.field
            return labelled(label, render(error.message))
        return ""

    @Slot()
    def _on_edited(self) -> None:
        for key, edit in self._edits.items():
            if edit is self.sender():
                self._touched.add(key)
        self._show_messages()
        self.changed.emit()

    @Slot()
    def _on_left(self) -> None:
        self._show_messages()

    def _show_messages(self) -> None:
        # The core's messages are rendered in the language use_languages() chose at start-up.
        problems = {error.field: render(error.message) for error in self.draft().errors()}
        for key, label in self._messages.items():
            text = problems.get(key, "") if key in self._touched else ""
            label.setText(text)
            label.setVisible(bool(text))
            self._edits[key].setAccessibleDescription(text)
