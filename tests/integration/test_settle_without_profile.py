"""An attempt keeps what its lookup needs, so it can be settled after its profile changed.

Real parts: the built-in server over loopback, a real history file, real profiles on disk.
The create answers a 502 (outcome unknown, nothing stored); later the audience appears, as
when Adobe processed it after all. Then the profile moves to another sandbox or is removed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace

import pytest

from audience_desktop.application import Workspace, open_workspace
from audience_desktop.core import credentials as secrets
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import Status
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.core.session import open_client
from audience_desktop.localserver.server import Fault, LocalAepServer
from tests.integration.conftest import CLIENT_SECRET, FAST_RETRY

DRAFT = AudienceDraft(name="Moved buyers", namespace="agora", origin_name="Agora_Collab")


@pytest.fixture
def workspace(profile: Profile) -> Iterator[Workspace]:
    with open_workspace(client_factory=lambda p: open_client(p, retry=FAST_RETRY)) as ws:
        yield ws


@pytest.fixture
def unknown_row(workspace: Workspace, server: LocalAepServer, profile: Profile) -> int:
    """An attempt left unknown; then the audience shows up in its sandbox (dev)."""
    server.inject(Fault.html_502())
    outcome = workspace.create(profile, DRAFT)
    assert outcome.attempt.status is Status.UNKNOWN
    direct = open_client(profile, retry=FAST_RETRY)
    try:
        direct.create(DRAFT)  # Adobe processed it after all
    finally:
        direct.close()
    return outcome.attempt.row_id


def _lookup_sandboxes(server: LocalAepServer) -> list[str]:
    return [r.headers["x-sandbox-name"] for r in server.requests
            if r.method == "GET" and "/ups/" in r.path]  # fmt: skip


def test_the_attempt_keeps_its_lookup_details_and_no_secret(
    unknown_row: int, profile: Profile
) -> None:
    with sqlite3.connect(app_paths().history_db) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM attempts WHERE id = ?", (unknown_row,)).fetchone()
    assert (row["org_id"], row["client_id"], row["sandbox"]) == (
        profile.org_id, profile.client_id, "dev",
    )  # fmt: skip
    assert (row["platform_url"], row["ims_url"], row["ais_path"]) == (
        profile.platform_url, profile.ims_url, profile.ais_path,
    )  # fmt: skip
    assert (row["auth_kind"], row["scopes"]) == ("oauth-s2s", profile.scopes)
    assert CLIENT_SECRET not in " ".join(str(value) for value in tuple(row))


def test_reconcile_settles_it_after_the_profile_moved_to_another_sandbox(
    unknown_row: int, workspace: Workspace, server: LocalAepServer, profile: Profile
) -> None:
    ProfileStore(app_paths().profiles_file).save(replace(profile, sandbox="prod"))
    (checked,) = workspace.reconcile()
    assert checked.problem is None
    assert checked.attempt.status is Status.SUCCEEDED and checked.attempt.audience_id
    assert _lookup_sandboxes(server)[-1] == "dev"  # the attempt's sandbox, not the profile's


def test_reconcile_uses_another_profile_holding_the_same_credential(
    unknown_row: int, workspace: Workspace, server: LocalAepServer, profile: Profile
) -> None:
    workspace.remove_profile("work")
    secrets.set_secret("other", secrets.SecretKind.CLIENT_SECRET, CLIENT_SECRET)
    ProfileStore(app_paths().profiles_file).save(replace(profile, name="other", sandbox="prod"))
    assert workspace.resolve(unknown_row).status is Status.SUCCEEDED
    assert _lookup_sandboxes(server)[-1] == "dev"


def test_without_the_credential_it_says_so_plainly(
    unknown_row: int, workspace: Workspace, profile: Profile
) -> None:
    workspace.remove_profile("work")
    secrets.set_secret("stranger", secrets.SecretKind.CLIENT_SECRET, "another-secret")
    ProfileStore(app_paths().profiles_file).save(
        replace(profile, name="stranger", client_id="another-client")
    )
    (checked,) = workspace.reconcile()
    assert checked.attempt.status is Status.UNKNOWN and checked.problem is not None
    text = str(checked.problem)
    assert "No profile holds the credential" in text
    assert profile.org_id in text and profile.client_id in text and DRAFT.name in text
