"""How big the main window may get small, and how big it opens without a saved geometry.

The minimum keeps the window usable: the sandbox badge whole and at least one history row
in view, in every language (the layout's own minimum covers the longer French labels; the
floor keeps the history in view). Without a saved geometry the window opens at a
comfortable size, but never larger than most of the screen: at 2x scale a 1920x1080 screen
is 960x540 to Qt, and a fixed 900x680 would not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QTableView, QWidget

FLOOR = QSize(600, 420)
COMFORTABLE = QSize(900, 680)
SCREEN_SHARE = 0.9  # of the screen's available area, at most


def keep_minimum_size(window: QWidget, history: QTableView) -> None:
    """Give ``history`` room for one row, and keep ``window``'s minimum at the larger of the
    floor and what its layout needs, as bars and messages come and go."""
    history.setMinimumHeight(one_row_height(history))
    _MinimumKeeper(window)


def one_row_height(view: QTableView) -> int:
    """The height a table needs to show its header, one row and a horizontal scroll bar."""
    return (
        view.horizontalHeader().sizeHint().height()
        + max(view.verticalHeader().defaultSectionSize(), view.sizeHintForRow(0))
        + view.horizontalScrollBar().sizeHint().height()
        + 2 * view.frameWidth()
    )


class _MinimumKeeper(QObject):
    """Sets the window's minimum again each time its layout is asked to change."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)
        self.update()

    def update(self) -> None:
        window = self._window
        window.ensurePolished()
        layout = window.layout()
        needed = layout.totalMinimumSize() if layout is not None else window.minimumSizeHint()
        window.setMinimumSize(needed.expandedTo(FLOOR))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.update()
        return False


def default_size(available: QSize, minimum: QSize) -> QSize:
    """The comfortable size, within ``SCREEN_SHARE`` of ``available``, never below ``minimum``."""
    share = QSize(int(available.width() * SCREEN_SHARE), int(available.height() * SCREEN_SHARE))
    return COMFORTABLE.boundedTo(share).expandedTo(minimum)


def opening_size(window: QWidget) -> QSize:
    """``default_size`` on the screen the window opens on."""
    screen = window.screen()
    available = screen.availableGeometry().size() if screen is not None else COMFORTABLE
    return default_size(available, window.minimumSize())
