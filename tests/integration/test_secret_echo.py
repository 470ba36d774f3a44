"""Servers that echo a secret back: it is masked before it is shown, stored or logged.

A real loopback server (``tests.support.echo_server``) plays an IMS whose 401 repeats the
client secret and an AEP gateway whose errors quote the Authorization header and the raw
token. The CLI runs in-process and in real processes; the secret and the token must appear
nowhere: not on stdout or stderr, not in any history column, not in ``history --json`` or
``--csv``, not in the log file. Each secret is fresh per test, so nothing registered by an
earlier test can hide a missing registration.
"""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from audience_desktop import cli
from audience_desktop.application import AppError, AuthKind, Profile, open_workspace
from audience_desktop.core.paths import app_paths
from tests.support.echo_server import EchoServer

ROOT = Path(__file__).resolve().parents[2]
ORG_ID = "0123456789ABCDEF01234567@AdobeOrg"
CREATE = ["create", "--profile", "work", "--name", "Echo buyers", "--namespace", "agora",
          "--origin-name", "Agora_Collab"]  # fmt: skip


def _fresh(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex}{uuid.uuid4().hex}"


def _add_args(server: EchoServer) -> list[str]:
    return ["profile", "add", "work", "--org-id", ORG_ID, "--client-id", "cid", "--sandbox",
            "dev", "--platform-url", server.url, "--ims-url", server.ims_url]  # fmt: skip


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         stdin: str = "") -> tuple[int, str]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out + err


def _log_text() -> str:
    """Everything the app's log handlers wrote in this process, flushed."""
    texts = []
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if getattr(handler, "_audience_desktop", False) and name:
            handler.flush()
            if Path(name).exists():
                texts.append(Path(name).read_text(encoding="utf-8"))
    return "\n".join(texts)


def _history_cells(db: Path) -> list[str]:
    """Every value of every column of every history row, straight from the SQLite file."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT * FROM attempts").fetchall()
    return [str(value) for row in rows for value in row]


def _assert_nowhere(needles: list[str], *texts: str) -> None:
    for needle in needles:
        for text in texts:
            assert needle not in text
            assert needle[10:40] not in text  # not even a long fragment of it


def test_ims_echoing_the_client_secret_is_masked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = _fresh("cs")
    with EchoServer() as server:
        server.script.ims = "echo-secret"
        code, said = _run(_add_args(server), capsys, monkeypatch, stdin=secret + "\n")
        assert code == 0, said
        code, created = _run(CREATE, capsys, monkeypatch)
        code_test, tested = _run(["profile", "test", "work"], capsys, monkeypatch)
        _, history_json = _run(["history", "--json"], capsys, monkeypatch)
    assert code == 1 and code_test == 1
    assert "client id or client secret" in created and "rejected" in created  # still told why
    _assert_nowhere([secret], created, tested, history_json, _log_text())


def test_gateway_echoing_the_authorization_header_is_masked_everywhere(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    secret, token = _fresh("cs"), _fresh("tok")
    with EchoServer() as server:
        server.script.token = token
        _run(_add_args(server), capsys, monkeypatch, stdin=secret + "\n")
        server.script.create = "echo-auth"
        code, first = _run(CREATE, capsys, monkeypatch)
        server.script.create = "echo-plain"  # a not-JSON body: the snippet path
        code2, second = _run([*CREATE[:3], "--name", "Echo two", *CREATE[5:]], capsys,
                             monkeypatch)  # fmt: skip
        seen = [r.headers.get("authorization") for r in server.requests]
    assert f"Bearer {token}" in seen  # the server really had the token to echo
    assert code == 1 and code2 == 1
    assert "Bad header Authorization" in first and "HTTP 400" in first
    assert "rejected ***" in second
    outputs = [_run(["history", *fmt], capsys, monkeypatch)[1]
               for fmt in ([], ["--json"], ["--csv"])]  # fmt: skip
    cells = _history_cells(app_paths().history_db)
    assert any("Bad header" in cell for cell in cells)  # the server's words are kept...
    _assert_nowhere([token, secret], first, second, *outputs, *cells, _log_text())  # ...masked


def test_a_secret_typed_in_test_connection_is_masked_before_it_is_sent() -> None:
    typed = _fresh("typed")
    with EchoServer() as server, open_workspace() as workspace:
        server.script.ims = "echo-secret"
        profile = Profile(name="new", org_id=ORG_ID, client_id="cid", sandbox="dev",
                          platform_url=server.url, ims_url=server.ims_url)  # fmt: skip
        with pytest.raises(AppError) as caught:
            workspace.test_profile(profile, secret=typed)
        assert typed in server.token_requests()[0].body.decode()
    _assert_nowhere([typed], caught.value.describe(), str(caught.value.server_message))


def test_a_pasted_token_typed_in_test_connection_is_masked() -> None:
    typed = _fresh("pasted")
    with EchoServer() as server, open_workspace() as workspace:
        server.script.sandboxes = "echo-auth-401"
        profile = Profile(name="new", org_id=ORG_ID, client_id="cid", sandbox="dev",
                          auth=AuthKind.TOKEN, platform_url=server.url,
                          ims_url=server.ims_url)  # fmt: skip
        result = workspace.test_profile(profile, secret=typed)
    assert result.problem is not None and "is not valid" in result.problem.describe()
    _assert_nowhere([typed], result.problem.describe())


def test_real_processes_never_print_or_write_an_echoed_secret(
    tmp_path: Path, isolated_home: Path
) -> None:
    secret, token = _fresh("cs"), _fresh("tok")
    env = os.environ | {
        "PYTHON_KEYRING_BACKEND": "tests.support.windows_keyring.FileWindowsKeyring",
        "AUDIENCE_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),  # outside the app's home
        "PYTHONPATH": str(ROOT),
    }

    def cli_run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "audience_desktop.cli", *args],
                              input=stdin, env=env, capture_output=True, text=True,
                              timeout=60, cwd=ROOT)  # fmt: skip

    with EchoServer() as server:
        server.script.token = token
        assert cli_run(_add_args(server), secret + "\n").returncode == 0
        server.script.ims = "echo-secret"
        ims = cli_run(CREATE)
        server.script.ims, server.script.create = "ok", "echo-auth"
        aep = cli_run([*CREATE[:3], "--name", "Echo two", *CREATE[5:]])
        history = [cli_run(["history", *fmt]) for fmt in ([], ["--json"], ["--csv"])]
    assert ims.returncode == 1 and aep.returncode == 1
    assert "Bad header Authorization" in aep.stderr
    texts = [p.stdout + p.stderr for p in (ims, aep, *history)]
    files = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".log" for p in files) and any(p.name.endswith(".sqlite3") for p in files)
    _assert_nowhere([secret, token], *texts,
                    *(p.read_bytes().decode("utf-8", "replace") for p in files))  # fmt: skip


def test_a_token_echoed_as_an_id_or_a_sandbox_title_is_masked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = _fresh("tok")
    with EchoServer() as server:
        server.script.token = server.script.audience_id = token
        server.script.sandbox_title = f"Dev {token}"
        _run(_add_args(server), capsys, monkeypatch, stdin=_fresh("cs") + "\n")
        _, boxes = _run(["sandboxes", "--profile", "work", "--json"], capsys, monkeypatch)
        _, created = _run([*CREATE, "--json"], capsys, monkeypatch)
    _assert_nowhere([token], boxes, created, *_history_cells(app_paths().history_db))
