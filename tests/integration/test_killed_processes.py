"""A create whose process is killed (kill -9, SIGTERM, SIGHUP) does not block its audience.

Real processes: ``audience-cli create`` runs in a subprocess against the built-in server,
whose create hangs (``Fault.hang``); once its pending row exists and the request reached the
server, the process is sent the signal. The row then names an owner that is gone, so the
next reconcile, create or mark-not-created settles it at once instead of 30 minutes later.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from audience_desktop import cli
from audience_desktop.core import credentials as secrets
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import Fault, LocalAepServer
from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, FAST_RETRY, ORG_ID

REPO = Path(__file__).resolve().parents[2]
NAME = "Killed buyers"
CREATE = ["create", "--profile", "slow", "--name", NAME, "--namespace", "agora",
          "--origin-name", "Agora_Collab"]  # fmt: skip
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP]


@pytest.fixture
def slow(server: LocalAepServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Profile:
    """A profile that waits long for answers, its secret in this process's keyring and in a
    file keyring the CLI subprocesses read (never the user's)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.file_keyring.FileKeyring")
    monkeypatch.setenv("TEST_KEYRING_FILE", str(tmp_path / "test-keyring.json"))
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    from tests.support.file_keyring import FileKeyring

    FileKeyring().set_password("audience-desktop", "slow/client-secret", CLIENT_SECRET)
    secrets.set_secret("slow", secrets.SecretKind.CLIENT_SECRET, CLIENT_SECRET)
    return ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(name="slow", org_id=ORG_ID, client_id=CLIENT_ID, sandbox="dev",
                platform_url=server.url, ims_url=server.ims_url, read_timeout=60.0,
                connect_timeout=2.0)
    )  # fmt: skip


def _cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audience_desktop.cli", *args],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )  # fmt: skip


def _row() -> sqlite3.Row | None:
    """The attempt at NAME, read through a connection of the test's own."""
    path = app_paths().history_db
    if not path.exists():
        return None
    with sqlite3.connect(path, timeout=5) as db:
        db.row_factory = sqlite3.Row
        try:
            return db.execute("SELECT * FROM attempts WHERE name = ?", (NAME,)).fetchone()
        except sqlite3.OperationalError:  # not created yet
            return None


@pytest.fixture
def killed(
    request: pytest.FixtureRequest, server: LocalAepServer, slow: Profile
) -> Iterator[tuple[int, subprocess.Popen[str], float]]:
    """Start a create that hangs, send it the signal once it is in flight; (signal, the
    finished process, when it ended)."""
    signum: int = request.param
    server.inject(Fault.hang(30))
    proc = subprocess.Popen(
        [sys.executable, "-m", "audience_desktop.cli", *CREATE],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        start_new_session=True,  # its own session: SIGHUP is for it alone
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while not (server.create_requests() and (row := _row()) and row["status"] == "pending"):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the create never got in flight"
            time.sleep(0.02)
        proc.send_signal(signum)
        proc.wait(timeout=15)
        yield signum, proc, time.monotonic()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)


def _check_exit(signum: int, proc: subprocess.Popen[str]) -> None:
    """kill -9 cannot be handled; SIGTERM and SIGHUP say so and exit 128 + signal."""
    _, err = proc.communicate(timeout=5)
    if signum == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
        row = _row()
        assert row is not None and row["status"] == "pending"  # as a crash leaves it...
        assert row["owner_pid"] == proc.pid  # ...but it names its owner, now gone
        return
    name = signal.Signals(signum).name
    assert proc.returncode == 128 + signum, err
    assert f"interrupted ({name})" in err and "history --reconcile" in err
    assert "Traceback" not in err
    row = _row()
    assert row is not None and row["status"] == "unknown" and row["failure"] == "net.interrupted"


