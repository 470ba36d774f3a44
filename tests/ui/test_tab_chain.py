"""Tab reaches every control in the order shown, and leaves the tables (issue 9 item 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from audience_desktop.ui.main_window import MainWindow
from tests.ui.conftest import create, fill


def tab_chain(qtbot: QtBot, window: MainWindow, start: QWidget, limit: int = 60) -> list[str]:
    """Object names of the widgets Tab visits from ``start`` until it comes back."""
    window.activateWindow()
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[str] = []
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            return seen
        seen.append(focused.objectName() if focused is not None else "")
    raise AssertionError(f"Tab never came back to {start.objectName()}: {seen}")


def test_tab_goes_round_everything_and_out_of_the_history(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    create(qtbot, window, "Round")
    fill(qtbot, window, "Round")  # a refused repeat: its buttons are in the chain too
    qtbot.waitUntil(lambda: len(window.status.action_buttons()) == 2)
    chain = tab_chain(qtbot, window, window.form.name_edit)
    for name in ("historyView", "detailsPane", "profileCombo", "sandboxLabel", "statusLabel",
                 "copyExistingIdButton", "showExistingButton", "historyFilterEdit"):  # fmt: skip
        assert name in chain, f"{name} not reached by Tab: {chain}"
    assert chain.count("historyView") == 1  # Tab leaves the table, cell by cell no more
    status = chain.index("statusLabel")
    assert chain[status + 1 : status + 3] == ["copyExistingIdButton", "showExistingButton"]
