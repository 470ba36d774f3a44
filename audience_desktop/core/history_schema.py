"""The history's schema: one migration per version, applied in order, never edited once shipped."""

from __future__ import annotations

import sqlite3

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
    # 5: deletions from a sandbox (issue 10), whoever created the audience. The attempts
    # that created it keep their "succeeded" status and get the resolution "deleted", which
    # the duplicate guard ignores: a deleted audience may be created again.
    """
    CREATE TABLE deletions (
        id            INTEGER PRIMARY KEY,
        deleted_at    TEXT NOT NULL,
        profile       TEXT NOT NULL,
        sandbox       TEXT NOT NULL,
        org_id        TEXT,
        platform_url  TEXT,
        name          TEXT NOT NULL DEFAULT '',
        audience_id   TEXT,
        aep_id        TEXT NOT NULL,
        request_id    TEXT,
        attempts      INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX deletions_by_time ON deletions (deleted_at);
    """,
    # 6: batches from a spreadsheet (issue 11). Each row's attempt names its batch and row
    # number; the batch keeps the file's name and hash, so running the same file again
    # continues the same batch.
    """
    CREATE TABLE batches (
        id            INTEGER PRIMARY KEY,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        file_name     TEXT NOT NULL,
        file_hash     TEXT NOT NULL,
        profile       TEXT NOT NULL,
        sandbox       TEXT NOT NULL,
        org_id        TEXT,
        platform_url  TEXT,
        total_rows    INTEGER NOT NULL DEFAULT 0,
        state         TEXT NOT NULL DEFAULT 'running'
    );
    CREATE INDEX batches_by_file ON batches (file_hash, sandbox);
    ALTER TABLE attempts ADD COLUMN batch_id INTEGER;
    ALTER TABLE attempts ADD COLUMN batch_row INTEGER;
    CREATE INDEX attempts_by_batch ON attempts (batch_id, batch_row);
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
