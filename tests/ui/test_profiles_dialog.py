"""The profiles dialog: add, test, save, remove; the keyring banner; its own lanes."""

from __future__ import annotations

import json
from dataclasses import replace

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QStyle
from pytestqt.qtbot import QtBot

from audience_desktop.application import Profile, app_paths
from audience_desktop.core import credentials
from audience_desktop.core.profiles import MAX_TIMEOUT, ProfileStore
from audience_desktop.localserver.server import Fault, LocalAepServer, ServerConfig
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.profiles_dialog import ProfilesDialog
from audience_desktop.ui.style import Style, applied, text_colour
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import ORG, SECRET, ExpectDialog, OpenWindow, fill


def _dialog(qtbot: QtBot, window: MainWindow) -> ProfilesDialog:
    dialog = ProfilesDialog(window.workspace, window.lanes, window)
    dialog.profiles_changed.connect(window.reload_profiles)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_profile(qtbot: QtBot, dialog: ProfilesDialog, server: LocalAepServer) -> None:
    qtbot.keyClicks(dialog.fields.name_edit, "work")
    qtbot.keyClicks(dialog.fields.org_edit, ORG)
    qtbot.keyClicks(dialog.fields.client_edit, "dialog-client")
    qtbot.keyClicks(dialog.fields.secret_edit, SECRET)
    dialog.fields.platform_edit.setText(server.url)
    dialog.fields.ims_edit.setText(server.ims_url)


def test_add_a_profile_test_connection_and_pick_a_sandbox(
    qtbot: QtBot, open_window: OpenWindow, server: LocalAepServer, memory_keyring: MemoryKeyring
) -> None:
    window = open_window()
    dialog = _dialog(qtbot, window)
    _type_profile(qtbot, dialog, server)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields.sandbox_combo.count() == 2, timeout=10_000)
    assert "Connection works" in dialog.message.text()
    assert memory_keyring.store == {}  # testing stores nothing
    production = dialog.fields.sandbox_combo.findData("prod")
    assert "PRODUCTION" in dialog.fields.sandbox_combo.itemText(production)
    dialog.fields.sandbox_combo.setCurrentIndex(production)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "work", timeout=10_000)
    assert credentials.get_secret("work", credentials.SecretKind.CLIENT_SECRET) == SECRET
    assert dialog.fields.secret_edit.text() == ""  # never shown back
    saved = ProfileStore(app_paths().profiles_file).get("work")
    assert saved.sandbox == "prod" and saved.sandbox_type == "production"
    assert SECRET not in app_paths().profiles_file.read_text()
    # The window's selector follows the store.
    current = window.profile_bar.current_profile()
    assert current is not None and current.name == "work"
    assert "PRODUCTION" in window.profile_bar.sandbox_label.text()
    dialog.done(0)


def test_no_secure_keyring_shows_a_banner_and_refuses_to_save(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    keyring.set_keyring(fail.Keyring())
    dialog = _dialog(qtbot, open_window())
    qtbot.waitUntil(dialog.keyring_banner.isVisible, timeout=10_000)
    assert "No secure keyring" in dialog.keyring_banner.text()
    for edit, value in ((dialog.fields.name_edit, "work"), (dialog.fields.org_edit, ORG),
                        (dialog.fields.client_edit, "c"), (dialog.fields.secret_edit, SECRET)):  # fmt: skip
        edit.setText(value)
    dialog.fields.sandbox_combo.setEditText("dev")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "keyring" in dialog.message.text().lower(), timeout=10_000)
    assert not app_paths().profiles_file.exists()
    dialog.done(0)


