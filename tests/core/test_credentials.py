"""The keyring layer: secure backends only, per-profile entries, no plain-file fallback."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import chainer, fail, null

from audience_desktop.core import credentials as secrets
from audience_desktop.core.credentials import KeyringUnavailable, SecretKind
from tests.support.memory_keyring import MemoryKeyring


class PlaintextKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring: refused by its name."""


def test_secrets_are_kept_per_profile_and_kind(memory_keyring: MemoryKeyring) -> None:
    secrets.set_secret("work", SecretKind.CLIENT_SECRET, "s3cr3t-value")
    secrets.set_secret("work", SecretKind.ACCESS_TOKEN, "tok-value")
    assert secrets.get_secret("work", SecretKind.CLIENT_SECRET) == "s3cr3t-value"
    assert secrets.get_secret("other", SecretKind.CLIENT_SECRET) is None
    assert ("audience-desktop", "work/client-secret") in memory_keyring.store
    secrets.delete_profile_secrets("work")
    assert memory_keyring.store == {}
    secrets.delete_profile_secrets("work")  # deleting what is gone is fine


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), PlaintextKeyring()],
    ids=["fail", "null", "plaintext"],
)
def test_insecure_backends_are_refused_with_the_fix(
    backend: keyring.backend.KeyringBackend,
) -> None:
    keyring.set_keyring(backend)
    problem = secrets.secure_backend_problem()
    assert problem is not None and "No secure keyring" in problem.describe()
    with pytest.raises(KeyringUnavailable) as caught:
        secrets.set_secret("work", SecretKind.CLIENT_SECRET, "s3cr3t-value")
    assert "keyring" in str(caught.value).lower()
    assert "s3cr3t-value" not in str(caught.value)


def test_chainer_with_nothing_viable_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", property(lambda self: []))
    keyring.set_keyring(chainer.ChainerBackend())
    assert secrets.secure_backend_problem() is not None


def test_chainer_of_secure_backends_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        chainer.ChainerBackend, "backends", property(lambda self: [MemoryKeyring()])
    )
    keyring.set_keyring(chainer.ChainerBackend())
    assert secrets.secure_backend_problem() is None


def test_backend_name_names_the_class() -> None:
    assert secrets.backend_name() == "tests.support.memory_keyring.MemoryKeyring"
    assert secrets.secure_backend_problem() is None
