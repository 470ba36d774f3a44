"""Every styled text reads at WCAG AA (4.5:1) on a light and on a dark palette, and a real
window switched to a dark palette while it runs uses the dark colours (issue 9 item 7)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from audience_desktop.application import Status
from audience_desktop.localserver.server import LocalAepServer
from audience_desktop.ui.icons import status_icon
from audience_desktop.ui.style import Style, applied, is_dark, style_sheet
from tests.support.palettes import dark_palette
from tests.ui.conftest import OpenWindow

AA = 4.5
Role = QPalette.ColorRole


def light_palette(app: QApplication) -> QPalette:
    return app.style().standardPalette()


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("style", list(Style), ids=lambda s: s.name)
def test_every_text_reads_at_aa(style: Style, dark: bool, qapp: QApplication) -> None:
    palette = dark_palette() if dark else light_palette(qapp)
    assert is_dark(palette) is dark
    colours = style.value.colours(dark)
    background = QColor(colours.background or palette.color(Role.Window))
    ratio = contrast(QColor(colours.text), background)
    assert ratio >= AA, f"{style.name} ({'dark' if dark else 'light'}): {ratio:.2f}:1"
    assert colours.text in style_sheet(style, dark)


@pytest.fixture
def switch_palette(qapp: QApplication) -> Iterator[None]:
    """The application's palette goes dark for the test, and back afterwards."""
    before = QApplication.palette()
    yield
    QApplication.setPalette(before)


def styled(label: QLabel, style: Style, dark: bool) -> None:
    """``label`` carries ``style``'s sheet for ``dark`` and its text colour is drawn."""
    assert applied(label) is style, label.objectName()
    assert label.styleSheet() == style_sheet(style, dark), label.objectName()


def test_a_window_turns_dark_with_its_palette(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    switch_palette: None, qapp: QApplication,
) -> None:  # fmt: skip
    window = open_window()
    window.form.name_edit.setText("x" * 400)  # too long: the form's message shows
    window.status.show_error("Something failed", "")
    window.history_problem.show_problem("The history is damaged", can_fix=True)
    labels = {
        window.form._messages["name"]: Style.ERROR,
        window.status.label: Style.ERROR,
        window.demo_banner: Style.INFO_BANNER,
        window.history_problem.label: Style.WARNING_BANNER,
        window.profile_bar.sandbox_label: Style.PRODUCTION_BADGE,
    }
    for label, style in labels.items():
        styled(label, style, dark=False)
    QApplication.setPalette(dark_palette())
    qtbot.wait(50)
    for label, style in labels.items():
        styled(label, style, dark=True)
    badge = window.profile_bar.sandbox_label.grab().toImage()
    assert badge.pixelColor(4, badge.height() // 2) == QColor(
        Style.PRODUCTION_BADGE.value.dark.background
    )
    QApplication.setPalette(light_palette(qapp))
    qtbot.wait(50)
    for label, style in labels.items():
        styled(label, style, dark=False)


@pytest.mark.parametrize("status", list(Status))
def test_status_icons_stand_out_on_a_dark_base_and_on_the_selection(
    status: Status, qapp: QApplication
) -> None:
    """WCAG asks 3:1 for graphics: the icon's outer ring against what it is drawn on."""
    image = status_icon(status, 16).pixmap(QSize(16, 16), 2.0).toImage()
    ring = image.pixelColor(image.width() // 2, 1)  # the top of the circle
    dark = dark_palette()
    for background in (dark.color(Role.Base), dark.color(Role.Highlight),
                       light_palette(qapp).color(Role.Highlight)):  # fmt: skip
        assert contrast(ring, background) >= 3.0, (status, ring.name(), background.name())
