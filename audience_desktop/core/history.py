"""The history of every create attempt, in SQLite (WAL), written before anything is sent.

A row starts ``pending`` and becomes ``succeeded``, ``failed`` or ``unknown`` (the request
may have reached the server). A crash mid-call leaves the ``pending`` row: reconciliation
resolves it by looking the audience up, so nothing is lost and nothing is resent blindly.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from audience_desktop.core.attempt import (
    EXPORT_COLUMNS,
    UNRESOLVED,
    Attempt,
    Resolution,
    Status,
    utc_now,
)
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history_deletions import NOT_DELETED, Deletion, to_deletion
from audience_desktop.core.history_deletions import SELECT as _SELECT_DELETIONS
from audience_desktop.core.history_deletions import record as _record_deletion
from audience_desktop.core.history_errors import (
    BUSY_TIMEOUT,
    HistoryTooNew,
    HistoryUnavailable,
    HistoryWriteFailed,
    move_aside,
    unavailable,
)
from audience_desktop.core.history_schema import MIGRATIONS, _statements
from audience_desktop.core.history_search import ensure_search_index
from audience_desktop.core.journal import RecoveryJournal, journal_path
from audience_desktop.core.messages import msg

__all__ = [  # the row model and the errors are re-exported: callers import them from here
    "EXPORT_COLUMNS",
    "MIGRATIONS",
    "UNRESOLVED",
    "Attempt",
    "Deletion",
    "History",
    "HistoryTooNew",
    "HistoryUnavailable",
    "HistoryWriteFailed",
    "Resolution",
    "Status",
    "move_aside",
    "row_to_attempt",
    "select_sql",
    "unavailable",
    "utc_now",
]

log = logging.getLogger(__name__)


# Columns written with the pending row (schema 4): the owner, and how to look it up later.
CLAIM_COLUMNS = (
    "owner_pid", "owner_started", "owner_host", "owner_boot", "org_id", "client_id",
    "platform_url", "ims_url", "ais_path", "auth_kind", "scopes", "batch_id", "batch_row",
)  # fmt: skip
# How often one write is tried (each waits BUSY_TIMEOUT for another program's lock).
WRITE_TRIES = 3


_COLUMNS = [f.name for f in fields(Attempt)]
_SELECT = (
    "SELECT id AS row_id, " + ", ".join(c for c in _COLUMNS if c != "row_id") + " FROM attempts"
)


def open_attempts_sql(
    profile: str, sandbox: str, name: str, claim: dict[str, Any] | None
) -> tuple[str, tuple[Any, ...]]:
    """The duplicate guard's query (see ``History.open_attempts_for``), for any connection."""
    where, params = _same_home(profile, sandbox, name, claim)
    sql = (
        f"{_SELECT} WHERE {where}"
        f" AND status IN ('pending', 'unknown', 'succeeded') AND {NOT_DELETED}"
        " ORDER BY id DESC"
    )
    return sql, params


