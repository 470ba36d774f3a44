"""The window speaks French when the system does: every string goes through tr()."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from audience_desktop.app import build_window, install_translations
from audience_desktop.core.paths import app_paths


def test_french_window(qtbot: QtBot, qapp: QApplication) -> None:
    translators = install_translations(
        qapp, QLocale(QLocale.Language.French, QLocale.Country.France)
    )
    try:
        assert translators, "the French .qm file is missing from resources/translations"
        window, server = build_window(app_paths().ensure(), demo=True)
        qtbot.addWidget(window)
        assert window.create_button.text() == "&Créer"
        assert window.history_model.headerData(0, Qt.Orientation.Horizontal, 0) == "Statut"
        assert "Mode démo" in window.demo_banner.text()
        window.close()
        server.stop()
        window.workspace.history.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
