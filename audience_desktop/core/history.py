"""The history of every create attempt, in SQLite (WAL), written before anything is sent.

A row starts ``pending`` and becomes ``succeeded``, ``failed`` or ``unknown`` (the request
may have reached the server). A crash mid-call leaves the ``pending`` row: reconciliation
resolves it by looking the audience up, so nothing is lost and nothing is resent blindly.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, fields, replace
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.history_search import ensure_search_index
from audience_desktop.core.journal import RecoveryJournal, journal_path
from audience_desktop.core.messages import Message, join, msg
from audience_desktop.core.process_owner import Owner

log = logging.getLogger(__name__)


class Status(str, Enum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"

    def label(self) -> Message:
        """The word shown to a person (the value itself is the scripts' contract)."""
        return msg(f"status.{self.value}")


class Resolution(str, Enum):
    """What a later check of an uncertain outcome concluded (the ``resolution`` column)."""

    FOUND = "found"  # a lookup found it: succeeded
    FOUND_SEVERAL = "found_several"  # succeeded, but more than one exists under that name
    OTHER_DETAILS = "other_details"  # same name, other namespace or origin: still unknown
    NOT_FOUND_YET = "not_found_yet"  # too soon (or lookup incomplete) to call it failed
    NOT_FOUND = "not_found"  # settled: it was not created
    CHECK_FAILED = "check_failed"  # the lookup itself failed
    MARKED = "marked"  # the user checked AEP and released it


UNRESOLVED = (Status.PENDING, Status.UNKNOWN)

# Each entry upgrades the schema by one version; never edit one that has shipped.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE attempts (
        id            INTEGER PRIMARY KEY,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        profile       TEXT NOT NULL,
        sandbox       TEXT NOT NULL,
        endpoint      TEXT NOT NULL,
        name          TEXT NOT NULL,
        description   TEXT NOT NULL DEFAULT '',
        namespace     TEXT NOT NULL,
        origin_name   TEXT NOT NULL,
        status        TEXT NOT NULL
                      CHECK (status IN ('pending', 'succeeded', 'failed', 'unknown')),
        audience_id   TEXT,
        aep_id        TEXT,
        http_status   INTEGER,
        error_code    TEXT,
        request_id    TEXT,
        error         TEXT
    );
    CREATE INDEX attempts_by_name ON attempts (profile, sandbox, name);
    CREATE INDEX attempts_by_status ON attempts (status, id);
    CREATE INDEX attempts_by_audience_name ON attempts (name, id);
    CREATE INDEX attempts_by_namespace ON attempts (namespace, id);
    CREATE INDEX attempts_by_origin ON attempts (origin_name, id);
    CREATE INDEX attempts_by_sandbox ON attempts (sandbox, id);
    """,
    # 2: when the outcome became uncertain; "not found" is only trusted a while after it.
    """
    ALTER TABLE attempts ADD COLUMN uncertain_since TEXT;
    """,
    # 3: outcomes as columns, not prose. What failed (a message kind and its parameters),
    # the server's own words, and what a later check concluded and when. Notes written by
    # schema 2 stay, untouched, as legacy_note: shown as they are, never parsed.
    """
    ALTER TABLE attempts RENAME COLUMN error TO legacy_note;
    ALTER TABLE attempts ADD COLUMN server_message TEXT;
    ALTER TABLE attempts ADD COLUMN failure TEXT;
    ALTER TABLE attempts ADD COLUMN failure_args TEXT;
    ALTER TABLE attempts ADD COLUMN failure_hint TEXT;
    ALTER TABLE attempts ADD COLUMN failure_hint_args TEXT;
    ALTER TABLE attempts ADD COLUMN resolution TEXT;
    ALTER TABLE attempts ADD COLUMN resolution_args TEXT;
    ALTER TABLE attempts ADD COLUMN checked_at TEXT;
    """,
    # 4: who owns a pending row (so a killed process's row is known orphaned at once), and
    # what the attempt needs to be looked up later whatever happens to its profile (never a
    # secret: the credential is found again by org and client id).
    """
    ALTER TABLE attempts ADD COLUMN owner_pid INTEGER;
    ALTER TABLE attempts ADD COLUMN owner_started TEXT;
    ALTER TABLE attempts ADD COLUMN owner_host TEXT;
    ALTER TABLE attempts ADD COLUMN owner_boot TEXT;
    ALTER TABLE attempts ADD COLUMN org_id TEXT;
    ALTER TABLE attempts ADD COLUMN client_id TEXT;
    ALTER TABLE attempts ADD COLUMN platform_url TEXT;
    ALTER TABLE attempts ADD COLUMN ims_url TEXT;
    ALTER TABLE attempts ADD COLUMN ais_path TEXT;
    ALTER TABLE attempts ADD COLUMN auth_kind TEXT;
    ALTER TABLE attempts ADD COLUMN scopes TEXT;
    """,
]

# Columns written with the pending row (schema 4): the owner, and how to look it up later.
CLAIM_COLUMNS = (
    "owner_pid", "owner_started", "owner_host", "owner_boot", "org_id", "client_id",
    "platform_url", "ims_url", "ais_path", "auth_kind", "scopes",
)  # fmt: skip
# How long one write waits for another program's lock, and how often it is tried.
BUSY_TIMEOUT = 10.0
WRITE_TRIES = 3


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies contain semicolons)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


# The export columns: the CLI's stable contract (``history --json`` / ``--csv``).
EXPORT_COLUMNS = (
    "created_at", "profile", "sandbox", "name", "description", "namespace", "originName",
    "status", "audienceId", "id", "http_status", "error_code", "request_id", "error",
)  # fmt: skip


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Attempt:
    """One row of the history."""

    row_id: int
    created_at: str
    updated_at: str
    profile: str
    sandbox: str
    endpoint: str
    name: str
    description: str
    namespace: str
    origin_name: str
    status: Status
    audience_id: str | None = None
    aep_id: str | None = None
    http_status: int | None = None
    error_code: str | None = None
    request_id: str | None = None
    legacy_note: str | None = None  # prose written by schema 2; shown as is, never parsed
    uncertain_since: str | None = None  # when the outcome became unknown (not exported)
    server_message: str | None = None  # the server's own words about a failure
    failure: str | None = None  # what went wrong: a message kind...
    failure_args: str | None = None  # ...and its parameters (JSON)
    failure_hint: str | None = None  # what to do about it: a message kind...
    failure_hint_args: str | None = None  # ...and its parameters (JSON)
    resolution: str | None = None  # what a later check concluded (a Resolution value)...
    resolution_args: str | None = None  # ...and its parameters (JSON)
    checked_at: str | None = None  # when that check ran
    owner_pid: int | None = None  # the process that wrote the pending row (schema 4)...
    owner_started: str | None = None  # ...its start time (clock ticks since boot, Linux)...
    owner_host: str | None = None  # ...its host...
    owner_boot: str | None = None  # ...and its boot id
    org_id: str | None = None  # what a later lookup needs, kept from the profile at claim
    client_id: str | None = None
    platform_url: str | None = None
    ims_url: str | None = None
    ais_path: str | None = None
    auth_kind: str | None = None
    scopes: str | None = None

    def owner(self) -> Owner | None:
        """The process that claimed this row, when recorded (rows before schema 4: None)."""
        if self.owner_pid is None or self.owner_host is None:
            return None
        return Owner(self.owner_pid, self.owner_started, self.owner_host, self.owner_boot)

    @property
    def draft(self) -> AudienceDraft:
        return AudienceDraft(self.name, self.namespace, self.origin_name, self.description)

    def failure_message(self) -> Message | None:
        return Message.from_columns(self.failure, self.failure_args)

    def resolution_message(self) -> Message | None:
        if not self.resolution:
            return None
        return Message.from_columns(f"resolution.{self.resolution}", self.resolution_args)

    def notes(self) -> list[Message | str]:
        """What is known about the outcome, in order: what failed, what the server said,
        what a later check found (and an older version's note)."""
        parts: list[Message | str | None] = [
            self.failure_message(),
            msg("http.server_said", text=self.server_message) if self.server_message else None,
            None
            if self.resolution
            else Message.from_columns(self.failure_hint, self.failure_hint_args),
            self.resolution_message(),
            self.legacy_note,
        ]
        return [part for part in parts if part]

    def note(self) -> str:
        """The notes rendered in the current language ('' when there are none)."""
        return join(*self.notes())

    def export(self) -> dict[str, Any]:
        """The row under the CLI's export column names."""
        return {
            "created_at": self.created_at,
            "profile": self.profile,
            "sandbox": self.sandbox,
            "name": self.name,
            "description": self.description,
            "namespace": self.namespace,
            "originName": self.origin_name,
            "status": self.status.value,
            "audienceId": self.audience_id,
            "id": self.aep_id,
            "http_status": self.http_status,
            "error_code": self.error_code,
            "request_id": self.request_id,
            "error": self.note() or None,
        }


_COLUMNS = [f.name for f in fields(Attempt)]
_SELECT = (
    "SELECT id AS row_id, " + ", ".join(c for c in _COLUMNS if c != "row_id") + " FROM attempts"
)


def select_sql(tail: str) -> str:
    """``SELECT <every Attempt column> FROM attempts <tail>``: for readers' own SQL."""
    return f"{_SELECT} {tail}"


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


class History:
    """The attempts table. Safe to share between threads (one connection, one lock)."""

    def __init__(
        self,
        path: Path,
        on_change: Callable[[int], None] | None = None,
        *,
        busy_timeout: float | None = None,
    ) -> None:
        """Open (and migrate) the history; ``on_change(row_id)`` is called after each write.

        Any failure to open is a HistoryUnavailable naming the file; outcomes kept in the
        recovery journal by an earlier run are added first.
        """
        self.path = path
        self.on_change = on_change
        self.busy_timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
        self.journal = RecoveryJournal(journal_path(path))
        self._claimed: dict[int, Attempt] = {}  # pending rows of ours, to report if unwritable
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                path, check_same_thread=False, timeout=self.busy_timeout, isolation_level=None
            )
        except (sqlite3.Error, OSError) as exc:
            raise unavailable(path, exc, self.busy_timeout) from None
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")  # a row written is a row kept
            self._db.execute("PRAGMA foreign_keys=ON")
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise HistoryTooNew(
                    msg("history.newer", path=str(path), version=version,
                        supported=len(MIGRATIONS)),
                    msg("history.newer.hint"),
                    path,
                )  # fmt: skip
            self._migrate()
            self._replay_journal()
        except BaseException as exc:
            self._db.close()
            if isinstance(exc, (sqlite3.Error, OSError)):
                raise unavailable(path, exc, self.busy_timeout) from None
            raise

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._transaction():
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise RuntimeError(
                    f"The history at {self.path} was written by a newer version of the app "
                    f"(schema {version}); update the app."
                )
            if version < len(MIGRATIONS):
                self._back_up_before_migrating(version)
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")
        self._ensure_search_index()

    def _back_up_before_migrating(self, version: int) -> None:
        """Copy a history with rows in it aside, so a migration gone wrong loses nothing.

        Called inside the migration's transaction, which keeps other writers out; read
        through a second connection, as SQLite cannot back up from one that is writing. The
        copy is kept (``history.sqlite3.bak-schema<N>-<UTC time>``) for the user to discard.
        """
        if version == 0 or not self._db.execute("SELECT 1 FROM attempts LIMIT 1").fetchone():
            return  # a new file, or one without rows: nothing to keep
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup = self.path.with_name(f"{self.path.name}.bak-schema{version}-{stamp}")
        source, copy = sqlite3.connect(self.path), sqlite3.connect(backup)
        with closing(source), closing(copy):
            source.backup(copy)
        log.info("Backed up the history (schema %d) to %s before upgrading it", version, backup)

    def _ensure_search_index(self) -> None:
        """Keep the optional filter index whole, or out of the way where it cannot work."""
        ensure_search_index(self._transaction)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # also when COMMIT itself failed (a full disk)
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("ROLLBACK")
                raise

    def _write(self, write: Callable[[sqlite3.Connection], object]) -> None:
        """One write transaction, tried WRITE_TRIES times (each waits up to the busy timeout)."""
        for attempt in range(WRITE_TRIES):
            try:
                with self._transaction() as db:
                    write(db)
                return
            except sqlite3.OperationalError:
                if attempt == WRITE_TRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)

    # -- the recovery journal ---------------------------------------------------------------

    def _keep_in_journal(
        self, row_id: int, status: Status, now: str, values: dict[str, Any], exc: BaseException
    ) -> HistoryWriteFailed:
        """The outcome the history refused, appended to the journal; the error to raise."""
        problem = unavailable(self.path, exc, self.busy_timeout)
        base = self._claimed.get(row_id)
        if base is None:
            try:
                base = self.get(row_id)
            except (sqlite3.Error, KeyError):
                base = None
        attempt = (
            replace(base, status=status, updated_at=now, **values)
            if base is not None
            else Attempt(row_id, now, now, "", "", "", "", "", "", "", status, **values)
        )
        entry = {
            "row_id": row_id, "created_at": attempt.created_at, "name": attempt.name,
            "status": status.value, "updated_at": now, "values": values,
        }  # fmt: skip
        try:
            self.journal.append(entry)
        except OSError:
            log.exception("Could not write the recovery journal %s", self.journal.path)
            return HistoryWriteFailed(attempt, problem, None)
        log.warning("History unwritable; outcome of row %d kept in %s", row_id, self.journal.path)
        return HistoryWriteFailed(attempt, problem, self.journal.path)

    def _replay_journal(self) -> None:
        """Add the outcomes an earlier run could not write, then clear the journal.

        A line applies to the row with its id, creation time and name (so it can never land
        on another history's row); it replaces an unresolved outcome, and a success replaces
        anything but a success. Lines whose row is not here are kept.
        """
        entries = self.journal.entries()
        if not entries:
            return
        kept: list[dict[str, Any]] = []
        with self._transaction() as db:
            for entry in entries:
                if not self._replay_one(db, entry):
                    kept.append(entry)
        self.journal.replace(kept)
        log.info("Replayed %d outcome(s) from %s", len(entries) - len(kept), self.journal.path)

    @staticmethod
    def _replay_one(db: sqlite3.Connection, entry: dict[str, Any]) -> bool:
        values = entry.get("values")
        try:
            status = Status(entry.get("status"))
        except ValueError:
            return False
        if not isinstance(values, dict) or set(values) - _OUTCOME_COLUMNS:
            return False
        row = db.execute(
            "SELECT status, created_at, name FROM attempts WHERE id = ?", (entry.get("row_id"),)
        ).fetchone()
        if row is None or (row["created_at"], row["name"]) != (
            entry.get("created_at"), entry.get("name"),
        ):  # fmt: skip
            return False
        current = Status(row["status"])
        newer = current in UNRESOLVED or (
            status is Status.SUCCEEDED and current is not Status.SUCCEEDED
        )
        if newer:
            assignments = "".join(f", {key} = ?" for key in values)
            db.execute(
                f"UPDATE attempts SET status = ?, updated_at = ?{assignments} WHERE id = ?",
                (status.value, entry.get("updated_at") or utc_now(), *values.values(),
                 entry["row_id"]),
            )  # fmt: skip
        return True

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing ----------------------------------------------------------------------------

    def add_pending_unless_open(
        self,
        profile: str,
        sandbox: str,
        endpoint: str,
        draft: AudienceDraft,
        claim: dict[str, Any] | None = None,
    ) -> tuple[int, Attempt | None]:
        """Record a pending attempt unless one at the same audience did not fail.

        The check and the insert are one IMMEDIATE transaction, so two processes (the window
        and a CLI, say) cannot both claim the same audience. ``claim`` fills CLAIM_COLUMNS
        (the owner and the lookup details). Returns (row id, None), or (0, the blocking
        attempt) when nothing was written.
        """
        try:  # nothing is sent without this row: a history that refuses it stops the create
            with self._transaction() as db:
                blocking = db.execute(
                    f"{_SELECT} WHERE profile = ? AND sandbox = ? AND name = ?"
                    " AND status != 'failed' ORDER BY id DESC LIMIT 1",
                    (profile, sandbox, draft.name),
                ).fetchone()
                if blocking is not None:
                    return 0, row_to_attempt(blocking)
                row_id = self._insert_pending(db, profile, sandbox, endpoint, draft, claim)
        except sqlite3.Error as exc:
            raise unavailable(self.path, exc, self.busy_timeout) from None
        self._claimed[row_id] = self.get(row_id)
        self._changed(row_id)
        return row_id, None

    @staticmethod
    def _insert_pending(
        db: sqlite3.Connection,
        profile: str,
        sandbox: str,
        endpoint: str,
        draft: AudienceDraft,
        claim: dict[str, Any] | None = None,
    ) -> int:
        now = utc_now()
        extra = {key: value for key, value in (claim or {}).items() if key in CLAIM_COLUMNS}
        columns = "".join(f", {key}" for key in extra)
        marks = ",?" * len(extra)
        cursor = db.execute(
            "INSERT INTO attempts (created_at, updated_at, profile, sandbox, endpoint, name,"
            f" description, namespace, origin_name, status{columns})"
            f" VALUES (?,?,?,?,?,?,?,?,?,?{marks})",
            (now, now, profile, sandbox, endpoint, draft.name, draft.description,
             draft.namespace, draft.origin_name, Status.PENDING.value, *extra.values()),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def touch(self, row_id: int) -> None:
        """Mark a pending attempt as alive (before each send), so it is not taken for orphaned.

        Only a heartbeat (the owner columns say who holds the row): a locked or full history
        must not stop the send, so a failure here is logged, not raised.
        """
        try:
            with self._transaction() as db:
                db.execute(
                    "UPDATE attempts SET updated_at = ? WHERE id = ? AND status = 'pending'",
                    (utc_now(), row_id),
                )
        except sqlite3.Error as exc:
            log.warning("Could not mark row %d alive: %s", row_id, exc)

    def update(self, row_id: int, status: Status, **values: Any) -> Attempt:
        """Set the outcome of an attempt (only the given columns change).

        A history that stays unwritable (locked past the busy timeout on every try, read-only,
        full) does not lose the outcome: it goes to the recovery journal and
        HistoryWriteFailed carries it (``.attempt``) for the caller to show.
        """
        unknown = set(values) - _OUTCOME_COLUMNS
        if unknown:
            raise ValueError(f"not history columns: {sorted(unknown)}")
        assignments = ", ".join(f"{key} = ?" for key in values)
        sql = f"UPDATE attempts SET status = ?, updated_at = ?{', ' if values else ''}{assignments} WHERE id = ?"
        now = utc_now()
        try:
            self._write(lambda db: db.execute(sql, (status.value, now, *values.values(), row_id)))
        except (sqlite3.Error, OSError) as exc:
            raise self._keep_in_journal(row_id, status, now, values, exc) from None
        self._claimed.pop(row_id, None)
        self._changed(row_id)
        return self.get(row_id)

    def _changed(self, row_id: int) -> None:
        if self.on_change is not None:
            self.on_change(row_id)

    # -- reading ----------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Under the lock; a damaged file read mid-way is a HistoryUnavailable, not a crash."""
        with self._lock:
            try:
                yield
            except sqlite3.Error as exc:
                raise unavailable(self.path, exc, self.busy_timeout) from None

    def get(self, row_id: int) -> Attempt:
        with self._reading():
            row = self._db.execute(f"{_SELECT} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise KeyError(row_id)
        return row_to_attempt(row)

    def count(self) -> int:
        with self._reading():
            return int(self._db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])

    def list(self, limit: int | None = None, offset: int = 0) -> builtins.list[Attempt]:
        """Attempts, newest first."""
        sql = f"{_SELECT} ORDER BY id DESC LIMIT ? OFFSET ?"  # insertion order: newest first
        with self._reading():
            rows = self._db.execute(sql, (-1 if limit is None else limit, offset)).fetchall()
        return [row_to_attempt(row) for row in rows]

    def unresolved(self, *, older_than: str | None = None) -> builtins.list[Attempt]:
        """``unknown`` rows, and ``pending`` ones last touched before ``older_than`` (ISO time)."""
        sql = f"{_SELECT} WHERE status = 'unknown' OR (status = 'pending' AND updated_at < ?) ORDER BY id"
        with self._reading():
            rows = self._db.execute(sql, (older_than or "",)).fetchall()
        return [row_to_attempt(row) for row in rows]

    def open_attempts_for(self, profile: str, sandbox: str, name: str) -> builtins.list[Attempt]:
        """Earlier attempts at the same audience that did not fail: the duplicate guard."""
        sql = (
            f"{_SELECT} WHERE profile = ? AND sandbox = ? AND name = ?"
            " AND status IN ('pending', 'unknown', 'succeeded') ORDER BY id DESC"
        )
        with self._reading():
            rows = self._db.execute(sql, (profile, sandbox, name)).fetchall()
        return [row_to_attempt(row) for row in rows]


_OUTCOME_COLUMNS = frozenset({
    "audience_id", "aep_id", "http_status", "error_code", "request_id", "uncertain_since",
    "server_message", "failure", "failure_args", "failure_hint", "failure_hint_args",
    "resolution", "resolution_args", "checked_at",
})  # fmt: skip


def row_to_attempt(row: sqlite3.Row) -> Attempt:
    values = {key: row[key] for key in _COLUMNS}  # extra columns (a sort key) are ignored
    values["status"] = Status(values["status"])
    return Attempt(**values)
