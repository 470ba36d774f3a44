"""The one place that assembles a workspace: real mode or demo mode, for every front end.

The window, the CLI, the smoke test and the tests all call ``open_workspace``; none of them
builds a history, a client or a demo server itself, so the wiring cannot drift between them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from audience_desktop.application.workspace import Workspace
from audience_desktop.core.paths import AppPaths, app_paths

if TYPE_CHECKING:
    from audience_desktop.core.client import AepClient
    from audience_desktop.core.profiles import Profile


def open_workspace(
    paths: AppPaths | None = None,
    *,
    demo: bool = False,
    client_factory: Callable[[Profile], AepClient] | None = None,
) -> Workspace:
    """A ready workspace; close it with ``Workspace.close()``.

    ``demo=True`` starts the built-in server on a free loopback port, with its own
    throwaway history and its own window settings: nothing of a demo session reaches the
    real history, the real profiles or the real window's remembered values.
    ``client_factory`` replaces how clients are made (tests point it at their own server).
    """
    paths = (paths or app_paths()).ensure()
    if not demo:
        return Workspace(
            paths,
            paths.history_db,
            client_factory=client_factory,
            settings_file=paths.config_dir / "window.ini",
        )
    from audience_desktop.application.demo import DemoSession

    session = DemoSession.start()
    return Workspace(
        paths,
        session.history_path,
        client_factory=client_factory or session.client,
        fixed_profiles={session.profile.name: session.profile},
        settings_file=paths.config_dir / "window-demo.ini",
        demo=session,
    )
