"""The SQLite history: WAL, schema version, rows written before sending, status changes."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from dataclasses import astuple, fields
from pathlib import Path

import pytest

from audience_desktop.core import history_search
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import EXPORT_COLUMNS, MIGRATIONS, Attempt, History, Status
from audience_desktop.core.history_query import HistoryQuery, HistoryReader
from tests.support.history_rows import add_pending

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
    row_id = add_pending(history, "work", "prod", "https://x/core/ais/audiences", DRAFT)
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
    first = add_pending(history, "work", "prod", "u", DRAFT)
    second = add_pending(history, "work", "prod", "u", DRAFT)
    history.update(
        first, Status.FAILED, http_status=409, error_code="100950", server_message="exists"
    )
    rows = history.list()
    assert [r.row_id for r in rows] == [second, first]  # newest first
    exported = rows[1].export()
    assert tuple(exported) == EXPORT_COLUMNS
    assert exported["status"] == "failed" and exported["originName"] == "Agora"


def test_update_refuses_unknown_columns(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    row_id = add_pending(history, "work", "prod", "u", DRAFT)
    with pytest.raises(ValueError):
        history.update(row_id, Status.FAILED, bogus="x")


def test_unresolved_includes_unknown_and_only_stale_pending(tmp_path: Path) -> None:
    history = History(tmp_path / "h.sqlite3")
    unknown = add_pending(history, "w", "p", "u", DRAFT)
    history.update(unknown, Status.UNKNOWN)
    fresh = add_pending(history, "w", "p", "u", DRAFT)
    assert [a.row_id for a in history.unresolved(older_than="2000-01-01")] == [unknown]
    assert [a.row_id for a in history.unresolved(older_than="9999-01-01")] == [unknown, fresh]


# -- opening an older history -------------------------------------------------------------

SCHEMA_1_ROWS = [
    {"id": 1, "created_at": "2024-05-01T10:00:00.000+00:00", "updated_at": "2024-05-01T10:00:01.000+00:00",
     "profile": "work", "sandbox": "prod", "endpoint": "https://x/core/ais/audiences",
     "name": "Summer buyers", "description": "d", "namespace": "agora", "origin_name": "Agora",
     "status": "succeeded", "audience_id": "aud-1", "aep_id": "id-1", "http_status": 200,
     "error_code": None, "request_id": "req-1", "error": None},
    {"id": 2, "created_at": "2024-05-02T10:00:00.000+00:00", "updated_at": "2024-05-02T10:00:02.000+00:00",
     "profile": "work", "sandbox": "dev", "endpoint": "https://x/core/ais/audiences",
     "name": "Winter buyers", "description": "", "namespace": "agora", "origin_name": "Agora",
     "status": "failed", "audience_id": None, "aep_id": None, "http_status": 409,
     "error_code": "100950", "request_id": "req-2", "error": "already exists"},
    {"id": 5, "created_at": "2024-05-03T10:00:00.000+00:00", "updated_at": "2024-05-03T10:00:03.000+00:00",
     "profile": "other", "sandbox": "prod", "endpoint": "https://y/core/ais/audiences",
     "name": "Lost in transit", "description": "é ü", "namespace": "crm", "origin_name": "CRM",
     "status": "unknown", "audience_id": None, "aep_id": None, "http_status": None,
     "error_code": None, "request_id": None, "error": "timed out"},
]  # fmt: skip


def make_schema_1(path: Path, rows: list[dict[str, object]]) -> None:
    """A history as the first release wrote it: its own DDL, version 1, no search index."""
    with closing(sqlite3.connect(path)) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        for row in rows:
            columns = ", ".join(row)
            db.execute(
                f"INSERT INTO attempts ({columns}) VALUES ({', '.join('?' * len(row))})",
                tuple(row.values()),
            )
        db.commit()


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bak-*"))


def test_upgrade_from_schema_1_keeps_every_row_and_value(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    make_schema_1(path, SCHEMA_1_ROWS)
    history = History(path)
    assert history.schema_version == len(MIGRATIONS)
    assert history.count() == len(SCHEMA_1_ROWS)
    names = {f.name for f in fields(Attempt)}
    for row in SCHEMA_1_ROWS:
        attempt = history.get(int(row["id"]))  # type: ignore[call-overload]
        for column, value in row.items():
            if column == "id":
                assert attempt.row_id == value
            elif column == "status":
                assert attempt.status is Status(value)
            elif column in names:
                assert getattr(attempt, column) == value, column
            else:  # renamed by a later migration: the value is still in the row
                assert value in astuple(attempt), column
    reader = HistoryReader(path)  # and the filter finds the old rows
    assert [a.row_id for a in reader.page(HistoryQuery("BUYERS"), None, 10).attempts] == [2, 1]
    reader.close()
    history.close()


def test_a_backup_is_kept_before_migrating_a_history_with_rows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "h.sqlite3"
    make_schema_1(path, SCHEMA_1_ROWS)
    with caplog.at_level(logging.INFO, logger="audience_desktop.core.history"):
        History(path).close()
    [backup] = backups(path)
    assert backup.name.startswith("h.sqlite3.bak-schema1-")
    assert str(backup) in caplog.text
    with closing(sqlite3.connect(backup)) as db:  # the file as it was before the upgrade
        db.row_factory = sqlite3.Row
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        rows = [dict(row) for row in db.execute("SELECT * FROM attempts ORDER BY id")]
    assert rows == SCHEMA_1_ROWS
    History(path).close()
    assert backups(path) == [backup]  # once migrated, nothing more to back up


def test_no_backup_where_there_is_nothing_to_keep(tmp_path: Path) -> None:
    new = tmp_path / "new.sqlite3"
    History(new).close()  # a new file
    History(new).close()  # already the latest schema
    empty = tmp_path / "empty.sqlite3"
    make_schema_1(empty, [])  # an old schema without rows
    History(empty).close()
    assert backups(new) == backups(empty) == []


def fts_objects(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as db:
        return {
            n
            for (n,) in db.execute("SELECT name FROM sqlite_master WHERE name GLOB 'attempts_fts*'")
        }


INDEX_AND_TRIGGERS = {
    "attempts_fts",
    "attempts_fts_insert",
    "attempts_fts_update",
    "attempts_fts_delete",
}


def filtered(path: Path, text: str, *, indexed: bool) -> list[int]:
    reader = HistoryReader(path)
    assert reader.indexed is indexed
    ids = [a.row_id for a in reader.page(HistoryQuery(text), None, 100).attempts]
    reader.close()
    return ids


@pytest.mark.parametrize("made_by_a_capable_sqlite", [True, False])
def test_without_the_trigram_tokenizer_writes_work_and_the_filter_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made_by_a_capable_sqlite: bool
) -> None:
    path = tmp_path / "h.sqlite3"
    old_id = 0
    if made_by_a_capable_sqlite:
        history = History(path)
        old_id, _ = history.add_pending_unless_open("w", "prod", "u", DRAFT)
        history.close()
        assert fts_objects(path) >= INDEX_AND_TRIGGERS
    with monkeypatch.context() as patch:
        patch.setattr(history_search, "has_trigram", lambda db: False)
        history = History(path)
        # The triggers would make every write fail on such an SQLite: they are gone.
        assert not fts_objects(path) & (INDEX_AND_TRIGGERS - {"attempts_fts"})
        winter = AudienceDraft("Winter buyers", "agora", "Agora")
        new_id, _ = history.add_pending_unless_open("w", "prod", "u", winter)
        history.update(new_id, Status.SUCCEEDED, audience_id="aud-9")
        assert filtered(path, "WINTER", indexed=False) == [new_id]
        assert filtered(path, "aud-9", indexed=False) == [new_id]
        assert filtered(path, "buyers", indexed=False) == [i for i in (new_id, old_id) if i]
        history.close()
    if made_by_a_capable_sqlite:  # the index stood still meanwhile: a scan was needed
        with closing(sqlite3.connect(path)) as db:
            assert not db.execute(
                "SELECT * FROM attempts_fts WHERE haystack LIKE '%winter%'"
            ).fetchall()
    assert filtered(path, "WINTER", indexed=False) == [new_id]  # a stale index is not trusted
    # A capable SQLite again: the index is rebuilt, with the rows written meanwhile.
    History(path).close()
    assert fts_objects(path) >= INDEX_AND_TRIGGERS
    assert filtered(path, "WINTER", indexed=True) == [new_id]
    assert filtered(path, "aud-9", indexed=True) == [new_id]
    assert filtered(path, "buyers", indexed=True) == [i for i in (new_id, old_id) if i]


ORG = "0123456789ABCDEF01234567@AdobeOrg"


def _home(org: str = ORG, url: str = "https://platform.adobe.io") -> dict[str, str]:
    return {"org_id": org, "client_id": "cid", "platform_url": url}


def test_the_duplicate_guard_keys_on_the_home_whatever_the_profile_is_called(
    tmp_path: Path,
) -> None:
    history = History(tmp_path / "h.sqlite3")
    first, _ = history.add_pending_unless_open("work", "dev", "u", DRAFT, _home())
    history.update(first, Status.SUCCEEDED, audience_id="aud-1")
    # Another profile name, the same org, sandbox and platform (a trailing slash is the same).
    row_id, blocking = history.add_pending_unless_open(
        "work-copy", "dev", "u", DRAFT, _home(url="https://platform.adobe.io/")
    )
    assert row_id == 0 and blocking is not None and blocking.row_id == first
    assert [a.row_id for a in history.open_attempts_for("renamed", "dev", DRAFT.name, _home())] == [
        first
    ]
    # Another org, another sandbox or another platform is another home.
    for other in (
        ("work", "dev", _home(org="FEDCBA9876543210FEDCBA98@AdobeOrg")),
        ("work", "prod", _home()),
        ("work", "dev", _home(url="https://platform-va7.adobe.io")),
    ):
        assert history.open_attempts_for(other[0], other[1], DRAFT.name, other[2]) == []
    history.close()


def test_rows_without_an_org_fall_back_on_the_profile_name(tmp_path: Path) -> None:
    """Rows written before schema 4 have no org id: only their profile name can tell."""
    history = History(tmp_path / "h.sqlite3")
    old = add_pending(history, "work", "dev", "u", DRAFT)  # no claim columns, as before 4
    history.update(old, Status.SUCCEEDED, audience_id="aud-1")
    _, blocking = history.add_pending_unless_open("work", "dev", "u", DRAFT, _home())
    assert blocking is not None and blocking.row_id == old
    assert history.open_attempts_for("work-copy", "dev", DRAFT.name, _home()) == []
    assert [a.row_id for a in history.open_attempts_for("work", "dev", DRAFT.name)] == [old]
    history.close()
