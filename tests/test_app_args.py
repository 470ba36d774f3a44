"""Qt's standard command-line options reach QApplication; a misspelt option of ours is still
refused (issue 9 item 19)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from audience_desktop.app import parse_args, split_qt_args


def test_qt_options_are_set_apart_with_their_values() -> None:
    args = parse_args(
        ["-style", "Fusion", "--platform", "offscreen", "-reverse", "--demo",
         "-qwindowtitle=Mine", "-qmljsdebugger=port:1234", "-platformtheme", "gtk3"]
    )  # fmt: skip
    assert args.demo is True
    assert args.qt_args == [
        "-style", "Fusion", "--platform", "offscreen", "-reverse", "-qwindowtitle=Mine",
        "-qmljsdebugger=port:1234", "-platformtheme", "gtk3",
    ]  # fmt: skip


def test_a_value_that_looks_like_ours_stays_qts() -> None:
    assert split_qt_args(["-qwindowtitle", "--demo"]) == ([], ["-qwindowtitle", "--demo"])
    assert split_qt_args(["--demo", "--", "-reverse"]) == (["--demo", "--", "-reverse"], [])


@pytest.mark.parametrize(
    "argv", [["--demoo"], ["-stile", "Fusion"], ["--demo", "-platform"], ["-reversed"]]
)
def test_a_misspelt_option_is_still_an_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args(argv)
    assert exit_.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


# The window is built, then the event loop is skipped: what Qt made of the options shows.
SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
def report(self):
    from audience_desktop.ui.main_window import MainWindow
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    available = window.screen().availableGeometry().size()
    print(json.dumps({
        "platform": QApplication.platformName(), "style": QApplication.style().name(),
        "reverse": QApplication.isRightToLeft(), "available": available.toTuple(),
        "size": window.size().toTuple(), "minimum": window.minimumSize().toTuple(),
    }))
    return 0
QApplication.exec = report
from audience_desktop.app import main
sys.exit(main(sys.argv[1:]))
"""


def test_qt_options_reach_qapplication_at_twice_the_scale() -> None:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["QT_SCALE_FACTOR"] = "2"  # the offscreen screen, is half as many pixels to the window
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--demo", "-platform", "offscreen", "-style", "Fusion",
         "-reverse"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["platform"] == "offscreen"
    assert seen["style"].lower() == "fusion"
    assert seen["reverse"] is True
    width, height = seen["available"]  # half the offscreen screen's pixels
    assert width * 0.9 < seen["minimum"][0] and height * 0.9 < seen["minimum"][1]
    assert seen["size"] == seen["minimum"]  # a screen too small: the minimum, never below
