"""The profiles dialog, the production confirmation and start-up reconciliation."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.app import build_window
from audience_desktop.core import secrets
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import Status
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.localserver.server import LocalAepServer, ServerConfig
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.profiles_dialog import ProfilesDialog
from tests.support.memory_keyring import MemoryKeyring
from tests.ui.conftest import fill, wait_for_status

SECRET = "PROFILE-DIALOG-s3cret-9f1"
ORG = "0123456789ABCDEF01234567@AdobeOrg"


@pytest.fixture
def server() -> Iterator[LocalAepServer]:
    config = ServerConfig.demo(clients={"dialog-client": SECRET}, org_id=ORG)
    with LocalAepServer(config) as running:
        yield running


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    built, _ = build_window(app_paths().ensure())
    qtbot.addWidget(built)
    built.show()
    yield built
    built.close()
    built.workspace.history.close()


def test_add_a_profile_test_connection_and_pick_a_sandbox(
    qtbot: QtBot, window: MainWindow, server: LocalAepServer, memory_keyring: MemoryKeyring
) -> None:
    dialog = ProfilesDialog(window.workspace, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "work")
    qtbot.keyClicks(dialog.org_edit, ORG)
    qtbot.keyClicks(dialog.client_edit, "dialog-client")
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    dialog.platform_edit.setText(server.url)
    dialog.ims_edit.setText(server.ims_url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.sandbox_combo.count() == 2, timeout=10_000)
    assert "Connection works" in dialog.message.text()
    assert memory_keyring.store == {}  # testing stores nothing
    production = dialog.sandbox_combo.findData("prod")
    assert "PRODUCTION" in dialog.sandbox_combo.itemText(production)
    dialog.sandbox_combo.setCurrentIndex(production)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_saved == "work", timeout=10_000)
    assert secrets.get_secret("work", secrets.SecretKind.CLIENT_SECRET) == SECRET
    assert dialog.secret_edit.text() == ""  # never shown back
    saved = ProfileStore(app_paths().profiles_file).get("work")
    assert saved.sandbox == "prod" and saved.sandbox_type == "production"
    assert SECRET not in app_paths().profiles_file.read_text()
    dialog.done(0)


def test_no_secure_keyring_shows_a_banner_and_refuses_to_save(
    qtbot: QtBot, window: MainWindow
) -> None:
    keyring.set_keyring(fail.Keyring())
    dialog = ProfilesDialog(window.workspace, window.runner, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.keyring_banner.isVisible, timeout=10_000)
    assert "No secure keyring" in dialog.keyring_banner.text()
    for edit, value in ((dialog.name_edit, "work"), (dialog.org_edit, ORG),
                        (dialog.client_edit, "c"), (dialog.secret_edit, SECRET)):  # fmt: skip
        edit.setText(value)
    dialog.sandbox_combo.setEditText("dev")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "keyring" in dialog.message.text().lower(), timeout=10_000)
    assert not app_paths().profiles_file.exists()
    dialog.done(0)


def _production_window(qtbot: QtBot, server: LocalAepServer) -> MainWindow:
    secrets.set_secret("live", secrets.SecretKind.CLIENT_SECRET, SECRET)
    ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(name="live", org_id=ORG, client_id="dialog-client", sandbox="prod",
                sandbox_type="production", platform_url=server.url, ims_url=server.ims_url)
    )  # fmt: skip
    built, _ = build_window(app_paths())
    qtbot.addWidget(built)
    built.show()
    return built


def test_production_sandbox_is_red_and_asks_before_creating(
    qtbot: QtBot, server: LocalAepServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _production_window(qtbot, server)
    assert "PRODUCTION" in window.sandbox_label.text()
    assert "#c62828" in window.sandbox_label.styleSheet()
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return next(answers)

    monkeypatch.setattr(QMessageBox, "warning", answer)
    fill(qtbot, window, "Careful")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    assert server.create_requests() == [] and window.history_model.rowCount() == 0
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, window, "Careful", Status.SUCCEEDED)
    assert len(asked) == 2 and "PRODUCTION" in asked[0]
    window.close()
    window.workspace.history.close()


def test_start_up_settles_an_attempt_a_crash_left_pending(
    qtbot: QtBot, server: LocalAepServer
) -> None:
    from audience_desktop.core.history import History
    from audience_desktop.core.session import open_client

    window = _production_window(qtbot, server)
    profile = window.current_profile()
    assert profile is not None
    window.close()
    window.workspace.history.close()
    draft = AudienceDraft("Crashed", "ns", "origin")
    open_client(profile).create(draft)  # it reached Adobe; then the app died
    history = History(app_paths().history_db)
    row_id = history.add_pending(profile.name, profile.sandbox, profile.create_url, draft)
    history._db.execute("UPDATE attempts SET updated_at = '2000-01-01' WHERE id = ?", (row_id,))
    history.close()
    reopened, _ = build_window(app_paths())
    qtbot.addWidget(reopened)
    reopened.show()
    wait_for_status(qtbot, reopened, "Crashed", Status.SUCCEEDED)
    qtbot.waitUntil(lambda: "Checked 1 earlier attempt" in reopened.status_label.text())
    reopened.close()
    reopened.workspace.history.close()


def test_settings_remember_last_values(qtbot: QtBot, server: LocalAepServer) -> None:
    window = _production_window(qtbot, server)
    window.form.namespace_edit.setText("kept-ns")
    window.settings.setValue("lastNamespace", "kept-ns")
    window.close()
    window.workspace.history.close()
    settings = QSettings(str(app_paths().config_dir / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("lastProfile") == "live"
    again, _ = build_window(app_paths())
    qtbot.addWidget(again)
    assert again.form.namespace_edit.text() == "kept-ns"
    assert again.current_profile() is not None and again.current_profile().name == "live"
    again.close()
    again.workspace.history.close()


def test_no_file_the_window_wrote_holds_the_secret_or_a_token(
    qtbot: QtBot, server: LocalAepServer, isolated_home, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = _production_window(qtbot, server)
    fill(qtbot, window, "Secret-free", description="checked")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, window, "Secret-free", Status.SUCCEEDED)
    window.copy_as_curl()
    window.close()
    window.workspace.history.close()
    tokens = {r.headers["authorization"].split()[-1] for r in server.create_requests()}
    written = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"history.sqlite3", "profiles.json", "window.ini"}
    for path in written:
        data = path.read_bytes()
        for needle in (SECRET, *tokens):
            assert needle.encode() not in data, f"found in {path}"
