"""audience-cli audiences, delete and create's check against the sandbox, end to end."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time

import pytest

from audience_desktop.core.profiles import Profile
from audience_desktop.localserver.server import LocalAepServer
from tests.integration.test_cli import CREATE, run
from tests.integration.test_sandbox_audiences import colleague

KEYS = ["name", "audienceId", "id", "namespace", "originName", "description", "created",
        "updated", "lifecycle"]  # fmt: skip


def test_audiences_json_lines_cover_every_page(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    server.add_audiences("dev", [colleague(n) for n in range(105)])
    code, out, _ = run(["audiences", "--profile", "work", "--json"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 105 and list(rows[0]) == KEYS
    assert rows[-1]["audienceId"] == "aud-0000" and rows[-1]["updated"].endswith("+00:00")
    code, out, _ = run(["audiences", "--profile", "work", "--name", "list 010"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "5 audiences in sandbox “dev”."  # 0100 to 0104
    assert lines[0].split("\t")[:3] == ["Colleague list 0104", "aud-0104", "sys-0104"]
    assert lines[0].endswith("\texternal")


def test_audiences_403_says_which_permission(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    server.config.listing_forbidden = True
    code, out, err = run(["audiences", "--profile", "work"], capsys)
    assert code == 1 and out == ""
    assert "may not read the audiences of sandbox “dev”" in err and "“View Segments”" in err


def test_create_refused_by_the_sandbox_names_the_audience_id(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    server.add_audiences("dev", [colleague(3, "Summer buyers")])
    code, _, err = run(CREATE, capsys)
    assert code == 1 and "audienceId aud-0003" in err and "--allow-same-name" in err
    assert server.create_requests() == []
    server.config.duplicate_name_conflict = False
    code, out, _ = run([*CREATE, "--allow-same-name", "--json"], capsys)
    assert code == 0 and json.loads(out)["status"] == "succeeded"


def test_create_when_the_check_fails_sends_nothing(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    server.config.listing_forbidden = True
    code, _, err = run(CREATE, capsys)
    assert code == 1 and "Could not check whether “Summer buyers” already exists" in err
    assert "HTTP 403" in err and server.create_requests() == []
    assert run([*CREATE, "--allow-same-name"], capsys)[0] == 0


def test_delete_needs_yes_without_a_terminal_then_deletes_and_allows_a_recreate(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    assert run(CREATE, capsys)[0] == 0
    delete = ["delete", "--profile", "work", "--name", "Summer buyers"]
    code, _, err = run(delete, capsys, stdin="Summer buyers\n", monkeypatch=monkeypatch)
    assert code == 2 and "add --yes" in err and len(server.audiences("dev")) == 1
    code, out, _ = run([*delete, "--yes"], capsys)
    assert code == 0 and out.startswith("Deleted “Summer buyers” from sandbox “dev”")
    assert server.audiences("dev") == []
    code, out, _ = run(["history", "--json"], capsys)
    assert "Deleted from sandbox “dev”" in json.loads(out)[0]["error"]
    assert run(CREATE, capsys)[0] == 0  # created again
    code, _, err = run([*delete[:3], "--id", "no-such-id", "--yes"], capsys)
    assert code == 1 and "No audience with id “no-such-id”" in err


def test_delete_by_a_name_nobody_has_or_two_have(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["delete", "--profile", "work", "--name", "Ghost", "--yes"], capsys)
    assert code == 1 and "No audience named “Ghost”" in err
    server.add_audiences("dev", [colleague(1, "Twin"), colleague(2, "Twin")])
    code, _, err = run(["delete", "--profile", "work", "--name", "Twin", "--yes"], capsys)
    assert code == 2 and "sys-0001, sys-0002" in err and len(server.audiences("dev")) == 2


def _delete_on_a_terminal(typed: bytes) -> tuple[int, str]:
    """Run ``delete --demo`` in a subprocess whose terminal is a pty; type ``typed``."""
    master, slave = pty.openpty()
    command = [sys.executable, "-m", "audience_desktop.cli", "delete", "--demo",
               "--name", "Frequent visitors (sample)"]  # fmt: skip
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        while b"confirm" not in seen and time.monotonic() < deadline:
            seen += os.read(master, 4096)
        os.write(master, typed)
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        return process.wait(timeout=30), seen.decode("utf-8", "replace")
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()


def test_delete_on_a_terminal_asks_for_the_name_typed_back() -> None:
    code, shown = _delete_on_a_terminal(b"Frequent visitors\n")
    assert code == 2 and "Type its name to confirm" in shown and "does not match" in shown
    code, shown = _delete_on_a_terminal(b"Frequent visitors (sample)\n")
    assert code == 0 and "Deleted “Frequent visitors (sample)”" in shown


def test_errors_never_reach_the_terminal_with_escapes_or_bidi_overrides(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from audience_desktop import cli

    cli._error("The deletion of “ev\x1b]0;pwned\x07il\x1b[2J” failed.\nServer: “a\u202eb”")
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "ev?]0;pwned?il?[2J" in err and err.count("\n") == 2  # lines kept
