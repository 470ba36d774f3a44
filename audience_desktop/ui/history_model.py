"""The history as a Qt table model: loaded in batches, sorted and filtered in SQLite.

100,000 rows must open instantly, so the model never reads them all: it asks SQLite for
one batch at a time with keyset pagination (``WHERE (key, id) < (last_key, last_id)``),
which stays fast however deep the user scrolls. New and changed rows arrive one at a time
(``refresh_row``) and are inserted or updated in place, never by reloading everything.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from audience_desktop.core.history import (
    FTS_TABLE,
    Attempt,
    Status,
    haystack_sql,
    row_to_attempt,
    search_index_ready,
    select_sql,
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
    key: str  # the SQL column
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


def like_pattern(text: str) -> str:
    """A fixed-string LIKE pattern: %, _ and the escape character lose their meaning."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class HistoryModel(QAbstractTableModel):
    """Read-only view of the attempts table, newest first by default."""

    def __init__(self, db_path: Path, parent: Any = None) -> None:
        super().__init__(parent)
        uri = f"{db_path.resolve().as_uri()}?mode=ro"
        self._db = sqlite3.connect(uri, uri=True)
        self._db.row_factory = sqlite3.Row
        self._rows: list[Attempt] = []
        self._ids: set[int] = set()
        self._exhausted = False
        self._sort_column = 1  # created_at
        self._descending = True
        self._filter = ""
        self._icons: dict[Status, QIcon] = {}
        self._texts: dict[int, tuple[str, ...]] = {}
        self._closed = False
        self._cursor: tuple[Any, int] | None = None  # (sort value, id) of the last row read
        self._has_index = search_index_ready(self._db)

    def close(self) -> None:
        """Stop reading: later change notices (from an abandoned worker) are ignored."""
        self._closed = True
        self._db.close()

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
        return (attempt.error or None) if column in (0, 2) else None  # the tooltip

    def _display(self, row: int) -> tuple[str, ...]:
        """The row's texts, made once per row rather than once per paint."""
        cached = self._texts.get(row)
        if cached is None:
            a = self._rows[row]
            cached = self._texts[row] = (
                status_text(a.status),
                a.created_at[:19].replace("T", " "),
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
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._closed:
            return
        batch: list[Attempt] = []
        while not batch and not self._exhausted:
            # Rows inserted at the top since the last reload come round again: skip them.
            batch = [a for a in self._query_batch() if a.row_id not in self._ids]
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
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- our interface ----------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only rows containing ``text`` (fixed string, case-insensitive) in any field."""
        text = text.strip()
        if text != self._filter:
            self._filter = text
            self.reload()

    def reload(self) -> None:
        """Start again from the first batch (filter or sort changed)."""
        self.beginResetModel()
        self._rows, self._ids, self._exhausted = [], set(), False
        self._cursor = None
        self._texts.clear()
        self.endResetModel()
        self.fetchMore()

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
        if self._closed:
            return
        row = self.row_of(row_id)
        fresh = self._fetch_one(row_id)
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
        if fresh is None or not (self._exhausted or self._already_read(fresh)):
            return  # paging will bring it in
        position = self._position_for(fresh)
        self.beginInsertRows(QModelIndex(), position, position)
        self._texts.clear()  # cached rows below it move down by one
        self._rows.insert(position, fresh)
        self._ids.add(row_id)
        self.endInsertRows()

    def _order_key(self, attempt: Attempt) -> tuple[Any, int]:
        """(sort value, id) as SQLite orders them for the current sort."""
        key = COLUMNS[self._sort_column].key
        if key == "created_at":
            return attempt.row_id, attempt.row_id
        value = getattr(attempt, key) or ""
        return (value.value if isinstance(value, Status) else value), attempt.row_id

    def _already_read(self, attempt: Attempt) -> bool:
        if self._cursor is None:
            return False
        key = self._order_key(attempt)
        return key > self._cursor if self._descending else key < self._cursor

    def _position_for(self, attempt: Attempt) -> int:
        key = self._order_key(attempt)
        for position, loaded in enumerate(self._rows):
            other = self._order_key(loaded)
            if (key > other) if self._descending else (key < other):
                return position
        return len(self._rows)

    # -- SQL --------------------------------------------------------------------------

    def _matching_ids(self) -> tuple[str, list[Any]]:
        """A subquery of the ids whose searched text contains the filter (fixed string)."""
        text = self._filter
        if self._has_index:
            if len(text) >= 3:  # trigrams: an indexed, case-insensitive substring match
                return (
                    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
                    ['"' + text.replace('"', '""') + '"'],
                )
            if "%" not in text and "_" not in text:
                return f"SELECT rowid FROM {FTS_TABLE} WHERE haystack LIKE ?", [f"%{text}%"]
        return (
            f"SELECT id FROM attempts WHERE ({haystack_sql()}) LIKE ? ESCAPE '\\'",
            [like_pattern(text)],
        )

    def _sort_key(self) -> str:
        key = COLUMNS[self._sort_column].key
        if key == "created_at":
            return "id"  # rows are inserted as they are created: the primary key is the order
        return "COALESCE(audience_id, '')" if key == "audience_id" else key

    def _query_batch(self) -> list[Attempt]:
        key = self._sort_key()
        direction, compare = ("DESC", "<") if self._descending else ("ASC", ">")
        clauses: list[str] = []
        params: list[Any] = []
        if self._filter:
            subquery, sub_params = self._matching_ids()
            if key == "id":  # page inside the index: only one batch of ids is ever read
                if self._cursor is not None:
                    subquery += f" AND rowid {compare} ?"
                    sub_params.append(self._cursor[1])
                subquery += f" ORDER BY rowid {direction} LIMIT {BATCH}"
            clauses.append(f"id IN ({subquery})")
            params += sub_params
        if self._cursor is not None:
            if key == "id":
                clauses.append(f"id {compare} ?")
                params.append(self._cursor[1])
            else:
                clauses.append(f"({key}, id) {compare} (?, ?)")
                params += list(self._cursor)
        where = " AND ".join(clauses) or "1"
        sql = select_sql(
            f"WHERE {where} ORDER BY {key} {direction}, id {direction} LIMIT ?",
            extra=f"{key} AS sort_key",
        )
        rows = self._db.execute(sql, [*params, BATCH]).fetchall()
        if len(rows) < BATCH:
            self._exhausted = True
        if rows:  # the cursor comes from what was read, never from rows changed since
            self._cursor = (rows[-1]["sort_key"], rows[-1]["row_id"])
        return [row_to_attempt(row) for row in rows]

    def _fetch_one(self, row_id: int) -> Attempt | None:
        """The attempt, if it passes the current filter."""
        sql, params = "WHERE id = ?", [row_id]
        if self._filter:
            subquery, sub_params = self._matching_ids()
            sql += f" AND id IN ({subquery})"
            params += sub_params
        row = self._db.execute(select_sql(sql), params).fetchone()
        return row_to_attempt(row) if row is not None else None
