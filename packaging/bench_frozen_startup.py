"""Start-up of the frozen one-folder app against the same app from the virtualenv.

Run (after ``python packaging/build.py``): ``xvfb-run -a python packaging/bench_frozen_startup.py``

Both run ``packaging/entry_point.py`` (frozen: built into the executable; virtualenv:
``python packaging/entry_point.py``, which is ``python -m audience_desktop`` plus the
report hook) with ``AUDIENCE_DESKTOP_REPORT_SHOWN=1``: the app prints ``shown <time>`` when
its event loop first runs, with the main window shown, and quits 0.5 s later. "Shown" is
measured from just before the process is started. Runs alternate, fresh processes each,
after one warm-up run of each (so both read from the OS file cache); medians are printed
with the ratio frozen / virtualenv (target <= 1.2). ``--onefile`` adds the one-file build,
which unpacks itself to a temporary folder on every start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXE = ".exe" if sys.platform == "win32" else ""
ONEDIR = ROOT / "dist" / "onedir" / "audience-desktop" / f"audience-desktop{EXE}"
ONEFILE = ROOT / "dist" / "onefile" / f"audience-desktop{EXE}"
QUIT_AFTER = 0.5  # seconds the app stays up after it reported (entry_point.py)


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds until shown, seconds for the whole process less the 0.5 s wait)."""
    started = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    ended = time.time()
    shown = [line for line in out.stdout.splitlines() if line.startswith("shown ")]
    if out.returncode != 0 or not shown:
        raise SystemExit(f"{command[0]} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return float(shown[-1].split()[1]) - started, ended - started - QUIT_AFTER


def main() -> int:
    parser = argparse.ArgumentParser(description="frozen vs virtualenv start-up")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--onefile", action="store_true", help="also time the one-file build")
    args = parser.parse_args()
    kinds = {"venv": [sys.executable, str(HERE / "entry_point.py")], "frozen": [str(ONEDIR)]}
    if args.onefile:
        kinds["onefile"] = [str(ONEFILE)]
    for kind, command in kinds.items():
        if kind != "venv" and not Path(command[0]).is_file():
            raise SystemExit(f"{command[0]} is missing: run python packaging/build.py first")
    env = os.environ | {
        "AUDIENCE_DESKTOP_HOME": tempfile.mkdtemp(prefix="bench-frozen-"),
        "AUDIENCE_DESKTOP_REPORT_SHOWN": "1",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users run compiled bytecode, as the bundle does
    env.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    for command in kinds.values():
        run_once(command, env)  # warm the OS file cache (and write the venv's .pyc files)
    results: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):
        for kind, command in kinds.items():
            results[kind].append(run_once(command, env))
    medians = {
        kind: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        for kind, runs in results.items()
    }
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each, medians")
    print(f"{'':9}{'shown (s)':>11}{'process (s)':>13}")
    for kind, (shown, whole) in medians.items():
        print(f"{kind:9}{shown:11.3f}{whole:13.3f}")
    for kind in kinds:
        if kind != "venv":
            ratio = medians[kind][0] / medians["venv"][0]
            target = "  (target <= 1.20)" if kind == "frozen" else ""
            print(f"ratio {kind}/venv shown: {ratio:.2f}{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
