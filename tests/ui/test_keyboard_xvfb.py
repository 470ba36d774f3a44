"""A newcomer's path, keyboard only, in a real X11 window under Xvfb, typed with xdotool.

`audience-desktop --demo` runs as its own process; xdotool sends real key events; the
clipboard is read back through X by a second Qt process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.support.xvfb import xvfb_display


def _xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _wait(predicate, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def _succeeded(db: Path) -> tuple[str, str] | None:
    if not db.exists():
        return None
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT name, audience_id FROM attempts WHERE status = 'succeeded'"
        ).fetchone()


def test_keyboard_only_create_find_and_copy(isolated_home: Path) -> None:
    with xvfb_display("xdotool") as display:
        tmp = isolated_home / "tmp"  # where the demo keeps its throwaway history
        tmp.mkdir()
        env = os.environ | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "TMPDIR": str(tmp)}
        app = subprocess.Popen(
            [sys.executable, "-m", "audience_desktop", "--demo"], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            window = _xdotool(
                env, "search", "--sync", "--onlyvisible", "--name", "audience-desktop"
            )
            window = window.splitlines()[0]
            _xdotool(env, "windowfocus", "--sync", window)
            time.sleep(0.5)  # let Qt give the Name field its start-up focus
            for keys in (["type", "--delay", "15", "Keyboard audience"], ["key", "Tab"],
                         ["type", "--delay", "15", "Typed without a mouse"], ["key", "Tab"],
                         ["type", "--delay", "15", "demo"], ["key", "Tab"],
                         ["type", "--delay", "15", "Demo_Origin"], ["key", "ctrl+Return"]):  # fmt: skip
                _xdotool(env, *keys)
            db = _wait(lambda: next(tmp.glob("audience-desktop-demo-*/demo-history.sqlite3"), None))
            name, audience_id = _wait(lambda: _succeeded(db))
            assert name == "Keyboard audience" and audience_id
            _xdotool(env, "key", "F6")  # to the history, where the new row is selected
            _xdotool(env, "key", "ctrl+c")
            read = (
                "import sys; from PySide6.QtGui import QGuiApplication as A; a=A(sys.argv);"
                "print(A.clipboard().text())"
            )

            def clipboard() -> str:
                out = subprocess.run([sys.executable, "-c", read], env=env, capture_output=True,
                                     text=True, timeout=30)  # fmt: skip
                return out.stdout.strip() == audience_id and out.stdout.strip()

            assert _wait(clipboard, timeout=10) == audience_id
            _xdotool(env, "key", "ctrl+q")
            app.wait(timeout=15)
        finally:
            if app.poll() is None:
                app.kill()
            _out, err = app.communicate(timeout=10)
        assert app.returncode == 0, err
        assert "QThread" not in err and "Traceback" not in err, err
