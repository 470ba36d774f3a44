"""The main window: profile and sandbox, the form, the Create button, and the history."""

from __future__ import annotations

import gc
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSettings, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from audience_desktop import __version__
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import Attempt, Status
from audience_desktop.core.profiles import Profile
from audience_desktop.core.workspace import Workspace
from audience_desktop.ui.details import DetailsPane
from audience_desktop.ui.form import AudienceForm
from audience_desktop.ui.history_model import HistoryModel
from audience_desktop.ui.icons import app_icon
from audience_desktop.ui.messages import describe_failure, fill
from audience_desktop.ui.tasks import TaskResult, TaskRunner

log = logging.getLogger(__name__)


class HistorySignals(QObject):
    """Carries "attempt N changed" from whichever thread wrote it to the GUI thread.

    Signals:
        changed(int): the row id of an attempt that was added or updated.
    """

    changed = Signal(int)


@dataclass(frozen=True)
class CreateJob:
    """What a running create is about: the double-click guard compares these."""

    profile: Profile
    draft: AudienceDraft


class MainWindow(QMainWindow):
    """The form above the history; all I/O goes through the task runner."""

    def __init__(
        self,
        workspace: Workspace,
        settings: QSettings,
        history_signals: HistorySignals,
        demo: bool = False,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.demo = demo
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._on_task_finished)
        self.background = TaskRunner(self)  # checks nobody waits for
        self.background.finished.connect(self._on_background_finished)
        self._running_creates: dict[int, CreateJob] = {}
        self._other_tasks: set[int] = set()
        self._closing = False
        self._profiles: dict[str, Profile] = {}

        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("audience-desktop") + (self.tr(" — demo") if demo else ""))
        self.setWindowIcon(app_icon())
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        history_signals.changed.connect(self.history_model.refresh_row)
        self.reload_profiles()
        self._restore_settings()
        self._update_create_enabled()
        self.form.name_edit.setFocus()
        self._frozen_modules = 0
        QTimer.singleShot(300, self._freeze_garbage_collector)
        QTimer.singleShot(1000, self._reconcile_earlier_attempts)

    @Slot()
    def _reconcile_earlier_attempts(self) -> None:
        """Settle attempts a crash or a timeout left unknown, once, in the background."""
        if self._closing or self.demo:
            return
        workspace = self.workspace

        def reconcile(cancel: threading.Event) -> int:
            # Only rows that need it reach the network; with none, this is one SQL query.
            results = workspace.service.reconcile(workspace.profiles(), stop=cancel.is_set)
            return sum(problem is None for _attempt, problem in results)

        # Its own worker, so a slow check never holds up the user's first Create.
        self.background.submit("reconcile", reconcile)

    @Slot()
    def _freeze_garbage_collector(self) -> None:
        """Move long-lived objects out of the collector's sight, without collecting.

        A full collection walks every object, PySide6's and httpx's included: 20-30 ms on the
        GUI thread, a visible stall. Freezing what start-up (or the first network call, which
        imports httpx) left behind keeps collections short. Called again only when modules
        were imported since, so it costs nothing in steady state.
        """
        import sys

        if len(sys.modules) != self._frozen_modules:
            self._frozen_modules = len(sys.modules)
            gc.freeze()

    # -- building ---------------------------------------------------------------------------

    def _build_widgets(self) -> None:
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
        self.demo_banner.setStyleSheet(
            "QLabel { background: #e3f0ff; color: #0b3d91; padding: 6px; border-radius: 4px; }"
        )
        self.demo_banner.setVisible(self.demo)
        outer.addWidget(self.demo_banner)

        top = QHBoxLayout()
        profile_label = QLabel(self.tr("P&rofile:"))
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("profileCombo")
        self.profile_combo.setAccessibleName(self.tr("Profile"))
        self.profile_combo.setMinimumContentsLength(16)
        profile_label.setBuddy(self.profile_combo)
        self.sandbox_label = QLabel()
        self.sandbox_label.setObjectName("sandboxLabel")
        self.sandbox_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sandbox_label.setAccessibleName(self.tr("Sandbox"))
        self.profiles_button = QPushButton(self.tr("Profiles…"))
        self.profiles_button.setObjectName("profilesButton")
        self.profiles_button.setEnabled(not self.demo)
        top.addWidget(profile_label)
        top.addWidget(self.profile_combo, 1)
        top.addWidget(self.sandbox_label)
        top.addWidget(self.profiles_button)
        outer.addLayout(top)
        self.profile_combo.currentIndexChanged.connect(self._on_profile_changed)
        self.profiles_button.clicked.connect(self.open_profiles_dialog)

        self.form = AudienceForm()
        self.form.changed.connect(self._update_create_enabled)
        outer.addWidget(self.form)

        actions = QHBoxLayout()
        self.create_button = QPushButton(self.tr("&Create"))
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        self.create_button.setToolTip(self.tr("Create the audience (Ctrl+Return)"))
        self.create_button.clicked.connect(self.create_audience)
        self.busy_indicator = QProgressBar()
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setAccessibleName(self.tr("Working"))
        self.busy_indicator.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setToolTip(
            self.tr("Stop waiting: retries stop at once; a request already sent is checked later")
        )
        self.cancel_button.clicked.connect(self.cancel_tasks)
        self.cancel_button.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setObjectName("errorDetailsButton")
        self.details_button.clicked.connect(self._show_error_details)
        self.details_button.hide()
        self._error_details = ""
        actions.addWidget(self.create_button)
        actions.addWidget(self.busy_indicator)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.details_button)
        outer.addLayout(actions)

        filter_row = QHBoxLayout()
        filter_label = QLabel(self.tr("Fil&ter history:"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("historyFilterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Filter (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Filter the history"))
        self.filter_edit.setClearButtonEnabled(True)
        filter_label.setBuddy(self.filter_edit)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_edit, 1)
        outer.addLayout(filter_row)

        self.history_model = HistoryModel(self.workspace.history.path, self)
        self.history_view = QTableView()
        self.history_view.setObjectName("historyView")
        self.history_view.setAccessibleName(self.tr("History of attempts"))
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Set the indicator first: enabling sorting then loads the first batch exactly once.
        self.history_view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.history_view.setSortingEnabled(True)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.verticalHeader().hide()
        self.history_view.setWordWrap(False)
        header = self.history_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 150, 220, 100, 140, 100)):
            header.resizeSection(column, width)
        self.history_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.history_view.customContextMenuRequested.connect(self._history_menu)
        self.history_view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.history_model.dataChanged.connect(self._on_rows_changed)
        self.history_view.doubleClicked.connect(self._on_history_activated)
        self.details = DetailsPane()

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.history_view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot: Any, shortcut: Any = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.create_action = self._action(
            self.tr("&Create Audience"), self.create_audience, "Ctrl+Return", "createAction"
        )
        self.create_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.addAction(self.create_action)
        self.filter_action = self._action(
            self.tr("&Filter History"), self._focus_filter, QKeySequence.StandardKey.Find
        )
        self.copy_id_action = self._action(
            self.tr("Copy &audienceId"), self.copy_audience_id, QKeySequence.StandardKey.Copy
        )
        # Ctrl+C copies the id only where the history has focus; elsewhere it copies text.
        self.copy_id_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.history_view.addAction(self.copy_id_action)
        self.copy_curl_action = self._action(self.tr("Copy as c&URL"), self.copy_as_curl)
        self.template_action = self._action(
            self.tr("&Use as Template"), self.use_as_template, "Ctrl+T"
        )
        self.resolve_action = self._action(
            self.tr("&Check Unknown Outcome"), self.resolve_selected, "Ctrl+R"
        )
        self.mark_action = self._action(
            self.tr("&Mark as Not Created…"), self.mark_not_created, name="markNotCreatedAction"
        )
        self.export_action = self._action(
            self.tr("&Export History…"), self.export_history, "Ctrl+E"
        )
        self.profiles_action = self._action(
            self.tr("&Profiles…"), self.open_profiles_dialog, "Ctrl+P"
        )
        self.profiles_action.setEnabled(not self.demo)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.focus_history_action = self._action(
            self.tr("Go to &History"), self.history_view.setFocus, "F6"
        )
        self.about_action = self._action(self.tr("&About audience-desktop"), self.show_about)
        self.log_folder_action = self._action(self.tr("Open &Log Folder"), self.open_log_folder)
        for action in (self.filter_action, self.template_action, self.resolve_action,
                       self.export_action, self.profiles_action, self.quit_action,
                       self.focus_history_action):  # fmt: skip
            self.addAction(action)
        self._update_row_actions()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.create_action)
        file_menu.addAction(self.profiles_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        history_menu = bar.addMenu(self.tr("Hi&story"))
        for action in self._row_actions():
            history_menu.addAction(action)
        history_menu.addSeparator()
        history_menu.addAction(self.filter_action)
        history_menu.addAction(self.focus_history_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.log_folder_action)
        help_menu.addAction(self.about_action)

    def _row_actions(self) -> list[QAction]:
        return [self.copy_id_action, self.copy_curl_action, self.template_action,
                self.resolve_action, self.mark_action]  # fmt: skip

    # -- profiles ---------------------------------------------------------------------------

    def reload_profiles(self, select: str | None = None) -> None:
        """Fill the profile selector (reads the small profiles file)."""
        try:
            self._profiles = self.workspace.profiles()
        except ValueError as exc:
            self._profiles = {}
            self.show_error(self.tr("The profiles could not be read."), str(exc))
        current = select or self.profile_combo.currentData() or self.settings.value("lastProfile")
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for name in sorted(self._profiles):
            self.profile_combo.addItem(name, name)
        index = self.profile_combo.findData(current)
        self.profile_combo.setCurrentIndex(max(index, 0))
        self.profile_combo.blockSignals(False)
        if not self._profiles:
            self.profile_combo.setPlaceholderText(self.tr("No profile yet: add one"))
        self._on_profile_changed()

    def current_profile(self) -> Profile | None:
        name = self.profile_combo.currentData()
        return self._profiles.get(name) if name else None

    @Slot()
    def _on_profile_changed(self) -> None:
        profile = self.current_profile()
        if profile is None:
            self.sandbox_label.setText(self.tr("No sandbox"))
            self.sandbox_label.setStyleSheet("")
        elif profile.is_production:
            self.sandbox_label.setText(fill(self.tr("PRODUCTION sandbox: %1"), profile.sandbox))
            self.sandbox_label.setStyleSheet(
                "QLabel { background: #c62828; color: white; font-weight: bold;"
                " padding: 3px 8px; border-radius: 4px; }"
            )
        else:
            self.sandbox_label.setText(fill(self.tr("Sandbox: %1"), profile.sandbox))
            self.sandbox_label.setStyleSheet(
                "QLabel { background: #2e7d32; color: white; padding: 3px 8px; border-radius: 4px; }"
            )
        self._update_create_enabled()

    @Slot()
    def open_profiles_dialog(self) -> None:
        if self.demo:
            return
        from audience_desktop.ui.profiles_dialog import ProfilesDialog

        dialog = ProfilesDialog(self.workspace, self.runner, self)
        dialog.exec()
        self.reload_profiles(select=dialog.last_saved)
        dialog.deleteLater()

    # -- creating ---------------------------------------------------------------------------

    def _update_create_enabled(self) -> None:
        profile = self.current_profile()
        job = CreateJob(profile, self.form.draft().cleaned()) if profile else None
        running = job in self._running_creates.values()
        enabled = profile is not None and self.form.is_valid() and not running
        self.create_button.setEnabled(enabled)
        self.create_action.setEnabled(enabled)

    @Slot()
    def create_audience(self) -> None:
        """Start a create for the form's draft, unless it is invalid or already running."""
        self._update_create_enabled()
        profile = self.current_profile()
        if not self.create_button.isEnabled() or profile is None:
            return
        draft = self.form.draft().cleaned()
        if profile.is_production and not self._confirm_production(profile):
            return
        job = CreateJob(profile, draft)
        task_id = self.runner.submit(
            "create", lambda cancel: self.workspace.create(profile, draft, cancel), job
        )
        self._running_creates[task_id] = job
        self._update_create_enabled()
        self._set_busy()
        self.set_status(fill(self.tr("Creating “%1” in sandbox %2…"), draft.name, profile.sandbox))

    def _confirm_production(self, profile: Profile) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Create in production?"),
            fill(
                self.tr(
                    "Sandbox “%1” is a PRODUCTION sandbox. The audience will be visible to "
                    "everyone who uses it. Create it there?"
                ),
                profile.sandbox,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def cancel_tasks(self) -> None:
        for task_id in [*self._running_creates, *self._other_tasks]:
            self.runner.cancel(task_id)
        self.set_status(self.tr("Cancelling…"))

    # -- task results (always on the GUI thread) ---------------------------------------------

    @Slot(object)
    def _on_task_finished(self, result: TaskResult) -> None:
        if self._closing:
            return
        job = self._running_creates.pop(result.task_id, None)
        self._other_tasks.discard(result.task_id)
        self._set_busy()
        self._freeze_garbage_collector()
        if job is not None:
            self._update_create_enabled()
            self._create_finished(job, result)
        elif result.kind == "resolve":
            self._resolve_finished(result)
        elif result.kind == "export":
            self._export_finished(result)
        elif result.kind == "mark" and result.error is None:
            self.set_status(fill(self.tr("“%1” is marked as not created."), result.value.name))
        elif result.kind in ("save", "remove") and result.error is None:
            # The profiles dialog may be closed already: the selector follows the store.
            self.reload_profiles(select=result.context if result.kind == "save" else None)

    @Slot(object)
    def _on_background_finished(self, result: TaskResult) -> None:
        if self._closing:
            return
        self._freeze_garbage_collector()
        if result.error is not None:
            log.warning("Background check of unknown attempts failed: %r", result.error)
        elif result.value:
            self.set_status(
                fill(
                    self.tr("Checked %1 earlier attempt(s) whose outcome was unknown."),
                    result.value,
                )
            )

    def _create_finished(self, job: CreateJob, result: TaskResult) -> None:
        if result.error is not None:
            summary, details = describe_failure(result.error)
            self.show_error(summary, details)
            return
        outcome = result.value
        attempt: Attempt = outcome.attempt
        self._select_row(attempt.row_id)
        if outcome.error is None:
            ids = attempt.audience_id or ""
            self.set_status(fill(self.tr("Created “%1”: audienceId %2"), attempt.name, ids))
            self.settings.setValue("lastNamespace", job.draft.namespace)
            self.settings.setValue("lastOriginName", job.draft.origin_name)
            if self.form.draft().cleaned() == job.draft:
                self.form.clear_name()
            return
        summary, details = describe_failure(outcome.error, attempt)
        self.show_error(summary, details)

    def _resolve_finished(self, result: TaskResult) -> None:
        if result.error is not None:
            summary, details = describe_failure(result.error)
            self.show_error(summary, details)
            return
        attempt: Attempt = result.value
        texts = {
            Status.SUCCEEDED: self.tr("Checked: “%1” exists (audienceId %2)."),
            Status.FAILED: self.tr("Checked: “%1” was not created; you can create it again."),
            Status.UNKNOWN: self.tr("Could not settle “%1” yet; try again later."),
            Status.PENDING: self.tr("“%1” is still being created; check again later."),
        }
        text = texts.get(attempt.status, "%1")
        self.set_status(fill(text, attempt.name, attempt.audience_id or ""))

    # -- status area ------------------------------------------------------------------------

    def _set_busy(self) -> None:
        busy = bool(self._running_creates or self._other_tasks)
        self.busy_indicator.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def set_status(self, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)
        self.details_button.hide()

    def show_error(self, summary: str, details: str) -> None:
        """Plain words in the status area; the full details one click away."""
        self.status_label.setStyleSheet("QLabel { color: #c62828; }")
        self.status_label.setText(summary)
        self._error_details = details
        self.details_button.setVisible(bool(details))

    @Slot()
    def _show_error_details(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("errorDetailsBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("What happened"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.status_label.text())
        box.setDetailedText(self._error_details)
        box.exec()

    # -- history ----------------------------------------------------------------------------

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self.history_model.set_filter(text)

    @Slot()
    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def selected_attempt(self) -> Attempt | None:
        index = self.history_view.currentIndex()
        return self.history_model.attempt(index.row()) if index.isValid() else None

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.details.show_attempt(self.history_model.attempt(current.row()))
        self._update_row_actions()

    @Slot(QModelIndex, QModelIndex)
    def _on_rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        """The selected attempt was settled in the background: show what it is now."""
        current = self.history_view.currentIndex().row()
        if top_left.row() <= current <= bottom_right.row():
            self.details.show_attempt(self.history_model.attempt(current))
            self._update_row_actions()

    def _update_row_actions(self) -> None:
        attempt = self.selected_attempt()
        self.copy_id_action.setEnabled(bool(attempt and attempt.audience_id))
        self.copy_curl_action.setEnabled(attempt is not None)
        self.template_action.setEnabled(attempt is not None)
        self.resolve_action.setEnabled(
            attempt is not None and attempt.status in (Status.UNKNOWN, Status.PENDING)
        )
        self.mark_action.setEnabled(attempt is not None and attempt.status is Status.UNKNOWN)

    def _select_row(self, row_id: int) -> None:
        row = self.history_model.row_of(row_id)
        if row >= 0:
            self.history_view.setCurrentIndex(self.history_model.index(row, 0))

    @Slot(QModelIndex)
    def _on_history_activated(self, index: QModelIndex) -> None:
        self.use_as_template()

    @Slot()
    def _history_menu(self, position: Any) -> None:
        menu = QMenu(self)
        for action in self._row_actions():
            menu.addAction(action)
        menu.exec(self.history_view.viewport().mapToGlobal(position))

    @Slot()
    def copy_audience_id(self) -> None:
        attempt = self.selected_attempt()
        if attempt and attempt.audience_id:
            QGuiApplication.clipboard().setText(attempt.audience_id)
            self.set_status(fill(self.tr("Copied audienceId %1."), attempt.audience_id))

    @Slot()
    def copy_as_curl(self) -> None:
        attempt = self.selected_attempt()
        if attempt is None:
            return
        from audience_desktop.core.curl import attempt_curl

        QGuiApplication.clipboard().setText(
            attempt_curl(attempt, self._profiles.get(attempt.profile))
        )
        self.set_status(self.tr("Copied the request as cURL (the token is a placeholder)."))

    @Slot()
    def use_as_template(self) -> None:
        attempt = self.selected_attempt()
        if attempt is not None:
            self.form.set_draft(attempt.draft)
            self.form.name_edit.setFocus()
            self.form.name_edit.selectAll()

    @Slot()
    def resolve_selected(self) -> None:
        attempt = self.selected_attempt()
        if attempt is None or attempt.status not in (Status.UNKNOWN, Status.PENDING):
            return
        row_id = attempt.row_id
        task_id = self.runner.submit("resolve", lambda cancel: self.workspace.resolve(row_id))
        self._other_tasks.add(task_id)
        self._set_busy()
        self.set_status(fill(self.tr("Checking whether “%1” was created…"), attempt.name))

    @Slot()
    def mark_not_created(self) -> None:
        """For an outcome no lookup can settle: the user checked AEP and says it is not there."""
        attempt = self.selected_attempt()
        if attempt is None or attempt.status is not Status.UNKNOWN:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Mark as not created?"),
            fill(
                self.tr(
                    "Only do this after checking in Adobe Experience Platform that “%1” does not "
                    "exist in sandbox %2. It can then be created again, and if it did exist, "
                    "there will be two."
                ),
                attempt.name,
                attempt.sandbox,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row_id = attempt.row_id
        service = self.workspace.service
        task_id = self.runner.submit("mark", lambda cancel: service.mark_not_created(row_id))
        self._other_tasks.add(task_id)
        self._set_busy()

    @Slot()
    def export_history(self) -> None:
        default = str(Path.home() / "audience-history.csv")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export History"), default,
            self.tr("CSV files (*.csv);;JSON files (*.json)"),
        )  # fmt: skip
        if not path:
            return
        as_json = path.lower().endswith(".json") or "json" in chosen.lower()
        history = self.workspace.history

        def export(cancel: threading.Event) -> str:
            from audience_desktop.core.export import write_csv, write_json

            with open(path, "w", encoding="utf-8", newline="") as out:
                (write_json if as_json else write_csv)(history.list(), out)
            return path

        self._other_tasks.add(self.runner.submit("export", export))
        self._set_busy()

    def _export_finished(self, result: TaskResult) -> None:
        if result.error is not None:
            self.show_error(self.tr("The history could not be exported."), str(result.error))
        else:
            self.set_status(fill(self.tr("History exported to %1."), result.value))

    # -- help -------------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
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
        folder = self.workspace.paths.log_dir
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- settings and closing ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(900, 680)
        splitter = self.settings.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.form.namespace_edit.setText(str(self.settings.value("lastNamespace", "") or ""))
        self.form.origin_edit.setText(str(self.settings.value("lastOriginName", "") or ""))

    def _save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        if self.profile_combo.currentData() and not self.demo:
            self.settings.setValue("lastProfile", self.profile_combo.currentData())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running_creates and not self._confirm_quit_while_creating():
            event.ignore()
            return
        self._closing = True
        self.workspace.history.on_change = None  # nobody will show changes any more
        self._save_settings()
        self.background.shutdown(timeout=0.5)  # cancelled between rows; may be abandoned
        if not self.runner.shutdown(timeout=1.0):
            log.warning(
                "Quit while a request was still waiting for an answer; its attempt stays "
                "'pending' and is checked the next time the history is reconciled."
            )
        self.history_model.close()
        event.accept()

    def _confirm_quit_while_creating(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Quit while creating?"),
            self.tr(
                "A create is still waiting for Adobe's answer. If you quit now, the history "
                "keeps it as pending and checks it later. Quit anyway?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
