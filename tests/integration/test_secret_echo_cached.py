"""Echoes after the first create: the token comes from the keyring cache, the secret is unread.

Every CLI call is a real process, so nothing registered by an earlier call (``profile add``
stores the secret, the first create mints the token) helps a later one: the create that
reuses the cached token must still know the client secret before the server can answer.
A real loopback server (``tests.support.echo_server``) says the secret or the token back in
a 400's message, as the answer's ``x-request-id``, in a redirect's Location and as the new
audience's id, in plain, base64, base64url and hex. None of it may reach stdout, stderr, any
history column, ``history --json``/``--csv`` or any file under the app's home.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.echo_server import EchoServer

ROOT = Path(__file__).resolve().parents[2]
ORG_ID = "0123456789ABCDEF01234567@AdobeOrg"


def _fresh(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex}{uuid.uuid4().hex[:8]}"


def _forms(value: str) -> dict[str, str]:
    raw = value.encode()
    return {
        "plain": value,
        "b64": base64.b64encode(raw).decode(),
        "b64url": base64.urlsafe_b64encode(raw).decode().rstrip("="),
        "hex": raw.hex(),
        "HEX": raw.hex().upper(),
    }


class Cli:
    """``audience-cli`` in a real process, on a file keyring outside the app's home."""

    def __init__(self, tmp_path: Path, home: Path, server: EchoServer) -> None:
        self.home = home
        self.server = server
        self.env = os.environ | {
            "PYTHON_KEYRING_BACKEND": "tests.support.windows_keyring.FileWindowsKeyring",
            "AUDIENCE_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
            "PYTHONPATH": str(ROOT),
        }

    def __call__(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "audience_desktop.cli", *args],
                              input=stdin, env=self.env, capture_output=True, text=True,
                              timeout=60, cwd=ROOT)  # fmt: skip

    def add_profile(self, secret: str) -> None:
        added = self("profile", "add", "work", "--org-id", ORG_ID, "--client-id", "cid",
                     "--sandbox", "dev", "--platform-url", self.server.url,
                     "--ims-url", self.server.ims_url, stdin=secret + "\n")  # fmt: skip
        assert added.returncode == 0, added.stderr

    def create(self, name: str, *extra: str) -> subprocess.CompletedProcess[str]:
        return self("create", "--profile", "work", "--name", name, "--namespace", "agora",
                    "--origin-name", "Agora_Collab", *extra)  # fmt: skip

    def rows(self) -> list[dict[str, object]]:
        listed = self("history", "--json")
        assert listed.returncode == 0, listed.stderr
        rows: list[dict[str, object]] = json.loads(listed.stdout)
        return rows

    def everything(self) -> str:
        """History in every format, and every byte of every file under the app's home."""
        texts = [self("history", *fmt).stdout for fmt in ([], ["--json"], ["--csv"])]
        files = [p for p in self.home.rglob("*") if p.is_file()]
        assert any(p.name.endswith(".sqlite3") for p in files)
        texts += [p.read_bytes().decode("latin-1") for p in files]
        return "\n".join(texts)


def _leaks(needles: dict[str, str], text: str) -> list[str]:
    """The forms found in ``text``, whole or as a 16-character piece from their middle."""
    return [form for form, needle in needles.items()
            if needle in text or needle[8:24] in text]  # fmt: skip


@pytest.fixture
def cached(tmp_path: Path, isolated_home: Path) -> Iterator[tuple[Cli, str, str]]:
    """A profile whose token was minted by a first create and is now in the keyring cache."""
    secret, token = _fresh("cs"), _fresh("tok")
    with EchoServer() as server:
        server.script.token = token
        cli = Cli(tmp_path, isolated_home, server)
        cli.add_profile(secret)
        assert cli.create("Warm up").returncode == 0
        assert len(server.token_requests()) == 1
        yield cli, secret, token
        assert len(server.token_requests()) == 1  # every later create used the cached token


def test_client_secret_echoed_to_a_create_with_a_cached_token_is_masked(
    cached: tuple[Cli, str, str],
) -> None:
    cli, secret, _ = cached
    cli.server.script.create, cli.server.script.echo_value = "echo", secret
    for name in ("Echo one", "Echo two"):
        answer = cli.create(name)
        assert answer.returncode == 1
        assert "bad ***" in answer.stderr  # still told what the server said, masked
        assert _leaks({"plain": secret}, answer.stdout + answer.stderr) == []
    assert _leaks({"plain": secret}, cli.everything()) == []


@pytest.mark.parametrize("where", ["header", "location", "id"])
def test_secret_echoed_as_request_id_location_or_audience_id_is_masked(
    cached: tuple[Cli, str, str], where: str
) -> None:
    cli, secret, token = cached
    for what, value in (("secret", secret), ("token", token)):
        name = f"Echo {what} {where}"
        cli.server.script.create, cli.server.script.echo_value = "echo", value
        cli.server.script.echo_where = where
        answer = cli.create(name, "--json")
        (row,) = [r for r in cli.rows() if r["name"] == name]
        assert row["status"] != "succeeded"  # an id carrying a secret is no success
        assert answer.returncode != 0
        if where == "id":  # said why it is not believed, and settled by lookup
            assert "its id repeats a secret" in answer.stderr and row["audienceId"] is None
        if where == "header":  # our own request id is kept instead of the echo
            assert row["request_id"] and "*" not in str(row["request_id"])
        assert _leaks({what: value}, answer.stdout + answer.stderr) == []
    assert _leaks({"secret": secret, "token": token}, cli.everything()) == []


def test_base64_and_hex_echoes_of_the_secret_and_token_are_masked(
    cached: tuple[Cli, str, str],
) -> None:
    cli, secret, token = cached
    cli.server.script.create = "echo"
    for what, value in (("secret", secret), ("token", token)):
        for form, encoded in _forms(value).items():
            cli.server.script.echo_value = encoded
            answer = cli.create(f"Echo {what} {form}")
            assert answer.returncode == 1 and "bad ***" in answer.stderr, (form, answer.stderr)
            assert _leaks(_forms(value), answer.stdout + answer.stderr) == [], (what, form)
    assert _leaks(_forms(secret) | {f"t{k}": v for k, v in _forms(token).items()},
                  cli.everything()) == []  # fmt: skip
