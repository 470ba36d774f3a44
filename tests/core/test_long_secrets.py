"""Long secrets in a keyring that caps an entry at 2,560 bytes, as Windows does.

An IMS access token is often longer than Windows Credential Manager accepts; the keyring
layer splits it into chunks under a checked header, and keeps short secrets as they were.
"""

from __future__ import annotations

import keyring
import pytest

from audience_desktop.core import credentials as secrets
from audience_desktop.core.credentials import (
    MAX_ENTRY_BYTES,
    KeyringUnavailable,
    SecretDamaged,
    SecretKind,
)
from tests.support.windows_keyring import CredWriteError, WindowsLimitKeyring

SERVICE = "audience-desktop"
LONG = "eyJhbGciOiJSUzI1NiJ9." + "x" * 4000 + ".sig"  # a 4 KB token


@pytest.fixture
def windows() -> WindowsLimitKeyring:
    backend = WindowsLimitKeyring()
    keyring.set_keyring(backend)
    return backend


def _sizes(backend: WindowsLimitKeyring) -> list[int]:
    return [len(v.encode("utf-16-le")) for v in backend.store.values()]


def test_the_test_backend_refuses_like_windows(windows: WindowsLimitKeyring) -> None:
    with pytest.raises(CredWriteError):
        windows.set_password(SERVICE, "x", "a" * (MAX_ENTRY_BYTES // 2 + 1))
    windows.set_password(SERVICE, "x", "a" * (MAX_ENTRY_BYTES // 2))


def test_a_4kb_token_is_stored_in_chunks_and_read_back(windows: WindowsLimitKeyring) -> None:
    secrets.set_secret("work", SecretKind.ACCESS_TOKEN, LONG)
    assert secrets.get_secret("work", SecretKind.ACCESS_TOKEN) == LONG
    assert len(windows.store) >= 4  # a header and at least 3 chunks of 2 KB (UTF-16)
    assert max(_sizes(windows)) <= MAX_ENTRY_BYTES
    assert (SERVICE, "work/access-token#1") in windows.store
    assert secrets.delete_secret("work", SecretKind.ACCESS_TOKEN) is secrets.Deletion.REMOVED
    assert windows.store == {}  # every chunk went with the header


def test_a_short_secret_stays_one_plain_entry(windows: WindowsLimitKeyring) -> None:
    secrets.set_secret("work", SecretKind.CLIENT_SECRET, "p8e-short-secret")
    assert windows.store == {(SERVICE, "work/client-secret"): "p8e-short-secret"}
    windows.store[(SERVICE, "old/client-secret")] = "written-by-an-older-version"
    assert secrets.get_secret("old", SecretKind.CLIENT_SECRET) == "written-by-an-older-version"


def test_rewriting_leaves_no_stale_chunks(windows: WindowsLimitKeyring) -> None:
    secrets.set_secret("work", SecretKind.ACCESS_TOKEN, LONG + LONG)
    secrets.set_secret("work", SecretKind.ACCESS_TOKEN, LONG)
    assert secrets.get_secret("work", SecretKind.ACCESS_TOKEN) == LONG
    chunks = [user for (_, user) in windows.store if "#" in user]
    assert len(chunks) == 4  # 4,025 characters in chunks of 1,024: none left of the 8
    secrets.set_secret("work", SecretKind.ACCESS_TOKEN, "now-short-token")
    assert windows.store == {(SERVICE, "work/access-token"): "now-short-token"}


def test_characters_outside_the_bmp_are_never_split(windows: WindowsLimitKeyring) -> None:
    value = "🔑" * 1500  # 4 UTF-16 bytes each: 6,000 bytes
    secrets.set_secret("work", SecretKind.CLIENT_SECRET, value)
    assert max(_sizes(windows)) <= MAX_ENTRY_BYTES
    assert secrets.get_secret("work", SecretKind.CLIENT_SECRET) == value


def test_a_value_that_looks_like_a_header_is_not_misread(windows: WindowsLimitKeyring) -> None:
    value = "audience-desktop:chunks:v1:2:abc"
    secrets.set_secret("work", SecretKind.CLIENT_SECRET, value)
    assert secrets.get_secret("work", SecretKind.CLIENT_SECRET) == value


def test_a_missing_or_altered_chunk_is_never_returned(windows: WindowsLimitKeyring) -> None:
    secrets.set_secret("work", SecretKind.ACCESS_TOKEN, LONG)
    windows.store[(SERVICE, "work/access-token#2")] = "y" * 1024  # another write's piece
    with pytest.raises(SecretDamaged) as caught:
        secrets.get_secret("work", SecretKind.ACCESS_TOKEN)
    assert "enter it again" in caught.value.describe()
    secrets.set_secret("work", SecretKind.TOKEN_CACHE, '{"access_token": "' + LONG + '"}')
    del windows.store[(SERVICE, "work/token-cache#1")]
    assert secrets.get_secret("work", SecretKind.TOKEN_CACHE) is None  # a cache miss, no more


def test_a_platform_error_on_write_is_a_keyring_error_not_a_crash() -> None:
    keyring.set_keyring(WindowsLimitKeyring(limit=100))  # refuses even one chunk
    with pytest.raises(KeyringUnavailable) as caught:
        secrets.set_secret("work", SecretKind.ACCESS_TOKEN, LONG)
    assert "CredWriteError" in caught.value.describe()
    assert "xxxx" not in caught.value.describe()


class UnreadableKeyring(WindowsLimitKeyring):
    """Reads fail with a platform error, as pywin32 raises them (not a keyring error)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise CredWriteError()


def test_a_platform_error_on_read_is_a_keyring_error_not_a_crash() -> None:
    keyring.set_keyring(UnreadableKeyring())
    with pytest.raises(KeyringUnavailable) as caught:
        secrets.get_secret("work", SecretKind.CLIENT_SECRET)
    assert "CredWriteError" in caught.value.describe()
