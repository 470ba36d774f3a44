"""Cold start to the first shown window, and idle RSS: the app against a bare QMainWindow.

Run: xvfb-run -a python tests/benchmarks/bench_startup.py [--runs 7]
Both are started as fresh processes, alternately, in the same run; the figures that matter
are the ratios (this machine is noisy). The best run of each is printed too: on a loaded
machine the ratio of the fastest runs moves less than the ratio of the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import os, sys, time
kind = sys.argv[1]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def report():
    shown = time.time()
    def idle():
        print(f"{shown:.6f} {rss_mb():.1f}", flush=True)
        QApplication.instance().quit()
    QTimer.singleShot(1000, idle)

if kind == "bare":
    from PySide6.QtWidgets import QMainWindow
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(900, 680)
    window.show()
    QTimer.singleShot(0, report)
    app.exec()
else:
    original = QApplication.exec
    def exec_(*args):
        QTimer.singleShot(0, report)
        return original()
    QApplication.exec = exec_
    from audience_desktop.app import main
    main([])
"""


def run_once(kind: str, env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds to shown, seconds for the whole process, idle RSS in MB)."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind], env=env, capture_output=True, text=True, timeout=60
    )
    ended = time.time()
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr}")
    shown, rss = out.stdout.split()[-2:]
    return float(shown) - started, ended - started - 1.0, float(rss)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="bench-startup-")
    env = os.environ | {"AUDIENCE_DESKTOP_HOME": home}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users run compiled bytecode, as does the bundle
    env.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    results: dict[str, list[tuple[float, float, float]]] = {"bare": [], "app": []}
    for kind in ("bare", "app"):
        run_once(kind, env)  # warm the OS file cache for both
    for _ in range(args.runs):
        for kind in ("bare", "app"):
            results[kind].append(run_once(kind, env))
    med = {
        k: [statistics.median(v[i] for v in runs) for i in range(3)] for k, runs in results.items()
    }
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, medians")
    print(f"{'':8}{'shown (s)':>12}{'process (s)':>14}{'idle RSS (MB)':>16}")
    for kind in ("bare", "app"):
        shown, whole, rss = med[kind]
        print(f"{kind:8}{shown:12.3f}{whole:14.3f}{rss:16.1f}")
    print(
        f"ratio   {med['app'][0] / med['bare'][0]:12.2f}{med['app'][1] / med['bare'][1]:14.2f}"
        f"{med['app'][2] / med['bare'][2]:16.2f}   (targets: shown <= 1.15, RSS <= 1.20)"
    )
    best = {k: min(shown for shown, _whole, _rss in runs) for k, runs in results.items()}
    print(
        f"best    {best['bare']:.3f} s bare, {best['app']:.3f} s app: "
        f"ratio {best['app'] / best['bare']:.2f}"
    )


if __name__ == "__main__":
    main()
