"""A keyring backend for CLI subprocesses in tests: secrets in a JSON file of the test's own.

Selected with ``PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring`` and
``TEST_KEYRING_FILE=<path under the test's tmp_path>``, so a real ``audience-cli`` process
can be killed mid-create without a Secret Service. Never the user's keyring; never used by
the app itself (it is not installed with it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    """Stores passwords in the JSON file named by ``ENV`` (tests only)."""

    priority = 1  # type: ignore[assignment]
    ENV = ENV  # which variable names the file (a subclass may use another)

    @property
    def path(self) -> Path:
        return Path(os.environ[self.ENV])

    def _load(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def _save(self, data: dict[str, str]) -> None:
        """Through a temporary file and a rename: a killed writer leaves the old file whole."""
        temp = self.path.with_suffix(".tmp")
        temp.write_text(json.dumps(data), encoding="utf-8")
        temp.replace(self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)
