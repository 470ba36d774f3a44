"""A dark palette, for the contrast tests and the README's dark screenshots."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

Role = QPalette.ColorRole


def dark_palette() -> QPalette:
    """A dark palette as Fusion dark themes build it (Qt's own "dark Fusion" recipe)."""
    palette = QPalette()
    for role, rgb in (
        (Role.Window, (53, 53, 53)), (Role.WindowText, (255, 255, 255)),
        (Role.Base, (42, 42, 42)), (Role.AlternateBase, (66, 66, 66)),
        (Role.ToolTipBase, (53, 53, 53)), (Role.ToolTipText, (255, 255, 255)),
        (Role.Text, (255, 255, 255)), (Role.Button, (53, 53, 53)),
        (Role.ButtonText, (255, 255, 255)), (Role.BrightText, (255, 0, 0)),
        (Role.Link, (42, 130, 218)), (Role.Highlight, (42, 130, 218)),
        (Role.HighlightedText, (0, 0, 0)), (Role.PlaceholderText, (160, 160, 160)),
    ):  # fmt: skip
        palette.setColor(role, QColor(*rgb))
    disabled = QPalette.ColorGroup.Disabled  # greyed out, as dark themes draw what is off
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(disabled, role, QColor(127, 127, 127))
    return palette
