"""The Sandbox view against the built-in server: pages, search, copy, template, 403, cache,
delete with the name typed back, and "create the same in another profile"."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import Profile, Status, app_paths
from audience_desktop.core import aep
from audience_desktop.core.profiles import ProfileStore
from audience_desktop.localserver.server import LocalAepServer
from audience_desktop.ui.delete_dialog import DeleteDialog
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.sandbox_listing import (
    PAINT_WAIT_MS,
    PaintTurns,
    SandboxListings,
    _read,
)
from audience_desktop.ui.sandbox_model import KIND_COLUMN
from audience_desktop.ui.tasks import BACKGROUND_NICE
from tests.integration.test_sandbox_audiences import colleague
from tests.ui.conftest import ORG, ExpectDialog, OpenWindow, create, demo_server

SAMPLES = 3  # the demo sandbox's sample audiences


def reads(server: LocalAepServer) -> list[dict[str, list[str]]]:
    """The queries of every listing request the server received."""
    return [r.query for r in server.requests
            if r.method == "GET" and r.path == aep.AUDIENCE_LOOKUP_PATH]  # fmt: skip


def open_sandbox(qtbot: QtBot, window: MainWindow, rows: int) -> None:
    """Go to Sandbox (F7) brings the tab forward (which reads it); wait for ``rows``."""
    window.tabs.sandbox_focus_action.trigger()
    assert window.tabs.currentWidget() is window.sandbox
    loaded(qtbot, window, rows)


def loaded(qtbot: QtBot, window: MainWindow, rows: int) -> None:
    view = window.sandbox
    qtbot.waitUntil(lambda: view.model.rowCount() == rows and "As of" in view.as_of_label.text(),
                    timeout=10_000)  # fmt: skip


def select(window: MainWindow, *rows: int) -> None:
    view = window.sandbox.view
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.clearSelection()
    for row in rows:
        view.selectionModel().select(window.sandbox.model.index(row, 0), flags)


def row_named(window: MainWindow, name: str) -> int:
    model = window.sandbox.model
    return next(r for r in range(model.rowCount()) if model.audience(r).name == name)  # type: ignore[union-attr]


def test_more_than_a_hundred_audiences_load_page_by_page_with_every_column(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    server = demo_server(demo_window)
    assert reads(server) == []  # nothing is read until the tab shows
    server.add_audiences("dev-sandbox", [colleague(n) for n in range(130)])
    qtbot.keyClick(demo_window, Qt.Key.Key_F7)
    loaded(qtbot, demo_window, 130 + SAMPLES)
    assert demo_window.sandbox.view.hasFocus()
    assert len(reads(server)) == 2  # two pages of 100
    model = demo_window.sandbox.model
    assert model.audience(0).name == "Frequent visitors (sample)"  # type: ignore[union-attr]
    row = row_named(demo_window, "Colleague list 0129")
    assert row == SAMPLES  # newest change first: the samples (2024), then 0129 down to 0000
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    assert texts[:7] == ["Colleague list 0129", "External", "aud-0129", "sys-0129", "crm", "CRM",
                         "made elsewhere"]  # fmt: skip
    assert texts[7].startswith("2023-11-1") and texts[7] == texts[8]  # local, with its zone
    assert texts[7].rsplit(" ", 1)[1].isalpha() or "UTC" in texts[7]
    assert texts[9] == "published"
    platform = row_named(demo_window, "Frequent visitors (sample)")
    kind = model.index(platform, KIND_COLUMN)
    assert kind.data() == "Platform" and "not external" in kind.data(Qt.ItemDataRole.ToolTipRole)
    assert kind.data(Qt.ItemDataRole.AccessibleTextRole) == "Platform"
    assert demo_window.sandbox.as_of_label.text().endswith(f": {130 + SAMPLES} audience(s)")


def test_search_asks_the_server_once_typing_pauses(qtbot: QtBot, demo_window: MainWindow) -> None:
    server = demo_server(demo_window)
    server.add_audiences("dev-sandbox", [colleague(n) for n in range(130)])
    open_sandbox(qtbot, demo_window, 130 + SAMPLES)
    before = len(reads(server))
    qtbot.keyClicks(demo_window.sandbox.search_edit, "LIST 010")
    loaded(qtbot, demo_window, 10)  # 0100 to 0109: the server's "contains", any case
    searches = reads(server)[before:]
    assert [q.get("name") for q in searches] == [["LIST 010"]]  # one request, not 8
    assert demo_window.sandbox.model.audience(0).name == "Colleague list 0109"  # type: ignore[union-attr]


def test_copy_ids_one_per_line_and_use_as_template(qtbot: QtBot, demo_window: MainWindow) -> None:
    open_sandbox(qtbot, demo_window, SAMPLES)
    view = demo_window.sandbox
    newsletter = row_named(demo_window, "Newsletter subscribers (sample)")
    buyers = row_named(demo_window, "Summer buyers 2024 (sample)")
    select(demo_window, newsletter, buyers)
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert sorted(copied) == ["demo-agora-buyers", "demo-crm-newsletter"]
    assert not view.template_action.isEnabled()  # for one audience only
    select(demo_window, newsletter)
    view.template_action.trigger()
    form = demo_window.form
    assert (form.name_edit.text(), form.namespace_edit.text(), form.origin_edit.text()) == (
        "Newsletter subscribers (sample)", "email", "CRM"
    )


def test_a_403_is_said_in_the_view_not_in_a_dialog(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_server(demo_window).config.listing_forbidden = True
    qtbot.keyClick(demo_window, Qt.Key.Key_F7)
    label = demo_window.sandbox.problem_label
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert "may not read the audiences" in label.text() and "View Segments" in label.text()
    assert demo_window.sandbox.model.rowCount() == 0
    demo_server(demo_window).config.listing_forbidden = False
    demo_window.sandbox.refresh_button.click()
    loaded(qtbot, demo_window, SAMPLES)
    assert not label.isVisible()


@pytest.fixture
def two_profiles(live_profile: LocalAepServer) -> LocalAepServer:
    """Beside "live" (production), "dev" on the same server's development sandbox."""
    from audience_desktop.core import credentials
    from tests.ui.conftest import SECRET

    credentials.set_secret("dev", credentials.SecretKind.CLIENT_SECRET, SECRET)
    ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(name="dev", org_id=ORG, client_id="dialog-client", sandbox="dev-sandbox",
                sandbox_type="development", platform_url=live_profile.url,
                ims_url=live_profile.ims_url)
    )  # fmt: skip
    live_profile.add_audiences("dev-sandbox", [colleague(n) for n in range(5)])
    live_profile.add_audiences("prod", [colleague(n) for n in range(100, 102)])
    return live_profile


