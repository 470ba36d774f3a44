"""Shared fixtures: every test runs with its own folders and an isolated keyring.

Nothing here may touch the user's own keyring or folders: ``AUDIENCE_DESKTOP_HOME`` and the
XDG variables point into the test's temporary directory, and keyring is switched to an
in-memory backend (or to a throwaway Secret Service for tests marked ``secret_service``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.support.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect every folder the app (or platformdirs) could write to."""
    home = tmp_path / "home"
    monkeypatch.setenv("AUDIENCE_DESKTOP_HOME", str(home / "app"))
    for var, sub in [
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ]:
        monkeypatch.setenv(var, str(home / sub))
    home.mkdir(parents=True, exist_ok=True)
    # English unless a test asks otherwise, whatever the developer's own locale is.
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGUAGE", "en")
    from audience_desktop.core.i18n import use_languages

    use_languages(["en"])
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An isolated in-process keyring for every test (never the user's)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def secret_service_env() -> Iterator[dict[str, str]]:
    """Environment variables that reach a throwaway Secret Service (session-wide)."""
    from tests.support.secret_service import (
        REQUIRE_ENV,
        SecretServiceUnavailable,
        ThrowawaySecretService,
    )

    try:
        service = ThrowawaySecretService().start()
    except SecretServiceUnavailable as exc:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"a Secret Service is required here: {exc}")
        pytest.skip(f"no throwaway Secret Service: {exc}")
    yield service.env
    service.stop()


@pytest.fixture
def real_keyring(
    secret_service_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[keyring.backend.KeyringBackend]:
    """keyring's real SecretService backend, talking to the throwaway service."""
    from keyring.backends import SecretService

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service_env["DBUS_SESSION_BUS_ADDRESS"])
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    yield backend
