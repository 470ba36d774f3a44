"""Damaged files and closed outputs get a message, never a traceback, and nothing is lost.

Real damaged files (profiles.json of the wrong shape or a folder in its place; a history that
is garbage, corrupt, from a newer schema, read-only, on a full disk or locked) and real
``audience-cli`` subprocesses (a pipe closed by ``head``, output to /dev/full). Each damaged
file is left byte for byte as it was; ``history --move-aside`` keeps it, renamed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from audience_desktop import cli
from audience_desktop.core import history as history_module
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import History, Status
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.localserver.server import LocalAepServer
from tests.support.read_only import read_only

REPO = Path(__file__).resolve().parents[2]


def _cli(
    args: list[str], timeout: float = 60, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "audience_desktop.cli", *args],
        capture_output=True, text=True, timeout=timeout, cwd=REPO, **kwargs,
    )  # fmt: skip


def _refused(done: subprocess.CompletedProcess[str], path: Path, codes: tuple[int, ...]) -> None:
    """A plain message naming the file, the expected exit code, no traceback."""
    assert done.returncode in codes, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "audience-cli: error:" in done.stderr
    assert str(path) in done.stderr


# -- profiles.json -------------------------------------------------------------------------

PROFILE = {"name": "work", "org_id": "0123456789ABCDEF01234567@AdobeOrg",
           "client_id": "c", "sandbox": "dev"}  # fmt: skip
BAD_PROFILES = {
    "a list": "[]",
    "null": "null",
    "profiles not a list": '{"profiles": {"work": {}}}',
    "a number as a name": json.dumps({"profiles": [PROFILE | {"name": 42}]}),
    "a number as a URL": json.dumps({"profiles": [PROFILE | {"platform_url": 1}]}),
    "a profile that is a string": '{"profiles": ["work"]}',
    "deeply nested": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("content", BAD_PROFILES.values(), ids=BAD_PROFILES.keys())
def test_a_damaged_profiles_file_is_named_and_left_as_it_is(content: str) -> None:
    path = app_paths().ensure().profiles_file
    path.write_text(content, encoding="utf-8")
    done = _cli(["profile", "list"])
    _refused(done, path, (2,))
    assert path.read_text(encoding="utf-8") == content


def test_a_folder_in_place_of_the_profiles_file(isolated_home: Path) -> None:
    path = app_paths().ensure().profiles_file
    path.mkdir()
    (path / "keep.txt").write_text("mine", encoding="utf-8")
    done = _cli(["profile", "list"])
    _refused(done, path, (2,))
    assert (path / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_profiles_file_linked_to_dev_zero_is_refused_at_once(isolated_home: Path) -> None:
    """It would be read forever, memory growing: refused before any read, the file named."""
    path = app_paths().ensure().profiles_file
    path.symlink_to("/dev/zero")
    for args in (["profile", "list"], ["create", "--profile", "p", "--name", "N",
                                       "--namespace", "n", "--origin-name", "o"]):  # fmt: skip
        done = _cli(args, timeout=20)
        _refused(done, path, (2,))
        assert "not a regular file" in done.stderr
    assert path.is_symlink() and os.readlink(path) == "/dev/zero"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_as_the_profiles_file_is_refused_without_waiting(isolated_home: Path) -> None:
    path = app_paths().ensure().profiles_file
    os.mkfifo(path)
    done = _cli(["profile", "list"], timeout=20)
    _refused(done, path, (2,))
    assert "not a regular file" in done.stderr


def test_a_profiles_file_over_the_size_cap_is_refused_unread(isolated_home: Path) -> None:
    path = app_paths().ensure().profiles_file
    spaces = " " * 1_000_000  # valid JSON once the real profiles follow: the size alone decides
    text = spaces + json.dumps({"version": 1, "profiles": [PROFILE]})
    path.write_text(text, encoding="utf-8")
    done = _cli(["profile", "list"])
    _refused(done, path, (2,))
    assert "larger than 1 MB" in done.stderr
    assert path.read_text(encoding="utf-8") == text
    path.write_text(text.lstrip(), encoding="utf-8")  # the same profiles, small: read
    assert _cli(["profile", "list"]).returncode == 0


def test_profile_names_are_stripped_and_duplicates_refused(isolated_home: Path) -> None:
    path = app_paths().ensure().profiles_file
    spaced = {"version": 1, "profiles": [PROFILE | {"name": " work "}]}
    path.write_text(json.dumps(spaced), encoding="utf-8")
    listed = _cli(["profile", "list", "--json"])
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)] == ["work"]
    twice = {"version": 1, "profiles": [PROFILE | {"name": "a"}, PROFILE | {"name": "a "}]}
    text = json.dumps(twice)
    path.write_text(text, encoding="utf-8")
    done = _cli(["profile", "list"])
    _refused(done, path, (2,))
    assert "two profiles named “a”" in done.stderr
    assert path.read_text(encoding="utf-8") == text


# -- the history ---------------------------------------------------------------------------


def _history_with_rows(count: int) -> Path:
    path = app_paths().ensure().history_db
    history = History(path)
    with history._transaction() as db:
        for i in range(count):
            draft = AudienceDraft(f"Buyers {i:05}", "agora", "Agora_Collab")
            history._insert_pending(db, "work", "dev", "x", draft)
        db.execute("UPDATE attempts SET status = 'succeeded', audience_id = 'aud-' || id")
    history.close()
    return path


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database\n" * 200)


def _corrupt(path: Path) -> None:
    """A real history whose pages past the first are overwritten: 'malformed'."""
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : len(data)] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # in the file itself, as a newer app leaves it
    db.close()


DAMAGE = {"garbage": _garbage, "corrupt": _corrupt, "newer schema": _newer}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_history_is_named_kept_and_can_be_moved_aside(damage: object) -> None:
    path = _history_with_rows(300)
    damage(path)  # type: ignore[operator]
    before = path.read_bytes()
    for command in (["history"], ["history", "--json"], ["history", "--reconcile"]):
        _refused(_cli(command), path, (1,))
    assert "--move-aside" in _cli(["history"]).stderr  # says what to do
    assert path.read_bytes() == before  # never deleted, never overwritten
    moved = _cli(["history", "--move-aside"])
    assert moved.returncode == 0, moved.stderr
    kept = [p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert str(kept[0]) in moved.stdout
    fresh = _cli(["history"])
    assert fresh.returncode == 0 and "No attempts yet" in fresh.stdout


def test_a_healthy_history_is_never_moved_aside() -> None:
    """It is the duplicate guard's memory: moving it would let old audiences be sent again."""
    path = _history_with_rows(3)
    before = path.read_bytes()
    refused = _cli(["history", "--move-aside"])
    assert refused.returncode == 2 and "not moved" in refused.stderr, refused.stderr
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if ".damaged-" in p.name]


