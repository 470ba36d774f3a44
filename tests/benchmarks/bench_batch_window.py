"""The Batch window: event-loop stalls during a batch, and previewing a 10,000-row file.

Run: xvfb-run -a python tests/benchmarks/bench_batch_window.py [--rows 200] [--limit 20]

1. Stalls: a 1 ms timer runs on the GUI thread (``StallMeter``, as in
   bench_gui_responsiveness.py) while the Batch window runs ROWS rows against a built-in
   server holding LIMIT creates/s with 100 ms latency; the longest gap between ticks minus
   the timer's interval is the longest stall. Baseline: the same windows, idle, as long.
   Twice: with the demo's server in this process (its threads contend for the GIL with the
   window's), and with ``audience-cli serve-local`` in a process of its own (as Adobe is).
2. Preview: from ``load()`` of a 10,000-row CSV to its plan shown (counts, first screen of
   rows painted), best of 3; then reading every row (scrolling to the end).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: tests.*
from tests.benchmarks.bench_gui_responsiveness import StallMeter, open_window, spin
from tests.support.batch_env import ServeLocal, write_rows


def wait(app: QApplication, done: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done():  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.0005)
        if time.monotonic() > deadline:
            raise SystemExit("timed out")


def stalls(app: QApplication, home: Path, rows: int, limit: float, separate: bool) -> None:
    from audience_desktop.application import BatchSource
    from audience_desktop.application.demo import demo_profile

    gui = open_window(app, home / ("separate" if separate else "same"), demo=True)
    gui.window.show()
    spin(app, 0.5)
    server = None
    if separate:
        server = ServeLocal(home / "serve", rate_limit=limit, latency_ms=100)
    else:
        demo = gui.workspace._demo
        assert demo is not None
        demo.server.config = replace(demo.server.config, create_rate_limit=limit, latency=0.1)
    batch = gui.window.batch.open_window()
    if server is not None:
        batch.set_profile(demo_profile(server.url))
    batch.resize(1000, 640)
    file = write_rows(home / f"stall-{separate}.csv", rows, "Stall")
    batch.load(BatchSource(file))
    wait(app, lambda: batch.plan is not None and not batch.work.lane.tasks(), 30)
    spin(app, 0.5)
    meter = StallMeter()
    meter.start()
    started = time.monotonic()
    batch.start()
    wait(app, lambda: not batch.work.running() and not batch.work.lane.tasks(), rows / limit * 3 + 60)
    busy_seconds = time.monotonic() - started
    meter.stop()
    busy, worst = meter.summary(), meter.worst()
    meter.start()
    spin(app, min(busy_seconds, 10))
    meter.stop()
    idle = meter.summary()
    created = sum(r.status.value == "created" for r in batch.model.results())
    gui.close()
    if server is not None:
        server.stop()
    where = "serve-local in its own process" if separate else "the demo server in this process"
    print(f"\n1. Event loop during a {rows}-row batch, {where}, {limit:g}/s, 100 ms latency: "
          f"{created} created in {busy_seconds:.1f} s ({created / busy_seconds:.1f}/s)")  # fmt: skip
    print(f"   {'':10}{'longest stall (ms)':>20}{'p99 gap (ms)':>15}{'ticks':>8}")
    print(f"   {'idle':10}{idle[0]:20.1f}{idle[1]:15.2f}{idle[2]:8}")
    print(f"   {'batch':10}{busy[0]:20.1f}{busy[1]:15.2f}{busy[2]:8}")
    print(f"   longest gaps during the batch (s since start, ms): {worst}")
    print("   target: longest stall during a batch < 16 ms")


def preview(app: QApplication, home: Path, rows: int) -> None:
    from audience_desktop.application import BatchSource

    gui = open_window(app, home / "preview", demo=True)
    gui.window.show()
    spin(app, 0.5)
    batch = gui.window.batch.open_window()
    batch.resize(1000, 640)
    file = write_rows(home / "preview.csv", rows, "Preview")
    shown, scrolled = [], []
    for _ in range(3):
        started = time.perf_counter()
        batch.load(BatchSource(file))
        wait(app, lambda: batch.plan is not None and not batch.work.lane.tasks(), 30)
        batch.table.viewport().repaint()  # the first screen of rows, read and painted
        shown.append(time.perf_counter() - started)
        started = time.perf_counter()
        batch.table.scrollToBottom()
        batch.table.viewport().repaint()
        scrolled.append(time.perf_counter() - started)
        assert batch.plan is not None and batch.plan.to_send == rows
    gui.close()
    print(f"\n2. Previewing a {rows:,}-row file (load to counts and first screen painted): "
          f"best {min(shown) * 1000:.0f} ms, worst {max(shown) * 1000:.0f} ms of 3")  # fmt: skip
    print(f"   then scrolling to the last row (reads every row on the GUI thread): best "
          f"{min(scrolled) * 1000:.0f} ms")  # fmt: skip
    print("   target: < 1 s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--limit", type=float, default=20)
    parser.add_argument("--preview-rows", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    home = Path(tempfile.mkdtemp(prefix="bench-batch-window-"))
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}")
    preview(app, home, args.preview_rows)
    stalls(app, home, args.rows, args.limit, separate=False)
    stalls(app, home, args.rows, args.limit, separate=True)


if __name__ == "__main__":
    main()
