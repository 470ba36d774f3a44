"""The smoke test's checks, one function each; the runner (``__init__``) orders them.

Each check either returns what the report needs or raises ``SmokeFailure`` naming its step.
Blocking calls that can hang (the keyring over D-Bus) run in a daemon thread with a time
limit; waiting for the window runs Qt's event loop.
"""

from __future__ import annotations

import os
import secrets
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from audience_desktop.application import AppPaths, Attempt, Workspace
    from audience_desktop.ui.main_window import MainWindow

T = TypeVar("T")


class SmokeFailure(Exception):
    """A step failed; ``step`` names it and the message says why."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step = step


def in_thread(step: str, func: Callable[[], T], timeout: float) -> T:
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


def wait_until(predicate: Callable[[], object], timeout: float) -> bool:
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
    return bool(predicate())


def needs_offscreen() -> bool:
    """Linux/BSD without a display: Qt cannot open xcb or wayland, so use offscreen."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_icu() -> None:
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


def check_tls() -> None:
    """truststore builds a verifying context; certifi's CA file (httpx imports it) exists."""
    import ssl

    import certifi
    import truststore

    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if context.verify_mode != ssl.CERT_REQUIRED or not context.check_hostname:
        raise SmokeFailure("tls", "the TLS context does not verify certificates")
    if not os.path.isfile(certifi.where()):
        raise SmokeFailure("tls", f"certifi's CA bundle is missing ({certifi.where()})")


def check_catalogue() -> None:
    """The core's French catalogue made it into the build (it ships inside the package)."""
    from audience_desktop.application import Message, render, use_languages

    try:
        use_languages(["fr"])
        french = render(Message("field.required"))
    finally:
        use_languages()  # back to the environment's language
    if not french.startswith("Ce champ"):
        raise SmokeFailure("i18n", f"the French message catalogue is missing ({french!r})")


def check_window_shown(window: MainWindow, timeout: float) -> None:
    window.show()
    if not wait_until(window.isVisible, timeout):
        raise SmokeFailure("window", "the main window was not shown")


class ThrowawaySecret:
    """A random secret under a random profile name, in the real keyring, for one check."""

    def __init__(self) -> None:
        from audience_desktop.application import credentials

        self.credentials = credentials
        self.profile = f"smoke-test-{secrets.token_hex(6)}"
        self.kind = credentials.SecretKind.CLIENT_SECRET
        self.value = secrets.token_urlsafe(24)
        self.stored = False

    def read(self) -> str | None:
        return self.credentials.get_secret(self.profile, self.kind)

    def store(self) -> None:
        self.stored = True  # from here on, a failure must still delete it
        self.credentials.set_secret(self.profile, self.kind, self.value)

    def delete(self) -> None:
        self.credentials.delete_secret(self.profile, self.kind)
        self.stored = False


def check_keyring(workspace: Workspace, secret: ThrowawaySecret, timeout: float) -> str:
    """The real backend, through the app's own code: secure, and a secret reads back."""
    problem = in_thread("keyring", workspace.keyring_problem, timeout)
    if problem:
        raise SmokeFailure("keyring", str(problem))
    backend = in_thread("keyring", workspace.keyring_backend, timeout)
    in_thread("keyring", secret.store, timeout)
    if in_thread("keyring", secret.read, timeout) != secret.value:
        raise SmokeFailure("keyring", "the secret read back differs from the one stored")
    return backend


def create_one(window: MainWindow, timeout: float) -> Attempt:
    """One audience through the window's form, its network lane and the demo server."""
    name = f"Smoke test {secrets.token_hex(4)}"
    if window.profile_bar.current_profile() is None:
        raise SmokeFailure("create", "the demo profile is not selected")
    form = window.form
    form.name_edit.setText(name)
    form.description_edit.setText("Created by audience-desktop --smoke-test")
    form.namespace_edit.setText("smoke")
    form.origin_edit.setText("Smoke_Test")
    if not window.create_button.isEnabled():
        raise SmokeFailure("create", "Create stayed disabled for a valid draft")
    window.create_button.click()
    model = window.history.model

    def settled() -> Attempt | None:
        for row in range(model.rowCount()):
            attempt = model.attempt(row)
            if attempt is not None and attempt.name == name and attempt.status != "pending":
                return attempt
        return None

    if not wait_until(settled, timeout):
        shown = window.status.text()
        raise SmokeFailure(
            "create", f"no result within {timeout:.0f} s" + (f" ({shown})" if shown else "")
        )
    attempt = settled()
    if attempt is None:  # cannot happen: a settled row does not go back to pending
        raise SmokeFailure("create", "the attempt went back to pending")
    if attempt.status != "succeeded" or not attempt.audience_id:
        shown = window.status.text() or "no audienceId"
        raise SmokeFailure("create", f"the create ended {attempt.status}: {shown}")
    return attempt


def check_history(workspace: Workspace, created: Attempt) -> None:
    """The row is in the SQLite file, not just in the window's model."""
    stored = [a for a in workspace.attempts(limit=50) if a.name == created.name]
    if not stored:
        raise SmokeFailure("history", "the created audience is not in the history file")
    if stored[0].status != "succeeded" or stored[0].audience_id != created.audience_id:
        raise SmokeFailure(
            "history", f"the history says {stored[0].status}, {stored[0].audience_id!r}"
        )


def check_real_history(paths: AppPaths) -> None:
    """Open (or create, as the app's first start would) the history in the data folder.

    The demo keeps its own throwaway history: this is the one a real start opens.
    """
    from audience_desktop.application import open_workspace

    with open_workspace(paths) as workspace:
        workspace.attempts(limit=1)


def check_secret_deleted(secret: ThrowawaySecret, timeout: float) -> None:
    in_thread("cleanup", secret.delete, timeout)
    if in_thread("cleanup", secret.read, timeout) is not None:
        raise SmokeFailure("cleanup", "the throwaway secret is still in the keyring")
