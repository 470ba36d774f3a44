"""The history panel: filter, table, details of the selected attempt, and what to do with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
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
from audience_desktop.ui.history_header import HistoryHeader
from audience_desktop.ui.history_model import HistoryModel
from audience_desktop.ui.messages import fill
from audience_desktop.ui.status_area import StatusArea
from audience_desktop.ui.tasks import Lanes

if TYPE_CHECKING:
    from audience_desktop.ui.history_export import HistoryExporter


class HistoryPanel(QWidget):
    """Every attempt, newest first; the selected ones' details and actions.

    Several rows can be selected (to copy their ids or export them); what makes sense for
    one attempt only (details, template, cURL, check, mark) waits for exactly one.

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
        self._kept: list[int] = []  # selected across a reload (another filter or order)
        self._listener = self.row_changed.emit
        self._exporter: HistoryExporter | None = None  # made on the first export
        self._build_table()
        self._build_actions()
        self.row_changed.connect(self._on_row_changed)
        workspace.add_listener(self._listener)

    @property
    def exporter(self) -> HistoryExporter:
        """The export's dialog and writer, loaded on first use: start-up needs neither."""
        if self._exporter is None:
            from audience_desktop.ui.history_export import HistoryExporter

            self._exporter = HistoryExporter(self._workspace, self._lanes, self._status, self)
        return self._exporter

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
        header = self.header = HistoryHeader(view)
        view.setHorizontalHeader(header)
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        # Set the indicator first: enabling sorting then loads the first batch exactly once.
        header.setSortIndicator(*self.model.sorted_by())
        view.setSortingEnabled(True)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)  # names elide; the id column fits
        header.apply_defaults()
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
        view.selectionModel().selectionChanged.connect(self._on_selection)
        view.doubleClicked.connect(self._on_activated)
        self.model.dataChanged.connect(self._on_rows_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.reloaded.connect(self._restore_selection)

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

    def save_header(self, settings: QSettings) -> None:
        self.header.save(settings)

    def restore_header(self, settings: QSettings) -> None:
        """Column widths and order as saved (defaults when unusable), rows in the order shown."""
        self.header.restore(settings)
        shown = (self.header.sortIndicatorSection(), self.header.sortIndicatorOrder())
        if shown != self.model.sorted_by():
            self.view.sortByColumn(*shown)

    def stop(self) -> None:
        """Stop following the history: later notices (an abandoned worker's) are ignored."""
        self._workspace.remove_listener(self._listener)
        self.model.close()

    # -- the selected row -------------------------------------------------------------------

    def selected_attempts(self) -> list[Attempt]:
        """The selected attempts, in the order shown."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [a for a in map(self.model.attempt, rows) if a is not None]

    def selected_attempt(self) -> Attempt | None:
        """The selected attempt when exactly one is selected."""
        selected = self.selected_attempts()
        return selected[0] if len(selected) == 1 else None

    @Slot(int)
    def select_row(self, row_id: int) -> None:
        row = self.model.row_of(row_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))

    @Slot(int)
    def _on_row_changed(self, row_id: int) -> None:
        self.model.refresh_row(row_id)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_selection()

    @Slot(QModelIndex, QModelIndex)
    def _on_rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        """A selected attempt was settled in the background: show what it is now."""
        rows = self.view.selectionModel().selectedRows()
        if any(top_left.row() <= index.row() <= bottom_right.row() for index in rows):
            self._show_selection()

    @Slot()
    def _remember_selection(self) -> None:
        self._kept = [attempt.row_id for attempt in self.selected_attempts()]

    @Slot()
    def _restore_selection(self) -> None:
        """After a new filter or order: the rows still shown stay selected, and the details
        describe what is selected now, never a row the filter hid."""
        selection = self.view.selectionModel()
        for row_id in self._kept:
            row = self.model.row_of(row_id)
            if row >= 0:
                flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
                selection.select(self.model.index(row, 0), flags)
                if not selection.currentIndex().isValid():  # keyboard focus, selecting nothing
                    selection.setCurrentIndex(
                        self.model.index(row, 0), selection.SelectionFlag.NoUpdate
                    )
        self._kept = []
        self._show_selection()

    def _show_selection(self) -> None:
        count = len(self.view.selectionModel().selectedRows())
        if count > 1:
            self.details.setPlainText(fill(self.tr("%1 attempts selected."), count))
        else:
            self.details.show_attempt(self.selected_attempt())
        self._update_row_actions()

    def _update_row_actions(self) -> None:
        attempt = self.selected_attempt()
        self.copy_id_action.setEnabled(any(a.audience_id for a in self.selected_attempts()))
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
        """The selected rows' audienceIds, one per line (rows without one are skipped)."""
        self._status.copy_ids([a.audience_id for a in self.selected_attempts() if a.audience_id])

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
        """All, the filtered or the selected rows, as CSV (for spreadsheets, or plain) or JSON."""
        self.exporter.run(self.filter_edit.text().strip(), self.model.query(),
                          self.selected_attempts())  # fmt: skip
