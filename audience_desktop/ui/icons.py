"""Icons drawn in code: the same on every platform and theme, with text beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from audience_desktop.application import Status
from audience_desktop.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

RING = 0.09  # of the icon's size: about 1.5 px at 16 px

_COLORS = {
    Status.SUCCEEDED: "#1f8f4e",
    Status.FAILED: "#c62828",
    Status.UNKNOWN: "#d9822b",
    Status.PENDING: "#1e6fd9",
}


def app_icon() -> QIcon:
    """The application icon: the rendered PNG sizes, or the SVG when they are missing.

    PNGs first because reading the SVG loads Qt's SVG plugin and library at start-up. The
    sizes are the bundle's (``WINDOW_ICON_SIZES``): X11 hands every size to the window manager,
    and launchers take the 512 px one from the installed files, not from the window.
    """
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = resource_path(f"icons/{size}x{size}/audience-desktop.png")
        if png.is_file():
            icon.addFile(str(png))
    return icon if not icon.isNull() else QIcon(str(resource_path("audience-desktop.svg")))


def status_icon(status: Status, size: int = 16) -> QIcon:
    """A coloured disc in a white ring, with a mark: check, cross, question mark or dots.

    QtGui's painting classes are imported here, on first use, not at start-up: creating
    their Python wrappers costs tens of milliseconds.
    """
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x so it stays crisp on high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size * 2)
    painter.setPen(Qt.PenStyle.NoPen)
    # A white ring first: the disc stands out at 3:1 or more on a dark base and on the
    # selection's highlight too (WCAG's contrast for graphics), not only on white.
    painter.setBrush(QColor("white"))
    painter.drawEllipse(QRectF(0, 0, s, s))
    ring = s * RING
    painter.setBrush(QColor(_COLORS[status]))
    painter.drawEllipse(QRectF(ring, ring, s - 2 * ring, s - 2 * ring))
    pen = QPen(QColor("white"))
    pen.setWidthF(s / 9)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if status is Status.SUCCEEDED:
        path = QPainterPath(QPointF(s * 0.28, s * 0.52))
        path.lineTo(QPointF(s * 0.44, s * 0.68))
        path.lineTo(QPointF(s * 0.72, s * 0.34))
        painter.drawPath(path)
    elif status is Status.FAILED:
        painter.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
        painter.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
    elif status is Status.UNKNOWN:
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(int(s * 0.7))
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter, "?")
    else:
        painter.setBrush(QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        for x in (0.3, 0.5, 0.7):
            painter.drawEllipse(QPointF(s * x, s * 0.5), s * 0.06, s * 0.06)
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    return QIcon(pixmap)
