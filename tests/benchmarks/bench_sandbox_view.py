"""The Sandbox view listing 5,000 audiences: the longest event-loop stall while pages arrive.

Run: xvfb-run -a python tests/benchmarks/bench_sandbox_view.py [--audiences 5000] [--rounds 3]

The built-in server holds N audiences in the profile's sandbox, in two setups, each round:
- out of process: the server runs in a process of its own (as Adobe's servers are elsewhere);
- in process: the server runs in the window's process, on a thread, so building its answers
  competes with the window for the GIL (the demo mode's case).
The window is the app's own (``ui.bootstrap.open_gui``, not demo mode) with a real profile on
that server, its secret in an in-memory keyring (never the user's). "Go to Sandbox" opens the
view, and a 1 ms timer on the GUI thread measures the gaps between its ticks until every
page (100 audiences each) is in the model. The baseline is the same window, idle, for the
same time, in the same round. Target: longest stall < 16 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: tests.*
from tests.benchmarks.bench_gui_responsiveness import StallMeter, open_window

if TYPE_CHECKING:
    from audience_desktop.ui.sandbox_view import SandboxView

SANDBOX = "dev-sandbox"
Summary = tuple[float, float, int]


def colleague(number: int) -> dict[str, object]:
    return {"id": f"sys-{number:05}", "audienceId": f"aud-{number:05}",
            "name": f"Colleague list {number:05}", "namespace": "crm", "originName": "CRM",
            "description": "made elsewhere", "type": "ExternalSegment",
            "lifecycleState": "published", "creationTime": 1_700_000_000_000 + number,
            "updateTime": 1_700_000_000_000 + number}  # fmt: skip


def seeded_server(audiences: int):  # type: ignore[no-untyped-def]
    """The built-in server (bound, not serving) holding ``audiences`` colleagues' audiences."""
    from audience_desktop.application.demo import bind_local_server

    server, _credential = bind_local_server(0)
    server.add_audiences(SANDBOX, [colleague(n) for n in range(audiences)])
    return server


def serve(audiences: int) -> None:
    """``--serve N``: the child process of the out-of-process setup; prints its URL.

    Niced: Adobe's servers do not run on the analyst's laptop, so on this 2-core machine the
    server takes only the CPU the window and its reader leave (else the window's thread
    waits for a core the server holds, which no real use would see)."""
    os.nice(10)
    server = seeded_server(audiences)
    print(server.url, flush=True)
    server.serve_forever()


@contextmanager
def server_url(audiences: int, *, in_process: bool) -> Iterator[str]:
    if in_process:
        server = seeded_server(audiences).start()
        try:
            yield server.url
        finally:
            server.stop()
        return
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(audiences)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        child.terminate()
        child.wait(timeout=10)


def isolate(folder: Path) -> None:
    """Folders under ``folder`` and an in-memory keyring: never the user's own."""
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    for variable in (
        "HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
    ):
        os.environ[variable] = str(folder / variable.lower())
    keyring.set_keyring(MemoryKeyring())


def save_profile(home: Path, url: str) -> None:
    """A real profile "bench" on the server at ``url``, its (public) secret in the keyring."""
    from audience_desktop.application import app_paths
    from audience_desktop.application.demo import demo_profile
    from audience_desktop.core import credentials
    from audience_desktop.core.profiles import ProfileStore
    from audience_desktop.localserver.server import DEMO_CLIENT_SECRET

    os.environ["AUDIENCE_DESKTOP_HOME"] = str(home)
    credentials.set_secret("bench", credentials.SecretKind.CLIENT_SECRET, DEMO_CLIENT_SECRET)
    profile = dataclasses.replace(demo_profile(url), name="bench")
    ProfileStore(app_paths().ensure().profiles_file).save(profile)


def run_loop(seconds: float, done: Callable[[], bool] = lambda: False) -> None:
    """The app's own event loop (``exec``, as ``app.exec()`` runs it), until ``done`` or
    ``seconds``: a loop driven from Python (``processEvents`` then a sleep) would itself
    take the GIL back at every turn and count the reader thread's time as the window's."""
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    probe = QTimer()
    probe.setInterval(20)  # the probe runs on the GUI thread too: not at every tick
    probe.timeout.connect(lambda: (done() or time.monotonic() > deadline) and loop.quit())
    probe.start()
    loop.exec()
    probe.stop()


def wait_until_listed(sandbox: SandboxView, audiences: int) -> None:
    model, label = sandbox.model, sandbox.as_of_label
    run_loop(120, lambda: model.rowCount() == audiences and "As of" in label.text())
    if model.rowCount() != audiences or "As of" not in label.text():
        raise SystemExit(f"only {model.rowCount()} of {audiences} listed: {label.text()}")


def one_round(
    app: QApplication, audiences: int, home: Path, url: str
) -> tuple[Summary, Summary, float, list[tuple[float, float]]]:
    save_profile(home, url)
    gui = open_window(app, home)
    window = gui.window
    window.show()
    run_loop(0.5)
    meter = StallMeter()
    meter.start()
    started = time.monotonic()
    window.tabs.sandbox_focus_action.trigger()
    wait_until_listed(window.sandbox, audiences)
    loading = time.monotonic() - started
    meter.stop()
    busy, worst = meter.summary(), meter.worst()
    meter.start()
    run_loop(loading)
    meter.stop()
    idle = meter.summary()
    gui.close()
    return idle, busy, loading, worst


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audiences", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve)
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-sandbox-"))
    isolate(folder)
    app = QApplication(sys.argv[:1])
    print(f"platform: {os.environ['QT_QPA_PLATFORM']}")
    print(f"Listing {args.audiences:,} audiences in the Sandbox view ({args.rounds} rounds)")
    print(f"   {'round':6}{'server':16}{'':10}{'longest stall (ms)':>20}{'p99 gap (ms)':>15}"
          f"{'ticks':>8}")  # fmt: skip
    for n in range(args.rounds):
        for in_process in (False, True):
            setup = "in process" if in_process else "own process"
            with server_url(args.audiences, in_process=in_process) as url:
                home = folder / f"round-{n}-{'in' if in_process else 'out'}"
                idle, busy, loading, worst = one_round(app, args.audiences, home, url)
            first = f"{n + 1:<6}" if not in_process else " " * 6
            print(f"   {first}{setup:16}{'idle':10}{idle[0]:20.1f}{idle[1]:15.2f}{idle[2]:8}")
            print(f"   {'':6}{'':16}{'listing':10}{busy[0]:20.1f}{busy[1]:15.2f}{busy[2]:8}"
                  f"   ({loading:.2f} s to list)")  # fmt: skip
            print(f"   {'':22}longest gaps (s since start, ms): {worst}")
    print("   target: longest stall while listing < 16 ms")


if __name__ == "__main__":
    main()
