"""Deletions from a sandbox, as the history keeps them (schema 5's ``deletions`` table).

A deletion is a row of its own (the audience may have been made by someone else) and, for
the attempts that created it, the resolution ``deleted``: their status stays ``succeeded``
(they did create it), and the duplicate guard no longer counts them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from audience_desktop.core.attempt import Resolution
from audience_desktop.core.messages import Message

# The guard's clause: attempts whose audience was deleted do not block a new create.
NOT_DELETED = f"COALESCE(resolution, '') != '{Resolution.DELETED.value}'"


@dataclass(frozen=True)
class Deletion:
    """One audience deleted from a sandbox through this app."""

    row_id: int
    deleted_at: str  # ISO 8601 UTC
    profile: str
    sandbox: str
    org_id: str | None
    platform_url: str | None
    name: str
    audience_id: str | None
    aep_id: str  # the system id the DELETE named
    request_id: str | None
    attempts: int  # how many attempts of the history it settled

    def export(self) -> dict[str, Any]:
        return {
            "deleted_at": self.deleted_at, "profile": self.profile, "sandbox": self.sandbox,
            "name": self.name, "audienceId": self.audience_id, "id": self.aep_id,
            "request_id": self.request_id,
        }  # fmt: skip


_COLUMNS = [f.name for f in fields(Deletion) if f.name != "row_id"]
SELECT = "SELECT id AS row_id, " + ", ".join(_COLUMNS) + " FROM deletions"


def record(
    db: sqlite3.Connection, home: tuple[str, tuple[Any, ...]], values: dict[str, Any]
) -> tuple[int, list[int]]:
    """Insert the deletion and settle the attempts that created it (same home, same id).

    ``home`` is the WHERE clause of the attempts in the audience's home; ``values`` the
    deletion's columns. Returns the new row's id and the attempts it marked.
    """
    where, params = home
    ids = [value for value in (values["audience_id"], values["aep_id"]) if value]
    marks = ",".join("?" * len(ids))
    matched = [
        int(row[0])
        for row in db.execute(
            f"SELECT id FROM attempts WHERE {where} AND status = 'succeeded' AND {NOT_DELETED}"
            f" AND (audience_id IN ({marks}) OR aep_id IN ({marks}))",
            (*params, *ids, *ids),
        )
    ]
    args = Message(
        f"resolution.{Resolution.DELETED.value}",
        {"sandbox": values["sandbox"], "checked": values["deleted_at"], "name": values["name"]},
    ).to_json()  # fmt: skip
    for row_id in matched:
        db.execute(
            "UPDATE attempts SET resolution = ?, resolution_args = ?, checked_at = ?,"
            " updated_at = ? WHERE id = ?",
            (Resolution.DELETED.value, args, values["deleted_at"], values["deleted_at"], row_id),
        )
    row = {**values, "attempts": len(matched)}
    cursor = db.execute(
        f"INSERT INTO deletions ({', '.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
        tuple(row[column] for column in _COLUMNS),
    )
    return int(cursor.lastrowid or 0), matched


def to_deletion(row: sqlite3.Row) -> Deletion:
    return Deletion(**{key: row[key] for key in row.keys()})  # noqa: SIM118 - sqlite3.Row
