"""No two controls in one window, dialog or menu share a mnemonic (Alt+letter), in English
and in French: a duplicate makes Alt+letter cycle instead of acting (issue 9 item 6)."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.conftest import OpenWindow


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower-cased."""
    match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def scope_letters(root: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every visible-to-keyboard control directly in ``root``'s scope."""
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QMenu) or widget.window() is not root:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        letter = mnemonic(text)
        if letter:
            found.append((letter, text))
    menubar = getattr(root, "menuBar", None)
    if menubar is not None and callable(menubar):
        for action in root.menuBar().actions():
            letter = mnemonic(action.text())
            if letter:
                found.append((letter, action.text()))
    return found


def duplicates(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    counts = Counter(letter for letter, _ in found)
    return {
        letter: [text for other, text in found if other == letter]
        for letter, count in counts.items()
        if count > 1
    }


def test_no_duplicate_mnemonics(language: str, qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    problems = {}
    problems["main window"] = duplicates(scope_letters(window))
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        letters = [(mnemonic(a.text()), a.text()) for a in menu.actions() if mnemonic(a.text())]
        problems[f"menu {menu_action.text()}"] = duplicates(letters)  # type: ignore[arg-type]
    window.open_profiles_dialog_later = True
    from audience_desktop.ui.profiles_dialog import ProfilesDialog

    dialog = ProfilesDialog(window.workspace, window.lanes, window)
    problems["profiles dialog"] = duplicates(scope_letters(dialog))
    dialog.done(0)
    problems = {scope: dups for scope, dups in problems.items() if dups}
    assert not problems, f"duplicate mnemonics ({language}): {problems}"
