"""Creating from the window: the guard, errors in plain words, retries, production, quitting."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import Status
from audience_desktop.localserver.server import Fault, LocalAepServer
from audience_desktop.ui.failure_dialog import FailureDialog
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.style import Style, applied
from tests.ui.conftest import (
    ExpectDialog,
    OpenWindow,
    create,
    demo_server,
    fill,
    wait_for_status,
)


def test_create_shows_the_row_with_its_audience_id_and_copies_it(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    fill(qtbot, demo_window, "Summer buyers", description="July")
    assert demo_window.create_button.isEnabled()
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    row = wait_for_status(qtbot, demo_window, "Summer buyers", Status.SUCCEEDED)
    attempt = demo_window.history.model.attempt(row)
    assert attempt is not None and attempt.audience_id
    stored = demo_server(demo_window).audiences("dev-sandbox")
    made_here = [a["audienceId"] for a in stored if a["name"] == "Summer buyers"]
    assert made_here == [attempt.audience_id]  # (beside the demo's sample audiences)
    # The row changes as soon as the history is written; the task's result follows.
    qtbot.waitUntil(lambda: attempt.audience_id in demo_window.status.text())
    assert demo_window.form.name_edit.text() == ""  # ready for the next one
    assert demo_window.form.namespace_edit.text() == "demo"  # kept: often reused
    view = demo_window.history.view
    view.setFocus()
    assert view.currentIndex().row() == row  # the new row is selected
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == attempt.audience_id
    assert attempt.audience_id in demo_window.history.details.toPlainText()


def test_invalid_form_keeps_create_disabled_with_inline_messages(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    assert not demo_window.create_button.isEnabled()
    assert not demo_window.create_action.isEnabled()
    fill(qtbot, demo_window, "   ")
    assert not demo_window.create_button.isEnabled()
    message = demo_window.findChild(QLabel, "nameEditMessage")
    assert message.isVisible() and "spaces" in message.text()
    assert message.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(demo_window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.history.model.rowCount() == 0
    fill(qtbot, demo_window, "Fine now")
    assert demo_window.create_button.isEnabled() and not message.isVisible()
    assert demo_window.create_action.isEnabled()


def test_double_click_and_repeated_shortcut_create_once(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    server = demo_server(demo_window)
    server.config.latency = 0.3
    fill(qtbot, demo_window, "Only once")
    qtbot.mouseDClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(
        demo_window.form.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    demo_window.create_action.trigger()
    assert not demo_window.create_button.isEnabled()
    assert demo_window.status.busy_indicator.isVisible()
    assert demo_window.status.cancel_button.isVisible()
    wait_for_status(qtbot, demo_window, "Only once", Status.SUCCEEDED)
    assert len(server.create_requests()) == 1
    assert demo_window.history.model.rowCount() == 1
    qtbot.waitUntil(lambda: not demo_window.status.busy_indicator.isVisible())


def test_server_error_is_plain_text_with_details_one_click_away(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_server(demo_window).inject(Fault.forbidden())
    create(qtbot, demo_window, "<b>Not bold</b>", Status.FAILED)
    status = demo_window.status
    qtbot.waitUntil(status.details_button.isVisible)
    assert status.label.textFormat() == Qt.TextFormat.PlainText
    assert "product profile" in status.text()
    shown: list[FailureDialog] = []
    monkeypatch.setattr(FailureDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    qtbot.mouseClick(status.details_button, Qt.MouseButton.LeftButton)
    # One dialog, one click: the sentence, then each fact on its own line, and Copy.
    (dialog,) = shown
    labels = {label.objectName(): label for label in dialog.findChildren(QLabel)}
    assert labels["failureSummary"].text() == status.text()
    assert labels["failureSummary"].textFormat() == Qt.TextFormat.PlainText
    facts = [label.text() for name, label in labels.items() if name.startswith("failureFact")]
    assert "403" in facts and any(fact.startswith("req") or len(fact) > 20 for fact in facts)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(status.text()) and "HTTP status: 403" in copied
    assert "Request id: " in copied
    # shown literally
    assert "Name: <b>Not bold</b>" in demo_window.history.details.toPlainText()


def test_429_then_success(qtbot: QtBot, demo_window: MainWindow) -> None:
    server = demo_server(demo_window)
    server.inject(Fault.rate_limit(retry_after=0.2), Fault.rate_limit(retry_after=0.2))
    create(qtbot, demo_window, "Patient")
    assert len(server.create_requests()) == 3


def test_a_dropped_answer_is_settled_by_a_lookup(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_server(demo_window).inject(Fault.drop_after_create())
    create(qtbot, demo_window, "Dropped")  # found by lookup
    assert len(demo_server(demo_window).create_requests()) == 1


def test_a_draft_already_created_disables_create_says_why_and_offers_ways_out(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    create(qtbot, window, "Once only")
    created = window.workspace.attempts()[0]
    requests = len(demo_server(window).create_requests())
    fill(qtbot, window, "Once only")
    qtbot.waitUntil(lambda: "already created" in window.status.text())
    assert not window.create_button.isEnabled() and not window.create_action.isEnabled()
    assert "Already created" in window.create_button.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(demo_server(window).create_requests()) == requests  # nothing sent
    buttons = {b.objectName(): b for b in window.status.action_buttons()}
    assert set(buttons) == {"copyExistingIdButton", "showExistingButton"}
    qtbot.mouseClick(buttons["copyExistingIdButton"], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == created.audience_id
    window.history.view.clearSelection()
    window.history.filter_edit.setText("something else")  # the filter hides it: cleared
    qtbot.mouseClick(buttons["showExistingButton"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.history.selected_attempt() is not None)
    assert window.history.selected_attempt().row_id == created.row_id  # type: ignore[union-attr]
    # The message goes with the draft it described.
    window.form.name_edit.setText("Once more")
    assert window.status.text() == "" and window.status.action_buttons() == []
    assert window.create_button.isEnabled()
    assert window.create_button.toolTip() == "Create the audience (Ctrl+Return)"


def test_a_refusal_goes_when_the_form_is_edited_into_another_draft(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    demo_server(demo_window).inject(Fault.forbidden())
    create(qtbot, demo_window, "Refused", Status.FAILED)
    qtbot.waitUntil(lambda: "product profile" in demo_window.status.text())
    demo_window.form.namespace_edit.setText("other")  # another draft now
    assert demo_window.status.text() == ""  # the old draft's message went with it


def test_cancel_stops_the_retries(qtbot: QtBot, demo_window: MainWindow) -> None:
    server = demo_server(demo_window)
    server.inject(*[Fault.rate_limit(retry_after=0.5)] * 5)
    fill(qtbot, demo_window, "Given up")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(server.create_requests()) >= 1)
    qtbot.mouseClick(demo_window.status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not demo_window.status.busy_indicator.isVisible(), timeout=5000)
    assert len(server.create_requests()) < 5
    assert demo_window.create_button.isEnabled()


def _create_that_hangs(qtbot: QtBot, window: MainWindow) -> LocalAepServer:
    """Start a create the server holds for 3 s; returns the server (stop it to release)."""
    server = demo_server(window)
    server.inject(Fault.hang(3))
    fill(qtbot, window, "Interrupted")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(server.create_requests()) == 1)
    return server


def test_closing_during_a_call_neither_hangs_nor_crashes(
    qtbot: QtBot, demo_window: MainWindow, expect_dialog: ExpectDialog
) -> None:
    server = _create_that_hangs(qtbot, demo_window)
    stay = expect_dialog("Quit while creating?", QMessageBox.StandardButton.No)
    demo_window.close()
    assert demo_window.isVisible() and len(stay.seen) == 1  # "No": the window stays
    leave = expect_dialog("Quit while creating?", QMessageBox.StandardButton.Yes)
    started = time.monotonic()
    demo_window.close()
    assert time.monotonic() - started < 2.5
    assert not demo_window.isVisible() and len(leave.seen) == 1
    server.stop()  # releases the hang; the abandoned worker finishes on its own


def test_closing_right_after_a_create_ended_never_asks(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hang of issue 8 item 19: the row showed the outcome, the controller had not yet
    been told, and "Quit while creating?" opened with nobody to answer it. The watchdog
    fails this test if any question opens."""
    fill(qtbot, demo_window, "Just done")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    workspace = demo_window.workspace
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # no Qt events meanwhile: nothing is delivered
        if [a.status for a in workspace.attempts()] == [Status.SUCCEEDED]:
            break
        time.sleep(0.01)
    time.sleep(0.2)  # the worker returns just after writing the outcome
    assert demo_window.controller._running  # the controller has not been told yet
    asked: list[bool] = []
    ask = MainWindow._confirm_quit
    monkeypatch.setattr(MainWindow, "_confirm_quit", lambda self: asked.append(True) or ask(self))
    demo_window.close()
    assert not demo_window.isVisible() and asked == []


