"""``audience-desktop --smoke-test``: prove a build works end to end, then exit.

It runs the parts a broken build loses first: Qt and its platform plugin, the ICU data Qt
uses (Linux; the frozen build trims it), the TLS trust store, the real main window, the OS keyring through the
app's own code (a frozen build that lost keyring's entry points silently falls back to a
backend that cannot store), the worker thread, the HTTP stack and the SQLite history (one
audience created on the built-in demo server).

It prints exactly one line of JSON on standard output and returns its exit code:

- success: ``{"ok": true, "version", "keyring_backend", "data_dir", "audienceId",
  "qt_platform", "frozen", "seconds"}``, 0;
- failure: ``{"ok": false, "step": "<step>", "error": "<message>"}`` and the step's code
  (see ``EXIT_CODES``). The message never contains the throwaway secret.

A watchdog ends the process if anything hangs (``DEADLINE`` seconds). Data goes where the
app keeps it (platformdirs, or ``AUDIENCE_DESKTOP_HOME``): the log, the window settings (the
remembered namespace and origin are put back) and the history file (opened, created if
new, no attempt added: the "Smoke test ..." audience goes to the demo's throwaway history).
A windowed Windows build may have no standard output: set
``AUDIENCE_DESKTOP_SMOKE_REPORT=<file>`` to get the line in a file too.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import secrets as pysecrets
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

DEADLINE = 60.0  # seconds for the whole test; the watchdog fires a little later
KEYRING_TIMEOUT = 20.0  # one keyring call (D-Bus can block on a locked or absent service)
CREATE_TIMEOUT = 30.0
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
    "unexpected": 19,
}

T = TypeVar("T")


class SmokeFailure(Exception):
    """A step failed; ``step`` names it and the message says why."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step


