"""The main window as a whole: its parts, names, keys, settings, start-up check and closing."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from audience_desktop.application import AudienceDraft, Profile, Status, app_paths
from audience_desktop.core.history import History
from audience_desktop.core.profiles import ProfileStore
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import LocalAepServer
from audience_desktop.ui.main_window import MainWindow
from tests.support.history_rows import add_pending
from tests.ui.conftest import ORG, SECRET, ExpectDialog, OpenWindow, create, fill, wait_for_status

OBJECT_NAMES = ["profileCombo", "nameEdit", "descriptionEdit", "namespaceEdit",
                "originNameEdit", "createButton", "historyView", "historyFilterEdit"]  # fmt: skip
OTHER_NAMES = ["sandboxLabel", "profilesButton", "demoBanner", "busyIndicator", "cancelButton",
               "statusLabel", "errorDetailsButton", "detailsPane"]  # fmt: skip


def test_stable_object_names_labels_and_tab_order(qtbot: QtBot, demo_window: MainWindow) -> None:
    found = {name: demo_window.findChild(QWidget, name) for name in OBJECT_NAMES + OTHER_NAMES}
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


def _standard(key: QKeySequence.StandardKey) -> list[str]:
    """The platform's first key for a standard action (Quit has none on some platforms)."""
    return [sequence.toString() for sequence in QKeySequence.keyBindings(key)[:1]]


def test_every_action_keeps_its_shortcut(demo_window: MainWindow) -> None:
    history = demo_window.history
    expected = {
        demo_window.create_action: ["Ctrl+Return", "Ctrl+Enter"],
        demo_window.profiles_action: ["Ctrl+P"],
        demo_window.quit_action: _standard(QKeySequence.StandardKey.Quit),
        history.filter_action: _standard(QKeySequence.StandardKey.Find),
        history.copy_id_action: _standard(QKeySequence.StandardKey.Copy),
        history.template_action: ["Ctrl+T"],
        history.resolve_action: ["Ctrl+R"],
        history.export_action: ["Ctrl+E"],
        history.focus_action: ["F6"],
        demo_window.tabs.sandbox_focus_action: ["F7"],
        demo_window.sandbox.refresh_action: ["F5"],
        demo_window.sandbox.copy_id_action: _standard(QKeySequence.StandardKey.Copy),
        demo_window.sandbox.delete_action: _standard(QKeySequence.StandardKey.Delete),
    }
    for action, keys in expected.items():
        assert [k.toString() for k in action.shortcuts()] == keys, action.text()
    menus = [a.text() for a in demo_window.menuBar().actions()]
    assert menus == ["&File", "Hi&story", "Sandbo&x", "&Help"]
    assert demo_window.findChild(QWidget, "createButton").isDefault()
    assert isinstance(demo_window.create_button, QPushButton)
    assert not demo_window.profiles_action.isEnabled()  # demo mode has its fixed profile
    assert demo_window.demo_banner.isVisible()
    assert "demo" in demo_window.windowTitle()


def test_settings_remember_last_values(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer
) -> None:
    window = open_window()
    window.form.namespace_edit.setText("kept-ns")
    window.settings.setValue("lastNamespace", "kept-ns")
    window.close()
    settings = QSettings(str(app_paths().config_dir / "window.ini"), QSettings.Format.IniFormat)
    assert settings.value("lastProfile") == "live"
    again = open_window()
    assert again.form.namespace_edit.text() == "kept-ns"
    current = again.profile_bar.current_profile()
    assert current is not None and current.name == "live"


def test_demo_mode_never_writes_the_real_window_settings(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(demo=True)
    create(qtbot, window, "Demo only", namespace="demo-ns")
    window.close()
    config = app_paths().config_dir
    assert not (config / "window.ini").exists()
    demo = QSettings(str(config / "window-demo.ini"), QSettings.Format.IniFormat)
    assert demo.value("lastNamespace") == "demo-ns"


def test_start_up_settles_an_attempt_a_crash_left_pending(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer
) -> None:
    window = open_window()
    profile = window.profile_bar.current_profile()
    assert profile is not None
    window.force_close()
    draft = AudienceDraft("Crashed", "ns", "origin")
    client = open_client(profile)
    client.create(draft)  # it reached Adobe; then the app died
    client.close()
    history = History(app_paths().history_db)
    row_id = add_pending(history, profile.name, profile.sandbox, profile.create_url, draft)
    history._db.execute("UPDATE attempts SET updated_at = '2000-01-01' WHERE id = ?", (row_id,))
    history.close()
    reopened = open_window()
    wait_for_status(qtbot, reopened, "Crashed", Status.SUCCEEDED)
    qtbot.waitUntil(lambda: "Checked 1 earlier attempt" in reopened.status.text())


def test_no_file_the_window_wrote_holds_the_secret_or_a_token(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer, isolated_home,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    expect_dialog("Create in production?", QMessageBox.StandardButton.Yes)
    window = open_window()
    fill(qtbot, window, "Secret-free", description="checked")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    row = wait_for_status(qtbot, window, "Secret-free", Status.SUCCEEDED)
    window.history.view.setCurrentIndex(window.history.model.index(row, 0))
    window.history.copy_as_curl()
    qtbot.waitUntil(lambda: "cURL" in window.status.text())
    window.close()
    window.workspace.close()
    tokens = {r.headers["authorization"].split()[-1] for r in live_profile.create_requests()}
    written = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"history.sqlite3", "profiles.json", "window.ini"}
    for path in written:
        data = path.read_bytes()
        for needle in (SECRET, *tokens):
            assert needle.encode() not in data, f"found in {path}"


def test_the_sandbox_badge_names_the_sandbox_by_its_title_and_name(
    open_window: OpenWindow,
) -> None:
    store = ProfileStore(app_paths().ensure().profiles_file)
    store.save(Profile(name="titled", org_id=ORG, client_id="c", sandbox="prod",
                       sandbox_type="production", sandbox_title="Production EU"))  # fmt: skip
    store.save(Profile(name="untitled", org_id=ORG, client_id="c", sandbox="dev"))
    window = open_window()
    bar = window.profile_bar
    bar.combo.setCurrentIndex(bar.combo.findData("titled"))
    assert bar.sandbox_label.text() == "PRODUCTION sandbox: Production EU (prod)"
    assert "Production EU (prod)" in bar.sandbox_label.accessibleName()
    bar.combo.setCurrentIndex(bar.combo.findData("untitled"))
    assert bar.sandbox_label.text() == "Sandbox: dev"  # saved before titles were kept
