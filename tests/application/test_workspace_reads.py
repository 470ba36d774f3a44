"""The window's check before Create reads on its own connection, never behind a write."""

from __future__ import annotations

import threading

from audience_desktop.application import AudienceDraft, open_workspace
from audience_desktop.core.paths import app_paths


def test_the_check_before_create_does_not_wait_for_the_history_s_writer() -> None:
    with open_workspace(app_paths().ensure(), demo=True) as workspace:
        [profile] = workspace.profiles().values()  # demo mode: its one profile
        draft = AudienceDraft("Held", "demo", "Demo")
        assert workspace.create(profile, draft).error is None
        answered = threading.Event()
        with workspace.history._lock:  # a write in progress (its fsync, say) holds this
            reader = threading.Thread(
                target=lambda: workspace.already_created(profile, draft) and answered.set()
            )
            reader.start()
            reader.join(timeout=5)
            assert answered.is_set()  # answered while the writer's lock was held
