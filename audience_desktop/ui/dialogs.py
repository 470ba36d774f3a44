"""Yes-or-no questions, with the safe answer as the default.

QMessageBox is imported when a question is first asked: creating its Python type (and its
enums) costs a few milliseconds that start-up does not need to spend.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def confirm(
    parent: QWidget, title: str, text: str, *, warning: bool = False, no_button: bool = False
) -> bool:
    """True only for Yes; the other button (Cancel, or No with ``no_button``) is the default."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton
    refuse = buttons.No if no_button else buttons.Cancel
    ask = QMessageBox.warning if warning else QMessageBox.question
    return ask(parent, title, text, buttons.Yes | refuse, refuse) == buttons.Yes
