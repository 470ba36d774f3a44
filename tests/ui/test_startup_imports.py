"""The window's start-up path must not import the network or keyring stacks."""

from __future__ import annotations

import subprocess
import sys


def test_building_the_window_imports_neither_httpx_nor_keyring() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['x', '-platform', 'offscreen'])\n"
        "from audience_desktop.app import build_window\n"
        "from audience_desktop.core.paths import app_paths\n"
        "window, server = build_window(app_paths().ensure())\n"
        "window.show(); app.processEvents()\n"
        "print(sorted(m for m in ('httpx', 'keyring', 'truststore') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
