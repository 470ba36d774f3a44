"""The real main window, offscreen, against the built-in server over loopback."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from audience_desktop.core.history import Status
from audience_desktop.localserver.server import Fault
from audience_desktop.ui.main_window import MainWindow
from tests.ui.conftest import fill, wait_for_status

OBJECT_NAMES = ["profileCombo", "nameEdit", "descriptionEdit", "namespaceEdit",
                "originNameEdit", "createButton", "historyView", "historyFilterEdit"]  # fmt: skip


def test_stable_object_names_labels_and_tab_order(qtbot: QtBot, demo_window: MainWindow) -> None:
    from PySide6.QtWidgets import QWidget

    found = {name: demo_window.findChild(QWidget, name) for name in OBJECT_NAMES}
    assert all(found.values()), [n for n, w in found.items() if w is None]
    for name in OBJECT_NAMES:
        if name != "createButton":  # a button's text is its accessible name
            assert found[name].accessibleName(), name
    buddies = {label.buddy() for label in demo_window.findChildren(QLabel) if label.buddy()}
    for name in ["profileCombo", "nameEdit", "descriptionEdit", "namespaceEdit",
                 "originNameEdit", "historyFilterEdit"]:  # fmt: skip
        assert found[name] in buddies, name
    demo_window.activateWindow()
    assert demo_window.form.name_edit.hasFocus()
    order = []
    for _ in range(4):
        focused = QApplication.focusWidget()
        order.append(focused.objectName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert order == ["nameEdit", "descriptionEdit", "namespaceEdit", "originNameEdit"]


def test_create_shows_the_row_with_its_audience_id_and_copies_it(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    fill(qtbot, demo_window, "Summer buyers", description="July")
    assert demo_window.create_button.isEnabled()
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    row = wait_for_status(qtbot, demo_window, "Summer buyers", Status.SUCCEEDED)
    attempt = demo_window.history_model.attempt(row)
    assert attempt is not None and attempt.audience_id
    stored = demo_window.demo_server.audiences("dev-sandbox")  # type: ignore[attr-defined]
    assert [a["audienceId"] for a in stored] == [attempt.audience_id]
    # The row changes as soon as the history is written; the task's result follows.
    qtbot.waitUntil(lambda: attempt.audience_id in demo_window.status_label.text())
    assert demo_window.form.name_edit.text() == ""  # ready for the next one
    assert demo_window.form.namespace_edit.text() == "demo"  # kept: often reused
    demo_window.history_view.setFocus()
    demo_window.history_view.setCurrentIndex(demo_window.history_model.index(row, 0))
    qtbot.keyClick(demo_window.history_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == attempt.audience_id
    assert attempt.audience_id in demo_window.details.toPlainText()


def test_invalid_form_keeps_create_disabled_with_inline_messages(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    assert not demo_window.create_button.isEnabled()
    fill(qtbot, demo_window, "   ")
    assert not demo_window.create_button.isEnabled()
    message = demo_window.findChild(QLabel, "nameEditMessage")
    assert message.isVisible() and "spaces" in message.text()
    assert message.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(demo_window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.history_model.rowCount() == 0
    fill(qtbot, demo_window, "Fine now")
    assert demo_window.create_button.isEnabled() and not message.isVisible()


def test_double_click_and_repeated_shortcut_create_once(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    server = demo_window.demo_server  # type: ignore[attr-defined]
    server.config.latency = 0.3
    fill(qtbot, demo_window, "Only once")
    qtbot.mouseDClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(
        demo_window.form.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert not demo_window.create_button.isEnabled()
    assert demo_window.busy_indicator.isVisible()
    wait_for_status(qtbot, demo_window, "Only once", Status.SUCCEEDED)
    assert len(server.create_requests()) == 1
    assert demo_window.history_model.rowCount() == 1


def test_server_error_is_plain_text_with_details_one_click_away(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_window.demo_server.inject(Fault.forbidden())  # type: ignore[attr-defined]
    fill(qtbot, demo_window, "<b>Not bold</b>")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, demo_window, "<b>Not bold</b>", Status.FAILED)
    qtbot.waitUntil(demo_window.details_button.isVisible)
    label = demo_window.status_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "product profile" in label.text()
    assert demo_window.details_button.isVisible()
    shown: dict[str, str] = {}

    def fake_exec(box: QMessageBox) -> int:
        shown["text"], shown["details"] = box.text(), box.detailedText()
        shown["format"] = str(box.textFormat())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    qtbot.mouseClick(demo_window.details_button, Qt.MouseButton.LeftButton)
    assert "HTTP 403" in shown["details"] and "request id" in shown["details"]
    assert "PlainText" in shown["format"]
    assert "Name: <b>Not bold</b>" in demo_window.details.toPlainText()  # shown literally


def test_429_then_success(qtbot: QtBot, demo_window: MainWindow) -> None:
    server = demo_window.demo_server  # type: ignore[attr-defined]
    server.inject(Fault.rate_limit(retry_after=0.2), Fault.rate_limit(retry_after=0.2))
    fill(qtbot, demo_window, "Patient")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, demo_window, "Patient", Status.SUCCEEDED)
    assert len(server.create_requests()) == 3


def test_unknown_outcome_is_resolved_and_can_be_checked_again(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    demo_window.demo_server.inject(Fault.drop_after_create())  # type: ignore[attr-defined]
    fill(qtbot, demo_window, "Dropped")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, demo_window, "Dropped", Status.SUCCEEDED)  # found by lookup
    assert len(demo_window.demo_server.create_requests()) == 1  # type: ignore[attr-defined]


def test_closing_during_a_call_neither_hangs_nor_crashes(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = demo_window.demo_server  # type: ignore[attr-defined]
    server.inject(Fault.hang(3))
    fill(qtbot, demo_window, "Interrupted")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(server.create_requests()) == 1)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    started = time.monotonic()
    demo_window.close()
    assert time.monotonic() - started < 2.5
    assert not demo_window.isVisible()
    server.stop()  # releases the hang; the abandoned worker finishes on its own


def test_use_as_template_copy_curl_and_filter(qtbot: QtBot, demo_window: MainWindow) -> None:
    for name in ("Alpha 100%", "Beta_1", "Gamma"):
        fill(qtbot, demo_window, name, namespace="ns", origin="Origin")
        qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
        wait_for_status(qtbot, demo_window, name, Status.SUCCEEDED)
    model = demo_window.history_model
    assert [model.attempt(r).name for r in range(3)] == ["Gamma", "Beta_1", "Alpha 100%"]
    qtbot.keyClick(demo_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.filter_edit.hasFocus()
    qtbot.keyClicks(demo_window.filter_edit, "100%")
    assert model.rowCount() == 1 and model.attempt(0).name == "Alpha 100%"
    demo_window.filter_edit.setText("a_1")  # '_' is a literal, not a wildcard
    assert model.rowCount() == 1 and model.attempt(0).name == "Beta_1"
    demo_window.filter_edit.clear()
    demo_window.history_view.setCurrentIndex(model.index(1, 0))
    demo_window.copy_as_curl()
    curl = QGuiApplication.clipboard().text()
    assert "Bearer {ACCESS_TOKEN}" in curl and '"name": "Beta_1"' in curl
    assert "createAudienceMetaOnly=true" in curl
    demo_window.use_as_template()
    assert demo_window.form.name_edit.text() == "Beta_1"
    assert demo_window.form.origin_edit.text() == "Origin"
    # The same audience again is refused before anything is sent.
    requests = len(demo_window.demo_server.create_requests())  # type: ignore[attr-defined]
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already created" in demo_window.status_label.text())
    assert len(demo_window.demo_server.create_requests()) == requests  # type: ignore[attr-defined]


def test_export_history_as_json(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(qtbot, demo_window, "Exported")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, demo_window, "Exported", Status.SUCCEEDED)
    target = tmp_path / "out.json"
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON"))
    demo_window.export_history()
    qtbot.waitUntil(target.exists)
    qtbot.waitUntil(lambda: "exported" in demo_window.status_label.text())
    assert json.loads(target.read_text())[0]["name"] == "Exported"


def test_history_model_passes_qtmodeltester(
    qtmodeltester, demo_window: MainWindow, qtbot: QtBot
) -> None:
    for name in ("One", "Two"):
        fill(qtbot, demo_window, name)
        qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
        wait_for_status(qtbot, demo_window, name, Status.SUCCEEDED)
    qtmodeltester.check(demo_window.history_model, force_py=True)


def test_buttons_are_plain_push_buttons(demo_window: MainWindow) -> None:
    assert isinstance(demo_window.create_button, QPushButton)


def test_unknown_outcome_can_be_checked_then_marked_and_details_follow(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_window.demo_server.inject(Fault.html_502())  # type: ignore[attr-defined]
    fill(qtbot, demo_window, "Unsure")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    row = wait_for_status(qtbot, demo_window, "Unsure", Status.UNKNOWN)
    demo_window.history_view.setCurrentIndex(demo_window.history_model.index(row, 0))
    assert "Status: Unknown" in demo_window.details.toPlainText()
    assert demo_window.resolve_action.isEnabled() and demo_window.mark_action.isEnabled()
    qtbot.keyClick(demo_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "settle" in demo_window.status_label.text())
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    demo_window.mark_not_created()
    wait_for_status(qtbot, demo_window, "Unsure", Status.FAILED)
    qtbot.waitUntil(lambda: "Status: Failed" in demo_window.details.toPlainText())
    assert not demo_window.mark_action.isEnabled()
    assert "Marked as not created" in demo_window.details.toPlainText()
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)  # allowed again
    wait_for_status(qtbot, demo_window, "Unsure", Status.SUCCEEDED)