def test_a_create_that_ends_while_the_question_is_open_lets_the_quit_go_ahead(
    qtbot: QtBot, demo_window: MainWindow, expect_dialog: ExpectDialog
) -> None:
    """The question is re-checked: nobody answers it, the create ends, the window quits."""
    server = demo_server(demo_window)
    server.inject(Fault.hang(0.5))
    fill(qtbot, demo_window, "Ends soon")
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(server.create_requests()) == 1)
    unanswered = expect_dialog("Quit while creating?", leave_open=True)
    demo_window.close()
    assert len(unanswered.seen) == 1
    assert not demo_window.isVisible()
    assert not demo_window.controller.running()


def test_force_close_never_asks(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = _create_that_hangs(qtbot, demo_window)
    monkeypatch.setattr(QMessageBox, "question", pytest.fail)
    demo_window.force_close()
    assert not demo_window.isVisible()
    server.stop()


def test_production_sandbox_is_red_and_asks_before_creating(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    server = live_profile
    window = open_window()
    assert "PRODUCTION" in window.profile_bar.sandbox_label.text()
    assert applied(window.profile_bar.sandbox_label) is Style.PRODUCTION_BADGE
    buttons = QMessageBox.StandardButton
    asked: list[tuple[str, str, bool]] = []

    def answer(box: QMessageBox) -> int:
        """The question names the audience and the sandbox; Cancel is the default."""
        yes, cancel = box.button(buttons.Yes), box.button(buttons.Cancel)
        asked.append((box.text(), yes.text(), box.defaultButton() is cancel))
        (cancel if len(asked) == 1 else yes).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    fill(qtbot, window, "Careful")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    assert server.create_requests() == [] and window.history.model.rowCount() == 0
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, window, "Careful", Status.SUCCEEDED)
    assert len(asked) == 2
    text, yes_text, cancel_is_default = asked[0]
    assert "“Careful”" in text and "PRODUCTION" in text and "“prod”" in text
    assert yes_text.replace("&", "") == "Create in Production" and cancel_is_default


def test_a_repeat_refused_at_send_time_offers_the_same_ways_out(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Created elsewhere (the CLI) after the form was filled: the service's guard refuses."""
    window = demo_window
    fill(qtbot, window, "Raced")
    assert window.create_button.isEnabled()
    profile = window.profile_bar.current_profile()
    assert profile is not None
    window.workspace.create(profile, window.form.draft())  # as the CLI would
    requests = len(demo_server(window).create_requests())
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already created" in window.status.text())
    assert len(demo_server(window).create_requests()) == requests
    names = {b.objectName() for b in window.status.action_buttons()}
    assert names == {"copyExistingIdButton", "showExistingButton"}
    assert not window.create_button.isEnabled()  # and now the window knows


def test_waiting_is_said_in_words_and_the_pending_row_is_selected(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    server = demo_server(window)
    server.inject(Fault.rate_limit(retry_after=3), Fault.hang(2))  # then a 504: unknown
    fill(qtbot, window, "Patiently")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "throttling" in window.status.text(), timeout=5000)
    assert "try 2 of 5" in window.status.text()
    selected = window.history.selected_attempt()
    assert selected is not None and selected.name == "Patiently"
    assert selected.status is Status.PENDING
    seconds = [int(s) for s in window.status.text().split() if s.isdigit()]
    qtbot.waitUntil(lambda: "waiting for Adobe's answer, 1 s" in window.status.text(), timeout=6000)
    assert "try 2 of 5" in window.status.text() and seconds and seconds[0] <= 3
    wait_for_status(qtbot, window, "Patiently", Status.UNKNOWN)
    qtbot.waitUntil(lambda: not window.status.busy() and "answer, " not in window.status.text())


def test_a_message_appearing_does_not_move_the_history(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The status line keeps room for a message, so the history does not jump when one
    appears (a refusal, an error of a few lines at the default width)."""
    demo_window.resize(1024, 700)
    qtbot.wait(50)
    before = demo_window.history.mapTo(demo_window, demo_window.history.rect().topLeft())
    demo_server(demo_window).inject(Fault.forbidden())
    create(qtbot, demo_window, "Jumpy", Status.FAILED)
    qtbot.waitUntil(lambda: "product profile" in demo_window.status.text())
    qtbot.wait(50)
    after = demo_window.history.mapTo(demo_window, demo_window.history.rect().topLeft())
    assert after == before


def test_a_failure_stays_when_the_form_was_edited_while_it_ran(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Typing the next name while a create waits must not hide how that create ended."""
    window = demo_window
    demo_server(window).inject(Fault.rate_limit(retry_after=1), Fault.forbidden())
    fill(qtbot, window, "Gamma")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "throttling" in window.status.text(), timeout=5000)
    window.form.name_edit.setText("Delta next")
    wait_for_status(qtbot, window, "Gamma", Status.FAILED)
    qtbot.waitUntil(lambda: "product profile" in window.status.text())
    assert window.status.details_button.isVisible()
    window.form.name_edit.setText("Delta next, edited")  # now the user moves on: it goes
    assert window.status.text() == ""


def test_create_says_why_it_is_off_in_the_field_s_own_words(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    create(qtbot, demo_window, "Named")
    assert demo_window.form.name_edit.text() == ""  # cleared for the next one
    tip = demo_window.create_button.toolTip()
    assert not demo_window.create_button.isEnabled()
    assert tip == "Audience name: This field is required."


def test_a_repeat_created_elsewhere_is_said_when_create_is_pressed(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Another process wrote the history after the form was filled: pressing Create says
    so at once, with the ways out, instead of doing nothing."""
    window = demo_window
    fill(qtbot, window, "Elsewhere")
    profile = window.profile_bar.current_profile()
    assert profile is not None and window.create_button.isEnabled()
    window.workspace.create(profile, window.form.draft())  # as another window would
    requests = len(demo_server(window).create_requests())
    window.controller.create()
    assert "already created" in window.status.text()
    assert len(window.status.action_buttons()) == 2
    assert not window.create_button.isEnabled()
    assert len(demo_server(window).create_requests()) == requests
