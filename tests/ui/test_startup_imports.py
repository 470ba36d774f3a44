"""The window's start-up path must not import the network or keyring stacks."""

from __future__ import annotations

import subprocess
import sys


def test_building_the_window_imports_neither_httpx_nor_keyring() -> None:
    code = (
        "import sys\n"
        "from audience_desktop.ui.bootstrap import start\n"
        "gui = start(['x', '-platform', 'offscreen'])\n"
        "gui.window.show(); gui.app.processEvents()\n"
        "print(sorted(m for m in ('httpx', 'keyring', 'truststore') if m in sys.modules))\n"
        "gui.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
