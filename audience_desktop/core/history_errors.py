"""What an unusable history means for the person, and how a damaged one is kept aside.

The file is never deleted or overwritten: every error names it and the way out.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime, timezone
from pathlib import Path

from audience_desktop.core.attempt import Attempt
from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.journal import journal_path
from audience_desktop.core.messages import Message, msg

log = logging.getLogger(__name__)

# How long one write waits for another program's lock.
BUSY_TIMEOUT = 10.0


class HistoryUnavailable(AppError):
    """The history cannot be opened or written: damaged, newer, read-only, full or locked.

    The file is never deleted or overwritten because of it: the message names it and what
    to do (``move_aside`` keeps a damaged one, renamed, and lets a new one begin).
    """

    def __init__(self, message: Message, hint: Message | None, path: Path) -> None:
        super().__init__(message, kind=ErrorKind.CONFIG, hint=hint)
        self.path = path


class HistoryTooNew(HistoryUnavailable, RuntimeError):
    """Written by a newer version of the app (a RuntimeError, as before schema 4's callers)."""


class HistoryWriteFailed(AppError):
    """An outcome the history could not take; ``attempt`` is it, kept in memory to show.

    ``journal`` is where it was kept for the next start (None when even that failed).
    """

    def __init__(self, attempt: Attempt, problem: HistoryUnavailable, journal: Path | None):
        key = "history.outcome_journaled" if journal else "history.outcome_lost"
        reason = problem.message
        super().__init__(
            msg(key, path=str(problem.path), reason=reason, journal=str(journal or "")),
            kind=ErrorKind.CONFIG,
            hint=problem.hint,
        )
        self.attempt = attempt
        self.journal = journal


def unavailable(path: Path, exc: BaseException, seconds: float = BUSY_TIMEOUT) -> HistoryUnavailable:
    """What an SQLite or OS error means for the person, naming the file and the way out."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    where = str(path)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in text:
        return HistoryUnavailable(
            msg("history.damaged", path=where, error=str(exc)), msg("history.damaged.hint"), path
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return HistoryUnavailable(
            msg("history.read_only", path=where), msg("history.read_only.hint"), path
        )
    if (
        name.startswith("SQLITE_FULL")
        or "disk is full" in text
        or "space left" in text
        or (name.startswith("SQLITE_IOERR") and _nearly_full(path))  # ENOSPC seen as I/O error
    ):
        return HistoryUnavailable(
            msg("history.disk_full", path=where), msg("history.disk_full.hint"), path
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return HistoryUnavailable(
            msg("history.locked", path=where, seconds=f"{seconds:g}"),
            msg("history.locked.hint"),
            path,
        )
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM")) or isinstance(exc, OSError):
        return HistoryUnavailable(
            msg("history.cannot_open", path=where, error=str(exc)),
            msg("history.cannot_open.hint"),
            path,
        )
    return HistoryUnavailable(msg("history.failed", path=where, error=str(exc)), None, path)


def _nearly_full(path: Path) -> bool:
    """SQLite reports some writes refused for lack of space as I/O errors: ask the disk."""
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def move_aside(path: Path) -> Path:
    """Rename a (damaged) history and its side files with a UTC stamp; never delete them.

    The ``-wal`` and ``-shm`` files go first, so a new history can never pick up the old
    one's write-ahead log; the recovery journal goes with them. Returns the new name.
    """
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    side = [("-wal", "-wal"), ("-shm", "-shm")]
    for suffix, new_suffix in side:
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.rename(f"{target}{new_suffix}")
    journal = journal_path(path)
    if journal.exists():
        journal.rename(journal_path(target))
    path.rename(target)
    log.warning("Moved the history %s aside to %s", path, target)
    return target