def test_remove_a_profile_asks_first_and_cancel_keeps_everything(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    window = open_window()
    dialog = _dialog(qtbot, window)
    assert dialog.selected_name() == "live"
    expect_dialog("Remove profile?", QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert credentials.get_secret("live", credentials.SecretKind.CLIENT_SECRET) == SECRET
    assert dialog.list.count() == 1 and "live" in ProfileStore(app_paths().profiles_file).load()
    expect_dialog("Remove profile?", QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Removed" in dialog.message.text(), timeout=10_000)
    assert credentials.get_secret("live", credentials.SecretKind.CLIENT_SECRET) is None
    assert dialog.list.count() == 0
    assert window.profile_bar.current_profile() is None
    dialog.done(0)


def test_save_and_test_never_wait_behind_a_blocked_create(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    """A create blocked for its whole read timeout holds up neither Save nor Test."""
    expect_dialog("Create in production?", QMessageBox.StandardButton.Yes)
    window = open_window()
    live_profile.inject(Fault.hang(5))
    fill(qtbot, window, "Blocked")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(live_profile.create_requests()) == 1)
    dialog = _dialog(qtbot, window)
    dialog.new_profile()
    _type_profile(qtbot, dialog, live_profile)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connection works" in dialog.message.text(), timeout=3000)
    dialog.fields.sandbox_combo.setCurrentIndex(dialog.fields.sandbox_combo.findData("dev-sandbox"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "work", timeout=3000)
    assert window.controller.running()  # the create is still waiting
    dialog.done(0)
    window.force_close()
    live_profile.stop()  # releases the hang; the abandoned worker finishes on its own


def test_the_window_keeps_one_dialog_and_a_late_save_still_reaches_it(
    qtbot: QtBot, open_window: OpenWindow, server: LocalAepServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    opened: list[ProfilesDialog] = []

    def exec_(dialog: ProfilesDialog) -> int:
        opened.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ProfilesDialog, "exec", exec_)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = opened[0]
    _type_profile(qtbot, dialog, server)
    dialog.fields.sandbox_combo.setEditText("dev")
    dialog.save_profile()  # and the dialog is closed before the save ends
    qtbot.waitUntil(lambda: window.profile_bar.current_profile() is not None, timeout=10_000)
    window.open_profiles_dialog()
    assert opened == [dialog, dialog]
    assert dialog.message.text() == ""  # reset for the new opening


def test_editing_a_profile_keeps_its_timeouts_and_fields_the_dialog_does_not_show(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer
) -> None:
    store = ProfileStore(app_paths().profiles_file)
    slow = replace(store.get("live"), connect_timeout=3.5, read_timeout=240.0, total_timeout=300.0)
    store.save(slow)
    window = open_window()
    dialog = _dialog(qtbot, window)
    assert dialog.selected_name() == "live"
    shown = (
        dialog.fields.connect_timeout_spin,
        dialog.fields.read_timeout_spin,
        dialog.fields.total_timeout_spin,
    )
    assert [spin.value() for spin in shown] == [3.5, 240.0, 300.0]
    assert all(spin.maximum() == MAX_TIMEOUT and spin.minimum() > 0 for spin in shown)
    new_org = "FEDCBA9876543210FEDCBA98@AdobeOrg"
    dialog.fields.org_edit.setText(new_org)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "live", timeout=10_000)
    saved = store.get("live")
    assert saved == replace(slow, org_id=new_org)  # every other field as it was
    dialog.fields.read_timeout_spin.setValue(90.0)  # and the dialog edits them too
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.get("live").read_timeout == 90.0, timeout=10_000)
    dialog.done(0)


class RefusingDeletes(MemoryKeyring):
    """A keyring that reads but whose collection stays locked for deletes."""

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


def test_removing_a_profile_names_what_left_the_keyring(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    window = open_window()
    dialog = _dialog(qtbot, window)
    expect_dialog("Remove profile?", QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Removed" in dialog.message.text(), timeout=10_000)
    text = dialog.message.text()
    assert "“live”" in text and "Removed from the system keyring: the client secret." in text
    assert applied(dialog.message) is None
    dialog.done(0)


def test_a_keyring_that_refuses_deletes_says_what_may_still_be_stored(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    memory_keyring: MemoryKeyring, expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    window = open_window()
    dialog = _dialog(qtbot, window)
    refusing = RefusingDeletes()
    refusing.store = dict(memory_keyring.store)
    keyring.set_keyring(refusing)
    expect_dialog("Remove profile?", QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not be reached" in dialog.message.text(), timeout=10_000)
    text = dialog.message.text()
    assert "Removed the profile “live” from the profiles file." in text
    assert "KeyringLocked" in text and "the client secret" in text
    assert "audience-desktop" in text and "keyring tool" in text
    assert applied(dialog.message) is Style.ERROR
    assert "live" not in ProfileStore(app_paths().profiles_file).load()
    assert dialog.list.count() == 0
    dialog.done(0)


# -- issue 9: a window an analyst trusts ----------------------------------------------------


def _test_connection(qtbot: QtBot, dialog: ProfilesDialog) -> None:
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connection works" in dialog.message.text(), timeout=10_000)


def _tested(qtbot: QtBot, window: MainWindow, server: LocalAepServer) -> ProfilesDialog:
    """The dialog with a new profile typed and its connection tested."""
    dialog = _dialog(qtbot, window)
    _type_profile(qtbot, dialog, server)
    _test_connection(qtbot, dialog)
    return dialog


def test_test_connection_never_preselects_production_and_save_asks_for_a_choice(
    qtbot: QtBot, open_window: OpenWindow, server: LocalAepServer
) -> None:
    """The server lists Production first, as its default: nothing is chosen for the user."""
    dialog = _tested(qtbot, open_window(), server)
    combo = dialog.fields.sandbox_combo
    assert combo.count() == 2 and combo.currentIndex() == -1 and combo.sandbox() == ""
    assert "Choose the sandbox" in dialog.message.text()
    assert dialog.focusWidget() is combo
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Choose the sandbox" in dialog.message.text() and applied(dialog.message) is Style.ERROR
    assert not app_paths().profiles_file.exists()  # nothing saved on a guess
    # A sandbox typed before testing is kept, whatever the default.
    combo.setEditText("dev-sandbox")
    _test_connection(qtbot, dialog)
    assert combo.currentData() == "dev-sandbox"
    dialog.done(0)


def test_test_connection_preselects_a_default_development_sandbox(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    boxes = [
        {"name": "prod", "title": "Production", "state": "active", "type": "production",
         "isDefault": False},
        {"name": "team-dev", "title": "Team", "state": "active", "type": "development",
         "isDefault": True},
    ]  # fmt: skip
    config = ServerConfig.demo(clients={"dialog-client": SECRET}, org_id=ORG, sandboxes=boxes)
    with LocalAepServer(config) as server:
        dialog = _tested(qtbot, open_window(), server)
        assert dialog.fields.sandbox_combo.currentText() == "Team (team-dev)"
        assert "Choose" not in dialog.message.text()
        dialog.done(0)


def test_the_sandbox_shows_title_name_and_production_mark_in_the_form_and_the_list(
    qtbot: QtBot, open_window: OpenWindow, server: LocalAepServer
) -> None:
    dialog = _tested(qtbot, open_window(), server)
    combo = dialog.fields.sandbox_combo
    combo.setCurrentIndex(combo.findData("prod"))  # chosen by the user
    assert applied(combo) is Style.ERROR
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "work", timeout=10_000)
    saved = ProfileStore(app_paths().profiles_file).get("work")
    assert (saved.sandbox, saved.sandbox_title, saved.sandbox_type) == (
        "prod", "Production", "production"
    )  # fmt: skip
    # After Save, as when the dialog opens again: title, name and the production mark.
    assert combo.currentText() == "Production (prod) — PRODUCTION"
    assert applied(combo) is Style.ERROR
    item = dialog.list.currentItem()
    assert item.text() == "work\n    Production (prod) — PRODUCTION"
    assert item.foreground().color() == text_colour(Style.ERROR, dialog.list.palette())
    # A development sandbox: no mark, no red.
    dialog.new_profile()
    _type_profile(qtbot, dialog, server)
    dialog.fields.name_edit.setText("play")
    _test_connection(qtbot, dialog)
    combo.setCurrentIndex(combo.findData("dev-sandbox"))
    assert combo.styleSheet() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "play", timeout=10_000)
    assert dialog.list.currentItem().text() == "play\n    Development (dev-sandbox)"
    assert combo.currentText() == "Development (dev-sandbox)"
    dialog.done(0)


def test_a_profile_saved_before_titles_were_kept_still_loads_and_is_marked(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    """An older profiles file: no sandbox_title, no sandbox_type; "prod" is still marked."""
    path = app_paths().ensure().profiles_file
    old = {"name": "old", "org_id": ORG, "client_id": "c", "sandbox": "prod"}
    path.write_text(json.dumps({"version": 1, "profiles": [old]}), encoding="utf-8")
    dialog = _dialog(qtbot, open_window())
    assert dialog.list.currentItem().text() == "old\n    prod — PRODUCTION"
    assert dialog.fields.sandbox_combo.currentText() == "prod — PRODUCTION"
    assert applied(dialog.fields.sandbox_combo) is Style.ERROR
    dialog.done(0)


def test_advanced_is_folded_unless_a_field_in_it_differs_or_is_wrong(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer
) -> None:
    store = ProfileStore(app_paths().profiles_file)
    long_scopes = "openid,AdobeID,read_organizations,additional_info.projectedProductContext"
    store.save(Profile(name="plain", org_id=ORG, client_id="c", sandbox="dev",
                       scopes=long_scopes + ",session"))  # fmt: skip
    dialog = _dialog(qtbot, open_window())
    fields = dialog.fields
    dialog.list.setCurrentRow(0)  # "live": the built-in server's URLs, not Adobe's
    assert dialog.selected_name() == "live"
    assert fields.advanced.expanded() and fields.platform_edit.isVisible()
    dialog.list.setCurrentRow(1)  # "plain": every Advanced field at its default
    assert dialog.selected_name() == "plain"
    assert not fields.advanced.expanded() and not fields.platform_edit.isVisible()
    assert fields.scopes_edit.cursorPosition() == 0  # shows its start
    dialog.new_profile()
    assert not fields.advanced.expanded()
    for edit, value in ((fields.name_edit, "new"), (fields.org_edit, ORG),
                        (fields.client_edit, "c"), (fields.platform_edit, "http://example.com")):  # fmt: skip
        edit.setText(value)
    fields.sandbox_combo.setEditText("dev")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Platform URL" in dialog.message.text()
    assert fields.advanced.expanded() and fields.platform_edit.isVisible()  # the wrong field
    qtbot.mouseClick(fields.advanced.toggle, Qt.MouseButton.LeftButton)
    assert not fields.platform_edit.isVisible()  # and the user may fold it again
    dialog.done(0)


def test_the_secret_placeholder_is_not_cut(
    language: str, qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer
) -> None:
    dialog = _dialog(qtbot, open_window())
    qtbot.waitExposed(dialog)
    edit = dialog.fields.secret_edit
    text = edit.placeholderText()
    assert text and (language == "en") == ("keyring" in text)
    room = (
        edit.contentsRect().width()
        - 2 * edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        - 8
    )  # the line edit's own side margins
    assert edit.fontMetrics().horizontalAdvance(text) <= room
    dialog.done(0)


def test_a_message_goes_when_the_user_edits_the_profile_it_was_about(
    qtbot: QtBot, open_window: OpenWindow, server: LocalAepServer
) -> None:
    """Filling the fields (Test connection's list, loading a profile) keeps the message;
    the user's own edit withdraws it: it described the profile as it was."""
    dialog = _tested(qtbot, open_window(), server)
    assert "Choose the sandbox" in dialog.message.text()  # kept through the list's filling
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert applied(dialog.message) is Style.ERROR
    qtbot.keyClicks(dialog.fields.client_edit, "x")
    assert dialog.message.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() != ""
    dialog.fields.read_timeout_spin.stepUp()  # a spin box's arrows are the user's too
    assert dialog.message.text() == ""
    dialog.done(0)


def test_editable_combo_boxes_name_their_line_edits_for_screen_readers(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    dialog = _dialog(qtbot, open_window())
    for combo in (dialog.fields.sandbox_combo, dialog.fields.path_combo):
        edit = combo.lineEdit()
        assert edit is not None and edit.accessibleName() == combo.accessibleName() != ""
    dialog.done(0)


def test_the_sandbox_check_can_be_turned_off_and_opens_advanced_when_off(
    qtbot: QtBot, open_window: OpenWindow, server: LocalAepServer
) -> None:
    dialog = _dialog(qtbot, open_window())
    box = dialog.fields.check_sandbox_box
    assert box.isChecked()  # on by default
    _type_profile(qtbot, dialog, server)
    dialog.fields.sandbox_combo.setEditText("dev-sandbox")
    box.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "work", timeout=10_000)
    assert ProfileStore(app_paths().profiles_file).get("work").check_sandbox_before_create is False
    dialog.new_profile()
    assert dialog.fields.check_sandbox_box.isChecked()
    dialog.list.setCurrentRow(0)
    assert not dialog.fields.check_sandbox_box.isChecked()
    assert dialog.fields.advanced.expanded()
    dialog.done(0)
