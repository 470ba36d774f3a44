"""Export… and Import… in the profiles dialog: no secret in the file, the importer types it,
and a new profile never replaces one of the same name without asking (issue 9 item 21)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import app_paths
from audience_desktop.core import credentials
from audience_desktop.core.profiles import ProfileStore
from audience_desktop.localserver.server import LocalAepServer
from audience_desktop.ui.profiles_dialog import ProfilesDialog
from audience_desktop.ui.style import Style, applied
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import SECRET, ExpectDialog, OpenWindow


def _dialog(qtbot: QtBot, open_window: OpenWindow) -> ProfilesDialog:
    window = open_window()
    dialog = ProfilesDialog(window.workspace, window.lanes, window)
    dialog.profiles_changed.connect(window.reload_profiles)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_writes_the_stored_profile_without_its_secret(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    target = tmp_path / "shared" / "live.audience-profile.json"
    asked: list[str] = []

    def choose(parent: object, title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog = _dialog(qtbot, open_window)
    assert dialog.selected_name() == "live" and dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Exported" in dialog.message.text(), timeout=10_000)
    assert asked[0].endswith("live.audience-profile.json")
    text = target.read_text(encoding="utf-8")
    assert SECRET not in text
    stored = ProfileStore(app_paths().profiles_file).get("live")
    assert json.loads(text)["profile"] == stored.to_json()
    dialog.new_profile()
    assert not dialog.export_button.isEnabled()  # only a stored profile can be exported
    dialog.done(0)


def test_import_fills_a_new_profile_and_focuses_the_secret_then_save_asks_before_replacing(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer, tmp_path: Path,
    expect_dialog: ExpectDialog, memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    dialog = _dialog(qtbot, open_window)
    file = tmp_path / "live.json"
    dialog.export_profile(file)
    qtbot.waitUntil(file.exists, timeout=10_000)
    before = app_paths().profiles_file.read_bytes()
    dialog.import_profile(file)
    qtbot.waitUntil(lambda: "Read from" in dialog.message.text(), timeout=10_000)
    fields = dialog.fields
    assert dialog.selected_name() is None and not fields.name_edit.isReadOnly()
    assert fields.name_edit.text() == "live" and fields.platform_edit.text() == live_profile.url
    assert fields.sandbox_combo.currentText() == "prod — PRODUCTION"
    assert fields.secret_edit.text() == "" and dialog.focusWidget() is fields.secret_edit
    assert "type the client secret" in dialog.message.text()
    qtbot.keyClicks(fields.secret_edit, "a-new-secret")
    expect_dialog("Replace profile?", QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert app_paths().profiles_file.read_bytes() == before  # nothing replaced
    assert credentials.get_secret("live", credentials.SecretKind.CLIENT_SECRET) == SECRET
    fields.name_edit.setText("live copy")  # keep both
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "live copy", timeout=10_000)
    store = ProfileStore(app_paths().profiles_file)
    assert store.get("live copy").client_id == store.get("live").client_id
    secret = credentials.get_secret("live copy", credentials.SecretKind.CLIENT_SECRET)
    assert secret == "a-new-secret"
    dialog.done(0)


def test_a_file_with_a_secret_is_refused_and_the_form_is_left_alone(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog = _dialog(qtbot, open_window)
    file = tmp_path / "leaky.json"
    stored = ProfileStore(app_paths().profiles_file).get("live").to_json()
    leaky = {"format": "audience-desktop/profile", "version": 1,
             "profile": {**stored, "client_secret": SECRET}}  # fmt: skip
    file.write_text(json.dumps(leaky), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(file), ""))
    qtbot.mouseClick(dialog.findChild(type(dialog.save_button), "importProfileButton"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    qtbot.waitUntil(lambda: "looks like a secret" in dialog.message.text(), timeout=10_000)
    assert applied(dialog.message) is Style.ERROR and SECRET not in dialog.message.text()
    assert dialog.selected_name() == "live" and dialog.fields.name_edit.isReadOnly()
    dialog.done(0)
