"""``python -m audience_desktop.smoke``: the smoke test without the app's argument parser."""

from audience_desktop.smoke import run_smoke_test

raise SystemExit(run_smoke_test())
