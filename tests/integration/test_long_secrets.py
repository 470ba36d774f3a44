"""Long tokens end to end with a keyring capped at 2,560 bytes per entry, as on Windows.

A pasted 4 KB token is saved and used for a create against the built-in server, and a
4 KB minted token is cached once and reused by a second client and by real processes.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import keyring

from audience_desktop.application import AudienceDraft, AuthKind, Profile, Status, open_workspace
from audience_desktop.core.auth import ServerToServerTokens
from audience_desktop.core.credentials import MAX_ENTRY_BYTES
from audience_desktop.localserver.server import LocalAepServer, ServerConfig
from tests.support.echo_server import EchoServer
from tests.support.windows_keyring import WindowsLimitKeyring

ROOT = Path(__file__).resolve().parents[2]
ORG_ID = "0123456789ABCDEF01234567@AdobeOrg"
DRAFT = AudienceDraft(name="Long token buyers", namespace="agora", origin_name="Agora_Collab")


def _jwt(size: int) -> str:
    """An IMS-shaped token of about ``size`` characters that expires in a day."""
    head = base64.urlsafe_b64encode(b'{"alg":"RS256"}').decode().rstrip("=")
    claims = {"created_at": str(int(time.time() * 1000)), "expires_in": "86400000",
              "pad": "p" * size}  # fmt: skip
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{head}.{body}.signature"


def test_a_pasted_4kb_token_is_saved_and_used_for_a_create() -> None:
    backend = WindowsLimitKeyring()
    keyring.set_keyring(backend)
    token = _jwt(3000)
    assert len(token) > 4000
    config = ServerConfig.demo(accepted_tokens={token})
    with LocalAepServer(config) as server, open_workspace() as workspace:
        profile = Profile(name="pasted", org_id=config.org_id, client_id="demo-client",
                          sandbox="dev-sandbox", auth=AuthKind.TOKEN, platform_url=server.url,
                          ims_url=server.ims_url)  # fmt: skip
        saved = workspace.save_profile(profile, token)
        outcome = workspace.create(saved, DRAFT)
        assert outcome.error is None and outcome.attempt.status is Status.SUCCEEDED
        (sent,) = server.create_requests()
        assert sent.headers["authorization"] == f"Bearer {token}"
    sizes = [len(v.encode("utf-16-le")) for v in backend.store.values()]
    assert max(sizes) <= MAX_ENTRY_BYTES and len(sizes) > 1


def _oauth_profile(server: EchoServer) -> Profile:
    return Profile(name="work", org_id=ORG_ID, client_id="cid", sandbox="dev",
                   platform_url=server.url, ims_url=server.ims_url).validated()  # fmt: skip


def test_a_4kb_minted_token_is_cached_for_the_next_client() -> None:
    keyring.set_keyring(WindowsLimitKeyring())
    with EchoServer() as server, httpx.Client(timeout=5) as http:
        server.script.token = "minted-" + "t" * 4000
        profile = _oauth_profile(server)
        first = ServerToServerTokens(profile, http, secret_reader=lambda: "the-client-secret")
        second = ServerToServerTokens(profile, http, secret_reader=lambda: "the-client-secret")
        assert first.token() == second.token() == server.script.token
        assert (first.minted, second.minted) == (1, 0)
        assert len(server.token_requests()) == 1


def test_two_processes_mint_once_with_a_windows_sized_keyring(
    tmp_path: Path, isolated_home: Path
) -> None:
    env = os.environ | {
        "PYTHON_KEYRING_BACKEND": "tests.support.windows_keyring.FileWindowsKeyring",
        "AUDIENCE_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    with EchoServer() as server:
        server.script.token = "minted-" + "t" * 4000
        add = ["profile", "add", "work", "--org-id", ORG_ID, "--client-id", "cid",
               "--sandbox", "dev", "--platform-url", server.url, "--ims-url", server.ims_url]  # fmt: skip
        for args, stdin in [(add, "the-client-secret\n"),
                            (["create", "--profile", "work", "--name", "One", "--namespace", "n",
                              "--origin-name", "o"], ""),
                            (["create", "--profile", "work", "--name", "Two", "--namespace", "n",
                              "--origin-name", "o"], "")]:  # fmt: skip
            done = subprocess.run([sys.executable, "-m", "audience_desktop.cli", *args],
                                  input=stdin, env=env, capture_output=True, text=True,
                                  timeout=60, cwd=ROOT)  # fmt: skip
            assert done.returncode == 0, done.stderr
        assert len(server.token_requests()) == 1  # the second process reused the cached token
    stored = json.loads((tmp_path / "keyring.json").read_text())
    assert any(user.endswith("/token-cache#2") for user in stored)
