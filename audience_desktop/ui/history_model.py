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
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from audience_desktop.core.history import Attempt, Status, row_to_attempt, select_sql
from audience_desktop.ui.icons import status_icon

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

BATCH = 200
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str  # the SQL column
    title: str  # untranslated; translated when shown


COLUMNS = (
    Column("status", "Status"),
    Column("created_at", "Created"),
    Column("name", "Name"),
    Column("namespace", "Namespace"),
    Column("origin_name", "Origin name"),
    Column("sandbox", "Sandbox"),
    Column("audience_id", "audienceId"),
)
_SEARCHED = (
    "name", "namespace", "origin_name", "description", "sandbox", "profile", "status",
    "audience_id", "aep_id", "request_id", "error_code",
)  # fmt: skip
_HAYSTACK = " || char(31) || ".join(f"COALESCE({c}, '')" for c in _SEARCHED)


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

    AttemptRole = Qt.ItemDataRole.UserRole + 1

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
        self._closed = False

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        attempt = self._rows[index.row()]
        key = COLUMNS[index.column()].key
        if role == self.AttemptRole:
            return attempt
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return status_text(attempt.status)
            if key == "created_at":
                return attempt.created_at[:19].replace("T", " ")
            return getattr(attempt, key) or ""
        if role == Qt.ItemDataRole.DecorationRole and key == "status":
            if attempt.status not in self._icons:
                self._icons[attempt.status] = status_icon(attempt.status)
            return self._icons[attempt.status]
        if role == Qt.ItemDataRole.ToolTipRole and key in ("status", "name"):
            return attempt.error or None
        if role == Qt.ItemDataRole.AccessibleTextRole and key == "status":
            return status_text(attempt.status)
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._closed:
            return
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

    @property
    def filter_text(self) -> str:
        return self._filter

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
        """An attempt was added or changed: update it in place or insert it at the top."""
        if self._closed:
            return
        fresh = self._fetch_one(row_id)
        if fresh is None:
            return
        row = self.row_of(row_id)
        if row >= 0:
            self._rows[row] = fresh
            last = self.index(row, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(row, 0), last)
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, fresh)
        self._ids.add(row_id)
        self.endInsertRows()

    # -- SQL --------------------------------------------------------------------------

    def _where(self) -> tuple[str, list[Any]]:
        if not self._filter:
            return "1", []
        return f"({_HAYSTACK}) LIKE ? ESCAPE '\\'", [like_pattern(self._filter)]

    def _query_batch(self) -> list[Attempt]:
        key = COLUMNS[self._sort_column].key
        direction, compare = ("DESC", "<") if self._descending else ("ASC", ">")
        where, params = self._where()
        if self._rows:
            last = self._rows[-1]
            where += f" AND (COALESCE({key}, ''), id) {compare} (?, ?)"
            params += [getattr(last, key) or "", last.row_id]
            if isinstance(params[-2], Status):
                params[-2] = params[-2].value
        sql = select_sql(
            f"WHERE {where} ORDER BY COALESCE({key}, '') {direction}, id {direction} LIMIT ?"
        )
        rows = self._db.execute(sql, [*params, BATCH]).fetchall()
        if len(rows) < BATCH:
            self._exhausted = True
        return [row_to_attempt(row) for row in rows]

    def _fetch_one(self, row_id: int) -> Attempt | None:
        where, params = self._where()
        row = self._db.execute(
            select_sql(f"WHERE id = ? AND {where}"), [row_id, *params]
        ).fetchone()
        return row_to_attempt(row) if row is not None else None
