"""The history of every create attempt, in SQLite (WAL), written before anything is sent.

A row starts ``pending`` and becomes ``succeeded``, ``failed`` or ``unknown`` (the request
may have reached the server). A crash mid-call leaves the ``pending`` row: reconciliation
resolves it by looking the audience up, so nothing is lost and nothing is resent blindly.
"""

from __future__ import annotations

import builtins
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history_search import ensure_search_index
from audience_desktop.core.messages import Message, join, msg

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
]


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


def select_sql(tail: str, extra: str = "") -> str:
    """``SELECT <every Attempt column>[, extra] FROM attempts <tail>``: for readers' own SQL."""
    if extra:
        return _SELECT.replace(" FROM attempts", f", {extra} FROM attempts") + f" {tail}"
    return f"{_SELECT} {tail}"


class History:
    """The attempts table. Safe to share between threads (one connection, one lock)."""

    def __init__(self, path: Path, on_change: Callable[[int], None] | None = None) -> None:
        """Open (and migrate) the history; ``on_change(row_id)`` is called after each write."""
        self.path = path
        self.on_change = on_change
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(
            path, check_same_thread=False, timeout=10.0, isolation_level=None
        )
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a row written is a row kept
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

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
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- writing ----------------------------------------------------------------------------

    def add_pending_unless_open(
        self, profile: str, sandbox: str, endpoint: str, draft: AudienceDraft
    ) -> tuple[int, Attempt | None]:
        """Record a pending attempt unless one at the same audience did not fail.

        The check and the insert are one IMMEDIATE transaction, so two processes (the window
        and a CLI, say) cannot both claim the same audience. Returns (row id, None), or
        (0, the blocking attempt) when nothing was written.
        """
        with self._transaction() as db:
            blocking = db.execute(
                f"{_SELECT} WHERE profile = ? AND sandbox = ? AND name = ?"
                " AND status != 'failed' ORDER BY id DESC LIMIT 1",
                (profile, sandbox, draft.name),
            ).fetchone()
            if blocking is not None:
                return 0, row_to_attempt(blocking)
            row_id = self._insert_pending(db, profile, sandbox, endpoint, draft)
        self._changed(row_id)
        return row_id, None

    @staticmethod
    def _insert_pending(
        db: sqlite3.Connection, profile: str, sandbox: str, endpoint: str, draft: AudienceDraft
    ) -> int:
        now = utc_now()
        cursor = db.execute(
            "INSERT INTO attempts (created_at, updated_at, profile, sandbox, endpoint, name,"
            " description, namespace, origin_name, status) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (now, now, profile, sandbox, endpoint, draft.name, draft.description,
             draft.namespace, draft.origin_name, Status.PENDING.value),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def touch(self, row_id: int) -> None:
        """Mark a pending attempt as alive (before each send), so it is not taken for orphaned."""
        with self._transaction() as db:
            db.execute(
                "UPDATE attempts SET updated_at = ? WHERE id = ? AND status = 'pending'",
                (utc_now(), row_id),
            )

    def update(self, row_id: int, status: Status, **values: Any) -> Attempt:
        """Set the outcome of an attempt (only the given columns change)."""
        allowed = {
            "audience_id", "aep_id", "http_status", "error_code", "request_id", "uncertain_since",
            "server_message", "failure", "failure_args", "failure_hint", "failure_hint_args",
            "resolution", "resolution_args", "checked_at",
        }  # fmt: skip
        unknown = set(values) - allowed
        if unknown:
            raise ValueError(f"not history columns: {sorted(unknown)}")
        assignments = ", ".join(f"{key} = ?" for key in values)
        sql = f"UPDATE attempts SET status = ?, updated_at = ?{', ' if values else ''}{assignments} WHERE id = ?"
        with self._transaction() as db:
            db.execute(sql, (status.value, utc_now(), *values.values(), row_id))
        self._changed(row_id)
        return self.get(row_id)

    def _changed(self, row_id: int) -> None:
        if self.on_change is not None:
            self.on_change(row_id)

    # -- reading ----------------------------------------------------------------------------

    def get(self, row_id: int) -> Attempt:
        with self._lock:
            row = self._db.execute(f"{_SELECT} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise KeyError(row_id)
        return row_to_attempt(row)

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0])

    def list(self, limit: int | None = None, offset: int = 0) -> builtins.list[Attempt]:
        """Attempts, newest first."""
        sql = f"{_SELECT} ORDER BY id DESC LIMIT ? OFFSET ?"  # insertion order: newest first
        with self._lock:
            rows = self._db.execute(sql, (-1 if limit is None else limit, offset)).fetchall()
        return [row_to_attempt(row) for row in rows]

    def unresolved(self, *, older_than: str | None = None) -> builtins.list[Attempt]:
        """``unknown`` rows, and ``pending`` ones last touched before ``older_than`` (ISO time)."""
        sql = f"{_SELECT} WHERE status = 'unknown' OR (status = 'pending' AND updated_at < ?) ORDER BY id"
        with self._lock:
            rows = self._db.execute(sql, (older_than or "",)).fetchall()
        return [row_to_attempt(row) for row in rows]

    def open_attempts_for(self, profile: str, sandbox: str, name: str) -> builtins.list[Attempt]:
        """Earlier attempts at the same audience that did not fail: the duplicate guard."""
        sql = (
            f"{_SELECT} WHERE profile = ? AND sandbox = ? AND name = ?"
            " AND status IN ('pending', 'unknown', 'succeeded') ORDER BY id DESC"
        )
        with self._lock:
            rows = self._db.execute(sql, (profile, sandbox, name)).fetchall()
        return [row_to_attempt(row) for row in rows]


def row_to_attempt(row: sqlite3.Row) -> Attempt:
    values = {key: row[key] for key in _COLUMNS}  # extra columns (a sort key) are ignored
    values["status"] = Status(values["status"])
    return Attempt(**values)
