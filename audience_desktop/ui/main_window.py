"""The main window: composes the parts, and owns menus, settings and closing.

Each part has one job: the profile bar picks where a create goes, the form holds the draft,
the create controller runs creates, the status area reports, the history panel shows and
acts on attempts. This module only wires them together (qutebrowser's main window is
mostly wiring too). All work goes through the workspace on the lanes in ``tasks``.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from audience_desktop import __version__
from audience_desktop.application import Reconciled, Workspace
from audience_desktop.ui.actions import make_action
from audience_desktop.ui.batch_entry import BatchEntry
from audience_desktop.ui.create_controller import CreateController
from audience_desktop.ui.form import AudienceForm
from audience_desktop.ui.history_guard import HistoryGuard
from audience_desktop.ui.history_panel import HistoryPanel
from audience_desktop.ui.icons import app_icon
from audience_desktop.ui.messages import describe_failure, fill
from audience_desktop.ui.problem_bar import ProblemBar
from audience_desktop.ui.profile_bar import ProfileBar
from audience_desktop.ui.sandbox_view import SandboxView
from audience_desktop.ui.status_area import StatusArea
from audience_desktop.ui.style import Style, apply_style
from audience_desktop.ui.tasks import Lanes
from audience_desktop.ui.window_size import keep_minimum_size, opening_size
from audience_desktop.ui.work_tabs import WorkTabs

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QMessageBox

    from audience_desktop.ui.bootstrap import Gui
    from audience_desktop.ui.first_run import FirstRunPanel
    from audience_desktop.ui.profiles_dialog import ProfilesDialog

log = logging.getLogger(__name__)

RECONCILE_DELAY_MS = 1000  # after start-up, so the first paint and the first create come first


class MainWindow(QMainWindow):
    """The form above the history, for one workspace (real or demo).

    Signals:
        closed(): the window closed for good (its lanes stopped, its settings saved).
    """

    closed = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.demo = workspace.demo
        # The facade gives demo mode its own file: a demo never changes the real window's.
        self.settings = QSettings(str(workspace.settings_file), QSettings.Format.IniFormat)
        self.lanes = Lanes(self)
        self._closing = False
        self._forced = False
        self._frozen_modules = 0
        self._painted = False
        self._profiles_dialog: ProfilesDialog | None = None
        self._demo_gui: Gui | None = None
        self._quit_question: QMessageBox | None = None
        self._reconcile_scheduled = False

        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("audience-desktop") + (self.tr(" — demo") if self.demo else ""))
        self._build_parts()
        self._build_actions()
        self._build_menus()
        self.reload_profiles(select=self.settings.value("lastProfile"))
        self._restore_settings()
        self.controller.update_enabled()
        self.form.name_edit.setFocus()
        self.lanes.delivered.connect(self._freeze_garbage_collector)
        self.batch.delivered.connect(self._freeze_garbage_collector)
        QTimer.singleShot(300, self, self._freeze_garbage_collector)
        self.history_guard.check()  # the reconcile follows once the history is known writable

    # -- building ---------------------------------------------------------------------------

    def _build_parts(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        self.demo_banner = QLabel(
            self.tr(
                "Demo mode: audiences are created on a built-in local server, not in Adobe "
                "Experience Platform."
            )
        )
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.demo_banner.setWordWrap(True)
        apply_style(self.demo_banner, Style.INFO_BANNER)
        self.demo_banner.setVisible(self.demo)
        outer.addWidget(self.demo_banner)
        # Its own retry mnemonic: both bars may show at once (one Alt+letter, one button).
        self.profiles_problem = ProblemBar(
            "profilesProblem", retry_text=self.tr("Re&load the Profiles")
        )
        self.profiles_problem.retry_requested.connect(self.reload_profiles)
        outer.addWidget(self.profiles_problem)
        self.history_problem = ProblemBar(
            "historyProblem", self.tr("&Move Aside and Start a New History")
        )
        outer.addWidget(self.history_problem)
        self.first_run: FirstRunPanel | None = None  # made when there is no profile
        self._outer = outer

        self.profile_bar = ProfileBar(can_manage=not self.demo)
        self.profile_bar.manage_requested.connect(self.open_profiles_dialog)
        outer.addWidget(self.profile_bar)
        self.form = AudienceForm()
        outer.addWidget(self.form)

        self.create_button = QPushButton(self.tr("&Create"))
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        self._explain_create("")
        self.status = StatusArea()
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.status, 1)
        outer.addLayout(row)

        self.history = HistoryPanel(self.workspace, self.lanes, self.status)
        self.sandbox = SandboxView(self.workspace, self.lanes, self.status)
        self.tabs = WorkTabs(self.history, self.sandbox)
        outer.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.controller = CreateController(
            self.workspace, self.lanes.network, self.form, self.profile_bar, self.status,
            self.settings, self,
        )  # fmt: skip
        self.create_button.clicked.connect(self.controller.create)
        self.controller.enabled_changed.connect(self.create_button.setEnabled)
        self.controller.attempt_recorded.connect(self.history.select_row)
        self.controller.show_attempt.connect(self._show_attempt)
        self.controller.disabled_reason.connect(self._explain_create)
        self.history.template_requested.connect(self.form.use_template)
        self.sandbox.template_requested.connect(self.form.use_template)
        self.sandbox.create_elsewhere.connect(self.controller.create_elsewhere)
        self.profile_bar.profile_changed.connect(
            lambda: self.sandbox.set_profile(self.profile_bar.current_profile())
        )
        self.history_guard = HistoryGuard(
            self.workspace, self.lanes.local, self.history, self.history_problem,
            self.controller, self.status, self,
        )  # fmt: skip
        self.history_guard.usable.connect(self._schedule_reconcile)

    def _build_actions(self) -> None:
        self.create_action = make_action(
            self, self.tr("&Create Audience"), self.controller.create, name="createAction"
        )
        self.create_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.controller.enabled_changed.connect(self.create_action.setEnabled)
        self.profiles_action = make_action(
            self, self.tr("&Profiles…"), self.open_profiles_dialog, "Ctrl+P"
        )
        self.profiles_action.setEnabled(not self.demo)
        self.quit_action = make_action(
            self, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit
        )
        self.about_action = make_action(self, self.tr("&About audience-desktop"), self.show_about)
        self.log_folder_action = make_action(
            self, self.tr("Open &Log Folder"), self.open_log_folder
        )
        self.demo_action = make_action(self, self.tr("Try the &Demo"), self.open_demo)
        self.batch = BatchEntry(self.workspace, self.profile_bar, self)
        for action in (self.create_action, self.profiles_action, self.quit_action,
                       self.tabs.sandbox_focus_action, *self.history.window_actions()):  # fmt: skip
            self.addAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.create_action)
        file_menu.addAction(self.batch.file_action)
        file_menu.addAction(self.batch.paste_action)
        file_menu.addAction(self.profiles_action)
        file_menu.addAction(self.history.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        history_menu = bar.addMenu(self.tr("Hi&story"))
        for action in self.history.row_actions():
            history_menu.addAction(action)
        history_menu.addSeparator()
        history_menu.addAction(self.history.filter_action)
        history_menu.addAction(self.history.focus_action)
        sandbox_menu = bar.addMenu(self.tr("Sandbo&x"))
        for action in self.sandbox.row_actions():
            sandbox_menu.addAction(action)
        sandbox_menu.addSeparator()
        sandbox_menu.addAction(self.sandbox.refresh_action)
        sandbox_menu.addAction(self.tabs.sandbox_focus_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        if not self.demo:
            help_menu.addAction(self.demo_action)
        help_menu.addAction(self.log_folder_action)
        help_menu.addAction(self.about_action)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._after_first_paint)  # not after the window is gone

    @Slot()
    def _after_first_paint(self) -> None:
        """What the first frame does not need, made once it is on screen (X11 figures).

        The window icon decodes every PNG size, as X11 sends them all to the window manager
        (about 7 ms); the first clear button looks its icon up in the theme (about 4 ms).
        """
        self.setWindowIcon(app_icon())
        for edit in (*self.form.edits(), self.history.filter_edit):
            edit.setClearButtonEnabled(True)

    # -- profiles ---------------------------------------------------------------------------

    @Slot(object)
    def reload_profiles(self, select: object = None) -> None:
        """Fill the profile selector (reads the small profiles file)."""
        try:
            profiles = self.workspace.profiles()
        except ValueError as exc:  # ProfileInvalid: the file is damaged, a folder, unreadable
            profiles = {}
            summary, _details = describe_failure(exc)
            log.warning("The profiles cannot be read: %s", summary)
            self.profiles_problem.show_problem(
                fill(self.tr("The profiles could not be read, so none is offered: %1"), summary),
                can_fix=False,
            )
        else:
            self.profiles_problem.clear()
        self.profile_bar.set_profiles(profiles, select=str(select) if select else None)
        self._show_first_run(
            not self.demo and not profiles and not self.profiles_problem.isVisibleTo(self)
        )
        if self.profiles_problem.isVisibleTo(self):
            self.profile_bar.combo.setPlaceholderText(self.tr("No profile: the file is unreadable"))

    def _show_first_run(self, show: bool) -> None:
        """The first-run panel while there is no profile; built only when first needed."""
        if show and self.first_run is None:
            from audience_desktop.ui.first_run import FirstRunPanel

            self.first_run = FirstRunPanel()
            self.first_run.add_profile.connect(self.open_profiles_dialog)
            self.first_run.try_demo.connect(self.open_demo)
            below = self._outer.indexOf(self.history_problem) + 1  # above the profile bar
            self._outer.insertWidget(below, self.first_run)
        if self.first_run is not None:
            self.first_run.setVisible(show)

    def first_run_shown(self) -> bool:
        return self.first_run is not None and self.first_run.isVisibleTo(self)

    @Slot()
    def open_profiles_dialog(self) -> None:
        """One dialog, built on first use and kept: a save that ends after it closed still
        reaches the profile selector."""
        if self.demo:
            return
        from audience_desktop.ui.profiles_dialog import ProfilesDialog

        if self._profiles_dialog is None:
            self._profiles_dialog = ProfilesDialog(self.workspace, self.lanes, self)
            self._profiles_dialog.profiles_changed.connect(self.reload_profiles)
        else:
            self._profiles_dialog.reset()
        self._profiles_dialog.exec()

    @Slot(int)
    def _show_attempt(self, row_id: int) -> None:
        """Select an attempt in the history and move there, clearing a filter that hides it."""
        self.tabs.setCurrentWidget(self.history)
        if self.history.model.row_of(row_id) < 0:
            self.history.filter_edit.clear()
        self.history.select_row(row_id)
        self.history.view.setFocus()

    @Slot(str)
    def _explain_create(self, reason: str) -> None:
        """Create's tooltip says why it is disabled (a disabled button says nothing else)."""
        shortcut = QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)
        self.create_button.setToolTip(reason or fill(self.tr("Create the audience (%1)"), shortcut))
        self.create_button.setAccessibleDescription(reason)

    @Slot()
    def open_demo(self) -> None:
        """A demo window beside this one: its own built-in server, history and settings.

        In this process, so it opens at once; it closes with this window, and its
        workspace (server, throwaway history) closes with it.
        """
        if self._demo_gui is not None and not self._demo_gui.closed:
            self._demo_gui.window.raise_()
            self._demo_gui.window.activateWindow()
            return
        from PySide6.QtWidgets import QApplication

        from audience_desktop.ui.bootstrap import open_gui

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        gui = open_gui(app, self.workspace.paths, demo=True, owns_app=False)
        gui.window.closed.connect(lambda: QTimer.singleShot(0, gui.close))
        self._demo_gui = gui
        gui.window.show()

    # -- background work --------------------------------------------------------------------

    @Slot()
    def _schedule_reconcile(self) -> None:
        if not self._reconcile_scheduled:
            self._reconcile_scheduled = True
            QTimer.singleShot(RECONCILE_DELAY_MS, self, self._reconcile_earlier_attempts)

    @Slot()
    def _reconcile_earlier_attempts(self) -> None:
        """Settle attempts a crash or a timeout left unknown, once, on its own lane."""
        if self._closing or self.demo or self.controller.refusal() is not None:
            return
        # Only rows that need it reach the network; with none, this is one SQL query.
        task = self.lanes.background.submit(self.workspace.reconcile, pass_cancel=True)
        task.succeeded.connect(self._on_reconciled)
        task.failed.connect(self._on_reconcile_failed)

    @Slot(object)
    def _on_reconciled(self, results: list[Reconciled]) -> None:
        settled = sum(result.problem is None for result in results)
        if settled:
            self.status.set_status(
                fill(self.tr("Checked %1 earlier attempt(s) whose outcome was unknown."), settled)
            )

    @Slot(object)
    def _on_reconcile_failed(self, error: BaseException) -> None:
        failure = describe_failure(error)
        self.status.show_error(
            fill(self.tr("Earlier attempts whose outcome is unknown could not be checked: %1"),
                 failure.summary),
            failure,
        )  # fmt: skip

    @Slot()
    def _freeze_garbage_collector(self) -> None:
        """Move long-lived objects out of the collector's sight, without collecting.

        A full collection walks every object, PySide6's and httpx's included: 20-30 ms on the
        GUI thread, a visible stall. Freezing what start-up (or the first network call, which
        imports httpx) left behind keeps collections short. Called again only when modules
        were imported since, so it costs nothing in steady state.
        """
        if len(sys.modules) != self._frozen_modules:
            self._frozen_modules = len(sys.modules)
            gc.freeze()

    # -- help -------------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About audience-desktop"),
            fill(
                self.tr(
                    "audience-desktop %1\n\nCreate external audiences in Adobe Experience "
                    "Platform.\n\nLogs: %2"
                ),
                __version__,
                self.workspace.paths.log_dir,
            ),
        )

    @Slot()
    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        folder = self.workspace.paths.log_dir
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- settings and closing ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        keep_minimum_size(self, self.history.view)  # calls setMinimumSize as bars come and go
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(opening_size(self))
        splitter = self.settings.value("splitter")
        if splitter is not None:
            self.history.splitter.restoreState(splitter)
        self.history.restore_header(self.settings)
        self.form.namespace_edit.setText(str(self.settings.value("lastNamespace", "") or ""))
        self.form.origin_edit.setText(str(self.settings.value("lastOriginName", "") or ""))

    def _save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.history.splitter.saveState())
        self.history.save_header(self.settings)
        profile = self.profile_bar.current_profile()
        if profile is not None:
            self.settings.setValue("lastProfile", profile.name)
        self.settings.sync()

    def force_close(self) -> None:
        """Close without asking, even while a create waits (its row stays pending)."""
        self._forced = True
        if self._quit_question is not None:  # a question still open is moot now
            self._quit_question.done(0)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            event.accept()
            return
        if not self._forced and self.controller.running() and not self._confirm_quit():
            event.ignore()
            return
        if not self._forced and self.batch.running() and not self.batch.confirm_stop():
            event.ignore()
            return
        if self._closing:  # closed (forced) while the question was open
            event.accept()
            return
        self._closing = True
        if self._demo_gui is not None:
            self._demo_gui.close()
        self.batch.stop()
        self.history.stop()
        self.sandbox.stop()
        self._save_settings()
        if not self.lanes.shutdown(network_timeout=1.0):
            log.warning(
                "Quit while a request was still waiting for an answer; its attempt stays "
                "'pending' and is checked the next time the history is reconciled."
            )
        event.accept()
        self.closed.emit()

    def _confirm_quit(self) -> bool:
        """Ask before abandoning a running create; True to quit.

        Race-free: asked only while a create really runs (``CreateController.running`` asks
        the worker, not the results delivered so far), and re-checked when the question
        ends: a create that ends while it is open closes the question, and the quit the
        user asked for goes ahead, as nothing is left to abandon. Only "No" keeps the window.
        """
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Quit while creating?"),
            self.tr(
                "A create is still waiting for Adobe's answer. If you quit now, the history "
                "keeps it as pending and checks it later. Quit anyway?"
            ),
            buttons.Yes | buttons.No,
            self,
        )
        box.setObjectName("quitWhileCreatingBox")
        box.setDefaultButton(buttons.No)
        self._quit_question = box
        self.controller.idle.connect(box.reject)
        try:
            box.exec()
        finally:
            self._quit_question = None
            self.controller.idle.disconnect(box.reject)
            box.deleteLater()
        clicked = box.standardButton(box.clickedButton()) if box.clickedButton() else None
        if clicked == buttons.Yes or self._forced:
            return True
        if clicked == buttons.No:
            return False
        return not self.controller.running()  # closed by the create ending (or Escape)