def _emit(payload: dict[str, Any]) -> None:
    line = json.dumps(payload, ensure_ascii=False, sort_keys=False)
    report = os.environ.get(REPORT_ENV)
    if report:
        try:
            with open(report, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        except OSError:
            pass
    if sys.stdout is not None:
        print(line, flush=True)


def _safe_message(error: BaseException | str) -> str:
    """A one-line message for the JSON, with every registered secret masked."""
    text = error if isinstance(error, str) else (str(error) or type(error).__name__)
    try:
        from audience_desktop.core.redact import redact

        text = redact(text)
    except Exception:  # the redactor itself is what broke: say nothing specific
        text = type(error).__name__ if not isinstance(error, str) else "error"
    return " ".join(text.split())[:500]


def _needs_offscreen() -> bool:
    """Linux/BSD without a display: Qt cannot open xcb or wayland, so use offscreen."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _in_thread(step: str, func: Callable[[], T], timeout: float) -> T:
    """Run a blocking call (keyring over D-Bus) in a daemon thread, with a time limit."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # handed back to the caller below
            box["error"] = exc

    thread = threading.Thread(target=run, name=f"smoke-{step}", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise SmokeFailure(step, f"the call did not return within {timeout:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


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


def _wait_until(predicate: Callable[[], bool], timeout: float) -> bool:
    """Run the Qt event loop until ``predicate()`` is true or ``timeout`` passes."""
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.monotonic() + timeout
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)

    def check() -> None:
        if predicate() or time.monotonic() >= end:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    if not predicate():
        loop.exec()
    poll.stop()
    return predicate()


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
    from audience_desktop import APP_NAME, __version__

    # -- qt: the application object and its platform plugin -------------------------------
    watchdog.step = "qt"
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    own_app = app is None
    if own_app:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_NAME)
        app.setDesktopFileName(APP_NAME)
    platform = QApplication.platformName()

    # -- icu: the text services Qt takes from ICU (the Linux build trims ICU's data) --------
    if sys.platform.startswith("linux"):
        watchdog.step = "icu"
        _check_icu()

    # -- tls: the OS trust store (truststore) and certifi's bundle made it into the build ---
    watchdog.step = "tls"
    _check_tls()

    # -- window: the real main window in demo mode ------------------------------------------
    watchdog.step = "window"
    from audience_desktop.app import build_window
    from audience_desktop.core.logs import setup_logging
    from audience_desktop.core.paths import app_paths

    paths = app_paths().ensure()
    setup_logging(paths)
    window, server = build_window(paths, demo=True)
    secret_set = False
    profile_name = f"smoke-test-{pysecrets.token_hex(6)}"
    from audience_desktop.core import secrets as app_secrets

    kind = app_secrets.SecretKind.CLIENT_SECRET
    try:
        window.show()
        if not _wait_until(window.isVisible, 5.0):
            raise SmokeFailure("window", "the main window was not shown")

        # -- keyring: the real backend, through the app's own secrets module ----------------
        watchdog.step = "keyring"
        problem = _in_thread("keyring", app_secrets.secure_backend_problem, KEYRING_TIMEOUT)
        if problem:
            raise SmokeFailure("keyring", problem)
        backend = _in_thread("keyring", app_secrets.backend_name, KEYRING_TIMEOUT)
        value = pysecrets.token_urlsafe(24)
        secret_set = True
        _in_thread(
            "keyring", lambda: app_secrets.set_secret(profile_name, kind, value), KEYRING_TIMEOUT
        )
        read = _in_thread(
            "keyring", lambda: app_secrets.get_secret(profile_name, kind), KEYRING_TIMEOUT
        )
        if read != value:
            raise SmokeFailure("keyring", "the secret read back differs from the one stored")

        # -- create: one audience through the window's worker and the demo server -----------
        watchdog.step = "create"
        name = f"Smoke test {pysecrets.token_hex(4)}"
        remembered = {k: window.settings.value(k) for k in ("lastNamespace", "lastOriginName")}
        if window.current_profile() is None:
            raise SmokeFailure("create", "the demo profile is not selected")
        form = window.form
        form.name_edit.setText(name)
        form.description_edit.setText("Created by audience-desktop --smoke-test")
        form.namespace_edit.setText("smoke")
        form.origin_edit.setText("Smoke_Test")
        if not window.create_button.isEnabled():
            raise SmokeFailure("create", "Create stayed disabled for a valid draft")
        window.create_audience()
        model = window.history_model

        def settled() -> Any:
            for row in range(model.rowCount()):
                attempt = model.attempt(row)
                if attempt is not None and attempt.name == name and attempt.status != "pending":
                    return attempt
            return None

        remaining = max(1.0, min(CREATE_TIMEOUT, DEADLINE - (time.monotonic() - started)))
        if not _wait_until(lambda: settled() is not None, remaining):
            shown = window.status_label.text()
            raise SmokeFailure(
                "create", f"no result within {remaining:.0f} s" + (f" ({shown})" if shown else "")
            )
        attempt = settled()
        if attempt.status != "succeeded" or not attempt.audience_id:
            raise SmokeFailure(
                "create", f"the create ended {attempt.status}: {attempt.error or 'no audienceId'}"
            )
        _restore_settings(window.settings, remembered)

        # -- history: the row is in the SQLite file, not just in the model; the real history
        # (the demo keeps its own throwaway one) opens where the app keeps it ---------------
        watchdog.step = "history"
        stored = [a for a in window.workspace.history.list(limit=50) if a.name == name]
        if not stored:
            raise SmokeFailure("history", "the created audience is not in the history file")
        if stored[0].status != "succeeded" or stored[0].audience_id != attempt.audience_id:
            raise SmokeFailure(
                "history", f"the history says {stored[0].status}, {stored[0].audience_id!r}"
            )
        _check_real_history(paths.history_db)

        # -- cleanup: the secret goes away; the window and the server stop -------------------
        watchdog.step = "cleanup"
        _in_thread(
            "cleanup", lambda: app_secrets.delete_secret(profile_name, kind), KEYRING_TIMEOUT
        )
        secret_set = False
        left = _in_thread(
            "cleanup", lambda: app_secrets.get_secret(profile_name, kind), KEYRING_TIMEOUT
        )
        if left is not None:
            raise SmokeFailure("cleanup", "the throwaway secret is still in the keyring")
    finally:
        step = watchdog.step
        if secret_set:  # a failure after storing it: never leave it behind
            watchdog.step = "cleanup"
            with contextlib.suppress(Exception):
                _in_thread("cleanup", lambda: app_secrets.delete_secret(profile_name, kind), 5.0)
        watchdog.step = "cleanup"
        # A create still running (a step timed out) must not open "Quit while creating?":
        # offscreen, nobody would answer it and the real failure would be lost.
        window._confirm_quit_while_creating = lambda: True  # type: ignore[method-assign]
        window.close()
        if server is not None:
            server.stop()
        window.workspace.history.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del window
        gc.collect()
        if own_app:
            app.shutdown()
        watchdog.step = step

    return {
        "ok": True,
        "version": __version__,
        "keyring_backend": backend,
        "data_dir": str(paths.data_dir),
        "audienceId": attempt.audience_id,
        "qt_platform": platform,
        "frozen": bool(getattr(sys, "frozen", False)),
        "seconds": round(time.monotonic() - started, 2),
    }


def _check_icu() -> None:
    """Collation, locale casing, time zone names and a legacy codec: Qt's four ICU uses."""
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone

    problems = []
    if QCollator(QLocale("sv_SE")).compare("ö", "z") <= 0:  # Swedish sorts ö after z
        problems.append("Swedish collation")
    if QLocale("tr_TR").toUpper("i") != "\u0130":  # dotted capital I
        problems.append("Turkish upper case")
    paris = QTimeZone(b"Europe/Paris")
    if paris.isValid():  # needs the system's tzdata
        name = paris.displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("fr_FR")
        )
        if "Europe" not in name:
            problems.append(f"time zone names ({name!r})")
    if not QStringDecoder("Shift_JIS").isValid():
        problems.append("the Shift_JIS codec")
    if problems:
        raise SmokeFailure("icu", "ICU data is missing for: " + ", ".join(problems))


def _check_real_history(path: Any) -> None:
    """Open (or create, as the app's first start would) the history in the data folder."""
    from audience_desktop.core.history import History

    history = History(path)
    try:
        history.count()
    finally:
        history.close()


def _check_tls() -> None:
    """truststore builds a verifying context; certifi's CA file (httpx imports it) exists."""
    import ssl

    import certifi
    import truststore

    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if context.verify_mode != ssl.CERT_REQUIRED or not context.check_hostname:
        raise SmokeFailure("tls", "the TLS context does not verify certificates")
    if not os.path.isfile(certifi.where()):
        raise SmokeFailure("tls", f"certifi's CA bundle is missing ({certifi.where()})")


def _restore_settings(settings: Any, remembered: dict[str, Any]) -> None:
    """The create saved "smoke" as the last namespace and origin: put the user's back."""
    for key, value in remembered.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)
    settings.sync()


if __name__ == "__main__":
    raise SystemExit(run_smoke_test())
