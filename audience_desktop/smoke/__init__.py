"""``audience-desktop --smoke-test``: prove a build works end to end, then exit.

It runs the parts a broken build loses first: Qt and its platform plugin, the ICU data Qt
uses (Linux; the frozen build trims it), the TLS trust store, the real main window (built by
the app's own start-up, ``ui.bootstrap``), the OS keyring through the app's own code (a
frozen build that lost keyring's entry points silently falls back to a backend that cannot
store), the worker lanes, the HTTP stack and the SQLite history (one audience created on the
built-in demo server).

It prints exactly one line of JSON on standard output and returns its exit code:

- success: ``{"ok": true, "version", "keyring_backend", "data_dir", "audienceId",
  "qt_platform", "frozen", "seconds"}``, 0;
- failure: ``{"ok": false, "step": "<step>", "error": "<message>"}`` and the step's code
  (see ``EXIT_CODES``). The message never contains the throwaway secret.

A watchdog ends the process if anything hangs (``DEADLINE`` seconds). Data goes where the
app keeps it (platformdirs, or ``AUDIENCE_DESKTOP_HOME``): the log and the history file
(opened, created if new, no attempt added). The demo has its own throwaway history and its
own window settings, so the "Smoke test ..." audience and its namespace touch neither.
A windowed Windows build may have no standard output: set
``AUDIENCE_DESKTOP_SMOKE_REPORT=<file>`` to get the line in a file too.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from typing import Any

from audience_desktop.smoke.steps import SmokeFailure

DEADLINE = 60.0  # seconds for the whole test; the watchdog fires a little later
KEYRING_TIMEOUT = 20.0  # one keyring call (D-Bus can block on a locked or absent service)
CREATE_TIMEOUT = 30.0
WINDOW_TIMEOUT = 5.0
REPORT_ENV = "AUDIENCE_DESKTOP_SMOKE_REPORT"

EXIT_CODES = {
    "qt": 10,
    "window": 11,
    "keyring": 12,
    "create": 13,
    "history": 14,
    "cleanup": 15,
    "icu": 16,
    "tls": 17,
    "i18n": 18,
    "unexpected": 19,
}

__all__ = ["DEADLINE", "EXIT_CODES", "KEYRING_TIMEOUT", "SmokeFailure", "run_smoke_test"]


def run_smoke_test() -> int:
    """Run every step; print one JSON line; 0 on success, the failed step's code otherwise."""
    watchdog = _Watchdog(DEADLINE + 5.0)
    watchdog.start()
    started = time.monotonic()
    try:
        result = _run(watchdog, started)
    except SmokeFailure as failure:
        _emit({"ok": False, "step": failure.step, "error": _safe_message(failure)})
        return EXIT_CODES.get(failure.step, EXIT_CODES["unexpected"])
    except Exception as exc:
        step = watchdog.step
        _emit({"ok": False, "step": step, "error": f"{type(exc).__name__}: {_safe_message(exc)}"})
        return EXIT_CODES.get(step, EXIT_CODES["unexpected"])
    finally:
        watchdog.cancel()
    _emit(result)
    return 0


def _run(watchdog: _Watchdog, started: float) -> dict[str, Any]:
    """The steps in order; ``watchdog.step`` always names the one running."""
    from audience_desktop import __version__
    from audience_desktop.smoke import steps

    watchdog.step = "qt"  # the application object and its platform plugin
    if steps.needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from audience_desktop.ui.bootstrap import create_application, install_translations, open_gui

    app, owns_app = create_application()
    platform = app.platformName()
    if sys.platform.startswith("linux"):  # the Linux build trims ICU's data
        watchdog.step = "icu"
        steps.check_icu()
    watchdog.step = "tls"
    steps.check_tls()
    watchdog.step = "i18n"
    steps.check_catalogue()

    watchdog.step = "window"  # the real main window in demo mode, as the app builds it
    translators = install_translations(app)
    gui = open_gui(app, demo=True, owns_app=owns_app, translators=translators)
    secret = None
    try:
        steps.check_window_shown(gui.window, WINDOW_TIMEOUT)
        watchdog.step = "keyring"
        secret = steps.ThrowawaySecret()
        backend = steps.check_keyring(gui.workspace, secret, KEYRING_TIMEOUT)
        watchdog.step = "create"
        remaining = max(1.0, min(CREATE_TIMEOUT, DEADLINE - (time.monotonic() - started)))
        created = steps.create_one(gui.window, remaining)
        watchdog.step = "history"
        steps.check_history(gui.workspace, created)
        steps.check_real_history(gui.workspace.paths)
        watchdog.step = "cleanup"
        steps.check_secret_deleted(secret, KEYRING_TIMEOUT)
    finally:
        step = watchdog.step
        watchdog.step = "cleanup"
        if secret is not None and secret.stored:  # a failure after storing it: never leave it
            with contextlib.suppress(Exception):
                steps.in_thread("cleanup", secret.delete, 5.0)
        data_dir = str(gui.workspace.paths.data_dir)
        gui.close()  # never asks "Quit while creating?": offscreen, nobody would answer
        watchdog.step = step

    return {
        "ok": True,
        "version": __version__,
        "keyring_backend": backend,
        "data_dir": data_dir,
        "audienceId": created.audience_id,
        "qt_platform": platform,
        "frozen": bool(getattr(sys, "frozen", False)),
        "seconds": round(time.monotonic() - started, 2),
    }


def _emit(payload: dict[str, Any]) -> None:
    line = json.dumps(payload, ensure_ascii=False, sort_keys=False)
    report = os.environ.get(REPORT_ENV)
    if report:
        with contextlib.suppress(OSError), open(report, "a", encoding="utf-8") as out:
            out.write(line + "\n")
    if sys.stdout is not None:
        print(line, flush=True)


def _safe_message(error: BaseException | str) -> str:
    """A one-line message for the JSON, with every registered secret masked."""
    text = error if isinstance(error, str) else (str(error) or type(error).__name__)
    try:
        from audience_desktop.application import redact

        text = redact(text)
    except Exception:  # the redactor itself is what broke: say nothing specific
        text = type(error).__name__ if not isinstance(error, str) else "error"
    return " ".join(text.split())[:500]


class _Watchdog:
    """Ends the process with a failure line if the test overruns, wherever it is stuck."""

    def __init__(self, seconds: float) -> None:
        self.step = "qt"
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()

    def _fire(self) -> None:
        _emit({"ok": False, "step": self.step, "error": "the smoke test hung; stopped"})
        os._exit(EXIT_CODES.get(self.step, EXIT_CODES["unexpected"]))
