"""The history panel: filter, row actions, export, checking and marking unknown outcomes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import Status
from audience_desktop.localserver.server import Fault
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.style import Style, applied
from tests.ui.conftest import create, demo_server


def test_use_as_template_copy_curl_and_filter(qtbot: QtBot, demo_window: MainWindow) -> None:
    for name in ("Alpha 100%", "Beta_1", "Gamma"):
        create(qtbot, demo_window, name, namespace="ns", origin="Origin")
    history = demo_window.history
    model = history.model
    assert [model.attempt(r).name for r in range(3)] == ["Gamma", "Beta_1", "Alpha 100%"]
    qtbot.keyClick(demo_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert history.filter_edit.hasFocus()
    qtbot.keyClicks(history.filter_edit, "100%")
    assert model.rowCount() == 1 and model.attempt(0).name == "Alpha 100%"
    history.filter_edit.setText("a_1")  # '_' is a literal, not a wildcard
    assert model.rowCount() == 1 and model.attempt(0).name == "Beta_1"
    history.filter_edit.clear()
    history.view.setCurrentIndex(model.index(1, 0))
    history.copy_curl_action.trigger()
    qtbot.waitUntil(lambda: "cURL" in demo_window.status.text())
    curl = QGuiApplication.clipboard().text()
    assert "Bearer {ACCESS_TOKEN}" in curl and '"name": "Beta_1"' in curl
    assert "createAudienceMetaOnly=true" in curl
    history.view.setFocus()
    qtbot.keyClick(demo_window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.form.name_edit.text() == "Beta_1"
    assert demo_window.form.origin_edit.text() == "Origin"
    assert demo_window.form.name_edit.hasFocus()


def test_export_history_as_json(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    create(qtbot, demo_window, "Exported")
    target = tmp_path / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON"))
    demo_window.history.export_action.trigger()
    qtbot.waitUntil(lambda: "exported" in demo_window.status.text())
    assert json.loads(target.read_text())[0]["name"] == "Exported"


def test_a_failed_export_is_shown(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "no such folder" / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV"))
    demo_window.history.export_history()
    qtbot.waitUntil(lambda: "could not be exported" in demo_window.status.text())
    assert demo_window.status.details_button.isVisible()


def test_history_model_passes_qtmodeltester(
    demo_window: MainWindow,
    qtmodeltester,
    qtbot: QtBot,  # the window outlives the tester
) -> None:
    for name in ("One", "Two"):
        create(qtbot, demo_window, name)
    qtmodeltester.check(demo_window.history.model, force_py=True)


def test_unknown_outcome_can_be_checked_then_marked_and_details_follow(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_server(demo_window).inject(Fault.html_502())
    row = create(qtbot, demo_window, "Unsure", Status.UNKNOWN)
    history = demo_window.history
    history.view.setCurrentIndex(history.model.index(row, 0))
    assert "Status: Unknown" in history.details.toPlainText()
    assert history.resolve_action.isEnabled() and history.mark_action.isEnabled()
    qtbot.keyClick(demo_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "settle" in demo_window.status.text())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    history.mark_action.trigger()
    qtbot.waitUntil(lambda: "Status: Failed" in history.details.toPlainText())
    qtbot.waitUntil(lambda: "marked as not created" in demo_window.status.text())
    assert not history.mark_action.isEnabled()
    assert "Marked as not created" in history.details.toPlainText()
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)  # allowed again
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    create_row = history.model.row_of(max(a.row_id for a in demo_window.workspace.attempts()))
    qtbot.waitUntil(lambda: history.model.attempt(create_row).status is Status.SUCCEEDED)


def test_a_failed_mark_is_shown(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marking a row that is no longer unknown (a check settled it meanwhile) says why not."""
    demo_server(demo_window).inject(Fault.html_502())
    row = create(qtbot, demo_window, "Settled meanwhile", Status.UNKNOWN)
    qtbot.waitUntil(lambda: not demo_window.status.busy())  # the create has returned
    history = demo_window.history
    history.view.setCurrentIndex(history.model.index(row, 0))
    attempt = history.selected_attempt()
    assert attempt is not None
    demo_window.workspace.mark_not_created(attempt.row_id)  # e.g. from the CLI
    monkeypatch.setattr(history, "selected_attempt", lambda: attempt)  # the row as it was shown
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    demo_window.status.set_status("")
    history.mark_not_created()
    qtbot.waitUntil(lambda: demo_window.status.text() != "")
    assert applied(demo_window.status.label) is Style.ERROR, demo_window.status.text()
