"""An audience created while the history cannot be written keeps its id: shown at once, kept in
the recovery journal, replayed into the history by the next start.

Real parts: the built-in server over loopback, a real SQLite file, a second real connection
holding an exclusive lock past a short busy timeout, a database file made read-only under the
running process. The first create answer is a 429 with Retry-After, which gives the test a
window between the pending row and the answer to take the lock or the write permission away.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from audience_desktop import cli
from audience_desktop.core import history as history_module
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import History, HistoryUnavailable, Status
from audience_desktop.core.journal import journal_path
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile
from audience_desktop.core.service import AudienceService
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import Fault, LocalAepServer
from tests.integration.conftest import CLIENT_SECRET, FAST_RETRY
from tests.support.read_only import read_only

DRAFT = AudienceDraft(name="Locked buyers", namespace="agora", origin_name="Agora_Collab")
BUSY = 0.2  # seconds: the history's busy timeout in these tests (10 s in the app)


def _pending_exists(path: Path) -> bool:
    with sqlite3.connect(path, timeout=1) as db:
        try:
            return bool(db.execute("SELECT 1 FROM attempts WHERE status = 'pending'").fetchone())
        except sqlite3.OperationalError:
            return False



@contextmanager
def _from_pending_on(
    path: Path, hold: Callable[[], AbstractContextManager[object]]
) -> Iterator[threading.Event]:
    """Enter ``hold()`` in a thread as soon as a pending row exists; leave it when the block
    ends. The event says it was entered (bounded: 10 s)."""
    entered, release = threading.Event(), threading.Event()
    problems: list[BaseException] = []

    def run() -> None:
        try:
            deadline = time.monotonic() + 10
            while not _pending_exists(path) and time.monotonic() < deadline:
                time.sleep(0.005)
            with hold():
                entered.set()
                release.wait(15)
        except BaseException as exc:  # reported to the test below
            problems.append(exc)
            entered.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield entered
    finally:
        release.set()
        thread.join(10)
    if problems:
        raise problems[0]


@contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """A second real connection holding the write lock (another program, a DB browser)."""
    db = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        db.execute("BEGIN EXCLUSIVE")
        yield
        db.execute("ROLLBACK")
    finally:
        db.close()


def _journal_lines(path: Path) -> list[dict[str, object]]:
    text = journal_path(path).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _no_secret_in(path: Path, server: LocalAepServer) -> None:
    data = journal_path(path).read_bytes()
    tokens = {r.headers["authorization"].split()[-1] for r in server.create_requests()}
    for needle in (CLIENT_SECRET, *tokens):
        assert needle.encode() not in data


def _row(path: Path) -> sqlite3.Row:
    with sqlite3.connect(path, timeout=5) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM attempts WHERE name = ?", (DRAFT.name,)).fetchone()
    assert row is not None
    return row


def test_an_outcome_the_locked_history_refuses_is_journaled_then_replayed(
    server: LocalAepServer, profile: Profile
) -> None:
    path = app_paths().ensure().history_db
    history = History(path, busy_timeout=BUSY)
    service = AudienceService(history, lambda p: open_client(p, retry=FAST_RETRY))
    server.inject(Fault.rate_limit(retry_after=0.5))
    with _from_pending_on(path, lambda: _exclusive_lock(path)) as locked:
        started = time.monotonic()
        outcome = service.create(profile, DRAFT)
        elapsed = time.monotonic() - started
        assert locked.is_set()
        assert _row(path)["status"] == "pending"  # the history itself could not take it
    # The id is there whatever happened to the database, and the wait was bounded.
    created = server.audiences("dev")[0]
    assert outcome.error is None and outcome.attempt.status is Status.SUCCEEDED
    assert outcome.attempt.audience_id == created["audienceId"]
    assert outcome.warning is not None and str(path) in outcome.warning.describe()
    assert "locked" in outcome.warning.describe()
    assert str(journal_path(path)) in outcome.warning.describe()
    assert elapsed < 0.5 + history_module.WRITE_TRIES * (BUSY + 0.5) + 2
    (line,) = _journal_lines(path)
    assert line["status"] == "succeeded"
    assert line["values"]["audience_id"] == created["audienceId"]  # type: ignore[index]
    _no_secret_in(path, server)
    history.close()
    # The next start (any front end) replays it and clears the journal.
    reopened = History(path)
    attempt = reopened.get(outcome.attempt.row_id)
    reopened.close()
    assert attempt.status is Status.SUCCEEDED and attempt.audience_id == created["audienceId"]
    assert not journal_path(path).exists()


def test_the_cli_prints_the_id_while_the_history_is_locked(
    server: LocalAepServer,
    profile: Profile,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(history_module, "BUSY_TIMEOUT", BUSY)
    path = app_paths().ensure().history_db
    History(path).close()  # an existing history, as on any day but the first
    server.inject(Fault.rate_limit(retry_after=0.5))
    create = ["create", "--profile", "work", "--name", DRAFT.name, "--namespace", "agora",
              "--origin-name", "Agora_Collab"]  # fmt: skip
    with _from_pending_on(path, lambda: _exclusive_lock(path)):
        code = cli.main(create)
    out, err = capsys.readouterr()
    audience_id = server.audiences("dev")[0]["audienceId"]
    assert code == 0 and f"audienceId {audience_id}" in out
    assert "Traceback" not in err and str(journal_path(path)) in err
    assert cli.main(["history", "--json"]) == 0  # any start replays the journal
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["status"], row["audienceId"]) == ("succeeded", audience_id)
    assert not journal_path(path).exists()


def test_an_outcome_the_read_only_history_refuses_is_kept_until_it_is_writable(
    server: LocalAepServer, profile: Profile
) -> None:
    path = app_paths().ensure().history_db
    history = History(path, busy_timeout=BUSY)
    service = AudienceService(history, lambda p: open_client(p, retry=FAST_RETRY))
    server.inject(Fault.rate_limit(retry_after=0.5))
    wal = path.with_name(path.name + "-wal")
    with _from_pending_on(path, lambda: read_only(path, wal)) as frozen:
        outcome = service.create(profile, DRAFT)
        assert frozen.is_set()
        audience_id = server.audiences("dev")[0]["audienceId"]
        assert outcome.attempt.audience_id == audience_id and outcome.warning is not None
        history.close()
        # Still read-only: the next start says so, and the outcome stays in the journal.
        with pytest.raises(HistoryUnavailable) as refused:
            History(path, busy_timeout=BUSY)
        assert str(path) in refused.value.describe()
        assert [line["values"]["audience_id"] for line in _journal_lines(path)] == [  # type: ignore[index]
            audience_id
        ]
        _no_secret_in(path, server)
    reopened = History(path)  # writable again: replayed
    attempt = reopened.get(outcome.attempt.row_id)
    reopened.close()
    assert (attempt.status, attempt.audience_id) == (Status.SUCCEEDED, audience_id)
    assert not journal_path(path).exists()


def test_a_journal_line_never_lands_on_another_historys_row(tmp_path: Path) -> None:
    """A journal whose rows are not in this history (another file now at that path) is kept."""
    path = tmp_path / "h.sqlite3"
    history = History(path)
    row_id, _ = history.add_pending_unless_open("work", "dev", "x", DRAFT)
    history.close()
    line = {"row_id": row_id, "created_at": "2000-01-01T00:00:00.000+00:00", "name": DRAFT.name,
            "status": "succeeded", "updated_at": "2000-01-01T00:00:01.000+00:00",
            "values": {"audience_id": "aud-1"}}  # fmt: skip
    journal_path(path).write_text(json.dumps(line) + "\n", encoding="utf-8")
    reopened = History(path)
    assert reopened.get(row_id).status is Status.PENDING
    reopened.close()
    assert _journal_lines(path) == [line]


_MALFORMED = {
    "row id a list": b'{"row_id": [1], "created_at": "x", "name": "Locked buyers",'
    b' "status": "succeeded", "updated_at": "x", "values": {}}',
    "nested 100,000 deep": b"[" * 100_000,
    "an over-long line": b'{"row_id": 1, "name": "' + b"x" * 2_000_000 + b'"}',
    "row id past 64 bits": b'{"row_id": 18446744073709551616, "created_at": "x", "name": "n",'
    b' "status": "succeeded", "updated_at": "x", "values": {}}',
    "a value that is a list": b'{"row_id": 1, "created_at": "x", "name": "n",'
    b' "status": "succeeded", "updated_at": "x", "values": {"audience_id": ["a"]}}',
    "a lone surrogate": b'{"row_id": 1, "created_at": "x", "name": "\\ud800",'
    b' "status": "succeeded", "updated_at": "x", "values": {}}',
    "not UTF-8": b'{"row_id": 1, "name": "\xff"}',
    "an unknown column": b'{"row_id": 1, "created_at": "x", "name": "n",'
    b' "status": "succeeded", "updated_at": "x", "values": {"profile": "other"}}',
}


@pytest.mark.parametrize("bad", list(_MALFORMED.values()), ids=list(_MALFORMED))
def test_a_malformed_journal_line_is_kept_aside_and_the_history_stays_in_use(
    server: LocalAepServer,
    profile: Profile,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    bad: bytes,
) -> None:
    create = ["create", "--profile", "work", "--name", DRAFT.name, "--namespace", "agora",
              "--origin-name", "Agora_Collab"]  # fmt: skip
    assert cli.main(create) == 0
    path = app_paths().history_db
    journal = journal_path(path)
    elsewhere = {"row_id": 999, "created_at": "2000-01-01T00:00:00.000+00:00", "name": "Other",
                 "status": "succeeded", "updated_at": "x", "values": {"audience_id": "aud-9"}}  # fmt: skip
    journal.write_bytes(bad + b"\n" + json.dumps(elsewhere).encode() + b"\n")
    capsys.readouterr()
    with caplog.at_level("WARNING"):
        assert cli.main(["history", "--json"]) == 0  # the healthy history is used
    out, err = capsys.readouterr()
    (row,) = json.loads(out)
    assert row["status"] == "succeeded" and "Traceback" not in err and "move" not in err
    # The line is never applied and never lost: set aside, byte for byte; the warning names
    # the journal; a well-formed line whose row is not here stays in the journal.
    assert journal.with_name(journal.name + ".rejected").read_bytes() == bad + b"\n"
    assert _journal_lines(path) == [elsewhere]
    assert any(str(journal) in r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    # The duplicate guard still stands: nothing is sent again.
    assert cli.main(create) == 1
    assert "already created" in capsys.readouterr().err
    assert len(server.create_requests()) == 1


def test_a_journal_that_cannot_be_read_leaves_the_history_in_use(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "h.sqlite3"
    History(path).close()
    journal_path(path).mkdir()  # not a file: reading it fails
    with caplog.at_level("WARNING"):
        history = History(path)
    assert history.count() == 0
    history.close()
    assert journal_path(path).is_dir()  # left as it is
    assert any(str(journal_path(path)) in r.getMessage() for r in caplog.records)
