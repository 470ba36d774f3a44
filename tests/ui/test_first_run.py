"""The first run: no profile yet, and the window says what to do instead of a dead Create."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from audience_desktop.application import Status
from audience_desktop.ui.main_window import MainWindow
from tests.ui.conftest import ExpectDialog, OpenWindow, create, wait_for_status


def test_with_no_profile_the_window_says_what_to_do(
    qtbot: QtBot, open_window: OpenWindow, expect_dialog: ExpectDialog
) -> None:
    window = open_window()
    assert window.first_run_shown() and window.first_run is not None
    assert window.first_run.add_button.isVisible() and window.first_run.demo_button.isVisible()
    assert not window.create_button.isEnabled()
    qtbot.waitUntil(lambda: window.history_guard.checked)  # the history's check is done too
    assert "profile" in window.create_button.toolTip().lower()  # says why Create is disabled
    expect_dialog("Profiles")
    qtbot.mouseClick(window.first_run.add_button, Qt.MouseButton.LeftButton)
    dialog = window._profiles_dialog
    assert dialog is not None and dialog.fields.name_edit.text() == ""  # a new profile to fill


def test_the_first_run_panel_is_not_shown_once_there_is_a_profile(
    qtbot: QtBot, open_window: OpenWindow, live_profile: object
) -> None:
    window = open_window()
    assert not window.first_run_shown()
    window.workspace.remove_profile("live")
    window.reload_profiles()  # the last profile removed: the first run again
    assert window.first_run_shown()


def test_the_demo_window_has_no_first_run_panel(demo_window: MainWindow) -> None:
    assert not demo_window.first_run_shown()
    assert demo_window.demo_action not in demo_window.menuBar().actions()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_try_the_demo_opens_a_working_demo_window_beside_this_one(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window()
    assert window.first_run is not None
    qtbot.mouseClick(window.first_run.demo_button, Qt.MouseButton.LeftButton)
    gui = window._demo_gui
    assert gui is not None and gui.window.isVisible() and gui.window.demo
    assert gui.window.demo_banner.isVisible()
    create(qtbot, gui.window, "From the first run")
    wait_for_status(qtbot, gui.window, "From the first run", Status.SUCCEEDED)
    assert window.workspace.attempts() == []  # the real history is untouched
    window.open_demo()  # a second request raises the same window
    assert window._demo_gui is gui
    gui.window.close()
    qtbot.waitUntil(lambda: gui.closed)