def choose_profile(window: MainWindow, name: str) -> None:
    combo = window.profile_bar.combo
    combo.setCurrentIndex(combo.findData(name))


def test_each_profile_keeps_its_listing_for_the_session(
    qtbot: QtBot, open_window: OpenWindow, two_profiles: LocalAepServer
) -> None:
    window = open_window()
    choose_profile(window, "dev")
    open_sandbox(qtbot, window, 5)
    dev_as_of = window.sandbox.as_of_label.text()
    choose_profile(window, "live")
    loaded(qtbot, window, 2)
    assert window.sandbox.model.audience(0).audience_id == "aud-0101"  # type: ignore[union-attr]
    count = len(reads(two_profiles))
    choose_profile(window, "dev")  # the cached list, with the time it was read
    assert window.sandbox.model.rowCount() == 5
    assert window.sandbox.as_of_label.text() == dev_as_of
    assert len(reads(two_profiles)) == count
    window.sandbox.refresh_button.click()
    loaded(qtbot, window, 5)
    assert len(reads(two_profiles)) == count + 1


def test_create_the_same_in_another_profile_asks_for_production(
    qtbot: QtBot, open_window: OpenWindow, two_profiles: LocalAepServer,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    window = open_window()
    choose_profile(window, "dev")
    open_sandbox(qtbot, window, 5)
    select(window, row_named(window, "Colleague list 0003"))
    menu = window.sandbox.elsewhere_menu
    menu.aboutToShow.emit()
    (target,) = [a for a in menu.actions() if a.objectName() == "createIn:live"]
    assert "PRODUCTION" in target.text()
    asked = expect_dialog("Create in production?", QMessageBox.StandardButton.Yes)
    target.trigger()
    assert asked.seen and window.profile_bar.current_profile().name == "live"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: len(two_profiles.create_requests()) == 1, timeout=10_000)
    sent = two_profiles.create_requests()[0]
    assert sent.headers["x-sandbox-name"] == "prod"
    assert sent.json()["name"] == "Colleague list 0003"
    assert sent.json()["description"] == "made elsewhere"


