"""Every directory the app writes to, from platformdirs, in one place.

Setting ``AUDIENCE_DESKTOP_HOME`` redirects all of them under one folder: the tests,
the frozen smoke test and a portable install use it so they never touch the user's own
folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from audience_desktop import APP_NAME

HOME_ENV = "AUDIENCE_DESKTOP_HOME"


@dataclass(frozen=True)
class AppPaths:
    """Where configuration, data and logs live."""

    config_dir: Path
    data_dir: Path
    log_dir: Path

    @property
    def profiles_file(self) -> Path:
        return self.config_dir / "profiles.json"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / f"{APP_NAME}.log"

    def ensure(self) -> AppPaths:
        """Create the folders (private to the user where the OS allows) and return self."""
        for folder in (self.config_dir, self.data_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def app_paths() -> AppPaths:
    """The folders for this run: the redirect when set, else the platform's own."""
    base = os.environ.get(HOME_ENV)
    if base:
        root = Path(base).expanduser()
        return AppPaths(root / "config", root / "data", root / "log")
    import platformdirs

    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
