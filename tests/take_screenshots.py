"""Screenshots of the main window for the README: empty, after a create, with an error.

Run: xvfb-run -a python tests/take_screenshots.py [OUTPUT_DIR]   (default resources/screenshots)
The window runs in demo mode against the built-in server, in a throwaway data folder; then
the same again under a French locale (files ending in ``-fr``), the error included.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
os.environ["AUDIENCE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="screenshots-")

from PySide6.QtWidgets import QApplication

from audience_desktop.application import Status
from audience_desktop.localserver.server import Fault
from audience_desktop.ui.bootstrap import start
from audience_desktop.ui.main_window import MainWindow


def settle(app: QApplication, seconds: float = 0.3) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app: QApplication, predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        app.processEvents()
        time.sleep(0.01)


def create(app: QApplication, window: MainWindow, name: str, status: Status) -> None:
    window.form.name_edit.setText(name)
    window.create_button.click()
    workspace = window.workspace
    wait_for(
        app, lambda: any(a.name == name and a.status is status for a in workspace.attempts(10))
    )
    settle(app)


SUFFIX_ENV = "AUDIENCE_SCREENSHOT_SUFFIX"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    suffix = os.environ.get(SUFFIX_ENV, "")
    gui = start(sys.argv[:1], demo=True)
    app, window = gui.app, gui.window
    server = gui.workspace._demo.server  # type: ignore[union-attr]  # a script, not the app
    window.resize(960, 640)
    window.show()
    settle(app, 0.8)
    window.grab().save(str(out / f"main-window-empty{suffix}.png"))

    window.form.description_edit.setText("Bought twice in July")
    window.form.namespace_edit.setText("agora")
    window.form.origin_edit.setText("Agora_Collaboration")
    for name in ("Spring newsletter readers", "Loyalty gold members"):
        create(app, window, name, Status.SUCCEEDED)
        window.form.description_edit.setText("Bought twice in July")
    create(app, window, "Summer buyers 2026", Status.SUCCEEDED)
    window.history.view.setFocus()
    window.grab().save(str(out / f"main-window-created{suffix}.png"))

    server.inject(Fault.forbidden())
    window.form.description_edit.setText("")
    create(app, window, "Churn risk (prod test)", Status.FAILED)
    window.grab().save(str(out / f"main-window-error{suffix}.png"))
    gui.close()
    if not suffix:  # the same in French: a French desktop sets these
        french = {**os.environ, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", SUFFIX_ENV: "-fr"}
        french.pop("LC_ALL", None)
        subprocess.run([sys.executable, __file__, str(out)], env=french, check=True)
        for path in sorted(out.glob("main-window-*.png")):
            print(path)


if __name__ == "__main__":
    main()
