"""The only module that touches ``keyring``: client secrets, pasted tokens and cached tokens.

Every value lives in the OS keyring under the service ``audience-desktop`` and the user name
``<profile>/<kind>``. When the only backend available cannot store securely (keyring's
``fail`` or ``null`` backends, a chainer with nothing usable, or a plain-file one), we refuse
with a message naming the fix. There is no plain-file fallback, silent or otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from dataclasses import dataclass
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


# -- long secrets ---------------------------------------------------------------------------
# Windows Credential Manager refuses a secret over 2,560 bytes (it stores UTF-16: 1,280
# characters), and an IMS access token is often longer. A value that does not fit is split:
# ``<profile>/<kind>`` holds a small header naming N chunks ``<profile>/<kind>#1..N`` and the
# SHA-256 of the whole, so a read reassembles and checks, and never returns a mix of two
# writes. A value that fits stays one plain entry, as it always was.
MAX_ENTRY_BYTES = 2560  # Windows' CRED_MAX_CREDENTIAL_BLOB_SIZE
_CHUNK_BYTES = 2048  # UTF-16 bytes per chunk: a margin under the limit
_HEADER = "audience-desktop:chunks:v1:"  # + "<count>:<sha256 hex>"


def _utf16_size(value: str) -> int:
    return len(value.encode("utf-16-le", errors="surrogatepass"))


def _split(value: str) -> list[str]:
    """Pieces of at most _CHUNK_BYTES in UTF-16, never splitting a character."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for char in value:
        width = 4 if ord(char) > 0xFFFF else 2
        if current and size + width > _CHUNK_BYTES:
            chunks.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    chunks.append("".join(current))
    return chunks


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", errors="surrogatepass")).hexdigest()


def _chunk_count(header: str | None) -> int:
    """How many chunks ``header`` names; 0 for a plain value, a missing or a garbled one."""
    if not header or not header.startswith(_HEADER):
        return 0
    count, _, _digest_hex = header[len(_HEADER) :].partition(":")
    return int(count) if count.isdigit() and 0 < int(count) <= 1000 else 0


def _join(user: str, header: str) -> str | None:
    """The value a header describes, or None when a chunk is missing or does not match."""
    count = _chunk_count(header)
    expected = header[len(_HEADER) :].partition(":")[2]
    if not count:
        return None
    parts = []
    for index in range(1, count + 1):
        part = keyring.get_password(SERVICE, f"{user}#{index}")
        if part is None:
            return None
        parts.append(part)
    value = "".join(parts)
    return value if _digest(value) == expected else None


class SecretDamaged(AppError):
    """A long secret's pieces do not add up (a write was interrupted): enter it again."""

    def __init__(self, what: str) -> None:
        super().__init__(
            msg("keyring.secret_damaged", what=what),
            kind=ErrorKind.CONFIG,
            hint=msg("keyring.secret_damaged.hint"),
        )


def set_secret(profile: str, kind: SecretKind, value: str) -> None:
    """Store one secret for ``profile``; refuses when the keyring is not secure.

    Any backend failure (keyring's own errors, or a platform error such as the one Windows
    raises for a blob that is too big) becomes KeyringUnavailable naming only its type.
    """
    require_secure_backend()
    register_secret(value)
    user = _user(profile, kind)
    try:
        previous = _chunk_count(keyring.get_password(SERVICE, user))
    except Exception:  # only used to tidy old chunks away; the write below decides
        previous = 0
    try:
        if _utf16_size(value) <= _CHUNK_BYTES and not value.startswith(_HEADER):
            keyring.set_password(SERVICE, user, value)
            count = 0
        else:
            chunks = _split(value)
            for index, chunk in enumerate(chunks, start=1):  # the chunks before the header
                keyring.set_password(SERVICE, f"{user}#{index}", chunk)
            count = len(chunks)
            keyring.set_password(SERVICE, user, f"{_HEADER}{count}:{_digest(value)}")
    except Exception as exc:
        raise KeyringUnavailable(
            msg("keyring.store_failed", what=kind.value, error=type(exc).__name__)
        ) from None
    for index in range(count + 1, previous + 1):  # chunks of a longer earlier value
        _forget(f"{user}#{index}")


def get_secret(profile: str, kind: SecretKind) -> str | None:
    """Read one secret, or None when it is not stored.

    A damaged long value is SecretDamaged, except the token cache, which is then simply
    empty (the next call mints a token and writes it again).
    """
    require_secure_backend()
    user = _user(profile, kind)
    try:
        value = keyring.get_password(SERVICE, user)
        if value is not None and value.startswith(_HEADER):
            value_or_none = _join(user, value)
            if value_or_none is None:
                log.warning("The keyring's %s of profile %s is incomplete", kind.value, profile)
                if kind is SecretKind.TOKEN_CACHE:
                    return None
                raise SecretDamaged(kind.value)
            value = value_or_none
    except AppError:
        raise
    except Exception as exc:  # keyring's errors, or a platform's own (pywintypes.error)
        raise KeyringUnavailable(msg("keyring.read_failed", error=type(exc).__name__)) from None
    register_secret(value)
    return value


def _forget(user: str) -> None:
    """Best-effort removal of one entry (a stale chunk)."""
    try:
        keyring.delete_password(SERVICE, user)
    except Exception as exc:
        log.info("Could not delete a stale keyring chunk: %s", type(exc).__name__)


class Deletion(str, Enum):
    """What deleting one secret did: only REMOVED and ABSENT are certain."""

    REMOVED = "removed"  # it was there and is gone
    ABSENT = "absent"  # there was nothing to remove
    FAILED = "failed"  # the keyring could not be reached or refused: it may still be there


@dataclass(frozen=True)
class SecretsRemoval:
    """What removing a profile's secrets did, kind by kind."""

    results: dict[SecretKind, Deletion]
    error: str | None = None  # the backend's error type when a deletion failed

    def kinds(self, result: Deletion) -> tuple[SecretKind, ...]:
        return tuple(kind for kind, got in self.results.items() if got is result)


def delete_secret(profile: str, kind: SecretKind) -> Deletion:
    """Remove one secret and its chunks; never raises: the result says what happened.

    The entry is read first, so a backend that silently accepts everything (and stores
    nothing) is reported as holding nothing rather than as "removed".
    """
    return _delete(profile, kind)[0]


def _delete(profile: str, kind: SecretKind) -> tuple[Deletion, str | None]:
    user = _user(profile, kind)
    try:
        value = keyring.get_password(SERVICE, user)
        if value is None:
            return Deletion.ABSENT, None
        for index in range(1, _chunk_count(value) + 1):
            with contextlib.suppress(keyring.errors.PasswordDeleteError):  # already gone
                keyring.delete_password(SERVICE, f"{user}#{index}")
        keyring.delete_password(SERVICE, user)
    except keyring.errors.PasswordDeleteError:
        return Deletion.ABSENT, None  # removed meanwhile, by another process
    except Exception as exc:  # unreachable, locked, refused: say so, never crash the caller
        log.warning("Could not delete %s of profile %s: %s", kind.value, profile, type(exc))
        return Deletion.FAILED, type(exc).__name__
    return Deletion.REMOVED, None


def delete_profile_secrets(profile: str) -> SecretsRemoval:
    """Remove every secret a profile may have, and say which were removed and which not."""
    results: dict[SecretKind, Deletion] = {}
    error = None
    for kind in SecretKind:
        results[kind], failure = _delete(profile, kind)
        error = error or failure
    return SecretsRemoval(results, error)
