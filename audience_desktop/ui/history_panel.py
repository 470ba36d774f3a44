"""The history panel: filter, table, details of the selected attempt, and what to do with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from audience_desktop.application import AppError, Attempt, HistoryReader, Status, Workspace
from audience_desktop.ui.actions import make_action
from audience_desktop.ui.details import DetailsPane
from audience_desktop.ui.dialogs import confirm
from audience_desktop.ui.history_model import HistoryModel
from audience_desktop.ui.messages import fill
from audience_desktop.ui.status_area import StatusArea
from audience_desktop.ui.tasks import Lanes

COLUMN_WIDTHS = (110, 150, 220, 100, 140, 100)


class HistoryPanel(QWidget):
    """Every attempt, newest first; the selected one's details and actions.

    Rows change as the history is written, from whichever thread writes: the workspace's
    listener emits ``row_changed`` and Qt queues it to the GUI thread.

    Signals:
        row_changed(int): attempt N was added or updated (emitted from any thread).
        template_requested(AudienceDraft): "Use as Template" on the selected attempt.
    """

    row_changed = Signal(int)
    template_requested = Signal(object)

    def __init__(
        self, workspace: Workspace, lanes: Lanes, status: StatusArea, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._lanes = lanes
        self._status = status
        self.problem: AppError | None = None  # why no history can be shown, if none can
        self._listener = self.row_changed.emit
        self._build_table()
        self._build_actions()
        self.row_changed.connect(self._on_row_changed)
        workspace.add_listener(self._listener)

    def _build_table(self) -> None:
        filter_label = QLabel(self.tr("Fil&ter history:"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("historyFilterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Filter (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Filter the history"))
        filter_label.setBuddy(self.filter_edit)
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_edit, 1)

        try:
            reader = self._workspace.history_reader()
        except AppError as problem:  # damaged, newer, locked...: the window starts anyway
            reader, self.problem = None, problem
        self.model = HistoryModel(reader, self)
        view = self.view = QTableView()
        view.setObjectName("historyView")
        view.setAccessibleName(self.tr("History of attempts"))
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Set the indicator first: enabling sorting then loads the first batch exactly once.
        view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.details = DetailsPane()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(view)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filter_row)
        layout.addWidget(self.splitter, 1)
        self.filter_edit.textChanged.connect(self.model.set_filter)
        view.customContextMenuRequested.connect(self._context_menu)
        view.selectionModel().currentRowChanged.connect(self._on_current_row)
        view.doubleClicked.connect(self._on_activated)
        self.model.dataChanged.connect(self._on_rows_changed)

    def _build_actions(self) -> None:
        self.copy_id_action = make_action(
            self, self.tr("Copy &audienceId"), self.copy_audience_id, QKeySequence.StandardKey.Copy
        )
        # Ctrl+C copies the id only where the history has focus; elsewhere it copies text.
        self.copy_id_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(self.copy_id_action)
        self.copy_curl_action = make_action(self, self.tr("Copy as cU&RL"), self.copy_as_curl)
        self.template_action = make_action(
            self, self.tr("&Use as Template"), self.use_as_template, "Ctrl+T"
        )
        self.resolve_action = make_action(
            self, self.tr("&Check Unknown Outcome"), self.resolve_selected, "Ctrl+R"
        )
        self.mark_action = make_action(
            self,
            self.tr("&Mark as Not Created…"),
            self.mark_not_created,
            name="markNotCreatedAction",
        )
        self.filter_action = make_action(
            self, self.tr("&Filter History"), self.focus_filter, QKeySequence.StandardKey.Find
        )
        self.focus_action = make_action(self, self.tr("Go to &History"), self.view.setFocus, "F6")
        self.export_action = make_action(
            self, self.tr("&Export History…"), self.export_history, "Ctrl+E"
        )
        self._update_row_actions()

    def row_actions(self) -> list[QAction]:
        """What can be done with the selected attempt (History menu and context menu)."""
        return [self.copy_id_action, self.copy_curl_action, self.template_action,
                self.resolve_action, self.mark_action]  # fmt: skip

    def window_actions(self) -> list[QAction]:
        """Actions whose shortcuts work anywhere in the window."""
        return [self.template_action, self.resolve_action, self.filter_action,
                self.focus_action, self.export_action]  # fmt: skip

    def attach(self, reader: HistoryReader) -> None:
        """Show the history ``reader`` reads (opened again after a problem); it is owned now."""
        self.problem = None
        self.model.set_reader(reader)

    def stop(self) -> None:
        """Stop following the history: later notices (an abandoned worker's) are ignored."""
        self._workspace.remove_listener(self._listener)
        self.model.close()

    # -- the selected row -------------------------------------------------------------------

    def selected_attempt(self) -> Attempt | None:
        index = self.view.currentIndex()
        return self.model.attempt(index.row()) if index.isValid() else None

    @Slot(int)
    def select_row(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    @Slot(int)
    def _on_row_changed(self, row_id: int) -> None:
        self.model.refresh_row(row_id)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.details.show_attempt(self.model.attempt(current.row()))
        self._update_row_actions()

    @Slot(QModelIndex, QModelIndex)
    def _on_rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        """The selected attempt was settled in the background: show what it is now."""
        current = self.view.currentIndex().row()
        if top_left.row() <= current <= bottom_right.row():
            self.details.show_attempt(self.model.attempt(current))
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

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        self.use_as_template()

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        for action in self.row_actions():
            menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    @Slot()
    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # -- row actions ------------------------------------------------------------------------

    @Slot()
    def copy_audience_id(self) -> None:
        attempt = self.selected_attempt()
        if attempt and attempt.audience_id:
            QGuiApplication.clipboard().setText(attempt.audience_id)
            self._status.set_status(fill(self.tr("Copied audienceId %1."), attempt.audience_id))

    @Slot()
    def copy_as_curl(self) -> None:
        """Built on the local lane (it reads the profiles file), then put on the clipboard."""
        attempt = self.selected_attempt()
        if attempt is None:
            return
        task = self._lanes.local.submit(self._workspace.attempt_curl, attempt)
        task.succeeded.connect(self._on_curl)
        task.failed.connect(self._status.show_failure)

    @Slot(object)
    def _on_curl(self, curl: str) -> None:
        QGuiApplication.clipboard().setText(curl)
        self._status.set_status(self.tr("Copied the request as cURL (the token is a placeholder)."))

    @Slot()
    def use_as_template(self) -> None:
        attempt = self.selected_attempt()
        if attempt is not None:
            self.template_requested.emit(attempt.draft)

    @Slot()
    def resolve_selected(self) -> None:
        attempt = self.selected_attempt()
        if attempt is None or attempt.status not in (Status.UNKNOWN, Status.PENDING):
            return
        task = self._lanes.network.submit(self._workspace.resolve, attempt.row_id, pass_cancel=True)
        task.succeeded.connect(self._on_resolved)
        task.failed.connect(self._status.show_failure)
        self._status.track(task)
        self._status.set_status(fill(self.tr("Checking whether “%1” was created…"), attempt.name))

    @Slot(object)
    def _on_resolved(self, attempt: Attempt) -> None:
        texts = {
            Status.SUCCEEDED: self.tr("Checked: “%1” exists (audienceId %2)."),
            Status.FAILED: self.tr("Checked: “%1” was not created; you can create it again."),
            Status.UNKNOWN: self.tr("Could not settle “%1” yet; try again later."),
            Status.PENDING: self.tr("“%1” is still being created; check again later."),
        }
        text = texts.get(attempt.status, "%1")
        self._status.set_status(fill(text, attempt.name, attempt.audience_id or ""))

    @Slot()
    def mark_not_created(self) -> None:
        """For an outcome no lookup can settle: the user checked AEP and says it is not there."""
        attempt = self.selected_attempt()
        if attempt is None or attempt.status is not Status.UNKNOWN:
            return
        if not confirm(
            self.window(),
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
        ):
            return
        task = self._lanes.local.submit(self._workspace.mark_not_created, attempt.row_id)
        task.succeeded.connect(self._on_marked)
        task.failed.connect(self._status.show_failure)
        self._status.track(task)

    @Slot(object)
    def _on_marked(self, attempt: Attempt) -> None:
        self._status.set_status(fill(self.tr("“%1” is marked as not created."), attempt.name))

    # -- the whole history ------------------------------------------------------------------

    @Slot()
    def export_history(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        default = str(Path.home() / "audience-history.csv")
        path, chosen = QFileDialog.getSaveFileName(
            self.window(), self.tr("Export History"), default,
            self.tr("CSV files (*.csv);;JSON files (*.json)"),
        )  # fmt: skip
        if not path:
            return
        as_json = path.lower().endswith(".json") or "json" in chosen.lower()
        task = self._lanes.local.submit(_export, self._workspace, Path(path), as_json)
        task.succeeded.connect(self._on_exported)
        task.failed.connect(self._on_export_failed)
        self._status.track(task)

    @Slot(object)
    def _on_exported(self, path: Path) -> None:
        self._status.set_status(fill(self.tr("History exported to %1."), path))

    @Slot(object)
    def _on_export_failed(self, error: BaseException) -> None:
        self._status.show_error(self.tr("The history could not be exported."), str(error))


def _export(workspace: Workspace, path: Path, as_json: bool) -> Path:
    """Write every attempt to ``path`` (on the local lane: the whole history is read)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        workspace.export(workspace.attempts(), out, as_json=as_json)
    return path
