"""The batch record: one row per file run in a sandbox, in the history's own file.

Each attempt a batch makes names the record and its row number (``attempts.batch_id``,
``batch_row``, written with the pending row). Running the same file (same hash) in the same
sandbox again continues the same record, so its rows read "created" rather than "already
created" once they are done.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from audience_desktop.core.attempt import Attempt, utc_now
from audience_desktop.core.history import _same_home, row_to_attempt, select_sql
from audience_desktop.core.history_deletions import NOT_DELETED
from audience_desktop.core.history_errors import BUSY_TIMEOUT, unavailable
from audience_desktop.core.profiles import Profile


class BatchStore:
    """Reads and writes the ``batches`` table (its own connection: any thread)."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = path
        self.busy_timeout = busy_timeout

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise unavailable(self.path, exc, self.busy_timeout) from None
        db.execute("PRAGMA synchronous=FULL")
        return db

    def find(self, file_hash: str, sandbox: str, home: dict[str, Any]) -> int | None:
        """The newest batch record of this file in this sandbox and org, if any."""
        sql = (
            "SELECT id FROM batches WHERE file_hash = ? AND sandbox = ? AND"
            " COALESCE(org_id, '') = ? AND RTRIM(COALESCE(platform_url, ''), '/') = ?"
            " ORDER BY id DESC LIMIT 1"
        )
        params = (file_hash, sandbox, home.get("org_id") or "",
                  (home.get("platform_url") or "").rstrip("/"))  # fmt: skip
        try:
            with closing(self._connect()) as db:
                row = db.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise unavailable(self.path, exc, self.busy_timeout) from None
        return int(row[0]) if row else None

    def open(
        self, file_name: str, file_hash: str, profile: str, sandbox: str, home: dict[str, Any],
        total_rows: int,
    ) -> int:  # fmt: skip
        """The record to run under: this file's in this sandbox (marked running), or a new one."""
        existing = self.find(file_hash, sandbox, home)
        now = utc_now()
        try:
            with closing(self._connect()) as db:
                if existing is not None:
                    db.execute(
                        "UPDATE batches SET state = 'running', updated_at = ? WHERE id = ?",
                        (now, existing),
                    )
                    return existing
                cursor = db.execute(
                    "INSERT INTO batches (created_at, updated_at, file_name, file_hash, profile,"
                    " sandbox, org_id, platform_url, total_rows) VALUES (?,?,?,?,?,?,?,?,?)",
                    (now, now, file_name, file_hash, profile, sandbox, home.get("org_id"),
                     home.get("platform_url"), total_rows),
                )  # fmt: skip
                return int(cursor.lastrowid or 0)
        except sqlite3.Error as exc:
            raise unavailable(self.path, exc, self.busy_timeout) from None

    def finish(self, batch_id: int, state: str) -> None:
        """Record how the run ended: ``finished`` or ``cancelled``."""
        try:
            with closing(self._connect()) as db:
                db.execute(
                    "UPDATE batches SET state = ?, updated_at = ? WHERE id = ?",
                    (state, utc_now(), batch_id),
                )
        except sqlite3.Error as exc:
            raise unavailable(self.path, exc, self.busy_timeout) from None

    def get(self, batch_id: int) -> dict[str, Any]:
        """The record as a dict of its columns (KeyError when there is none)."""
        with closing(self._connect()) as db:
            db.row_factory = sqlite3.Row
            row = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if row is None:
            raise KeyError(batch_id)
        return dict(row)


def open_attempts_by_name(
    path: Path, profile: Profile, home: dict[str, Any], busy_timeout: float = BUSY_TIMEOUT
) -> dict[str, list[Attempt]]:
    """Every attempt in the profile's home that did not fail, by name, newest first: the
    duplicate guard's rows for a whole file in one read (its size is the sandbox's, not the
    file's)."""
    where, params = _same_home(profile.name, profile.sandbox, None, home)
    sql = select_sql(
        f"WHERE {where} AND status IN ('pending', 'unknown', 'succeeded') AND {NOT_DELETED}"
        " ORDER BY id DESC"
    )
    found: dict[str, list[Attempt]] = {}
    try:
        with closing(sqlite3.connect(path, timeout=busy_timeout)) as db:
            db.row_factory = sqlite3.Row
            for row in db.execute(sql, params):
                found.setdefault(row["name"], []).append(row_to_attempt(row))
    except sqlite3.Error as exc:
        raise unavailable(path, exc, busy_timeout) from None
    return found
