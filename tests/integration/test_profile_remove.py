"""`profile remove` says what it removed and what it could not: never "removed" on a guess."""

from __future__ import annotations

import io
import sys

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked

from audience_desktop import cli
from audience_desktop.application import open_workspace
from audience_desktop.localserver.server import LocalAepServer
from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, ORG_ID
from tests.support.memory_keyring import MemoryKeyring

SERVICE = "audience-desktop"


class LockedKeyring(MemoryKeyring):
    """A Secret Service whose collection stays locked: every call raises KeyringLocked."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         stdin: str = "") -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _add(server: LocalAepServer, capsys: pytest.CaptureFixture[str],
         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    add = ["profile", "add", "work", "--org-id", ORG_ID, "--client-id", CLIENT_ID, "--sandbox",
           "dev", "--platform-url", server.url, "--ims-url", server.ims_url]  # fmt: skip
    assert _run(add, capsys, monkeypatch, stdin=CLIENT_SECRET + "\n")[0] == 0
    assert _run(["profile", "test", "work"], capsys, monkeypatch)[0] == 0  # caches a token


@pytest.mark.parametrize("backend", [fail.Keyring(), LockedKeyring()], ids=["none", "locked"])
def test_an_unreachable_keyring_is_reported_and_exits_1(
    backend: keyring.backend.KeyringBackend,
    server: LocalAepServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(server, capsys, monkeypatch)
    keyring.set_keyring(backend)
    code, out, err = _run(["profile", "remove", "work"], capsys, monkeypatch)
    assert code == 1
    assert "removed from the profiles file" in out
    assert "Could not remove from the keyring" in err
    assert "client secret, access token, cached token" in err
    assert "keyring entries removed" not in out + err
    assert "work" not in _run(["profile", "list"], capsys, monkeypatch)[1]
    assert (SERVICE, "work/client-secret") in memory_keyring.store  # indeed still there


def test_a_reachable_keyring_names_what_was_removed(
    server: LocalAepServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(server, capsys, monkeypatch)
    code, out, err = _run(["profile", "remove", "work"], capsys, monkeypatch)
    assert code == 0 and err == ""
    assert "Removed from the keyring: client secret, cached token." in out
    assert memory_keyring.store == {}
    code, _, err = _run(["profile", "remove", "work"], capsys, monkeypatch)
    assert code == 2 and "No profile named" in err


def test_leftover_secrets_of_a_removed_profile_are_still_cleaned(
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memory_keyring.store[(SERVICE, "gone/client-secret")] = "left-behind-secret"
    code, out, _ = _run(["profile", "remove", "gone"], capsys, monkeypatch)
    assert code == 0 and "No profile named “gone” in the profiles file" in out
    assert "Removed from the keyring: client secret." in out and memory_keyring.store == {}


def test_workspace_reports_each_secret(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.store[(SERVICE, "w/access-token")] = "pasted-token-value"
    with open_workspace() as workspace:
        removed = workspace.remove_profile("w")
        assert (removed.existed, removed.secrets_removed, removed.complete) == (
            False, ("access-token",), True)  # fmt: skip
        keyring.set_keyring(fail.Keyring())
        removed = workspace.remove_profile("w")
    assert removed.secrets_not_removed == ("client-secret", "access-token", "token-cache")
    assert removed.keyring_error == "NoKeyringError" and not removed.complete
