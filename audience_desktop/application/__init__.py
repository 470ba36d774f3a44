"""The application layer: the only way in to the core for the window, the CLI and the smoke test.

Front ends import from here (an import-linter contract in the test command checks it): the
facade (``Workspace``), the composition (``open_workspace``), and the plain value types and
message rendering they show.
"""

from audience_desktop.application.compose import open_workspace
from audience_desktop.application.workspace import (
    RESERVED_PROFILE_NAMES,
    ProfileTest,
    RemovedProfile,
    Workspace,
)
from audience_desktop.core import aep
from audience_desktop.core.draft import MAX_LENGTHS, AudienceDraft, DraftInvalid, FieldError
from audience_desktop.core.errors import AepError, AppError, ErrorKind
from audience_desktop.core.history import Attempt, Status
from audience_desktop.core.history_query import SORT_KEYS, Cursor, HistoryQuery, HistoryReader
from audience_desktop.core.i18n import _, local_time, ngettext, use_languages
from audience_desktop.core.logs import setup_logging
from audience_desktop.core.messages import Message, join, render
from audience_desktop.core.models import Sandbox
from audience_desktop.core.paths import AppPaths, app_paths
from audience_desktop.core.profiles import AuthKind, Profile, ProfileInvalid
from audience_desktop.core.redact import redact
from audience_desktop.core.service import AlreadyAttempted, Outcome, Reconciled
from audience_desktop.core.text import terminal_text

__all__ = [
    "MAX_LENGTHS",
    "RESERVED_PROFILE_NAMES",
    "SORT_KEYS",
    "AepError",
    "AlreadyAttempted",
    "AppError",
    "AppPaths",
    "Attempt",
    "AudienceDraft",
    "AuthKind",
    "Cursor",
    "DraftInvalid",
    "ErrorKind",
    "FieldError",
    "HistoryQuery",
    "HistoryReader",
    "Message",
    "Outcome",
    "Profile",
    "ProfileInvalid",
    "ProfileTest",
    "Reconciled",
    "RemovedProfile",
    "Sandbox",
    "Status",
    "Workspace",
    "_",
    "aep",
    "app_paths",
    "join",
    "local_time",
    "ngettext",
    "open_workspace",
    "redact",
    "render",
    "setup_logging",
    "terminal_text",
    "use_languages",
]


def __getattr__(name: str) -> object:
    """``credentials`` (the keyring) loads on first use only: never on the window's start-up.

    The smoke test stores, reads back and deletes a throwaway secret through it.
    """
    if name == "credentials":
        import importlib

        return importlib.import_module("audience_desktop.core.credentials")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