def test_a_read_only_history_can_be_read_and_a_create_is_refused_by_name(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _history_with_rows(3)
    before = path.read_bytes()
    with read_only(path):
        listed = _cli(["history"])
        code = cli.main(["create", "--profile", "work", "--name", "RO", "--namespace", "n",
                         "--origin-name", "o"])  # fmt: skip
        err = capsys.readouterr().err
    assert listed.returncode == 0 and "Buyers 00002" in listed.stdout
    assert code == 1 and "read-only" in err and str(path) in err and "Traceback" not in err
    assert server.create_requests() == []  # no pending row, so nothing was sent
    assert path.read_bytes() == before


def test_a_history_locked_past_the_timeout_is_named_and_nothing_is_sent(
    server: LocalAepServer,
    profile: Profile,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(history_module, "BUSY_TIMEOUT", 0.2)
    path = _history_with_rows(3)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another program holds it
        code = cli.main(["create", "--profile", "work", "--name", "Locked", "--namespace", "n",
                         "--origin-name", "o"])  # fmt: skip
        err = capsys.readouterr().err
    finally:
        other.close()
    assert code == 1 and "locked by another program" in err and str(path) in err
    assert server.create_requests() == []  # no pending row, so nothing was sent


@pytest.fixture
def full_disk(isolated_home: Path) -> Iterator[Path]:
    """The data folder on a small real filesystem (tmpfs), filled up; root only."""
    data = app_paths().ensure().data_dir
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(data)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr!r}")
    try:
        yield data
    finally:
        subprocess.run(["umount", "-l", str(data)], capture_output=True)


def test_a_full_disk_is_named_and_nothing_is_sent(
    full_disk: Path, server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _history_with_rows(3)
    filler = full_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(1024):  # 4 MiB at most, on a 512 KiB filesystem
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass  # full
    finally:
        os.close(fd)
    before = path.read_bytes()
    code = cli.main(["create", "--profile", "work", "--name", "Full", "--namespace", "n",
                     "--origin-name", "o"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "is full" in err and str(path) in err and "Traceback" not in err
    assert server.create_requests() == []
    assert path.read_bytes() == before
    filler.unlink()  # space again: the same history works
    assert cli.main(["create", "--profile", "work", "--name", "Full", "--namespace", "n",
                     "--origin-name", "o"]) == 0  # fmt: skip
    history = History(path)
    assert [a.status for a in history.list(limit=1)] == [Status.SUCCEEDED]
    history.close()


# -- the output ----------------------------------------------------------------------------


def test_history_piped_into_head_ends_with_a_message_not_a_traceback() -> None:
    _history_with_rows(5000)
    done = subprocess.run(
        ["bash", "-c", "set -o pipefail; \"$0\" -m audience_desktop.cli history | head -1",
         sys.executable],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )  # fmt: skip
    assert len(done.stdout.splitlines()) == 1 and "Buyers 04999" in done.stdout
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "audience-cli: error:" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["history"], ["history", "--json"], ["profile", "list"]])
def test_output_to_a_full_device_is_a_message(args: list[str]) -> None:
    _history_with_rows(50)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "audience_desktop.cli", *args],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, cwd=REPO,
        )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "/dev/full" in done.stderr


