"""How big the main window may get small, and how big it opens without a saved geometry.

The minimum keeps the window usable: the sandbox badge whole and at least one history row
in view, in every language (the layout's own minimum covers the longer French labels; the
floor keeps the history in view). Without a saved geometry the window opens at a
comfortable size, but never larger than most of the screen: at 2x scale a 1920x1080 screen
is 960x540 to Qt, and a fixed 900x680 would not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

FLOOR = QSize(600, 420)
COMFORTABLE = QSize(900, 680)
SCREEN_SHARE = 0.9  # of the screen's available area, at most


def minimum_size(window: QWidget) -> QSize:
    """The larger of the floor and what the window's layout needs, once polished."""
    window.ensurePolished()
    return window.minimumSizeHint().expandedTo(FLOOR)


def default_size(available: QSize, minimum: QSize) -> QSize:
    """The comfortable size, within ``SCREEN_SHARE`` of ``available``, never below ``minimum``."""
    share = QSize(int(available.width() * SCREEN_SHARE), int(available.height() * SCREEN_SHARE))
    return COMFORTABLE.boundedTo(share).expandedTo(minimum)


def opening_size(window: QWidget) -> QSize:
    """``default_size`` on the screen the window opens on."""
    screen = window.screen()
    available = screen.availableGeometry().size() if screen is not None else COMFORTABLE
    return default_size(available, window.minimumSize())
