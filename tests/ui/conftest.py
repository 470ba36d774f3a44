"""Fixtures for pytest-qt tests that drive the real window against the built-in server."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from audience_desktop.app import build_window
from audience_desktop.core.history import Status
from audience_desktop.core.paths import app_paths
from audience_desktop.ui.main_window import MainWindow


@pytest.fixture
def demo_window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The real main window in demo mode (built-in server on a free loopback port)."""
    before = set(threading.enumerate())
    window, server = build_window(app_paths().ensure(), demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.isVisible():
        window.close()
    if server is not None:
        server.stop()
    window.workspace.history.close()
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    leaked = [t for t in leaked if not t.daemon or t.name == "audience-worker"]
    for thread in leaked:
        thread.join(timeout=5)
    assert not [t for t in leaked if t.is_alive()], f"leaked threads: {leaked}"


def fill(qtbot: QtBot, window: MainWindow, name: str, namespace: str = "demo",
         origin: str = "Demo", description: str = "") -> None:  # fmt: skip
    form = window.form
    for edit, value in ((form.name_edit, name), (form.description_edit, description),
                        (form.namespace_edit, namespace), (form.origin_edit, origin)):  # fmt: skip
        edit.clear()
        if value:
            qtbot.keyClicks(edit, value)


def wait_for_status(qtbot: QtBot, window: MainWindow, name: str, status: Status,
                    timeout: int = 10_000) -> int:  # fmt: skip
    """Wait until the history shows ``name`` with ``status``; returns its model row."""
    model = window.history_model

    def find() -> int:
        for row in range(model.rowCount()):
            attempt = model.attempt(row)
            if attempt and attempt.name == name and attempt.status is status:
                return row
        return -1

    qtbot.waitUntil(lambda: find() >= 0, timeout=timeout)
    return find()