def open_delete(qtbot: QtBot, window: MainWindow, expect_dialog: ExpectDialog) -> DeleteDialog:
    expect_dialog("Delete from the sandbox?", leave_open=True)
    window.sandbox.view.setFocus()
    qtbot.keyClick(window.sandbox.view, Qt.Key.Key_Delete)
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, DeleteDialog) and w.isVisible()]  # fmt: skip
    assert len(dialogs) == 1
    return dialogs[0]


def test_delete_needs_the_name_typed_back_and_the_history_shows_it(
    qtbot: QtBot, demo_window: MainWindow, expect_dialog: ExpectDialog
) -> None:
    server = demo_server(demo_window)
    create(qtbot, demo_window, "Made here")
    open_sandbox(qtbot, demo_window, SAMPLES + 1)
    select(demo_window, row_named(demo_window, "Made here"))
    dialog = open_delete(qtbot, demo_window, expect_dialog)
    question = dialog.question.text()
    assert "“Made here”" in question and "“dev-sandbox”" in question
    assert "PRODUCTION" not in question
    qtbot.keyClicks(dialog.name_edit, "Made her")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # a wrong name is refused
    assert dialog.isVisible() and len(server.audiences("dev-sandbox")) == SAMPLES + 1
    qtbot.keyClicks(dialog.name_edit, "e ")  # trimmed, as names are compared
    assert dialog.delete_button.isEnabled()
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: demo_window.sandbox.model.rowCount() == SAMPLES, timeout=10_000)
    assert "Made here" not in [a["name"] for a in server.audiences("dev-sandbox")]
    assert [d.name for d in demo_window.workspace.deletions()] == ["Made here"]
    assert "Deleted “Made here”" in demo_window.status.text()
    # The history's row of the attempt that created it says so.
    demo_window.tabs.go_to_history()
    history = demo_window.history
    history.select_row(history.model.attempt(0).row_id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "Deleted from sandbox" in history.details.toPlainText())
    assert history.model.attempt(0).status is Status.SUCCEEDED  # type: ignore[union-attr]
    assert demo_window.create_button.isEnabled() is False  # the name was cleared after create


def test_cancelling_the_delete_sends_nothing(
    qtbot: QtBot, demo_window: MainWindow, expect_dialog: ExpectDialog
) -> None:
    open_sandbox(qtbot, demo_window, SAMPLES)
    select(demo_window, 0)
    dialog = open_delete(qtbot, demo_window, expect_dialog)
    dialog.reject()
    qtbot.wait(200)
    assert demo_window.sandbox.model.rowCount() == SAMPLES
    assert not [r for r in demo_server(demo_window).requests if r.method == "DELETE"]


