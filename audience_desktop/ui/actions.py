"""QActions made one way: text, slot, optional shortcut and objectName."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[..., Any],
    shortcut: str | QKeySequence.StandardKey | None = None,
    name: str = "",
) -> QAction:
    """An action owned by ``parent`` that calls ``slot`` when triggered."""
    action = QAction(text, parent)
    if name:
        action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action
