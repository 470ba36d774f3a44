"""Yes-or-no questions, with the safe answer as the default.

QMessageBox is imported when a question is first asked: creating its Python type (and its
enums) costs a few milliseconds that start-up does not need to spend.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    *,
    warning: bool = False,
    yes_text: str | None = None,
) -> bool:
    """True only for Yes; Cancel is the default and the Escape answer.

    ``yes_text`` names what Yes does ("Create in Production"): a button that says the
    consequence is read, where a bare Yes is clicked by habit.
    """
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    refuse = buttons.Cancel
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question
    box = QMessageBox(icon, title, text, buttons.Yes | refuse, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names typed by users are never markup
    box.setDefaultButton(refuse)
    box.setEscapeButton(refuse)
    if yes_text:
        box.button(buttons.Yes).setText(yes_text)
    try:
        box.exec()
        return box.clickedButton() is box.button(buttons.Yes)
    finally:
        box.deleteLater()