@pytest.mark.parametrize("killed", SIGNALS, indirect=True, ids=lambda s: s.name)
def test_reconcile_settles_a_killed_create_within_seconds(
    killed: tuple[int, subprocess.Popen[str], float],
    server: LocalAepServer,
    capsys: pytest.CaptureFixture[str],
    record_property: pytest.RecordProperty,
) -> None:
    signum, proc, ended = killed
    _check_exit(signum, proc)
    reconciled = _cli(["history", "--reconcile"])
    seconds = time.monotonic() - ended
    record_property("settled_after_seconds", round(seconds, 2))
    print(f"{signal.Signals(signum).name}: settled by the next reconcile {seconds:.2f} s after")
    assert reconciled.returncode == 0, reconciled.stderr
    assert f"Checked “{NAME}”: unknown" in reconciled.stderr  # looked up, not left pending
    row = _row()
    assert row is not None and row["status"] == "unknown"
    assert row["resolution"] == "not_found_yet" and row["checked_at"]
    assert seconds < 10  # not 30 minutes
    # The user checked AEP: mark-not-created accepts it, and the audience can be created.
    mark = ["mark-not-created", "--profile", "slow", "--name", NAME, "--yes"]
    assert cli.main(mark) == 0
    assert "Marked 1 attempt" in capsys.readouterr().out
    assert cli.main(CREATE) == 0
    assert len(server.audiences("dev")) == 1


@pytest.mark.parametrize("killed", SIGNALS, indirect=True, ids=lambda s: s.name)
def test_mark_not_created_accepts_a_killed_create_at_once(
    killed: tuple[int, subprocess.Popen[str], float], capsys: pytest.CaptureFixture[str]
) -> None:
    signum, proc, _ = killed
    _check_exit(signum, proc)
    marked = _cli(["mark-not-created", "--profile", "slow", "--name", NAME, "--yes"])
    assert marked.returncode == 0, marked.stderr
    assert "Marked 1 attempt" in marked.stdout
    row = _row()
    assert row is not None and (row["status"], row["resolution"]) == ("failed", "marked")


@pytest.mark.parametrize("killed", SIGNALS, indirect=True, ids=lambda s: s.name)
def test_a_repeat_create_looks_the_orphan_up_first_and_never_duplicates(
    killed: tuple[int, subprocess.Popen[str], float],
    server: LocalAepServer,
    slow: Profile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    signum, proc, _ = killed
    _check_exit(signum, proc)
    lookups = len([r for r in server.requests if r.method == "GET" and "ups" in r.path])
    # Not found yet (Adobe may still be processing it): blocked, but after a lookup, and
    # saying so, not "already being created… wait".
    assert cli.main(CREATE) == 1
    err = capsys.readouterr().err
    assert "may have reached Adobe" in err and "already being created" not in err
    assert len([r for r in server.requests if r.method == "GET" and "ups" in r.path]) > lookups
    assert len(server.create_requests()) == 1  # the killed one only
    # Had Adobe processed the killed request, the repeat finds it and sends nothing.
    client = open_client(slow, retry=FAST_RETRY)
    try:
        client.create(AudienceDraft(NAME, "agora", "Agora_Collab"))
    finally:
        client.close()
    assert cli.main(CREATE) == 1
    err = capsys.readouterr().err
    assert "was already created" in err and "Nothing was sent" in err
    assert len(server.audiences("dev")) == 1  # no duplicate
    row = _row()
    assert row is not None and row["status"] == "succeeded" and row["audience_id"]


def test_a_live_owner_still_blocks(server: LocalAepServer, slow: Profile) -> None:
    """A pending row whose process runs (here: a real child, alive) stays in flight."""
    from audience_desktop.core import process_owner
    from audience_desktop.core.history import History
    from audience_desktop.core.service import in_flight

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        history = History(app_paths().history_db)
        owner = process_owner.Owner(
            child.pid, process_owner.start_time(child.pid), process_owner.hostname(),
            process_owner.boot_id(),
        )  # fmt: skip
        claim = {"owner_pid": owner.pid, "owner_started": owner.started,
                 "owner_host": owner.host, "owner_boot": owner.boot}  # fmt: skip
        draft = AudienceDraft(NAME, "agora", "Agora_Collab")
        row_id, _ = history.add_pending_unless_open("slow", "dev", "x", draft, claim)
        assert in_flight(history.get(row_id))
        child.kill()
        child.wait(timeout=5)
        assert not in_flight(history.get(row_id))
        history.close()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=5)
    assert os.getpid() != owner.pid
