"""Screenshots of the main window for the README, at 1024x700.

Run: xvfb-run -a python tests/take_screenshots.py [OUTPUT_DIR]   (default resources/screenshots)

Each look runs in its own process, in a throwaway data folder: English in a light palette,
then French in a dark one (files ending in ``-fr-dark``). Each takes the first run (no
profile yet), then, in demo mode against the built-in server, a history after three
creates, a refused repeat with its ways out, and an error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
os.environ["AUDIENCE_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="screenshots-")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support

from PySide6.QtWidgets import QApplication

from audience_desktop.application import Status
from audience_desktop.localserver.server import Fault
from audience_desktop.ui.bootstrap import create_application, install_translations, open_gui
from audience_desktop.ui.main_window import MainWindow
from tests.support.palettes import dark_palette

SIZE = (1024, 700)
LOOK_ENV = "AUDIENCE_SCREENSHOT_LOOK"  # "" (English, light) or "fr-dark"


def settle(app: QApplication, seconds: float = 0.4) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app: QApplication, predicate: Callable[[], bool], timeout: float = 15.0) -> None:
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
    wait_for(app, lambda: not window.status.busy())
    settle(app)


def shoot(app: QApplication, window: MainWindow, out: Path, name: str, suffix: str) -> None:
    settle(app)
    window.grab().save(str(out / f"main-window-{name}{suffix}.png"))


def colleague(number: int) -> dict[str, object]:
    """An audience someone else made, as AEP lists it."""
    names = ("Cart abandoners", "VIP newsletter", "Lapsed buyers", "App installs EU")
    return {
        "id": f"seg-{number:04}", "audienceId": f"7c1e{number:04}-5a2b-4c3d-9e8f-0a1b2c3d4e5f",
        "name": f"{names[number % len(names)]} {2020 + number}", "namespace": "crm",
        "originName": "CRM", "description": "made in the AEP UI",
        "type": "ExternalSegment" if number % 3 else "SegmentDefinition",
        "lifecycleState": "published", "creationTime": 1_764_000_000_000 + number * 86_400_000,
        "updateTime": 1_764_000_000_000 + number * 86_400_000,
    }  # fmt: skip


def batch_window(app: QApplication, window: MainWindow, server: object, out: Path,
                 suffix: str) -> None:  # fmt: skip
    """The Batch window a few seconds into a run of the French sample, the server pacing."""
    from dataclasses import replace

    from audience_desktop.application import BatchSource

    rows = ["nom;description;espace de noms;nom d'origine"]
    rows += [f"Campagne de printemps {i:02d};Vague {i};agora;Agora_Collaboration"
             for i in range(1, 41)]  # fmt: skip
    rows.insert(6, ";Sans nom;agora;Agora_Collaboration")
    rows.insert(10, "Campagne de printemps 03;Encore;agora;Agora_Collaboration")
    sample = Path(os.environ["AUDIENCE_DESKTOP_HOME"]) / "audiences.csv"
    sample.write_text("\n".join(rows) + "\n", encoding="utf-8")
    server.config = replace(server.config, create_rate_limit=6, latency=0.1)  # type: ignore[attr-defined]
    batch = window.batch.open_window()
    batch.resize(1000, 640)
    batch.load(BatchSource(sample))
    wait_for(app, lambda: batch.plan is not None and not batch.work.lane.tasks())
    settle(app)
    batch.start()
    settle(app, 3.5)
    batch.grab().save(str(out / f"batch-window-running{suffix}.png"))
    batch.cancel_run()
    wait_for(app, lambda: not batch.work.running(), timeout=30)
    settle(app)


def take(out: Path, look: str) -> None:
    suffix = f"-{look}" if look else ""
    app, _owned = create_application(sys.argv[:1])
    if look.endswith("dark"):
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    translators = install_translations(app)  # for both windows: neither removes them

    first = open_gui(app, demo=False, owns_app=False)
    first.window.resize(*SIZE)
    first.window.show()
    shoot(app, first.window, out, "first-run", suffix)
    first.close()

    gui = open_gui(app, demo=True, owns_app=False)
    window = gui.window
    server = gui.workspace._demo.server  # type: ignore[union-attr]  # a script, not the app
    window.resize(*SIZE)
    window.show()
    settle(app, 0.8)
    window.form.namespace_edit.setText("agora")
    window.form.origin_edit.setText("Agora_Collaboration")
    for name, description in (
        ("Spring newsletter readers", "Opened two spring issues"),
        ("Loyalty gold members", ""),
        ("Summer buyers 2026", "Bought twice in July"),
    ):
        window.form.description_edit.setText(description)
        create(app, window, name, Status.SUCCEEDED)
    window.history.view.setFocus()
    shoot(app, window, out, "created", suffix)

    window.form.name_edit.setText("Summer buyers 2026")  # created already: refused, with ways out
    wait_for(app, lambda: bool(window.status.action_buttons()))
    shoot(app, window, out, "refused-repeat", suffix)

    server.inject(Fault.forbidden())
    window.form.description_edit.setText("")
    create(app, window, "Churn risk (prod test)", Status.FAILED)
    shoot(app, window, out, "error", suffix)

    # The Sandbox tab: what colleagues made there too, newest change first.
    server.add_audiences("dev-sandbox", [colleague(n) for n in range(1, 13)])
    window.tabs.go_to_sandbox()
    wait_for(app, lambda: window.sandbox.model.rowCount() >= 15)
    settle(app, 0.8)
    shoot(app, window, out, "sandbox", suffix)
    window.tabs.go_to_history()

    batch_window(app, window, server, out, suffix)
    gui.close()
    for translator in translators:
        app.removeTranslator(translator)
    app.shutdown()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    look = os.environ.get(LOOK_ENV, "")
    take(out, look)
    if not look:  # the same in French on a dark desktop: a French desktop sets these
        french = {**os.environ, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8", LOOK_ENV: "fr-dark"}
        french.pop("LC_ALL", None)
        subprocess.run([sys.executable, __file__, str(out)], env=french, check=True)
        for path in sorted(out.glob("*.png")):
            print(path)


if __name__ == "__main__":
    main()
