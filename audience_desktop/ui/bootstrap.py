"""The one GUI start-up, shared by the app and the smoke test, and its ordered tear-down.

``create_application`` makes and names the QApplication and installs the translations
(Qt's for the widgets, the core's gettext catalogue for its messages, both in Qt's idea of
the user's languages); ``open_gui`` opens the workspace (the facade composes real or demo
mode) and builds the window; ``Gui.close`` undoes it all in an order that never leaves a
Qt object to Python's final garbage collection.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from audience_desktop import APP_NAME, __version__
from audience_desktop.application import AppPaths, Workspace, open_workspace, setup_logging
from audience_desktop.application import use_languages as use_core_languages
from audience_desktop.resources import resource_path

# The interpreter's GIL switch interval while the window runs (Python's default: 5 ms). The
# lanes' threads run Python (reading an answer, checking 100 audiences of a page), and each
# time the GUI thread enters Python (a slot, a model's ``data()``) while one of them does, it
# waits for the GIL up to this long, twice or more per event: 5 ms made 10-20 ms stalls.
GIL_SWITCH_INTERVAL = 0.001

if TYPE_CHECKING:
    from audience_desktop.ui.main_window import MainWindow


def create_application(argv: Sequence[str] | None = None) -> tuple[QApplication, bool]:
    """The QApplication (made here unless one exists), and whether it was made here."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing, False
    app = QApplication(list(argv) if argv else [sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    return app, True


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Speak ``locale``'s language (default: the system's) in the widgets and the core.

    Qt's translators cover the window; ``use_languages`` points the core's catalogue at
    the same languages, so an error from the core reads in the window's language.
    """
    locale = locale or QLocale.system()
    use_core_languages([language.replace("-", "_") for language in locale.uiLanguages()])
    installed = []
    for directory, name in (
        (str(resource_path("translations")), APP_NAME),
        (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase"),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


@dataclass
class Gui:
    """A running window on its workspace; ``close`` tears both down, in order."""

    app: QApplication
    workspace: Workspace
    window: MainWindow
    owns_app: bool
    translators: list[QTranslator] = field(default_factory=list)
    closed: bool = False

    def close(self) -> None:
        """Close the window (without asking), then the workspace, then Qt.

        The window goes first (it stops its lanes and saves its settings), the workspace
        next (its history and the demo server), and the Qt objects are deleted while Qt is
        still alive rather than in Python's final collection.
        """
        if self.closed:
            return
        self.closed = True
        self.window.force_close()
        self.workspace.close()
        from PySide6.QtCore import QEvent  # its type and enums are not made at start-up

        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del self.window
        for translator in self.translators:
            self.app.removeTranslator(translator)
        self.translators.clear()
        gc.unfreeze()  # the window froze what start-up made: let the collector see it again
        gc.collect()
        if self.owns_app:
            self.app.shutdown()


def open_gui(
    app: QApplication,
    paths: AppPaths | None = None,
    *,
    demo: bool = False,
    owns_app: bool = True,
    translators: list[QTranslator] | None = None,
) -> Gui:
    """Log to the app's folder, open the workspace and build the window (not shown yet)."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    workspace = open_workspace(paths, demo=demo)
    setup_logging(workspace.paths)
    from audience_desktop.ui.main_window import MainWindow

    try:
        window = MainWindow(workspace)
    except BaseException:
        workspace.close()
        raise
    return Gui(app, workspace, window, owns_app, translators or [])


def start(argv: Sequence[str] | None = None, *, demo: bool = False) -> Gui:
    """Everything the app does before showing its window."""
    app, owns_app = create_application(argv)
    translators = install_translations(app)
    return open_gui(app, demo=demo, owns_app=owns_app, translators=translators)
