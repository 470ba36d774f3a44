"""The only module that touches ``keyring``: client secrets, pasted tokens and cached tokens.

Every value lives in the OS keyring under the service ``audience-desktop`` and the user name
``<profile>/<kind>``. When the only backend available cannot store securely (keyring's
``fail`` or ``null`` backends, a chainer with nothing usable, or a plain-file one), we refuse
with a message naming the fix. There is no plain-file fallback, silent or otherwise.
"""

from __future__ import annotations

import logging
from enum import Enum

import keyring
import keyring.backend
import keyring.errors

from audience_desktop import APP_NAME
from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.messages import Message, msg
from audience_desktop.core.redact import register_secret

log = logging.getLogger(__name__)

SERVICE = APP_NAME

# Backends that "work" but do not protect a secret: refuse them by their module.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
class SecretKind(str, Enum):
    CLIENT_SECRET = "client-secret"
    ACCESS_TOKEN = "access-token"  # a token pasted by the user
    TOKEN_CACHE = "token-cache"  # a minted token reused across processes (JSON)


class KeyringUnavailable(AppError):
    """No secure keyring: nothing was stored, and nothing will be stored elsewhere."""

    def __init__(self, message: Message) -> None:
        super().__init__(message, kind=ErrorKind.CONFIG, hint=_fix())


def _fix() -> Message:
    import sys

    return msg("keyring.fix.linux" if sys.platform.startswith("linux") else "keyring.fix.other")


def backend_name(backend: keyring.backend.KeyringBackend | None = None) -> str:
    """The backend's class path, e.g. 'keyring.backends.SecretService.Keyring'."""
    backend = backend or keyring.get_keyring()
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_secure(backend: keyring.backend.KeyringBackend) -> bool:
    module = type(backend).__module__
    if module.startswith(_INSECURE_MODULES) or "plaintext" in type(backend).__name__.lower():
        return False
    children = getattr(backend, "backends", None)
    if module == "keyring.backends.chainer" or children is not None:
        # A chainer writes to the first child that accepts: every child must be secure.
        return bool(children) and all(_is_secure(child) for child in children or ())
    return True


def secure_backend_problem() -> KeyringUnavailable | None:
    """None when secrets can be stored securely, else the error saying what to do."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend import must not crash the caller
        return KeyringUnavailable(msg("keyring.load_failed", error=type(exc).__name__))
    if _is_secure(backend):
        return None
    return KeyringUnavailable(msg("keyring.insecure", backend=backend_name(backend)))


def require_secure_backend() -> None:
    """Raise KeyringUnavailable unless a secure backend is in use."""
    problem = secure_backend_problem()
    if problem is not None:
        raise problem


def _user(profile: str, kind: SecretKind) -> str:
    return f"{profile}/{kind.value}"


def set_secret(profile: str, kind: SecretKind, value: str) -> None:
    """Store one secret for ``profile``; refuses when the keyring is not secure."""
    require_secure_backend()
    register_secret(value)
    try:
        keyring.set_password(SERVICE, _user(profile, kind), value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(
            msg("keyring.store_failed", what=kind.value, error=type(exc).__name__)
        ) from None


def get_secret(profile: str, kind: SecretKind) -> str | None:
    """Read one secret, or None when it is not stored."""
    require_secure_backend()
    try:
        value = keyring.get_password(SERVICE, _user(profile, kind))
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(msg("keyring.read_failed", error=type(exc).__name__)) from None
    register_secret(value)
    return value


def delete_secret(profile: str, kind: SecretKind) -> None:
    """Remove one secret; a secret that is not there is not an error."""
    try:
        keyring.delete_password(SERVICE, _user(profile, kind))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        log.warning("Could not delete %s of profile %s: %s", kind.value, profile, type(exc))


def delete_profile_secrets(profile: str) -> None:
    """Remove every secret a profile may have."""
    for kind in SecretKind:
        delete_secret(profile, kind)
