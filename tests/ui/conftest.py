"""Fixtures for pytest-qt tests that drive the real window against the built-in server."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import (
    Profile,
    Status,
    app_paths,
    open_workspace,
    use_languages,
)
from audience_desktop.core import credentials
from audience_desktop.core.profiles import ProfileStore
from audience_desktop.localserver.server import LocalAepServer, ServerConfig
from audience_desktop.ui.bootstrap import Gui, install_translations
from audience_desktop.ui.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]
SECRET = "PROFILE-DIALOG-s3cret-9f1"
ORG = "0123456789ABCDEF01234567@AdobeOrg"


# -- modal dialogs: expected ones are answered, unexpected ones fail the test -----------------

WATCH_INTERVAL_MS = 100


@dataclass
class ExpectedDialog:
    """A modal dialog a test expects: its title contains ``title``; answered with ``button``
    (a QMessageBox's standard button) or, for another dialog, ``done(code)``."""

    title: str
    button: QMessageBox.StandardButton | None = None
    code: int = 0
    times: int = 1  # how many such dialogs may open
    leave_open: bool = False  # seen, not answered: the code under test closes it
    seen: list[str] = field(default_factory=list)


@dataclass
class DialogWatch:
    """Every 100 ms, finds the visible modal dialogs: answers the expected, closes the rest.

    A modal dialog nobody answers hangs a test forever (its event loop never returns); this
    makes it a quick failure naming the dialog's title and text instead. Dialogs a test shows
    itself without ``exec`` (not modal) cannot block, and are left alone.
    """

    expected: list[ExpectedDialog] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def check(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if not (isinstance(widget, QDialog) and widget.isVisible() and widget.isModal()):
                continue
            text = widget.text() if isinstance(widget, QMessageBox) else ""
            shown = f"“{widget.windowTitle()}” ({type(widget).__name__}): {text}"
            known = [e for e in self.expected if e.title in widget.windowTitle()]
            if any(e.leave_open and shown in e.seen for e in known):
                continue  # still open, as the test wants
            expectation = next((e for e in known if len(e.seen) < e.times), None)
            if expectation is None:
                self.unexpected.append(shown)
                widget.reject()  # the test goes on, and fails at teardown
                continue
            expectation.seen.append(shown)
            if expectation.leave_open:
                continue
            if expectation.button is not None and isinstance(widget, QMessageBox):
                button = widget.button(expectation.button)
                assert button is not None, f"{shown} has no {expectation.button} button"
                button.click()
            else:
                widget.done(expectation.code)


@pytest.fixture(autouse=True)
def dialog_watch(qapp: QApplication) -> Iterator[DialogWatch]:
    """Autouse: an unexpected modal dialog fails the test instead of hanging it."""
    watch = DialogWatch()
    timer = QTimer()
    timer.setInterval(WATCH_INTERVAL_MS)
    timer.timeout.connect(watch.check)
    timer.start()
    yield watch
    timer.stop()
    if watch.unexpected:
        pytest.fail(
            "unexpected modal dialog(s), closed by the watchdog: " + "; ".join(watch.unexpected),
            pytrace=False,
        )


ExpectDialog = Callable[..., ExpectedDialog]


@pytest.fixture
def expect_dialog(dialog_watch: DialogWatch) -> ExpectDialog:
    """Declare a modal dialog the test expects and how to answer it, e.g.
    ``expect_dialog("Quit while creating?", QMessageBox.StandardButton.No)``."""

    def expect(
        title: str,
        button: QMessageBox.StandardButton | None = None,
        *,
        code: int = 0,
        times: int = 1,
        leave_open: bool = False,
    ) -> ExpectedDialog:
        expectation = ExpectedDialog(title, button, code, times, leave_open)
        dialog_watch.expected.append(expectation)
        return expectation

    return expect


def _leaked(before: set[threading.Thread]) -> list[threading.Thread]:
    """Threads started since ``before`` that must end: non-daemon ones and the lanes'."""
    return [
        t for t in threading.enumerate()
        if t not in before and t.is_alive() and (not t.daemon or t.name.startswith("audience-"))
    ]  # fmt: skip


@pytest.fixture
def open_window(qtbot: QtBot, qapp: QApplication) -> Iterator[OpenWindow]:
    """Opens real windows on real workspaces (``demo=True``: the built-in server on a free
    loopback port); closes them, their workspaces, and checks no worker thread leaked."""
    before = set(threading.enumerate())
    opened: list[Gui] = []

    def open_(demo: bool = False, show: bool = True) -> MainWindow:
        workspace = open_workspace(app_paths().ensure(), demo=demo)
        window = MainWindow(workspace)
        # Torn down as the app does it (not by qtbot, whose close() could ask to quit): no
        # window is left for the garbage collector to delete on some worker thread.
        opened.append(Gui(qapp, workspace, window, owns_app=False))
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield open_
    for gui in opened:
        gui.close()
    leaked = _leaked(before)
    for thread in leaked:
        thread.join(timeout=5)
    assert not [t for t in leaked if t.is_alive()], f"leaked threads: {leaked}"


@pytest.fixture
def demo_window(open_window: OpenWindow) -> MainWindow:
    """The real main window in demo mode, shown."""
    return open_window(demo=True)


@pytest.fixture
def server() -> Iterator[LocalAepServer]:
    """A built-in server that knows one client, "dialog-client", with ``SECRET``."""
    config = ServerConfig.demo(clients={"dialog-client": SECRET}, org_id=ORG)
    with LocalAepServer(config) as running:
        yield running


@pytest.fixture
def live_profile(server: LocalAepServer) -> LocalAepServer:
    """A saved profile "live" on ``server``'s production sandbox, its secret in the keyring."""
    credentials.set_secret("live", credentials.SecretKind.CLIENT_SECRET, SECRET)
    ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(name="live", org_id=ORG, client_id="dialog-client", sandbox="prod",
                sandbox_type="production", platform_url=server.url, ims_url=server.ims_url)
    )  # fmt: skip
    return server


def demo_server(window: MainWindow) -> LocalAepServer:
    """The demo workspace's built-in server (tests inject faults into it)."""
    return window.workspace._demo.server  # type: ignore[union-attr]  # tests only


def fill(qtbot: QtBot, window: MainWindow, name: str, namespace: str = "demo",
         origin: str = "Demo", description: str = "") -> None:  # fmt: skip
    form = window.form
    for edit, value in ((form.name_edit, name), (form.description_edit, description),
                        (form.namespace_edit, namespace), (form.origin_edit, origin)):  # fmt: skip
        edit.clear()
        if value:
            qtbot.keyClicks(edit, value)


def wait_for_status(qtbot: QtBot, window: MainWindow, name: str, status: Status,
                    timeout: int = 10_000) -> int:  # fmt: skip
    """Wait until the history shows ``name`` with ``status``; returns its model row."""
    model = window.history.model

    def find() -> int:
        for row in range(model.rowCount()):
            attempt = model.attempt(row)
            if attempt and attempt.name == name and attempt.status is status:
                return row
        return -1

    qtbot.waitUntil(lambda: find() >= 0, timeout=timeout)
    return find()


def create(qtbot: QtBot, window: MainWindow, name: str, status: Status = Status.SUCCEEDED,
           **fields: str) -> int:  # fmt: skip
    """Fill the form, press Create and wait for the row and the window's report of it;
    returns its model row.

    The row changes as soon as the history is written, before the create's result reaches
    the window (which then reports it, and clears the name it created): waiting for both
    keeps a test's next keystrokes from racing that report.
    """
    fill(qtbot, window, name, **fields)
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, window, name, status)
    qtbot.waitUntil(lambda: not window.status.busy(), timeout=10_000)
    return wait_for_status(qtbot, window, name, status)


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The test runs in English, then in French."""
    translators = []
    if request.param == "fr":
        translators = install_translations(
            qapp, QLocale(QLocale.Language.French, QLocale.Country.France)
        )
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    use_languages(["en"])
