"""The Batch window's table: every row of a plan, read lazily, with its status and problems.

The plan keeps only a status byte per row; the cells are in the file. The model says it has
``plan.total`` rows at once (the scroll bar is true from the start) but reads the file in
chunks only as far as the view asks: a 10,000-row file shows its first screen after one
chunk. A run's results arrive in file order (the k-th result is row k), so they are a list
beside the rows, applied over what the plan found.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QTableView

from audience_desktop.application import (
    AppError,
    BatchPlan,
    Message,
    PlannedRow,
    RowStatus,
)
from audience_desktop.ui.batch_texts import status_words
from audience_desktop.ui.history_header import id_column_width
from audience_desktop.ui.style import Style, text_colour

log = logging.getLogger(__name__)

CHUNK = 500  # rows read from the file at a time (about 2 ms of CSV)
COLUMNS = ("row", "status", "name", "description", "namespace", "originName", "audienceId",
           "message")  # fmt: skip
FIELD_COLUMNS = {"name": 2, "description": 3, "namespace": 4, "originName": 5}
PROBLEM_STATUSES = frozenset(
    {RowStatus.INVALID, RowStatus.DUPLICATE_IN_FILE, RowStatus.FAILED, RowStatus.UNKNOWN}
)
Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    int(role) for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                           Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole)
)  # fmt: skip


class Result(NamedTuple):
    """What a run says of one row."""

    status: RowStatus
    audience_id: str | None
    message: Message | None


class BatchPreviewModel(QAbstractTableModel):
    """Rows of a plan (read lazily), their run results, problems per cell.

    Signals:
        read_failed(object): the file could not be read again (it changed): the AppError.
    """

    read_failed = QtSignal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan: BatchPlan | None = None
        self._rows: list[PlannedRow] = []
        self._reader: Iterator[PlannedRow] | None = None
        self._results: list[Result] = []
        self._broken = False
        self._warning_icon: QIcon | None = None
        self._words = status_words()
        self._headers = {
            "row": self.tr("Row"), "status": self.tr("Status"), "name": self.tr("Name"),
            "description": self.tr("Description"), "namespace": self.tr("Namespace"),
            "originName": self.tr("Origin name"), "audienceId": self.tr("audienceId"),
            "message": self.tr("Message"),
        }  # fmt: skip

    # -- content ----------------------------------------------------------------------------

    def set_plan(self, plan: BatchPlan | None) -> None:
        self.beginResetModel()
        self.close()
        self.plan = plan
        self._rows = []
        self._results = []
        self._broken = False
        self.endResetModel()

    def close(self) -> None:
        """Let go of the file (the reader holds it open until its last row)."""
        if self._reader is not None:
            self._reader.close()  # type: ignore[attr-defined]  # a generator
            self._reader = None

    def add_results(self, results: list[Result]) -> None:
        """The next rows' results, in file order."""
        if not results:
            return
        first = len(self._results)
        self._results.extend(results)
        last = min(len(self._results), self.rowCount()) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def results(self) -> list[Result]:
        return list(self._results)

    def row_at(self, row: int) -> PlannedRow | None:
        """The plan's row ``row`` (0-based), reading the file up to it if needed."""
        if row >= len(self._rows) and not self._broken and self.plan is not None:
            self._read_to(row)
        return self._rows[row] if row < len(self._rows) else None

    def result_at(self, row: int) -> Result | None:
        if row < len(self._results):
            return self._results[row]
        planned = self.row_at(row)
        if planned is None:
            return None
        return Result(planned.status, planned.audience_id, planned.message)

    def _read_to(self, row: int) -> None:
        assert self.plan is not None
        if self._reader is None:
            self._reader = self.plan.rows()
        want = max(row + 1, len(self._rows) + CHUNK)
        try:
            while len(self._rows) < want:
                self._rows.append(next(self._reader))
        except StopIteration:
            self._reader = None
        except AppError as error:  # the file changed since it was checked
            self._broken = True
            self._reader = None
            self.read_failed.emit(error)

    # -- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() or self.plan is None else self.plan.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[COLUMNS[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks each cell for a dozen roles: the unused ones return at once (every
        # Python call from the view waits for the GIL while the batch's threads run).
        if role not in _ROLES or not index.isValid():
            return None
        planned = self.row_at(index.row())
        result = self.result_at(index.row())
        if planned is None or result is None:
            return None
        column = COLUMNS[index.column()]
        roles = Qt.ItemDataRole
        if role == roles.DisplayRole:
            return self._text(planned, result, column)
        problem = self._problem(planned, result, column)
        if role == roles.ToolTipRole:
            if problem:
                return problem
            text = self._text(planned, result, column)
            return text if column in ("message", "name", "description") and text else None
        if problem is None:
            return None
        if role == roles.ForegroundRole:
            return text_colour(Style.ERROR, QApplication.palette())
        if role == roles.DecorationRole and column != "message":
            return self._icon()
        return None

    def _text(self, planned: PlannedRow, result: Result, column: str) -> str:
        if column == "row":
            return str(planned.row)
        if column == "status":
            return self._words[result.status]
        if column == "audienceId":
            return result.audience_id or ""
        if column == "message":
            return result.message.render() if result.message is not None else ""
        draft = planned.draft
        return {"name": draft.name, "description": draft.description,
                "namespace": draft.namespace, "originName": draft.origin_name}[column]  # fmt: skip

    def _problem(self, planned: PlannedRow, result: Result, column: str) -> str | None:
        """The message a cell is highlighted for, or None: a field's own problem, else the
        row's status and message when the row will not (or did not) get created."""
        if column in FIELD_COLUMNS:
            found = [p.message.render() for p in planned.problems if p.field == column]
            if column == "name" and result.status is RowStatus.DUPLICATE_IN_FILE:
                found.append(result.message.render() if result.message is not None else "")
            return "\n".join(found) if found else None
        if column in ("status", "message") and result.status in PROBLEM_STATUSES:
            return result.message.render() if result.message is not None else ""
        return None

    def _icon(self) -> QIcon:
        if self._warning_icon is None:
            style = QApplication.style()
            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon


def preview_table(model: BatchPreviewModel) -> QTableView:
    """The table the Batch window shows ``model`` in: one line per row, columns sized for
    their content (the message takes the rest)."""
    table = QTableView()
    table.setObjectName("batchPreviewTable")
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate((44, 130, 170, 110, 110, 140, 140)):
        header.resizeSection(column, width)
    # The audienceId whole, as in the history and the sandbox view.
    header.resizeSection(COLUMNS.index("audienceId"), id_column_width(table.fontMetrics()))
    table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
    return table