def select_sql(tail: str) -> str:
    """``SELECT <every Attempt column> FROM attempts <tail>``: for readers' own SQL."""
    return f"{_SELECT} {tail}"


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
        anything but a success. Lines whose row is not here are kept. A line that is not a
        well-formed entry is never applied: it is moved to ``<journal>.rejected`` (or left in
        place), with a warning naming the journal. The journal's problems never make the
        history unusable: they are the journal's, logged, and the history opens.
        """
        try:
            entries, rejected = self.journal.read()
        except OSError as exc:
            log.warning("Could not read the recovery journal %s (%s); left as it is",
                        self.journal.path, exc)  # fmt: skip
            return
        if not entries and not rejected:
            return
        kept: list[dict[str, Any]] = []
        with self._transaction() as db:
            for entry, line in entries:
                applied = self._replay_one(db, entry)
                if applied is None:
                    rejected.append(line)
                elif not applied:
                    kept.append(entry)
        try:
            if rejected:
                aside = self.journal.reject(rejected)
                log.warning("Moved %d malformed line(s) of the recovery journal %s to %s",
                            len(rejected), self.journal.path, aside)  # fmt: skip
            self.journal.replace(kept)
        except OSError as exc:  # replaying again is harmless: an outcome is only ever newer
            log.warning("Could not clear the recovery journal %s (%s); left as it is",
                        self.journal.path, exc)  # fmt: skip
            return
        log.info("Replayed %d outcome(s) from %s", len(entries) - len(kept), self.journal.path)

    @staticmethod
    def _replay_one(db: sqlite3.Connection, entry: dict[str, Any]) -> bool | None:
        """True: applied (or older than the row); False: its row is not here (kept);
        None: not an entry of this history's columns (rejected)."""
        values = entry.get("values")
        try:
            status = Status(entry.get("status"))
        except ValueError:
            return None
        if not isinstance(values, dict) or set(values) - _OUTCOME_COLUMNS:
            return None
        try:
            row = db.execute(
                "SELECT status, created_at, name FROM attempts WHERE id = ?", (entry["row_id"],)
            ).fetchone()
        except (sqlite3.InterfaceError, sqlite3.ProgrammingError, OverflowError):
            return None  # a value SQLite cannot bind (journal.well_formed keeps them out)
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
            try:
                db.execute(
                    f"UPDATE attempts SET status = ?, updated_at = ?{assignments} WHERE id = ?",
                    (status.value, entry.get("updated_at") or utc_now(), *values.values(),
                     entry["row_id"]),
                )  # fmt: skip
            except (sqlite3.InterfaceError, sqlite3.ProgrammingError, OverflowError):
                return None
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

        The same audience is the same home and name (see ``open_attempts_for``), whatever
        the profile is called. The check and the insert are one IMMEDIATE transaction, so two processes (the window
        and a CLI, say) cannot both claim the same audience. ``claim`` fills CLAIM_COLUMNS
        (the owner and the lookup details). Returns (row id, None), or (0, the blocking
        attempt) when nothing was written.
        """
        try:  # nothing is sent without this row: a history that refuses it stops the create
            with self._transaction() as db:
                where, params = _same_home(profile, sandbox, draft.name, claim)
                blocking = db.execute(
                    f"{_SELECT} WHERE {where} AND status != 'failed' AND {NOT_DELETED}"
                    " ORDER BY id DESC LIMIT 1",
                    params,
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

    def record_deletion(
        self, profile: str, sandbox: str, claim: dict[str, Any], **values: Any
    ) -> Deletion:
        """Record an audience deleted from the sandbox (``claim``: its home, as for a create);
        the succeeded attempts that created it (same home, same id) get the resolution
        ``deleted``, so it may be created again. One transaction."""
        home = _same_home(profile, sandbox, None, claim)
        row = {
            "deleted_at": utc_now(), "profile": profile, "sandbox": sandbox,
            "org_id": claim.get("org_id"), "platform_url": claim.get("platform_url"),
            "name": "", "audience_id": None, "request_id": None, **values,
        }  # fmt: skip
        try:
            with self._transaction() as db:
                row_id, marked = _record_deletion(db, home, row)
        except sqlite3.Error as exc:
            raise unavailable(self.path, exc, self.busy_timeout) from None
        for attempt_id in marked:
            self._changed(attempt_id)
        with self._reading():
            found = self._db.execute(f"{_SELECT_DELETIONS} WHERE id = ?", (row_id,)).fetchone()
        return to_deletion(found)

    def deletions(self, limit: int | None = None) -> builtins.list[Deletion]:
        """Deletions recorded, newest first."""
        sql = f"{_SELECT_DELETIONS} ORDER BY id DESC LIMIT ?"
        with self._reading():
            rows = self._db.execute(sql, (-1 if limit is None else limit,)).fetchall()
        return [to_deletion(row) for row in rows]

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

    def open_attempts_for(
        self, profile: str, sandbox: str, name: str, claim: dict[str, Any] | None = None
    ) -> builtins.list[Attempt]:
        """Earlier attempts at the same audience that did not fail: the duplicate guard.

        The same audience is the same home (org id, sandbox, platform URL, from ``claim``:
        the CLAIM_COLUMNS a new attempt would write) and the same name, through any profile.
        Rows written before schema 4 (no org id) are matched by profile name and sandbox.
        """
        sql, params = open_attempts_sql(profile, sandbox, name, claim)
        with self._reading():
            rows = self._db.execute(sql, params).fetchall()
        return [row_to_attempt(row) for row in rows]


def _same_home(
    profile: str, sandbox: str, name: str | None, claim: dict[str, Any] | None
) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause (and its parameters) of the attempts at the same audience.

    Rows with an org id match on org id, sandbox, platform URL and name; rows without one
    (written before schema 4) on profile name, sandbox and name (``name`` None: any name,
    for a deletion, which matches by id). Without an org id in
    ``claim``, only the profile name can tell: the rows of that profile match.
    """
    org = (claim or {}).get("org_id") or ""
    url = ((claim or {}).get("platform_url") or "").rstrip("/")
    legacy = "profile = ?"
    named, names = ("name = ? AND ", (name,)) if name is not None else ("", ())
    if not org:
        return f"sandbox = ? AND {named}{legacy}", (sandbox, *names, profile)
    by_home = (
        "(COALESCE(org_id, '') != '' AND org_id = ? AND RTRIM(COALESCE(platform_url, ''), '/') = ?)"
    )
    by_profile = f"(COALESCE(org_id, '') = '' AND {legacy})"
    return (
        f"sandbox = ? AND {named}({by_home} OR {by_profile})",
        (sandbox, *names, org, url, profile),
    )


_OUTCOME_COLUMNS = frozenset({
    "audience_id", "aep_id", "http_status", "error_code", "request_id", "uncertain_since",
    "server_message", "failure", "failure_args", "failure_hint", "failure_hint_args",
    "resolution", "resolution_args", "checked_at",
})  # fmt: skip


def row_to_attempt(row: sqlite3.Row) -> Attempt:
    values = {key: row[key] for key in _COLUMNS}  # extra columns (a sort key) are ignored
    values["status"] = Status(values["status"])
    return Attempt(**values)
