"""The frozen app's entry point: ``audience_desktop.app.main()``, plus two build checks.

- ``--smoke-test``: run ``audience_desktop.smoke.run_smoke_test()`` (one JSON line, then
  exit). Handled here as well as in ``app.py`` so any build can be checked, whatever the
  app's own argument parser knows.
- ``AUDIENCE_DESKTOP_REPORT_SHOWN=1``: print ``shown <unix time>`` when the event loop first
  runs (the main window is shown by then), then quit 0.5 s later. Used by
  ``packaging/bench_frozen_startup.py``; without the variable nothing here runs.
"""

from __future__ import annotations

import os
import sys

REPORT_SHOWN_ENV = "AUDIENCE_DESKTOP_REPORT_SHOWN"


def _report_when_shown() -> None:
    """Wrap ``QApplication.exec`` like tests/benchmarks/bench_startup.py does."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    original = QApplication.exec

    def report() -> None:
        print(f"shown {time.time():.6f}", flush=True)
        QTimer.singleShot(500, QApplication.quit)

    def exec_(*_args: object) -> int:
        QTimer.singleShot(0, report)
        return original()

    QApplication.exec = exec_  # type: ignore[method-assign]


def run() -> int:
    if "--smoke-test" in sys.argv[1:]:
        from audience_desktop.smoke import run_smoke_test

        return run_smoke_test()
    if os.environ.get(REPORT_SHOWN_ENV) == "1":
        _report_when_shown()
    from audience_desktop.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