@pytest.fixture
def shared_profile(
    server: LocalAepServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Profile:
    """A profile for the built-in server whose secret the CLI subprocesses can read (a file
    keyring in the test's folder, never the user's)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.support.file_keyring.FileKeyring")
    monkeypatch.setenv("TEST_KEYRING_FILE", str(tmp_path / "test-keyring.json"))
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, ORG_ID
    from tests.support.file_keyring import FileKeyring

    FileKeyring().set_password("audience-desktop", "work/client-secret", CLIENT_SECRET)
    return ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(name="work", org_id=ORG_ID, client_id=CLIENT_ID, sandbox="dev",
                platform_url=server.url, ims_url=server.ims_url, read_timeout=5.0,
                connect_timeout=2.0)
    )  # fmt: skip


def _create_in_shell(name: str, redirect: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """`audience-cli create` run by bash with its outputs redirected (``>&-``, ``>/dev/full``)."""
    command = (f'"$0" -m audience_desktop.cli create --profile work --name "$1" '
               f"--namespace agora --origin-name Agora {' '.join(extra)} {redirect}")  # fmt: skip
    return subprocess.run(
        ["bash", "-c", command, sys.executable, name],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )  # fmt: skip


def _recorded(name: str) -> Status:
    history = History(app_paths().history_db)
    try:
        [attempt] = [a for a in history.list() if a.name == name]
        return attempt.status
    finally:
        history.close()


FULL = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")


@pytest.mark.parametrize(
    "redirect", [">&-", pytest.param(">/dev/full", marks=FULL)], ids=["closed", "full"]
)
@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["text", "json"])
def test_create_whose_output_cannot_be_written_gives_the_ids_on_stderr_and_exits_0(
    server: LocalAepServer, shared_profile: Profile, redirect: str, extra: list[str]
) -> None:
    """The audience exists and is recorded: exit 0 (1 would invite a retry), ids on stderr."""
    done = _create_in_shell("Lost output", redirect, *extra)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    [audience] = server.audiences("dev")
    assert audience["audienceId"] in done.stderr and audience["id"] in done.stderr
    assert "do not create it again" in done.stderr
    assert ("/dev/full" if "full" in redirect else "Bad file descriptor") in done.stderr
    assert _recorded("Lost output") is Status.SUCCEEDED


def test_create_with_stdout_and_stderr_closed_is_recorded_and_logs_the_ids(
    server: LocalAepServer, shared_profile: Profile
) -> None:
    done = _create_in_shell("Both closed", ">&- 2>&-")
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    assert _recorded("Both closed") is Status.SUCCEEDED
    [audience] = server.audiences("dev")
    logs = app_paths().log_file.read_text()
    assert audience["audienceId"] in logs


def test_history_reconcile_with_stdout_closed_is_a_message(shared_profile: Profile) -> None:
    _history_with_rows(3)
    done = subprocess.run(
        ["bash", "-c", '"$0" -m audience_desktop.cli history --reconcile >&-', sys.executable],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "The history was reconciled" in done.stderr


# -- --limit -------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_history_limit_below_one_is_a_usage_error(
    limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _history_with_rows(3)
    with pytest.raises(SystemExit) as exited:
        cli.main(["history", "--limit", limit])
    captured = capsys.readouterr()
    assert exited.value.code == 2 and "--limit" in captured.err
    assert "No attempts yet" not in captured.out and "Traceback" not in captured.err
    assert cli.main(["history", "--limit", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.parametrize("limit", [str(2**63 - 1), str(2**63), str(10**30)])
def test_history_limit_beyond_sqlite_integers_is_clamped_and_shows_everything(
    limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _history_with_rows(3)
    assert cli.main(["history", "--limit", limit]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3 and captured.err == ""
