"""The history as a Qt table model over ``HistoryReader``: loaded a batch at a time.

The reading, filtering and sorting (and their SQL) live in ``core.history_query``; this
adapter keeps the rows read, tells the view what changed, and makes the texts and icons.
New and changed rows arrive one at a time (``refresh_row``) and are inserted or updated in
place, never by reloading everything.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from audience_desktop.application import (
    Attempt,
    Cursor,
    HistoryQuery,
    HistoryReader,
    Status,
    local_time,
)
from audience_desktop.ui.icons import status_icon

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

BATCH = 64  # about two screens of rows: more arrive as the user scrolls
_Index = QModelIndex | QPersistentModelIndex


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ROLES_ANSWERED = frozenset({_DISPLAY, _DECORATION, _TOOLTIP})  # screen readers use the text


@dataclass(frozen=True)
class Column:
    key: str  # the sort key (core.history_query.SORT_KEYS)
    title: str  # untranslated; translated when shown


COLUMNS = (
    Column("status", QT_TRANSLATE_NOOP("HistoryModel", "Status")),
    Column("created_at", QT_TRANSLATE_NOOP("HistoryModel", "Created")),
    Column("name", QT_TRANSLATE_NOOP("HistoryModel", "Name")),
    Column("namespace", QT_TRANSLATE_NOOP("HistoryModel", "Namespace")),
    Column("origin_name", QT_TRANSLATE_NOOP("HistoryModel", "Origin name")),
    Column("sandbox", QT_TRANSLATE_NOOP("HistoryModel", "Sandbox")),
    Column("audience_id", QT_TRANSLATE_NOOP("HistoryModel", "audienceId")),
)


def status_text(status: Status) -> str:
    """The translated word for a status."""
    words = {
        Status.PENDING: QCoreApplication.translate("HistoryModel", "Pending"),
        Status.SUCCEEDED: QCoreApplication.translate("HistoryModel", "Succeeded"),
        Status.FAILED: QCoreApplication.translate("HistoryModel", "Failed"),
        Status.UNKNOWN: QCoreApplication.translate("HistoryModel", "Unknown"),
    }
    return words[status]


class HistoryModel(QAbstractTableModel):
    """Read-only view of the attempts table, newest first by default.

    Signals:
        reloaded(): the rows were read again from the start (another filter or order),
            and the first batch is in: the view can select what it had selected again.
    """

    reloaded = Signal()

    def __init__(self, reader: HistoryReader | None, parent: Any = None) -> None:
        """Read the history through ``reader`` (``Workspace.history_reader()``; now owned).

        None: no history can be read (damaged, newer...); the model is empty until
        ``set_reader`` gives it one.
        """
        super().__init__(parent)
        self._reader = reader
        self._query = HistoryQuery()  # newest first, as the view's sort indicator says
        self._rows: list[Attempt] = []
        self._ids: set[int] = set()
        self._exhausted = False
        self._icons: dict[Status, QIcon] = {}
        self._texts: dict[int, tuple[str, ...]] = {}
        self._closed = False
        self._cursor: Cursor | None = None  # where the next batch starts

    def close(self) -> None:
        """Stop reading: later change notices (from an abandoned worker) are ignored."""
        self._closed = True
        if self._reader is not None:
            self._reader.close()

    def set_reader(self, reader: HistoryReader) -> None:
        """Read another history from now on (a new one, after a damaged one was moved aside)."""
        if self._reader is not None:
            self._reader.close()
        self._reader = reader
        self.reload()

    # -- the Qt model interface -------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("HistoryModel", COLUMNS[section].title)
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell: the common answers come first.
        if role not in _ROLES_ANSWERED:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        if role == _DISPLAY:
            return self._display(row)[column]
        attempt = self._rows[row]
        if role == _DECORATION:
            return self._status_icon(attempt.status) if column == 0 else None
        return (attempt.note() or None) if column in (0, 2) else None  # the tooltip

    def _display(self, row: int) -> tuple[str, ...]:
        """The row's texts, made once per row rather than once per paint."""
        cached = self._texts.get(row)
        if cached is None:
            a = self._rows[row]
            cached = self._texts[row] = (
                status_text(a.status),
                local_time(a.created_at),
                a.name,
                a.namespace,
                a.origin_name,
                a.sandbox,
                a.audience_id or "",
            )
        return cached

    def _status_icon(self, status: Status) -> QIcon:
        if status not in self._icons:
            self._icons[status] = status_icon(status)
        return self._icons[status]

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._reader is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._closed or self._reader is None:
            return
        batch: list[Attempt] = []
        while not batch and not self._exhausted:
            # Rows inserted at the top since the last reload come round again: skip them.
            page = self._reader.page(self._query, self._cursor, BATCH)
            self._cursor, self._exhausted = page.cursor, page.exhausted
            batch = [a for a in page.attempts if a.row_id not in self._ids]
        if not batch:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self._ids.update(a.row_id for a in batch)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._query = replace(self._query, sort=COLUMNS[column].key, descending=descending)
        self.reload()

    # -- our interface ----------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only rows containing ``text`` (fixed string, case-insensitive) in any field."""
        text = text.strip()
        if text != self._query.filter:
            self._query = replace(self._query, filter=text)
            self.reload()

    def reload(self) -> None:
        """Start again from the first batch (filter or sort changed)."""
        self.beginResetModel()
        self._rows, self._ids, self._exhausted = [], set(), False
        self._cursor = None
        self._texts.clear()
        self.endResetModel()
        self.fetchMore()
        self.reloaded.emit()

    def query(self) -> HistoryQuery:
        """What the view shows: the filter and the order (an export of "the filtered rows")."""
        return self._query

    def sorted_by(self) -> tuple[int, Qt.SortOrder]:
        """(column, order) of the rows as loaded, for the header's indicator to agree."""
        column = next(i for i, c in enumerate(COLUMNS) if c.key == self._query.sort)
        descending = Qt.SortOrder.DescendingOrder
        return column, descending if self._query.descending else Qt.SortOrder.AscendingOrder

    def attempt(self, row: int) -> Attempt | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int:
        """The model row showing attempt ``row_id``, or -1 (recent rows are found first)."""
        if row_id not in self._ids:
            return -1
        return next(i for i, a in enumerate(self._rows) if a.row_id == row_id)

    def refresh_row(self, row_id: int) -> None:
        """An attempt was added or changed: show it where it belongs, without a reload.

        A loaded row is updated in place (or removed when it no longer matches the filter).
        A row not loaded yet is inserted in sort order when paging has already passed its
        place, and otherwise left for paging to bring in. The paging cursor only ever comes
        from rows read, so no row is skipped or shown twice.
        """
        if self._closed or self._reader is None:
            return
        row = self.row_of(row_id)
        fresh = self._reader.get(row_id, self._query)
        if row >= 0:
            if fresh is None:  # it no longer matches the filter
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self._ids.discard(row_id)
                self._texts.clear()
                self.endRemoveRows()
                return
            self._rows[row] = fresh
            self._texts.pop(row, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        if fresh is None or not (self._exhausted or self._query.already_read(fresh, self._cursor)):
            return  # paging will bring it in
        position = self._query.position(fresh, self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._texts.clear()  # cached rows below it move down by one
        self._rows.insert(position, fresh)
        self._ids.add(row_id)
        self.endInsertRows()
