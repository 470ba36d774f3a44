"""The window speaks French when the system does: widgets through Qt, core messages too."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from audience_desktop.application import use_languages
from audience_desktop.ui.bootstrap import install_translations
from tests.ui.conftest import OpenWindow


def test_french_window(qtbot: QtBot, qapp: QApplication, open_window: OpenWindow) -> None:
    translators = install_translations(
        qapp, QLocale(QLocale.Language.French, QLocale.Country.France)
    )
    try:
        assert translators, "the French .qm file is missing from resources/translations"
        window = open_window(demo=True)
        assert window.create_button.text() == "&Créer"
        assert window.history.model.headerData(0, Qt.Orientation.Horizontal, 0) == "Statut"
        assert "Mode démo" in window.demo_banner.text()
        # The core's messages follow the window's language (install_translations told it).
        qtbot.keyClicks(window.form.name_edit, "   ")
        message = window.findChild(QLabel, "nameEditMessage")
        assert message.text() == "Ce champ ne peut pas contenir uniquement des espaces."
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        use_languages([])  # back to English for the other tests
