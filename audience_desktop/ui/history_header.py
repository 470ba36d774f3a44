"""The history's column header: the audienceId kept whole, widths and order remembered,
and a sort arrow that points the way the rows go.

The audienceId is what the analyst came for, so its column is as wide as a real id and the
Name column takes what is left (names elide, ids do not). Widths and order are saved in the
window's settings with the columns they were made for: a state saved by another version, or
damaged, is ignored and the defaults are used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QStyleOptionHeader, QWidget

from audience_desktop.application import Status, local_time
from audience_desktop.ui.history_model import COLUMNS, status_text

if TYPE_CHECKING:
    from PySide6.QtGui import QFontMetrics

STATE_KEY = "history/headerState"
COLUMNS_KEY = "history/headerColumns"  # which columns the saved state describes
SAMPLE_ID = "21426035-6638-4cbb-9a8e-0e2b5c3f7d41"  # ids are UUIDs: 36 characters
SAMPLE_TIME = "2026-11-29T23:59:59+00:00"
PADDING = 24  # cell margins, the focus frame and a little air
MIN_WIDTH, MAX_WIDTH = 16, 4000  # a restored width outside these is damage
NAME = next(i for i, c in enumerate(COLUMNS) if c.key == "name")
AUDIENCE_ID = next(i for i, c in enumerate(COLUMNS) if c.key == "audience_id")
_FIXED = {"namespace": 110, "origin_name": 120, "sandbox": 100}
_FLIPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


def id_column_width(metrics: QFontMetrics) -> int:
    """A column that shows a whole audienceId (every table that lists them uses this)."""
    return metrics.horizontalAdvance(SAMPLE_ID) + PADDING


def columns_signature() -> str:
    return ",".join(column.key for column in COLUMNS)


class HistoryHeader(QHeaderView):
    """Horizontal header of the history table; sections can be moved and resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("historyHeader")
        self.setSectionsClickable(True)
        self.setSectionsMovable(True)
        self.setHighlightSections(True)

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logicalIndex: int) -> None:
        """Qt draws descending order as an up arrow; people read ▲ as ascending (A to Z,
        oldest first) and ▼ as descending, as Windows, macOS and the web show them."""
        super().initStyleOptionForIndex(option, logicalIndex)
        option.sortIndicator = _FLIPPED.get(option.sortIndicator, option.sortIndicator)

    def default_widths(self) -> dict[int, int]:
        """Widths for every column but Name (which stretches), from the font in use."""
        metrics = self.fontMetrics()
        widths: dict[int, int] = {}
        for column, spec in enumerate(COLUMNS):
            if spec.key == "audience_id":
                text_width = metrics.horizontalAdvance(SAMPLE_ID)
            elif spec.key == "status":
                text_width = max(metrics.horizontalAdvance(status_text(s)) for s in Status) + 20
            elif spec.key == "created_at":
                text_width = metrics.horizontalAdvance(local_time(SAMPLE_TIME))
            else:
                text_width = _FIXED.get(spec.key, 100) - PADDING
            title = metrics.horizontalAdvance(self.model().headerData(column, self.orientation()))
            widths[column] = max(text_width, title + 16) + PADDING  # the title and its arrow
        widths.pop(NAME)
        return widths

    def apply_defaults(self) -> None:
        """The defaults: the id right after the name (so it stays in view when the window
        is narrow, at 2x scale say), the id's width, Name taking the rest."""
        for logical in range(self.count()):
            self.showSection(logical)
            if self.visualIndex(logical) != logical:
                self.moveSection(self.visualIndex(logical), logical)
        self.moveSection(self.visualIndex(AUDIENCE_ID), self.visualIndex(NAME) + 1)
        self.setStretchLastSection(False)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in self.default_widths().items():
            self.resizeSection(column, width)
        self.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)

    def save(self, settings: QSettings) -> None:
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(COLUMNS_KEY, columns_signature())

    def restore(self, settings: QSettings) -> bool:
        """Widths and order as saved; False (and the defaults) when there is nothing usable."""
        state = settings.value(STATE_KEY)
        if settings.value(COLUMNS_KEY) != columns_signature() or not isinstance(
            state, QByteArray | bytes
        ):
            self.apply_defaults()
            return False
        sorted_by = (self.sortIndicatorSection(), self.sortIndicatorOrder())
        if not (self.restoreState(QByteArray(state)) and self._plausible()):
            self.apply_defaults()
            self.setSortIndicator(*sorted_by)
            return False
        self.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        return True

    def _plausible(self) -> bool:
        """Every column present, shown and of a sane width (the state was not edited badly)."""
        return self.count() == len(COLUMNS) and all(
            not self.isSectionHidden(c)
            and (c == NAME or MIN_WIDTH <= self.sectionSize(c) <= MAX_WIDTH)
            for c in range(self.count())
        )
