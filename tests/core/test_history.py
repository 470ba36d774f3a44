"""The SQLite history: WAL, schema version, rows written before sending, status changes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import EXPORT_COLUMNS, MIGRATIONS, History, Status

DRAFT = AudienceDraft(name="Summer buyers", namespace="agora", origin_name="Agora", description="d")


def test_new_database_is_wal_and_versioned(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    assert history.schema_version == len(MIGRATIONS)
    mode = sqlite3.connect(tmp_path / "h.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    history.close()
    assert History(tmp_path / "h.sqlite3").schema_version == len(MIGRATIONS)  # idempotent


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    History(path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(RuntimeError, match="newer version"):
        History(path)


def test_pending_row_is_visible_to_another_connection_before_the_outcome(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    row_id = history.add_pending("work", "prod", "https://x/core/ais/audiences", DRAFT)
    other = sqlite3.connect(tmp_path / "h.sqlite3")
    assert other.execute("SELECT status FROM attempts WHERE id=?", (row_id,)).fetchone() == (
        "pending",
    )
    done = history.update(
        row_id, Status.SUCCEEDED, audience_id="aud-1", aep_id="id-1", http_status=200
    )
    assert done.status is Status.SUCCEEDED and done.audience_id == "aud-1"
    assert done.updated_at >= done.created_at


def test_export_has_the_cli_contract_columns(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    first = history.add_pending("work", "prod", "u", DRAFT)
    second = history.add_pending("work", "prod", "u", DRAFT)
    history.update(first, Status.FAILED, http_status=409, error_code="100950", error="exists")
    rows = history.list()
    assert [r.row_id for r in rows] == [second, first]  # newest first
    exported = rows[1].export()
    assert tuple(exported) == EXPORT_COLUMNS
    assert exported["status"] == "failed" and exported["originName"] == "Agora"


def test_update_refuses_unknown_columns(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    row_id = history.add_pending("work", "prod", "u", DRAFT)
    with pytest.raises(ValueError):
        history.update(row_id, Status.FAILED, bogus="x")


def test_unresolved_includes_unknown_and_only_stale_pending(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    unknown = history.add_pending("w", "p", "u", DRAFT)
    history.update(unknown, Status.UNKNOWN)
    fresh = history.add_pending("w", "p", "u", DRAFT)
    assert [a.row_id for a in history.unresolved(older_than="2000-01-01")] == [unknown]
    assert [a.row_id for a in history.unresolved(older_than="9999-01-01")] == [unknown, fresh]
