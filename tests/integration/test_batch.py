"""``audience-cli batch`` end to end against the built-in server (issue 11): the contract
(JSON Lines, exit codes, results file), resuming, and a real batch process killed part way.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile
from audience_desktop.localserver.server import LocalAepServer
from tests.support.batch_env import REPO, ServeLocal, add_profile, cli, cli_env, write_rows


def _batch(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict], str]:
    from audience_desktop import cli as front

    code = front.main(["batch", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_a_batch_creates_each_row_once_and_resumes(
    server: LocalAepServer, profile: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "rows.csv"
    file.write_text(
        "Nom;Espace de noms;Nom d'origine\nA;ns;O\nB;ns;O\nA;ns;O\nC;;O\n", encoding="utf-8-sig"
    )
    results = tmp_path / "results.csv"
    args = [str(file), "--profile", "work", "--json", "--results", str(results)]
    code, rows, err = _batch(args, capsys)
    assert code == 1  # a repeat and an invalid row
    assert [(r["row"], r["status"]) for r in rows] == [
        (2, "created"), (3, "created"), (4, "duplicate-in-file"), (5, "invalid"),
    ]  # fmt: skip
    assert all(set(r) == {"row", "name", "status", "audienceId", "message"} for r in rows)
    assert rows[0]["audienceId"] and "Namespace" in rows[3]["message"]
    assert "rows by status" in err
    with results.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0] == ["Nom", "Espace de noms", "Nom d'origine", "status", "audienceId", "message"]
    assert table[1][:4] == ["A", "ns", "O", "created"] and table[1][4] == rows[0]["audienceId"]
    sent = len(server.create_requests())
    assert sent == 2

    code, again, _err = _batch(args, capsys)  # the same command: nothing is sent again
    assert code == 1 and len(server.create_requests()) == sent
    assert [r["status"] for r in again[:2]] == ["created", "created"]  # this file's batch
    assert again[0]["audienceId"] == rows[0]["audienceId"]
    with sqlite3.connect(app_paths().history_db) as db:
        links = db.execute("SELECT batch_id, batch_row FROM attempts ORDER BY id").fetchall()
        batch = db.execute("SELECT file_name, file_hash, state FROM batches").fetchall()
    assert links == [(1, 2), (1, 3)]
    assert len(batch) == 1 and batch[0][0] == "rows.csv" and len(batch[0][1]) == 64


def test_exit_codes_dry_run_and_the_sandbox(
    server: LocalAepServer, profile: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = {"id": "x1", "audienceId": "made-elsewhere", "name": "Taken", "namespace": "ns",
             "originName": "O", "creationTime": 1, "updateTime": 1, "sandbox": "dev"}  # fmt: skip
    server.add_audiences("dev", [taken])
    file = tmp_path / "rows.csv"
    file.write_text("name,namespace,originName\nTaken,ns,O\nFree,ns,O\n")
    code, rows, _err = _batch([str(file), "--profile", "work", "--json", "--dry-run"], capsys)
    assert code == 0 and [r["status"] for r in rows] == ["already-created", "ready"]
    assert rows[0]["audienceId"] == "made-elsewhere" and not server.create_requests()
    code, rows, _err = _batch([str(file), "--profile", "work", "--json"], capsys)
    assert code == 0 and [r["status"] for r in rows] == ["already-created", "created"]
    code, _rows, err = _batch([str(tmp_path / "missing.csv"), "--profile", "work"], capsys)
    assert code == 2 and "missing.csv" in err
    code, _rows, err = _batch([str(file), "--profile", "work", "--column", "name=Nope"], capsys)
    assert code == 2 and "Nope" in err
    assert len(server.create_requests()) == 1


def _created(server: ServeLocal) -> Counter[str]:
    return Counter(a["name"] for a in server.audiences())


def test_a_killed_batch_resumes_and_creates_each_remaining_row_once(tmp_path: Path) -> None:
    rows = 150
    with ServeLocal(tmp_path / "server", rate_limit=20, latency_ms=100) as server:
        env = cli_env(tmp_path / "client")
        add_profile(env, server.url)
        file = write_rows(tmp_path / "rows.csv", rows)
        command = [sys.executable, "-m", "audience_desktop.cli", "batch", str(file),
                   "--profile", "local", "--json"]  # fmt: skip
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, cwd=REPO)  # fmt: skip
        deadline = time.monotonic() + 60
        while sum(_created(server).values()) < 40:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        before = _created(server)
        assert 40 <= sum(before.values()) < rows

        resumed = cli(command[3:], env)  # the same command again
        records = [json.loads(line) for line in resumed.stdout.splitlines()]
        assert len(records) == rows and resumed.returncode in (0, 1), resumed.stderr
        unknown = [r for r in records if r["status"] == "unknown"]
        if unknown:  # killed between its pending row and its send: settled once old enough
            (history,) = Path(env["AUDIENCE_DESKTOP_HOME"]).rglob("history.sqlite3")
            _age_uncertain_rows(history)
            resumed = cli(command[3:], env)
            records = [json.loads(line) for line in resumed.stdout.splitlines()]
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
        assert {r["status"] for r in records} == {"created"}
        after = _created(server)
    assert set(after) == {f"Batch audience {i:05d}" for i in range(rows)}
    assert max(after.values()) == 1  # never created twice


def _age_uncertain_rows(history: Path) -> None:
    """As if the resume came more than the settle time later (after a power cut, say)."""
    with sqlite3.connect(history) as db:
        db.execute(
            "UPDATE attempts SET uncertain_since = '2000-01-01T00:00:00+00:00',"
            " updated_at = '2000-01-01T00:00:00+00:00' WHERE status IN ('unknown', 'pending')"
        )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_batch_prints_every_row_and_writes_its_results(
    tmp_path: Path, signum: int
) -> None:
    rows = 60
    with ServeLocal(tmp_path / "server", latency_ms=200) as server:
        env = cli_env(tmp_path / "client")
        add_profile(env, server.url)
        file = write_rows(tmp_path / "rows.csv", rows)
        results = tmp_path / "res.csv"
        proc = subprocess.Popen(
            [sys.executable, "-m", "audience_desktop.cli", "batch", str(file), "--profile",
             "local", "--json", "--results", str(results)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while sum(_created(server).values()) < 5:
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=120)
        created = _created(server)
    records = [json.loads(line) for line in out.splitlines()]
    assert proc.returncode == 1, err
    assert [r["row"] for r in records] == list(range(2, rows + 2))  # every row, in order
    statuses = Counter(r["status"] for r in records)
    assert set(statuses) == {"created", "not-sent"}, statuses
    assert {r["name"] for r in records if r["status"] == "created"} == set(created)
    assert "run the same command again" in err.lower() and "reconcile" not in err
    with results.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [t["status"] for t in table] == [r["status"] for r in records]
    assert not list(tmp_path.glob(".res.csv.*"))


def test_an_unusable_results_path_is_refused_before_anything_is_sent(
    server: LocalAepServer, profile: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "rows.csv"
    file.write_text("name,namespace,originName\nA,ns,O\n", encoding="utf-8")
    for target in (tmp_path, tmp_path / "no-such-folder" / "res.csv"):
        code, rows, err = _batch([str(file), "--profile", "work", "--results", str(target)], capsys)
        assert code == 2 and not rows and str(target) in err and ".tmp" not in err, err
    assert not server.create_requests()


def test_stale_temporary_results_of_dead_runs_are_removed(tmp_path: Path) -> None:
    from audience_desktop.core.batch_results import ResultsWriter

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".res.csv.{dead.stdout.strip()}-abcd_123.tmp"
    alive = tmp_path / f".res.csv.{os.getppid()}-abcd_123.tmp"  # a live run's: kept
    other = tmp_path / ".res.csv.notes.tmp"  # not our naming: kept
    for path in (stale, alive, other):
        path.write_text("partial")
    with ResultsWriter(tmp_path / "res.csv", ["name"]):
        pass
    assert not stale.exists() and alive.exists() and other.exists()
    assert (tmp_path / "res.csv").exists()


def test_usage_errors_exit_2_when_the_cli_runs_as_a_module(tmp_path: Path) -> None:
    file = tmp_path / "rows.csv"
    file.write_text("name,namespace,originName\nA,ns,O\n", encoding="utf-8")
    done = cli(["batch", str(file), "--sheet", "Data", "--profile", "x"], cli_env(tmp_path))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "--sheet" in done.stderr
