"""audience-cli end to end: in-process for most cases, real subprocesses with a real
Secret Service for the ones that prove the contract of the installed command."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from audience_desktop import cli
from audience_desktop.core import aep
from audience_desktop.core.history import EXPORT_COLUMNS, History, Status
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile
from audience_desktop.localserver.server import Fault, LocalAepServer
from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, ORG_ID
from tests.support.history_rows import add_pending

CREATE = ["create", "--profile", "work", "--name", "Summer buyers", "--namespace", "agora",
          "--origin-name", "Agora_Collab"]  # fmt: skip


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:  # fmt: skip
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def add_args(server: LocalAepServer, name: str = "work") -> list[str]:
    return ["profile", "add", name, "--org-id", ORG_ID, "--client-id", CLIENT_ID,
            "--sandbox", "dev", "--platform-url", server.url, "--ims-url", server.ims_url,
            "--read-timeout", "2"]  # fmt: skip


def test_profile_add_reads_the_secret_from_stdin_and_create_prints_json(
    server: LocalAepServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(
        add_args(server), capsys, stdin=CLIENT_SECRET + "\r\n", monkeypatch=monkeypatch
    )
    assert code == 0 and "saved" in out
    code, out, _ = run([*CREATE, "--json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert result["name"] == "Summer buyers" and result["audienceId"] and result["id"]
    assert result["status"] == "succeeded"
    code, out, _ = run(["history", "--json"], capsys)
    (row,) = json.loads(out)
    assert tuple(row) == EXPORT_COLUMNS and row["audienceId"] == result["audienceId"]


def test_profile_add_refuses_bad_input_and_changes_nothing(
    server: LocalAepServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = add_args(server)
    bad[bad.index("--org-id") + 1] = "not-an-org"
    code, _, err = run(bad, capsys, stdin=CLIENT_SECRET + "\n", monkeypatch=monkeypatch)
    assert code == 2 and "does not look like an Adobe org id" in err
    code, _, err = run(add_args(server), capsys, stdin="\n", monkeypatch=monkeypatch)
    assert code == 2 and "No client secret" in err
    assert not app_paths().profiles_file.exists()


def test_profile_add_without_secure_keyring_names_the_fix(
    server: LocalAepServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    code, _, err = run(
        add_args(server), capsys, stdin=CLIENT_SECRET + "\n", monkeypatch=monkeypatch
    )
    assert code == 1 and "No secure keyring" in err and "gnome-keyring" in err
    assert not app_paths().profiles_file.exists()
    assert sys.stdin.read() == CLIENT_SECRET + "\n"  # refused before asking for the secret


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--name", " "], "Name: This field cannot be only spaces"),
        (["--name", "x" * 10_000], "the limit is 256"),
        (["--namespace", "a\x01b"], "control character"),
    ],
)
def test_create_bad_input_exits_2_and_records_nothing(
    args: list[str], expected: str, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = list(CREATE)
    argv[argv.index(args[0]) + 1] = args[1]
    code, _, err = run(argv, capsys)
    assert code == 2 and expected in err
    assert History(app_paths().history_db).count() == 0


def test_create_api_failure_exits_1_with_status_code_and_request_id(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    server.inject(Fault.forbidden())
    code, _, err = run(CREATE, capsys)
    assert code == 1
    assert "HTTP 403" in err and "code 403025" in err and "request id" in err
    assert "product profile" in err


def test_create_curl_prints_placeholders_and_sends_nothing(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([*CREATE, "--curl"], capsys)
    assert code == 0
    assert out.startswith("curl -X POST ") and "createAudienceMetaOnly=true" in out
    assert "Bearer {ACCESS_TOKEN}" in out and aep.CREATE_ACCEPT in out
    assert f"x-gw-ims-org-id: {ORG_ID}" in out and CLIENT_SECRET not in out
    assert server.requests == []


def test_demo_create_needs_no_account_and_keeps_the_real_history_clean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["create", "--demo", "--name", "Demo", "--namespace", "demo",
                        "--origin-name", "Demo", "--json"], capsys)  # fmt: skip
    assert code == 0 and json.loads(out)["status"] == "succeeded"
    code, out, _ = run(["history", "--csv"], capsys)
    assert list(csv.DictReader(io.StringIO(out))) == []  # demo attempts stay in the demo
    assert out.splitlines()[0].split(",") == list(EXPORT_COLUMNS)


def test_history_reconcile_resolves_a_crashed_attempt(
    server: LocalAepServer, profile: Profile, client, capsys: pytest.CaptureFixture[str]
) -> None:
    # A process died after sending: a stale pending row, and the audience exists.
    from audience_desktop.core.draft import AudienceDraft

    draft = AudienceDraft("Crashed", "agora", "Agora")
    created = client.create(draft)
    history = History(app_paths().history_db)
    row_id = add_pending(history, profile.name, profile.sandbox, profile.create_url, draft)
    history._db.execute(
        "UPDATE attempts SET updated_at='2000-01-01T00:00:00+00:00' WHERE id=?", (row_id,)
    )
    code, out, err = run(["history", "--json", "--reconcile"], capsys)
    assert code == 0 and "Checked “Crashed”: succeeded" in err
    (row,) = json.loads(out)
    assert row["status"] == "succeeded" and row["audienceId"] == created.audience_id
    assert history.get(row_id).status is Status.SUCCEEDED


def test_profile_list_and_remove(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str], memory_keyring
) -> None:
    code, out, _ = run(["profile", "list", "--json"], capsys)
    assert json.loads(out)[0]["name"] == "work" and CLIENT_SECRET not in out
    code, out, _ = run(["profile", "test", "work"], capsys)
    assert code == 0 and "prod" in out and "dev" in out
    code, out, _ = run(["profile", "remove", "work"], capsys)
    assert code == 0 and memory_keyring.store == {}
    code, _, err = run(["profile", "remove", "work"], capsys)
    assert code == 2 and "No profile named" in err


# -- the installed command, in real processes, with a real Secret Service ------------------


def _cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audience_desktop.cli", *args],
        input=stdin, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.mark.secret_service
def test_real_processes_real_keyring_and_no_secret_in_any_file(
    server: LocalAepServer, secret_service_env: dict[str, str], isolated_home: Path
) -> None:
    env = os.environ | {"DBUS_SESSION_BUS_ADDRESS": secret_service_env["DBUS_SESSION_BUS_ADDRESS"]}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    added = _cli(add_args(server), env, stdin=CLIENT_SECRET + "\n")
    assert added.returncode == 0, added.stderr
    assert "SecretService" in added.stdout
    for i in range(3):
        made = _cli([*CREATE[:3], "--name", f"Audience {i}", *CREATE[5:], "--json"], env)
        assert made.returncode == 0, made.stderr
    server.inject(Fault.expired_token())
    made = _cli([*CREATE[:3], "--name", "After expiry", *CREATE[5:]], env)
    assert made.returncode == 0, made.stderr
    assert len(server.token_requests()) == 2  # reused across processes, re-minted once
    usage = _cli(["create", "--profile", "work"], env)
    assert usage.returncode == 2

    minted = {r.headers["authorization"].split()[-1] for r in server.create_requests()}
    needles = [CLIENT_SECRET, *minted]
    written = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert any(p.name == "history.sqlite3" for p in written)
    assert any(p.suffix == ".log" for p in written)
    for path in written:
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in data, f"{needle[:6]}… found in {path}"
    removed = _cli(["profile", "remove", "work"], env)
    assert removed.returncode == 0
    check = subprocess.run(
        [sys.executable, "-c",
         "import keyring; print(keyring.get_password('audience-desktop', 'work/client-secret'))"],
        env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert check.stdout.strip() == "None"


def test_serve_local_runs_until_ctrl_c(isolated_home: Path) -> None:
    import signal

    import httpx

    proc = subprocess.Popen(
        [sys.executable, "-m", "audience_desktop.cli", "serve-local", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        url = first.split("listening on ")[1].split()[0]
        answer = httpx.get(f"{url}/data/foundation/sandbox-management/", timeout=5)
        assert answer.status_code == 403 and answer.json()["error_code"] == "403010"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in proc.stderr.read()  # type: ignore[union-attr]


def test_demo_curl_targets_serve_local_and_starts_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import threading

    before = threading.active_count()
    code, out, _ = run(["create", "--demo", "--curl", "--name", "N", "--namespace", "n",
                        "--origin-name", "o"], capsys)  # fmt: skip
    assert code == 0 and "http://127.0.0.1:8765/core/ais/audiences" in out
    assert threading.active_count() == before


def test_mark_not_created_needs_yes_then_releases_the_name(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    server.inject(Fault.html_502())
    code, _, err = run(CREATE, capsys)
    assert (code == 1 and "may exist" in err) or "Not found yet" in err
    code, _, err = run(CREATE, capsys)
    assert code == 1 and "may have reached Adobe" in err  # blocked, nothing sent
    mark = ["mark-not-created", "--profile", "work", "--name", "Summer buyers"]
    code, _, err = run(mark, capsys)
    assert code == 2 and "--yes" in err
    code, out, _ = run([*mark, "--yes"], capsys)
    assert code == 0 and "Marked 1 attempt" in out
    code, _, _ = run(CREATE, capsys)
    assert code == 0 and len(server.create_requests()) == 2
    code, _, err = run(mark, capsys)
    assert code == 2 and "No attempt" in err
