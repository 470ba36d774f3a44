"""The duplicate guard keys on the audience's home, not on the profile's name.

Two profiles of the same org, credential and sandbox (a copy made to try a setting, a profile
removed and added again under a new name) reach the same audiences: a create through one must
see the attempts made through the other. Real parts: the built-in server over loopback, the
real CLI entry point, a real profiles file, keyring file and SQLite history.
"""

from __future__ import annotations

import pytest

from audience_desktop import cli
from audience_desktop.core import credentials as secrets
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.localserver.server import Fault, LocalAepServer
from tests.integration.conftest import CLIENT_SECRET


def _create(profile: str) -> list[str]:
    return ["create", "--profile", profile, "--name", "Summer buyers", "--namespace", "agora",
            "--origin-name", "Agora_Collab"]  # fmt: skip


def _copy(profile: Profile, name: str) -> Profile:
    """Another saved profile with the same org, client id, sandbox and URLs."""
    secrets.set_secret(name, secrets.SecretKind.CLIENT_SECRET, CLIENT_SECRET)
    return ProfileStore(app_paths().ensure().profiles_file).save(
        Profile(
            name=name,
            org_id=profile.org_id,
            client_id=profile.client_id,
            sandbox=profile.sandbox,
            platform_url=profile.platform_url,
            ims_url=profile.ims_url,
            read_timeout=profile.read_timeout,
            connect_timeout=profile.connect_timeout,
        )
    )


def test_two_profiles_of_one_org_and_sandbox_create_the_audience_once(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy(profile, "work-copy")
    assert cli.main(_create("work")) == 0
    capsys.readouterr()
    assert cli.main(_create("work-copy")) == 1
    err = capsys.readouterr().err
    assert "already created" in err and "Nothing was sent" in err
    assert len(server.create_requests()) == 1


def test_a_profile_removed_and_added_again_under_a_new_name_is_still_guarded(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(_create("work")) == 0
    assert cli.main(["profile", "remove", "work"]) == 0
    _copy(profile, "renamed")
    capsys.readouterr()
    assert cli.main(_create("renamed")) == 1
    assert "already created" in capsys.readouterr().err
    assert len(server.create_requests()) == 1


def test_an_unknown_outcome_through_one_profile_blocks_and_is_marked_through_the_other(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy(profile, "work-copy")
    server.inject(Fault.html_502())
    cli.main(_create("work"))  # the outcome stays unknown ("not found yet")
    capsys.readouterr()
    assert cli.main(_create("work-copy")) == 1
    assert "may have reached Adobe" in capsys.readouterr().err  # blocked, nothing sent
    sent = len(server.create_requests())
    mark = ["mark-not-created", "--profile", "work-copy", "--name", " Summer buyers", "--yes"]
    assert cli.main(mark) == 0
    assert "Marked 1 attempt" in capsys.readouterr().out
    assert cli.main(_create("work-copy")) == 0
    assert len(server.create_requests()) == sent + 1


def test_a_profile_of_another_org_is_not_blocked(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    """The key is the home: the same name in another org's sandbox is another audience."""
    import sqlite3

    assert cli.main(_create("work")) == 0
    path = app_paths().history_db
    with sqlite3.connect(path) as db:  # as if "work" belonged to another org
        db.execute("UPDATE attempts SET org_id = 'FEDCBA9876543210FEDCBA98@AdobeOrg'")
    _copy(profile, "work-copy")
    capsys.readouterr()
    # The built-in server has one org, so the sandbox has the name: the check before a
    # create is set aside to reach the history's guard alone (the server answers 409).
    cli.main([*_create("work-copy"), "--allow-same-name"])
    assert "Nothing was sent" not in capsys.readouterr().err
    assert len(server.create_requests()) == 2  # sent: the guard did not stop it
