"""Keyring backends that refuse a secret the way Windows Credential Manager does.

Windows stores a generic credential's blob as UTF-16 and refuses one over 2,560 bytes
(CRED_MAX_CREDENTIAL_BLOB_SIZE): ``CredWrite`` raises a ``pywintypes.error`` (1783, "The
stub received bad data"), which is not a keyring error. ``WindowsLimitKeyring`` does the
same in memory; ``FileWindowsKeyring`` keeps its entries in a JSON file named by
``AUDIENCE_TEST_KEYRING_FILE`` so real subprocesses share them (tests only, in a temporary
folder; select it with ``PYTHON_KEYRING_BACKEND=tests.support.windows_keyring.FileWindowsKeyring``).
"""

from __future__ import annotations

from tests.support.file_keyring import FileKeyring
from tests.support.memory_keyring import MemoryKeyring

WINDOWS_BLOB_LIMIT = 2560  # bytes, UTF-16-LE


class CredWriteError(Exception):
    """Stands in for pywintypes.error raised by win32cred.CredWrite."""

    def __init__(self) -> None:
        super().__init__(1783, "CredWrite", "The stub received bad data.")
        self.winerror = 1783


def check_size(password: str, limit: int = WINDOWS_BLOB_LIMIT) -> None:
    if len(password.encode("utf-16-le", errors="surrogatepass")) > limit:
        raise CredWriteError()


class WindowsLimitKeyring(MemoryKeyring):
    """An in-memory keyring with Windows' blob limit (``limit`` may be lowered by a test)."""

    def __init__(self, limit: int = WINDOWS_BLOB_LIMIT) -> None:
        super().__init__()
        self.limit = limit

    def set_password(self, service: str, username: str, password: str) -> None:
        check_size(password, self.limit)
        super().set_password(service, username, password)


class FileWindowsKeyring(FileKeyring):
    """Windows' blob limit, entries in a JSON file shared by processes (tests only)."""

    ENV = "AUDIENCE_TEST_KEYRING_FILE"

    def set_password(self, service: str, username: str, password: str) -> None:
        check_size(password)
        super().set_password(service, username, password)
