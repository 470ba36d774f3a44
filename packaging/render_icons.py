"""Render the app icon from resources/audience-desktop.svg into every format a platform wants.

Writes (all committed, so a build needs neither this script nor Pillow):
- resources/icons/<N>x<N>/audience-desktop.png for N in SIZES (Linux hicolor theme, the
  window icon);
- resources/icons/audience-desktop.ico (Windows executable icon, 16-256 px);
- resources/icons/audience-desktop.icns (macOS bundle icon, 16-1024 px).

Run after changing the SVG: ``python packaging/render_icons.py`` (needs the ``build`` extra:
Pillow). PNGs are drawn by Qt's own SVG renderer, offscreen, so no display is needed.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "audience-desktop.svg"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
NAME = "audience-desktop"


def png_path(size: int, icons: Path = ICONS) -> Path:
    return icons / f"{size}x{size}" / f"{NAME}.png"


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The SVG drawn at ``size`` x ``size`` with transparency, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def render_all(icons: Path = ICONS, svg: Path = SVG) -> list[Path]:
    """Write every PNG, the .ico and the .icns; returns the files that changed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    changed: list[Path] = []
    rendered = {size: render_png(size, svg) for size in sorted({*SIZES, *ICNS_SIZES})}
    for size in SIZES:
        if _write_if_changed(png_path(size, icons), rendered[size]):
            changed.append(png_path(size, icons))

    from PIL import Image

    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in rendered.items()}
    ico = io.BytesIO()
    images[256].save(
        ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )  # fmt: skip
    icns = io.BytesIO()
    images[1024].save(icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES[:-1]])
    for name, data in ((f"{NAME}.ico", ico.getvalue()), (f"{NAME}.icns", icns.getvalue())):
        if _write_if_changed(icons / name, data):
            changed.append(icons / name)
    del app
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    changed = render_all()
    for path in changed:
        print(f"wrote {path.relative_to(ROOT)}")
    if not changed:
        print("icons are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
