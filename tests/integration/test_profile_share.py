"""Sharing a set-up: `profile export NAME FILE` writes no secret, `profile import FILE` asks
for it as `profile add` does; damaged, newer, secret-holding or mistyped files change nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from audience_desktop import cli
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profile_share import FORMAT, export_text
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.localserver.server import LocalAepServer
from tests.integration.conftest import CLIENT_ID, CLIENT_SECRET, ORG_ID
from tests.integration.test_profile_remove import _run
from tests.support.memory_keyring import MemoryKeyring

SERVICE = "audience-desktop"


def _store() -> ProfileStore:
    return ProfileStore(app_paths().ensure().profiles_file)


@pytest.fixture
def shared(tmp_path: Path, server: LocalAepServer) -> Profile:
    """An admin's profile on the server's dev sandbox, slow timeouts and all."""
    return _store().save(
        Profile(name="team", org_id=ORG_ID, client_id=CLIENT_ID, sandbox="dev",
                sandbox_title="Development", sandbox_type="development",
                platform_url=server.url, ims_url=server.ims_url, ais_path="/data/core/ais",
                read_timeout=90.0, total_timeout=200.0)
    )  # fmt: skip


def test_export_then_import_on_another_machine_asks_only_for_the_secret(
    shared: Profile, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    memory_keyring.store[(SERVICE, "team/client-secret")] = CLIENT_SECRET
    file = tmp_path / "team.json"
    code, out, err = _run(["profile", "export", "team", str(file)], capsys, monkeypatch)
    assert code == 0 and err == "" and "without its secret" in out
    document = json.loads(file.read_text(encoding="utf-8"))
    assert document["format"] == FORMAT and document["version"] == 1
    assert document["profile"] == shared.to_json()
    assert CLIENT_SECRET not in file.read_text(encoding="utf-8")
    # Exporting again does not overwrite without --replace.
    code, _, err = _run(["profile", "export", "team", str(file)], capsys, monkeypatch)
    assert code == 2 and "--replace" in err
    assert _run(["profile", "export", "team", str(file), "--replace"], capsys, monkeypatch)[0] == 0

    # The analyst's machine: no profiles, an empty keyring.
    app_paths().profiles_file.unlink()
    memory_keyring.store.clear()
    code, out, err = _run(["profile", "import", str(file)], capsys, monkeypatch,
                          stdin=CLIENT_SECRET + "\n")  # fmt: skip
    assert code == 0, err
    assert "Profile “team” saved; its client secret is in" in out
    assert _store().get("team") == shared
    assert memory_keyring.store[(SERVICE, "team/client-secret")] == CLIENT_SECRET
    assert _run(["profile", "test", "team"], capsys, monkeypatch)[0] == 0  # it works


def test_import_never_overwrites_without_replace_and_can_rename(
    shared: Profile, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    file = tmp_path / "team.json"
    file.write_text(export_text(Profile(name="team", org_id=ORG_ID, client_id="other",
                                        sandbox="prod")), encoding="utf-8")  # fmt: skip
    code, _, err = _run(["profile", "import", str(file)], capsys, monkeypatch, stdin="s\n")
    assert code == 2 and "exists" in err and "--replace" in err
    assert _store().get("team") == shared and memory_keyring.store == {}  # nothing asked
    code, _, _ = _run(["profile", "import", str(file), "--name", "team 2"], capsys, monkeypatch,
                      stdin="other-secret\n")  # fmt: skip
    assert code == 0 and _store().get("team 2").client_id == "other"
    code, _, _ = _run(["profile", "import", str(file), "--replace"], capsys, monkeypatch,
                      stdin="other-secret\n")  # fmt: skip
    assert code == 0 and _store().get("team").client_id == "other"


def test_an_imported_token_profile_asks_for_a_token(
    tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    file = tmp_path / "pasted.json"
    profile = Profile(name="pasted", org_id=ORG_ID, client_id=CLIENT_ID, sandbox="dev",
                      auth=cli.AuthKind.TOKEN)  # fmt: skip
    file.write_text(export_text(profile), encoding="utf-8")
    code, out, _ = _run(["profile", "import", str(file)], capsys, monkeypatch, stdin="tok-1\n")
    assert code == 0 and "access token" in out
    assert memory_keyring.store[(SERVICE, "pasted/access-token")] == "tok-1"


def _document(**profile_changes: object) -> dict[str, object]:
    profile = Profile(name="team", org_id=ORG_ID, client_id=CLIENT_ID, sandbox="dev").to_json()
    profile.update(profile_changes)
    return {"format": FORMAT, "version": 1, "profile": profile}


REFUSED: list[tuple[str, object, str]] = [
    ("damaged", '{"format": "audience-desktop/profile", "vers', "is damaged (JSONDecodeError)"),
    ("not-an-export", {"profiles": []}, "not a profile shared by audience-desktop"),
    ("newer", {**_document(), "version": 2}, "format version 2; this version of"),
    ("version-text", {**_document(), "version": "1"}, "$.version: string"),
    ("secret-key", _document(client_secret="abc"), "$.profile.client_secret, which looks like"),
    ("secret-top", {**_document(), "access_token": "x"}, "$.access_token, which looks like"),
    ("secret-value", _document(scopes="p8e-AbCdEf0123"), "$.profile.scopes, which looks like"),
    ("wrong-type", _document(read_timeout="60"), "$.profile.read_timeout: string"),
    ("missing", {**_document(), "profile": {"name": "team"}}, "$.profile.org_id: —"),
    ("unknown-field", _document(colour="red"), "$.profile.colour: ?"),
    ("bad-auth", _document(auth="magic"), "$.profile.auth: 'magic'"),
    ("plain-http", _document(platform_url="http://example.com"), "cannot be used: Platform URL"),
]


@pytest.mark.parametrize(("content", "said"), [(c, s) for _, c, s in REFUSED],
                         ids=[i for i, _, _ in REFUSED])  # fmt: skip
def test_a_bad_file_is_refused_with_a_clear_message_and_changes_nothing(
    content: object, said: str, shared: Profile, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    file = tmp_path / "bad.json"
    text = content if isinstance(content, str) else json.dumps(content)
    file.write_text(text, encoding="utf-8")
    before = app_paths().profiles_file.read_bytes()
    code, out, err = _run(["profile", "import", str(file), "--replace"], capsys, monkeypatch,
                          stdin=CLIENT_SECRET + "\n")  # fmt: skip
    assert code == 2 and out == ""
    assert said in err and "Nothing was" in err and str(file) in err
    assert app_paths().profiles_file.read_bytes() == before
    assert memory_keyring.store == {}
    assert sys.stdin.read() == CLIENT_SECRET + "\n"  # the secret was never asked for


def test_a_missing_file_and_a_folder_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in (tmp_path / "absent.json", tmp_path):
        code, _, err = _run(["profile", "import", str(path)], capsys, monkeypatch)
        assert code == 2 and "cannot be read" in err and str(path) in err


def test_exporting_an_unknown_profile_or_to_an_unwritable_place_says_so(
    shared: Profile, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    code, _, err = _run(["profile", "export", "nobody", str(tmp_path / "x.json")], capsys,
                        monkeypatch)  # fmt: skip
    assert code == 2 and "No profile named “nobody”" in err
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    target = tmp_path / "a-file" / "team.json"  # its folder is a file: nothing can be written
    code, _, err = _run(["profile", "export", "team", str(target)], capsys, monkeypatch)
    assert code == 1 and "Could not write the profile to" in err and not target.exists()
