"""The window has a minimum size at which it still works, in English and French, and opens
at a size that fits the screen (issue 9 items 14, 18 and 19)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import Profile, app_paths
from audience_desktop.core.profiles import ProfileStore
from audience_desktop.localserver.server import LocalAepServer
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.window_size import COMFORTABLE, FLOOR, default_size
from tests.ui.conftest import ORG, ExpectDialog, OpenWindow, create


def test_the_default_size_fits_the_screen() -> None:
    minimum = QSize(560, 400)
    assert default_size(QSize(1920, 1040), minimum) == COMFORTABLE  # room to spare
    # 2x scale on a 1920x1080 screen with a 40 px panel: 960x520 to Qt.
    assert default_size(QSize(960, 520), minimum) == QSize(864, 468)
    assert default_size(QSize(500, 300), minimum) == minimum  # never below the minimum
    assert default_size(QSize(2000, 420), minimum) == QSize(900, 400)


def badge_is_whole(window: MainWindow) -> None:
    badge = window.profile_bar.sandbox_label
    assert "PRODUCTION" in badge.text()
    assert badge.width() >= badge.sizeHint().width(), (badge.width(), badge.sizeHint())
    text_width = badge.fontMetrics().horizontalAdvance(badge.text())
    assert badge.contentsRect().width() >= text_width, (badge.contentsRect(), text_width)
    assert badge.visibleRegion().boundingRect() == badge.rect()  # nothing covers or clips it


def a_history_row_shows(window: MainWindow) -> None:
    view = window.history.view
    row = view.visualRect(view.model().index(0, 0))
    assert row.height() > 0 and row.top() >= 0, row
    assert row.bottom() < view.viewport().height(), (row, view.viewport().rect())


def test_at_the_minimum_size_the_badge_and_a_row_show(
    language: str, qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    window = open_window()
    expect_dialog("production", QMessageBox.StandardButton.Yes)
    create(qtbot, window, "Summer buyers", namespace="agora", origin="Agora")
    at_the_minimum(qtbot, window)
    # Every bar and message at once: the minimum grows to keep the row in view.
    before = window.minimumSize()
    window.demo_banner.show()
    window.history_problem.show_problem("The history file is read-only.", can_fix=True)
    window.profiles_problem.show_problem("The profiles file is damaged.", can_fix=False)
    window.form.name_edit.setText("x" * 300)  # too long: its message shows
    window.status.show_error("Adobe refused the request (403)", "details")
    qtbot.waitUntil(lambda: window.minimumHeight() > before.height())
    at_the_minimum(qtbot, window)


def at_the_minimum(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(200, 150)  # asks for less: gets the minimum
    qtbot.waitUntil(lambda: window.size() == window.minimumSize())
    assert window.minimumSize().expandedTo(FLOOR) == window.minimumSize()
    qtbot.wait(20)  # the layout settles
    badge_is_whole(window)
    a_history_row_shows(window)


def test_without_saved_geometry_the_window_fits_its_screen(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(demo=True)
    available = window.screen().availableGeometry().size()
    assert window.size() == default_size(available, window.minimumSize())
    assert window.width() <= max(int(available.width() * 0.9), window.minimumWidth())
    assert window.height() <= max(int(available.height() * 0.9), window.minimumHeight())


def test_the_sandbox_badge_is_in_the_tab_chain_and_says_production(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer
) -> None:
    window = open_window()
    window.activateWindow()
    badge = window.profile_bar.sandbox_label
    window.profile_bar.combo.setFocus()
    qtbot.waitUntil(lambda: window.profile_bar.combo.hasFocus())
    qtbot.keyClick(window.profile_bar.combo, Qt.Key.Key_Tab)
    qtbot.waitUntil(badge.hasFocus)
    assert badge.accessibleName() == "Sandbox prod, production"
    assert "prod" in badge.accessibleDescription()
    assert "production sandbox" in badge.accessibleDescription()
    qtbot.keyClick(badge, Qt.Key.Key_Tab)
    qtbot.waitUntil(window.profile_bar.manage_button.hasFocus)


def test_a_safe_sandbox_badge_says_it_is_not_production(demo_window: MainWindow) -> None:
    badge = demo_window.profile_bar.sandbox_label
    assert badge.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "not production" in badge.accessibleName()
    assert "not a production sandbox" in badge.accessibleDescription()


LONG_TITLE = "Production Europe Middle East and Africa, marketing analytics, shared " * 2


def test_a_long_sandbox_title_is_cut_and_the_window_still_fits(
    qtbot: QtBot, open_window: OpenWindow, language: str
) -> None:
    ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(name="long", org_id=ORG, client_id="c", sandbox="prod-emea",
                sandbox_type="production", sandbox_title=LONG_TITLE.strip())
    )  # fmt: skip
    window = open_window()
    badge = window.profile_bar.sandbox_label
    assert "…" in badge.text() and "prod-emea" in badge.toolTip() and "prod-emea" in badge.text()
    assert LONG_TITLE.strip() in badge.accessibleName()
    assert window.minimumSizeHint().width() <= 1024 and window.minimumWidth() <= 1024
    from audience_desktop.ui.profiles_dialog import ProfilesDialog

    dialog = ProfilesDialog(window.workspace, window.lanes, window)
    assert dialog.sizeHint().width() <= 1024
    dialog.done(0)
