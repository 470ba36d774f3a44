"""The dialog watchdog (tests/ui/conftest.py): an unexpected modal dialog fails a test fast.

Proved on a real pytest run in a subprocess, on a tiny test file that opens a question
nobody expects: the run fails within seconds (it used to hang until killed) and names the
dialog's title and text. An expected dialog is answered as the test declared.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import ExpectDialog

REPO = Path(__file__).resolve().parents[2]

TINY = """
from PySide6.QtWidgets import QMessageBox


def test_a_question_nobody_expects(qapp):
    QMessageBox.question(None, "Surprise question", "Nobody will answer this.")
"""


def test_an_unexpected_question_fails_the_run_fast_and_names_the_dialog(tmp_path: Path) -> None:
    (tmp_path / "test_tiny.py").write_text(TINY, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTEST_QT_API": "pyside6",
           "PYTHONPATH": str(REPO)}  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(tmp_path), "-p", "tests.conftest", "-p", "tests.ui.conftest",
         str(tmp_path / "test_tiny.py")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert elapsed < 30, elapsed
    assert "unexpected modal dialog" in output
    assert "Surprise question" in output and "Nobody will answer this." in output


def test_an_expected_question_is_answered_as_declared(expect_dialog: ExpectDialog) -> None:
    expected = expect_dialog("Keep it?", QMessageBox.StandardButton.No)
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(None, "Keep it?", "Answered by the watchdog.",
                                  buttons.Yes | buttons.No, buttons.Yes)  # fmt: skip
    assert answer == buttons.No and len(expected.seen) == 1
