"""The few styles the window uses, each a light and a dark pair of colours, chosen per palette.

A fixed colour cannot be read on both a light and a dark desktop (the old error red was
2.3:1 on a dark window), so each kind has a pair, every text at WCAG AA (4.5:1) on its own
background or, without one, on the palette's Window colour. ``apply_style`` picks the pair from
the palette around the widget and remembers the kind: when the palette changes while the
app runs (a desktop switching to dark), the widget is styled again.

Red is for errors and production, green for a safe sandbox, blue for information.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

KIND_PROPERTY = "audienceStyle"


@dataclass(frozen=True)
class Colours:
    """A text colour and its background (``None``: the palette's Window colour shows)."""

    text: str
    background: str | None = None


@dataclass(frozen=True)
class Kind:
    light: Colours
    dark: Colours
    rules: str = ""  # what does not depend on the palette: padding, weight, border
    badge: bool = False  # takes the keyboard focus, shown by a border in the text's colour

    def colours(self, dark: bool) -> Colours:
        return self.dark if dark else self.light


# A badge can take the keyboard focus: its border shows it, in the text's colour, and is
# there (transparent) all the time so that focusing it moves nothing.
_BADGE = "padding: 3px 6px; border-radius: 4px; border: 2px solid transparent;"


class Style(Enum):
    """What a label says: its kind of news, not its colours."""

    ERROR = Kind(Colours("#b71c1c"), Colours("#ffb4ab"))
    INFO_BANNER = Kind(
        Colours("#0b3d91", "#e3f0ff"), Colours("#cfe3ff", "#0d2a4d"),
        "padding: 6px; border-radius: 4px;",
    )  # fmt: skip
    WARNING_BANNER = Kind(
        Colours("#8a1c1c", "#fdecea"), Colours("#ffd6d2", "#4a1515"),
        "padding: 8px; border-radius: 4px;",
    )  # fmt: skip
    PRODUCTION_BADGE = Kind(
        Colours("#ffffff", "#b71c1c"), Colours("#410002", "#ffb4ab"),
        "font-weight: bold; " + _BADGE, badge=True,
    )  # fmt: skip
    SAFE_BADGE = Kind(
        Colours("#ffffff", "#2e7d32"), Colours("#0a2e0c", "#a5d6a7"), _BADGE, badge=True
    )


def is_dark(palette: QPalette) -> bool:
    """A dark palette: its Window colour is closer to black than to white."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def surrounding_palette(widget: QWidget) -> QPalette:
    """The palette around ``widget``: its parent's, else the application's.

    Not the widget's own: a style sheet rewrites that one with the style's own colours.
    """
    parent = widget.parentWidget()
    return parent.palette() if parent is not None else QApplication.palette(widget)


def style_sheet(style: Style, dark: bool, selector: str = "QLabel") -> str:
    """The sheet for a ``selector`` widget (a label, or a combo box showing a sandbox)."""
    colours = style.value.colours(dark)
    background = f" background: {colours.background};" if colours.background else ""
    focus = f" {selector}:focus {{ border-color: {colours.text}; }}" if style.value.badge else ""
    return f"{selector} {{ color: {colours.text};{background} {style.value.rules} }}{focus}"


def text_colour(style: Style, palette: QPalette) -> QColor:
    """The style's text colour on ``palette`` (for item views, which take colours, not sheets)."""
    return QColor(style.value.colours(is_dark(palette)).text)


def applied(widget: QWidget) -> Style | None:
    """The style ``apply_style`` last gave ``widget`` (``None``: none)."""
    name = widget.property(KIND_PROPERTY)
    return Style[name] if name else None


def apply_style(widget: QWidget, style: Style | None) -> None:
    """Style ``widget`` as ``style`` (``None``: plain) in the pair its palette calls for,
    and again whenever that palette changes."""
    widget.setProperty(KIND_PROPERTY, style.name if style else "")
    keeper = widget.findChild(_Restyler, _Restyler.NAME)
    if keeper is None and style is not None:
        keeper = _Restyler(widget)
    if keeper is not None:
        keeper.restyle(force=True)


class _Restyler(QObject):
    """Watches one styled widget and its parent, and styles it again when light turns dark.

    The parent is the one watched for palette changes: a widget with a style sheet has a
    palette of its own, so a new application palette never reaches it as an event.
    """

    NAME = "audienceStyleRestyler"
    WATCHED = (
        QEvent.Type.PaletteChange,
        QEvent.Type.ApplicationPaletteChange,
        QEvent.Type.ParentChange,
    )

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName(self.NAME)
        self._widget = widget
        self._parent: QWidget | None = None
        self._dark: bool | None = None
        self._pending = False
        widget.installEventFilter(self)
        self._watch_parent()

    def _watch_parent(self) -> None:
        parent = self._widget.parentWidget()
        if parent is self._parent:
            return
        if self._parent is not None:
            self._parent.removeEventFilter(self)
        self._parent = parent
        if parent is not None:
            parent.installEventFilter(self)

    def restyle(self, force: bool = False) -> None:
        style = applied(self._widget)
        dark = is_dark(surrounding_palette(self._widget))
        if not force and dark == self._dark:
            return  # also ends the loop: a style sheet's own palette change lands here
        self._dark = dark
        selector = self._widget.metaObject().className()
        self._widget.setStyleSheet(style_sheet(style, dark, selector) if style else "")

    def _restyle_later(self) -> None:
        self._pending = False
        self._watch_parent()
        self.restyle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Later, once: the event comes before the parent has resolved its new palette, and
        # one change arrives as several events.
        if event.type() in self.WATCHED and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._restyle_later)
        return False
