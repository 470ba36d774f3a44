"""The GUI front end (``audience-desktop``): arguments, then the shared GUI start-up.

Start-up imports only Qt and the light parts of the core; httpx and keyring are imported
on a worker thread when the first network or keyring call runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import TracebackType

from audience_desktop import APP_NAME, __version__

log = logging.getLogger("audience_desktop")


# Qt's own command-line options (QApplication's and QGuiApplication's documentation): these
# take a value (``-style Fusion`` or ``-style=Fusion``) ...
QT_OPTIONS_WITH_VALUE = frozenset({
    "style", "stylesheet", "platform", "platformpluginpath", "platformtheme", "plugin",
    "qwindowgeometry", "qwindowicon", "qwindowtitle", "session", "display", "geometry",
})  # fmt: skip
# ... these take none, and these are only ever written ``-name=value``.
QT_FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync"})
QT_OPTIONS_WITH_EQUALS = ("qmljsdebugger=", "dialogs=", "fontengine=", "darkmode=")


def split_qt_args(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``argv`` as (ours, Qt's): Qt's documented options (``-x`` or ``--x``) with their
    values go to QApplication, everything else to our parser, which still refuses a
    misspelt option of ours. Nothing after ``--`` is Qt's."""
    ours: list[str] = []
    qt: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--":
            ours.extend([arg, *args])
            break
        name = arg.removeprefix("-").removeprefix("-") if arg.startswith("-") else ""
        if name in QT_OPTIONS_WITH_VALUE:
            value = next(args, None)
            if value is None:  # Qt would ignore it; say so instead
                ours.append(arg)
            else:
                qt.extend([arg, value])
        elif _is_qt_option_alone(name):
            qt.append(arg)
        else:
            ours.append(arg)
    return ours, qt


def _is_qt_option_alone(name: str) -> bool:
    """A Qt flag, or a Qt option with its value after ``=``."""
    return (
        name in QT_FLAGS
        or name.split("=", 1)[0] in QT_OPTIONS_WITH_VALUE
        or name.startswith(QT_OPTIONS_WITH_EQUALS)
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Create AEP external audiences.",
        epilog="Qt's standard options (-style S, -platform P, -reverse, ...) are passed to Qt.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="use a built-in local server (no Adobe account)"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation end to end, print one JSON line and exit",
    )
    ours, qt = split_qt_args(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(ours)
    args.qt_args = qt
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke_test:  # before any QApplication: it picks its own platform
        from audience_desktop.smoke import run_smoke_test

        return run_smoke_test()
    _load_application_first()
    from audience_desktop.ui.bootstrap import start

    try:
        gui = start(sys.argv[:1] + args.qt_args, demo=args.demo)
    except OSError as exc:  # the app's folders cannot be made or written: nothing to show yet
        return _cannot_start(exc)
    sys.excepthook = _excepthook
    gui.window.show()
    try:
        return gui.app.exec()
    finally:
        gui.close()


def _load_application_first() -> None:
    """Import the application layer before PySide6: PySide6's import hook inspects every
    module imported after it, which costs start-up about 8 ms for these (measured)."""
    from audience_desktop import application

    for name in ("Workspace", "open_workspace", "Attempt", "AudienceDraft", "use_languages"):
        getattr(application, name)


def _cannot_start(error: OSError) -> int:
    """Say in plain words why the app cannot start, on stderr and in a dialog; exit 1."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    text = QApplication.translate(
        "App",
        "audience-desktop cannot start: its folders cannot be used (%1). Check that they "
        "exist and that you may write to them, or set AUDIENCE_DESKTOP_HOME to another folder.",
    ).replace("%1", f"{error.filename or ''} {error.strerror or error}".strip())
    if sys.stderr is not None:  # a windowed build has no console
        print(text, file=sys.stderr)
    if QApplication.instance() is not None:
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QApplication.translate("App", "Cannot start"))
        box.setText(text)
        box.exec()
    return 1


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
