"""Under a French locale the window reports the core's failures in French, not only its buttons.

Bad input, an HTML 502, a refused repeat and a wrong secret: each read in French in the
status area (and its details), as a French analyst sees them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from audience_desktop.application import Profile, Status, app_paths, use_languages
from audience_desktop.core import credentials
from audience_desktop.core.profiles import ProfileStore
from audience_desktop.localserver.server import Fault, LocalAepServer
from audience_desktop.ui.bootstrap import install_translations
from tests.ui.conftest import ORG, OpenWindow, create, demo_server, fill

# pytest-qt's qtbot fixtures come from conftest (server: a built-in server knowing
# "dialog-client" with SECRET).


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    translators = install_translations(
        qapp, QLocale(QLocale.Language.French, QLocale.Country.France)
    )
    assert translators, "the French .qm file is missing"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    use_languages(["en"])


def plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_bad_input_and_a_refused_repeat_in_french(
    french: None, qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(demo=True)
    fill(qtbot, window, "   ")
    message = window.findChild(QLabel, "nameEditMessage")
    assert message.text() == "Ce champ ne peut pas contenir uniquement des espaces."
    create(qtbot, window, "Acheteurs ete")
    fill(qtbot, window, "Acheteurs ete")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "déjà été créée" in window.status.text(), timeout=10_000)
    text = plain(window.status.text())
    assert "Rien n'a été envoyé" in text and "already" not in text


def test_an_html_502_in_french(french: None, qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window(demo=True)
    demo_server(window).inject(Fault.html_502())
    create(qtbot, window, "Passerelle", Status.UNKNOWN)
    qtbot.waitUntil(lambda: window.status.text() != "" and not window.status.busy())
    summary, details = plain(window.status.text()), plain(window.status.failure().text())
    assert "Adobe" in summary and "answer" not in summary
    assert "passerelle" in details and "502" in details and "<html" not in details
    assert "gateway" not in details


def test_a_wrong_secret_in_french(
    french: None, qtbot: QtBot, open_window: OpenWindow, server: LocalAepServer
) -> None:
    credentials.set_secret("live", credentials.SecretKind.CLIENT_SECRET, "not-the-secret")
    ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(name="live", org_id=ORG, client_id="dialog-client", sandbox="dev",
                sandbox_type="development", platform_url=server.url, ims_url=server.ims_url)
    )  # fmt: skip
    window = open_window()
    fill(qtbot, window, "Mauvais secret")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "secret client" in window.status.text(), timeout=10_000)
    text = plain(window.status.text())
    assert "Adobe n'a pas accepté" in text and "did not accept" not in text
