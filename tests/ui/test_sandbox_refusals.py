"""Create-time refusals from the sandbox check, in the window: the name is already there, or
the sandbox could not be asked. Nothing is sent; "Create Anyway" sends, once, for that job."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from audience_desktop.application import Status
from audience_desktop.localserver.server import LocalAepServer
from audience_desktop.ui.main_window import MainWindow
from tests.ui.conftest import (
    ExpectDialog,
    OpenWindow,
    demo_server,
    fill,
    wait_for_status,
)
from tests.ui.test_mnemonics import duplicates, scope_letters

TAKEN = "Newsletter subscribers (sample)"  # in the demo sandbox, audienceId demo-crm-newsletter


def press_create(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)


def buttons(window: MainWindow) -> dict[str, QPushButton]:
    return {b.objectName(): b for b in window.status.action_buttons()}


def test_a_name_already_in_the_sandbox_is_refused_with_its_id_and_create_anyway(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    server = demo_server(demo_window)
    fill(qtbot, demo_window, TAKEN, namespace="email", origin="CRM")
    press_create(qtbot, demo_window)
    qtbot.waitUntil(lambda: "createAnywayButton" in buttons(demo_window), timeout=10_000)
    assert "demo-crm-newsletter" in demo_window.status.text()
    assert server.create_requests() == [] and demo_window.history.model.rowCount() == 0
    assert list(buttons(demo_window)) == ["copySandboxIdButton", "createAnywayButton"]
    buttons(demo_window)["copySandboxIdButton"].click()
    assert QGuiApplication.clipboard().text() == "demo-crm-newsletter"
    server.config.duplicate_name_conflict = False  # the built-in server would refuse it too
    buttons(demo_window)["createAnywayButton"].click()
    wait_for_status(qtbot, demo_window, TAKEN, Status.SUCCEEDED)
    assert len(server.create_requests()) == 1
    # "anyway" was for that job only: the next create asks the sandbox again.
    fill(qtbot, demo_window, "Summer buyers 2024 (sample)", namespace="agora", origin="Agora")
    press_create(qtbot, demo_window)
    qtbot.waitUntil(lambda: "demo-agora-buyers" in demo_window.status.text(), timeout=10_000)
    assert len(server.create_requests()) == 1


def test_a_check_that_fails_says_so_and_offers_create_anyway(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    server = demo_server(demo_window)
    server.config.listing_forbidden = True  # a credential that may create but not read
    fill(qtbot, demo_window, "Fresh name")
    press_create(qtbot, demo_window)
    qtbot.waitUntil(lambda: "createAnywayButton" in buttons(demo_window), timeout=10_000)
    assert list(buttons(demo_window)) == ["createAnywayButton"]
    assert "View Segments" in demo_window.status.text()
    assert server.create_requests() == []
    buttons(demo_window)["createAnywayButton"].click()
    wait_for_status(qtbot, demo_window, "Fresh name", Status.SUCCEEDED)
    assert len(server.create_requests()) == 1


def test_create_anyway_in_production_still_asks(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    live_profile.config.listing_forbidden = True
    asked = expect_dialog("Create in production?", QMessageBox.StandardButton.Yes, times=2)
    window = open_window()
    fill(qtbot, window, "Careful")
    press_create(qtbot, window)
    qtbot.waitUntil(lambda: "createAnywayButton" in buttons(window), timeout=10_000)
    assert len(asked.seen) == 1 and live_profile.create_requests() == []
    buttons(window)["createAnywayButton"].click()
    wait_for_status(qtbot, window, "Careful", Status.SUCCEEDED)
    assert len(asked.seen) == 2


def test_the_refusal_goes_when_the_form_changes(qtbot: QtBot, demo_window: MainWindow) -> None:
    fill(qtbot, demo_window, TAKEN, namespace="email", origin="CRM")
    press_create(qtbot, demo_window)
    qtbot.waitUntil(lambda: "createAnywayButton" in buttons(demo_window), timeout=10_000)
    qtbot.keyClicks(demo_window.form.name_edit, " 2")
    assert buttons(demo_window) == {} and demo_window.status.text() == ""


def test_the_ways_out_add_no_duplicate_mnemonic(
    language: str, qtbot: QtBot, demo_window: MainWindow
) -> None:
    fill(qtbot, demo_window, TAKEN, namespace="email", origin="CRM")
    press_create(qtbot, demo_window)
    qtbot.waitUntil(lambda: len(buttons(demo_window)) == 2, timeout=10_000)
    dups = duplicates(scope_letters(demo_window))
    assert not dups, f"duplicate mnemonics ({language}): {dups}"
