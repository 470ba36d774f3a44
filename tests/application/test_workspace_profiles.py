"""Saving profiles through the workspace: secrets in the keyring, nothing lost on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from audience_desktop.application.workspace import Workspace
from audience_desktop.core import credentials as secrets
from audience_desktop.core.history import History
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import AuthKind, Profile, ProfileStore
from tests.support.memory_keyring import MemoryKeyring

PROFILE = Profile(name="work", org_id="ABCDEF123456@AdobeOrg", client_id="c", sandbox="dev")


@pytest.fixture
def workspace(isolated_home: Path) -> Workspace:
    paths = app_paths().ensure()
    return Workspace(paths, History(paths.history_db))


def test_save_stores_the_secret_and_drops_other_kinds(
    workspace: Workspace, memory_keyring: MemoryKeyring
) -> None:
    secrets.set_secret("work", secrets.SecretKind.TOKEN_CACHE, "cached")
    workspace.save_profile(PROFILE, "first-secret")
    assert secrets.get_secret("work", secrets.SecretKind.CLIENT_SECRET) == "first-secret"
    assert secrets.get_secret("work", secrets.SecretKind.TOKEN_CACHE) is None
    workspace.save_profile(PROFILE, None)  # edit without retyping the secret
    assert secrets.get_secret("work", secrets.SecretKind.CLIENT_SECRET) == "first-secret"
    workspace.save_profile(Profile(**{**PROFILE.to_json(), "auth": AuthKind.TOKEN}), "pasted")
    assert secrets.get_secret("work", secrets.SecretKind.CLIENT_SECRET) is None
    assert secrets.get_secret("work", secrets.SecretKind.ACCESS_TOKEN) == "pasted"


def test_a_failed_save_keeps_the_previous_secret(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.save_profile(PROFILE, "old-secret")

    def disk_full(self: ProfileStore, profile: Profile) -> Profile:
        raise OSError("No space left on device")

    monkeypatch.setattr(ProfileStore, "save", disk_full)
    with pytest.raises(OSError):
        workspace.save_profile(PROFILE, "new-secret")
    assert secrets.get_secret("work", secrets.SecretKind.CLIENT_SECRET) == "old-secret"


def test_a_new_profile_needs_a_secret(workspace: Workspace) -> None:
    from audience_desktop.core.profiles import ProfileInvalid

    with pytest.raises(ProfileInvalid, match="client secret"):
        workspace.save_profile(PROFILE, None)
    assert workspace.profiles() == {}
