"""The GUI front end (``audience-desktop``): QApplication, the main window, demo mode.

Start-up imports only Qt and the light parts of the core; httpx and keyring are imported
on the worker thread when the first network or keyring call runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import TracebackType

from audience_desktop import APP_NAME, __version__

log = logging.getLogger("audience_desktop")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Create AEP external audiences.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="use a built-in local server (no Adobe account)"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation end to end, print one JSON line and exit",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke_test:  # before any QApplication: it picks its own platform
        from audience_desktop.smoke import run_smoke_test

        return run_smoke_test()
    from PySide6.QtWidgets import QApplication

    from audience_desktop.core.logs import setup_logging
    from audience_desktop.core.paths import app_paths

    paths = app_paths().ensure()
    setup_logging(paths)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    install_translations(app)
    window, server = build_window(paths, demo=args.demo)
    sys.excepthook = _excepthook
    window.show()
    try:
        return app.exec()
    finally:
        if server is not None:
            server.stop()
        window.workspace.history.close()
        _tear_down(app, window)


def _tear_down(app, window) -> None:  # type: ignore[no-untyped-def]
    """Delete Qt objects while Qt is still alive, in a known order, not in the final GC."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del window
    gc.collect()
    app.shutdown()


def build_window(paths, demo: bool = False):  # type: ignore[no-untyped-def]
    """The main window wired to the history and the profiles (and the demo server)."""
    from PySide6.QtCore import QSettings

    from audience_desktop.core.history import History
    from audience_desktop.core.workspace import Workspace
    from audience_desktop.ui.main_window import HistorySignals, MainWindow

    signals = HistorySignals()
    server = None
    if demo:
        from audience_desktop.demo import (
            demo_client,
            demo_history_path,
            demo_profile,
            start_demo_server,
        )

        # The demo server forgets everything when it stops: so does the demo's history.
        history = History(demo_history_path(), on_change=signals.changed.emit)
        server = start_demo_server()
        profile = demo_profile(server)
        workspace = Workspace(paths, history, demo_client, fixed_profiles={profile.name: profile})
    else:
        history = History(paths.history_db, on_change=signals.changed.emit)
        workspace = Workspace(paths, history)
    settings = QSettings(str(paths.config_dir / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings, signals, demo=demo)
    signals.setParent(window)
    window.demo_server = server  # type: ignore[attr-defined]
    return window, server


def install_translations(app, locale=None) -> list:  # type: ignore[no-untyped-def]
    """Load the app's and Qt's translations for ``locale`` (default: the system's)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from audience_desktop.resources import resource_path

    locale = locale or QLocale.system()
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


def _excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An uncaught exception goes to the log and a short dialog; the app keeps running."""
    log.critical("Uncaught exception", exc_info=(kind, error, trace))
    if sys.stderr is not None:  # a windowed build has no console
        print(f"audience-desktop: unexpected {kind.__name__}; see the log", file=sys.stderr)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QApplication.translate("App", "Unexpected error"))
    box.setText(
        QApplication.translate(
            "App",
            "Something unexpected went wrong. Nothing you created is lost: every attempt is in "
            "the history. The details are in the log (Help ▸ Open Log Folder).",
        )
    )
    box.exec()