def test_the_reader_reads_the_next_page_once_the_window_has_shown_this_one(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Reading a page and painting one both hold the GIL: done at once, the window stalls."""
    server = demo_server(demo_window)
    server.add_audiences("dev-sandbox", [colleague(n) for n in range(250)])
    listings = SandboxListings(demo_window.workspace)
    pages: list[int] = []
    listings.page_added.connect(lambda _listing, audiences: pages.append(len(audiences)))
    listing = listings.load(demo_window.workspace.profile("demo"), "")
    qtbot.waitUntil(lambda: pages == [100], timeout=10_000)
    qtbot.wait(300)
    assert pages == [100] and len(reads(server)) == 1  # not shown: the reader waits its turn
    listing.shown.set()
    qtbot.waitUntil(lambda: pages == [100, 100], timeout=10_000)
    listings.stop(listing)  # while the reader waits for its turn: it ends at once
    qtbot.waitUntil(lambda: listing.task is not None and listing.task.done, timeout=2_000)
    assert len(reads(server)) == 2 and listing.incomplete
    listings.shutdown()


def test_the_turn_comes_back_after_the_paint_or_at_once_when_nothing_will_paint(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    view = demo_window.sandbox.view
    turns = PaintTurns(view)
    hidden = threading.Event()
    turns.after_paint(hidden)  # the History tab is in front: the view will not paint
    assert hidden.is_set()
    demo_window.tabs.sandbox_focus_action.trigger()
    qtbot.waitExposed(view)
    painted = threading.Event()
    turns.after_paint(painted)
    assert not painted.is_set()
    view.viewport().update()
    qtbot.waitUntil(painted.is_set, timeout=5_000)
    nothing = threading.Event()  # visible, but nothing asks for a repaint: not for ever
    turns.after_paint(nothing)
    qtbot.waitUntil(nothing.is_set, timeout=PAINT_WAIT_MS * 20)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness: Linux")
def test_the_reader_steps_back_for_the_window_on_busy_cores() -> None:
    seen: list[int] = []

    def pages(*_args: object, cancel: threading.Event) -> list[object]:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return []

    reader = threading.Thread(
        target=_read, args=(pages, None, None, threading.Event(), threading.Event(), print)
    )
    reader.start()
    reader.join()
    process = os.getpriority(os.PRIO_PROCESS, os.getpid())
    assert seen == [min(19, process + BACKGROUND_NICE)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == process  # not ours


def test_a_running_delete_cannot_be_asked_again_and_a_blank_name_asks_for_the_id(
    qtbot: QtBot, demo_window: MainWindow, expect_dialog: ExpectDialog
) -> None:
    server = demo_server(demo_window)
    server.add_audiences("dev-sandbox", [{**colleague(1), "name": "   "}])
    open_sandbox(qtbot, demo_window, SAMPLES + 1)
    select(demo_window, row_named(demo_window, "   "))
    dialog = open_delete(qtbot, demo_window, expect_dialog)
    qtbot.keyClicks(dialog.name_edit, " ")
    assert not dialog.delete_button.isEnabled()  # nothing typed never confirms
    dialog.name_edit.setText(dialog.audience.id or "")
    assert dialog.delete_button.isEnabled()
    server.config.latency = 1.0  # the delete takes a while
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: not demo_window.sandbox.delete_action.isEnabled())
    demo_window.sandbox.delete_selected()  # the shortcut while it runs: nothing opens
    qtbot.waitUntil(lambda: demo_window.sandbox.model.rowCount() == SAMPLES, timeout=10_000)
    assert len([r for r in server.requests if r.method == "DELETE"]) == 1


def test_the_audience_id_is_whole_in_the_sandbox_view(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    open_sandbox(qtbot, demo_window, SAMPLES)
    view = demo_window.sandbox.view
    audience = demo_window.sandbox.model.audience(0)
    assert audience is not None and audience.audience_id
    needed = view.fontMetrics().horizontalAdvance(audience.audience_id)
    assert view.columnWidth(2) >= needed + 12
