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
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

from audience_desktop.core.draft import AudienceDraft

log = logging.getLogger(__name__)


class Status(str, Enum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"


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
]

# What "filter as you type" searches. A trigram full-text index over it (when this SQLite
# has FTS5, 3.34+) answers substring filters on 100,000 rows in about a millisecond.
SEARCHED_COLUMNS = (
    "name", "namespace", "origin_name", "description", "sandbox", "profile", "status",
    "audience_id", "aep_id", "request_id", "error_code",
)  # fmt: skip
FTS_TABLE = "attempts_fts"


def haystack_sql(prefix: str = "") -> str:
    """The searched columns joined into one text (``prefix`` is e.g. ``new.``)."""
    return " || char(31) || ".join(f"COALESCE({prefix}{c}, '')" for c in SEARCHED_COLUMNS)


_FTS_SCRIPT = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(haystack, tokenize='trigram');
DELETE FROM {FTS_TABLE};
INSERT INTO {FTS_TABLE}(rowid, haystack) SELECT id, {haystack_sql()} FROM attempts;
CREATE TRIGGER IF NOT EXISTS attempts_fts_insert AFTER INSERT ON attempts BEGIN
    INSERT INTO {FTS_TABLE}(rowid, haystack) VALUES (new.id, {haystack_sql("new.")});
END;
CREATE TRIGGER IF NOT EXISTS attempts_fts_update AFTER UPDATE ON attempts BEGIN
    UPDATE {FTS_TABLE} SET haystack = {haystack_sql("new.")} WHERE rowid = new.id;
END;
CREATE TRIGGER IF NOT EXISTS attempts_fts_delete AFTER DELETE ON attempts BEGIN
    DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
END;
"""


def has_trigram(db: sqlite3.Connection) -> bool:
    """Whether this SQLite can build and query the trigram index."""
    try:
        db.execute("CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize='trigram')")
        db.execute("DROP TABLE temp.trigram_probe")
    except sqlite3.OperationalError:
        return False
    return True


def search_index_ready(db: sqlite3.Connection) -> bool:
    """Whether filters may use the trigram index on this connection."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_TABLE,)).fetchone()
    return exists is not None and has_trigram(db)


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
    error: str | None = None
    uncertain_since: str | None = None  # when the outcome became unknown (not exported)

    @property
    def draft(self) -> AudienceDraft:
        return AudienceDraft(self.name, self.namespace, self.origin_name, self.description)

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
            "error": self.error,
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
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")
        self._ensure_search_index()

    def _ensure_search_index(self) -> None:
        """Keep the optional full-text index whole, or out of the way where it cannot work.

        Without FTS5's trigram tokenizer (an old SQLite opening a history the app made), the
        index's triggers would make every write fail: they are dropped, and the index is
        rebuilt the next time a capable SQLite opens the file. The filter then scans.
        """
        if has_trigram(self._db):
            triggers = self._db.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'attempts_fts_%'"
            ).fetchone()[0]
            if triggers == 3:
                return
            with self._transaction() as db:  # new, or its triggers were dropped: rebuild
                for statement in _statements(_FTS_SCRIPT):
                    db.execute(statement)
            return
        log.warning("This SQLite has no FTS5 trigram tokenizer; the history filter will scan")
        with self._transaction() as db:
            for name in ("insert", "update", "delete"):
                db.execute(f"DROP TRIGGER IF EXISTS attempts_fts_{name}")

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

    def add_pending(self, profile: str, sandbox: str, endpoint: str, draft: AudienceDraft) -> int:
        """Record an attempt before it is sent; returns its row id."""
        with self._transaction() as db:
            row_id = self._insert_pending(db, profile, sandbox, endpoint, draft)
        self._changed(row_id)
        return row_id

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
            "audience_id", "aep_id", "http_status", "error_code", "request_id", "error",
            "uncertain_since",
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
