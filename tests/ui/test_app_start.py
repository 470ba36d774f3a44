"""The app says why it cannot start when its folders are unusable, instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The dialog is answered at once: the run is headless and nobody would click it.
SCRIPT = """
import sys
from PySide6.QtWidgets import QMessageBox
shown = []
QMessageBox.exec = lambda self: shown.append(self.text()) or 0
from audience_desktop.app import main
code = main([])
print("DIALOG:" + " | ".join(shown))
sys.exit(code)
"""


def test_unusable_folders_are_named_in_plain_words(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {**os.environ, "AUDIENCE_DESKTOP_HOME": str(blocker / "home"),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot start" in done.stderr and str(blocker) in done.stderr
    assert "DIALOG:audience-desktop cannot start" in done.stdout
