"""The sandbox's audiences as a Qt table model: rows appended a page at a time.

The listing arrives from the server newest change first, 100 audiences a page; the model
appends each page as it comes (one ``beginInsertRows`` per page) and makes a row's texts
only when the view first paints it, so 5,000 audiences cost the event loop almost nothing.
Rows keep the server's order: sorting would reorder them under the user as pages arrive.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from audience_desktop.application import local_time

if TYPE_CHECKING:  # the sandbox's model loads with the first listing, not at start-up
    from audience_desktop.application import SandboxAudience

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_ROLES_ANSWERED = frozenset({_DISPLAY, _TOOLTIP, _ACCESSIBLE})

COLUMNS = (
    QT_TRANSLATE_NOOP("SandboxModel", "Name"),
    QT_TRANSLATE_NOOP("SandboxModel", "Kind"),
    QT_TRANSLATE_NOOP("SandboxModel", "audienceId"),
    QT_TRANSLATE_NOOP("SandboxModel", "id"),
    QT_TRANSLATE_NOOP("SandboxModel", "Namespace"),
    QT_TRANSLATE_NOOP("SandboxModel", "Origin name"),
    QT_TRANSLATE_NOOP("SandboxModel", "Description"),
    QT_TRANSLATE_NOOP("SandboxModel", "Created"),
    QT_TRANSLATE_NOOP("SandboxModel", "Updated"),
    QT_TRANSLATE_NOOP("SandboxModel", "Lifecycle"),
)
KIND_COLUMN = 1


def kind_text(audience: SandboxAudience) -> str:
    """External (made by a create call like this app's) or made in Experience Platform."""
    if audience.external:
        return QCoreApplication.translate("SandboxModel", "External")
    return QCoreApplication.translate("SandboxModel", "Platform")


def kind_tooltip(audience: SandboxAudience) -> str:
    if audience.external:
        return QCoreApplication.translate(
            "SandboxModel", "An external audience, created by a call like this app's"
        )
    return QCoreApplication.translate(
        "SandboxModel", "An audience defined in Experience Platform (a segment), not external"
    )


class SandboxModel(QAbstractTableModel):
    """Read-only rows of one listing, in the order the server sent them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SandboxAudience] = []
        self._texts: dict[int, tuple[str, ...]] = {}

    # -- the Qt model interface -------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == _DISPLAY and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("SandboxModel", COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called for every role of every visible cell: the roles answered are checked first.
        if role not in _ROLES_ANSWERED:
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._display(row)[column]
        if role == _TOOLTIP:
            audience = self._rows[row]
            if column == KIND_COLUMN:
                return kind_tooltip(audience)
            if column in (0, 6):  # names and descriptions elide: the tooltip shows them whole
                return self._display(row)[column] or None
        return None

    def _display(self, row: int) -> tuple[str, ...]:
        """The row's texts, made once, when the view first asks (only visible rows are)."""
        cached = self._texts.get(row)
        if cached is None:
            a = self._rows[row]
            cached = self._texts[row] = (
                a.name,
                kind_text(a),
                a.audience_id or "",
                a.id or "",
                a.namespace,
                a.origin_name,
                a.description,
                local_time(a.created) if a.created else "",
                local_time(a.updated) if a.updated else "",
                a.lifecycle,
            )
        return cached

    # -- our interface ----------------------------------------------------------------

    def set_audiences(self, audiences: Iterable[SandboxAudience]) -> None:
        """Show another listing (a cached one, or none to start loading)."""
        self.beginResetModel()
        self._rows = list(audiences)
        self._texts.clear()
        self.endResetModel()

    def append(self, audiences: Iterable[SandboxAudience]) -> None:
        """Add a page at the end, as it arrived."""
        batch = list(audiences)
        if not batch:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def remove(self, audience_id: str | None) -> bool:
        """Remove the audience with this system id (deleted); True when it was shown."""
        row = next((i for i, a in enumerate(self._rows) if a.id == audience_id), -1)
        if audience_id is None or row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._texts.clear()  # rows below move up by one
        self.endRemoveRows()
        return True

    def audience(self, row: int) -> SandboxAudience | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def audiences(self) -> list[SandboxAudience]:
        return list(self._rows)
