"""The application layer: the only way in to the core for the window, the CLI and the smoke test.

Front ends import from here (an import-linter contract in the test command checks it): the
facade (``Workspace``), the composition (``open_workspace``), and the plain value types and
message rendering they show.

Every name is loaded on first use (PEP 562 ``__getattr__``): a front end pays only for the
parts it touches, so the window's start-up does not load what it shows later (the sandbox
model, the keyring). The imports under ``TYPE_CHECKING`` are the same as the table below:
they give mypy the types and import-linter the dependencies, and
``tests/application/test_import_cost.py`` checks that the two agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audience_desktop.application.compose import open_workspace
    from audience_desktop.application.workspace import (
        RESERVED_PROFILE_NAMES,
        ProfileTest,
        RemovedProfile,
        Workspace,
    )
    from audience_desktop.core import aep
    from audience_desktop.core import credentials as credentials  # not in __all__: on use only
    from audience_desktop.core.attempt import Attempt, Status
    from audience_desktop.core.batch import (
        SANDBOX_AUDIENCE_LIMIT,
        BatchOptions,
        BatchPlan,
        CellProblem,
        ColumnsInvalid,
        PlannedRow,
        RowStatus,
        result_record,
    )
    from audience_desktop.core.batch_input import FIELDS, BatchSource, SourceUnreadable
    from audience_desktop.core.batch_results import (
        ResultsUnwritable,
        ResultsWriter,
        check_results_target,
    )
    from audience_desktop.core.batch_runner import BatchControl, BatchProgress
    from audience_desktop.core.draft import MAX_LENGTHS, AudienceDraft, DraftInvalid, FieldError
    from audience_desktop.core.errors import AepError, AppError, ErrorKind
    from audience_desktop.core.history_deletions import Deletion
    from audience_desktop.core.history_query import SORT_KEYS, Cursor, HistoryQuery, HistoryReader
    from audience_desktop.core.i18n import _, local_time, ngettext, use_languages
    from audience_desktop.core.logs import setup_logging
    from audience_desktop.core.messages import Message, join, render
    from audience_desktop.core.models import AudiencePage, Progress, Sandbox, SandboxAudience, Stage
    from audience_desktop.core.os_errors import os_reason
    from audience_desktop.core.paths import AppPaths, app_paths
    from audience_desktop.core.profiles import (
        MAX_TIMEOUT,
        AuthKind,
        Profile,
        ProfileInvalid,
        sandbox_text,
    )
    from audience_desktop.core.redact import redact
    from audience_desktop.core.sandbox import AlreadyInSandbox, SandboxCheckFailed
    from audience_desktop.core.service import AlreadyAttempted, Outcome, Reconciled
    from audience_desktop.core.text import terminal_text

# name -> the module that defines it (or, for the names in _MODULES, the module itself).
_MODULES = frozenset({"aep", "credentials"})
_EXPORTS = {
    "open_workspace": "audience_desktop.application.compose",
    **dict.fromkeys(
        ("RESERVED_PROFILE_NAMES", "ProfileTest", "RemovedProfile", "Workspace"),
        "audience_desktop.application.workspace",
    ),
    "aep": "audience_desktop.core.aep",
    # The keyring loads on first use only, never on the window's start-up: the smoke test
    # stores, reads back and deletes a throwaway secret through it.
    "credentials": "audience_desktop.core.credentials",
    **dict.fromkeys(
        ("MAX_LENGTHS", "AudienceDraft", "DraftInvalid", "FieldError"),
        "audience_desktop.core.draft",
    ),
    **dict.fromkeys(("AepError", "AppError", "ErrorKind"), "audience_desktop.core.errors"),
    **dict.fromkeys(("Attempt", "Status"), "audience_desktop.core.attempt"),
    **dict.fromkeys(
        (
            "SANDBOX_AUDIENCE_LIMIT", "BatchOptions", "BatchPlan", "CellProblem",
            "ColumnsInvalid", "PlannedRow", "RowStatus", "result_record",
        ),
        "audience_desktop.core.batch",
    ),
    **dict.fromkeys(
        ("FIELDS", "BatchSource", "SourceUnreadable"), "audience_desktop.core.batch_input"
    ),
    **dict.fromkeys(
        ("ResultsUnwritable", "ResultsWriter", "check_results_target"),
        "audience_desktop.core.batch_results",
    ),
    **dict.fromkeys(("BatchControl", "BatchProgress"), "audience_desktop.core.batch_runner"),
    **dict.fromkeys(
        ("SORT_KEYS", "Cursor", "HistoryQuery", "HistoryReader"),
        "audience_desktop.core.history_query",
    ),
    **dict.fromkeys(("_", "local_time", "ngettext", "use_languages"), "audience_desktop.core.i18n"),
    "setup_logging": "audience_desktop.core.logs",
    **dict.fromkeys(("Message", "join", "render"), "audience_desktop.core.messages"),
    **dict.fromkeys(
        ("AudiencePage", "Progress", "Sandbox", "SandboxAudience", "Stage"),
        "audience_desktop.core.models",
    ),
    "Deletion": "audience_desktop.core.history_deletions",
    **dict.fromkeys(("AlreadyInSandbox", "SandboxCheckFailed"), "audience_desktop.core.sandbox"),
    "os_reason": "audience_desktop.core.os_errors",
    **dict.fromkeys(("AppPaths", "app_paths"), "audience_desktop.core.paths"),
    **dict.fromkeys(
        ("MAX_TIMEOUT", "AuthKind", "Profile", "ProfileInvalid", "sandbox_text"),
        "audience_desktop.core.profiles",
    ),
    "redact": "audience_desktop.core.redact",
    **dict.fromkeys(("AlreadyAttempted", "Outcome", "Reconciled"), "audience_desktop.core.service"),
    "terminal_text": "audience_desktop.core.text",
}

__all__ = [
    "FIELDS",
    "MAX_LENGTHS",
    "MAX_TIMEOUT",
    "RESERVED_PROFILE_NAMES",
    "SANDBOX_AUDIENCE_LIMIT",
    "SORT_KEYS",
    "AepError",
    "AlreadyAttempted",
    "AlreadyInSandbox",
    "AppError",
    "AppPaths",
    "Attempt",
    "AudienceDraft",
    "AudiencePage",
    "AuthKind",
    "BatchControl",
    "BatchOptions",
    "BatchPlan",
    "BatchProgress",
    "BatchSource",
    "CellProblem",
    "ColumnsInvalid",
    "Cursor",
    "Deletion",
    "DraftInvalid",
    "ErrorKind",
    "FieldError",
    "HistoryQuery",
    "HistoryReader",
    "Message",
    "Outcome",
    "PlannedRow",
    "Profile",
    "ProfileInvalid",
    "ProfileTest",
    "Progress",
    "Reconciled",
    "RemovedProfile",
    "ResultsUnwritable",
    "ResultsWriter",
    "RowStatus",
    "Sandbox",
    "SandboxAudience",
    "SandboxCheckFailed",
    "SourceUnreadable",
    "Stage",
    "Status",
    "Workspace",
    "_",
    "aep",
    "app_paths",
    "check_results_target",
    "join",
    "local_time",
    "ngettext",
    "open_workspace",
    "os_reason",
    "redact",
    "render",
    "result_record",
    "sandbox_text",
    "setup_logging",
    "terminal_text",
    "use_languages",
]


def __getattr__(name: str) -> object:
    """Load ``name`` from the module that defines it, once; later lookups find it here."""
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import sys

    # __import__ rather than importlib.import_module: the same import, and -X importtime
    # still reports it (importlib's pure-Python path does not).
    __import__(module_name)
    module = sys.modules[module_name]
    value = module if name in _MODULES else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
