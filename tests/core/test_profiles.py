"""Profile validation, URL rules and the atomic profile file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audience_desktop.core.profiles import AuthKind, Profile, ProfileInvalid, ProfileStore

ORG = "0123456789ABCDEF01234567@AdobeOrg"


def profile(**overrides: object) -> Profile:
    values: dict[str, object] = {
        "name": "work",
        "org_id": ORG,
        "client_id": "abc123",
        "sandbox": "prod",
    }
    values.update(overrides)
    return Profile(**values)  # type: ignore[arg-type]


def test_defaults_follow_the_seed_doc() -> None:
    p = profile().validated()
    assert p.create_url == "https://platform.adobe.io/core/ais/audiences"
    assert p.ims_url == "https://ims-na1.adobelogin.com/ims/token/v3"
    assert p.is_production


def test_newer_path_and_trailing_slashes_are_normalised() -> None:
    p = profile(platform_url="https://platform.adobe.io/", ais_path="data/core/ais/").validated()
    assert p.create_url == "https://platform.adobe.io/data/core/ais/audiences"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"org_id": "ABC123"}, "does not look like an Adobe org id"),
        ({"org_id": "ABC 123@AdobeOrg"}, "does not look like an Adobe org id"),
        ({"name": ""}, "Profile name"),
        ({"client_id": "has space"}, "Client id"),
        ({"sandbox": "My Sandbox"}, "technical name"),
        ({"platform_url": "platform.adobe.io"}, "must be a full URL"),
        ({"platform_url": "http://platform.adobe.io"}, "plain http://"),
        ({"platform_url": "https://user:pw@platform.adobe.io"}, "user name or password"),
        ({"platform_url": "https://platform.adobe.io/x?y=1"}, "“?” or “#”"),
        ({"platform_url": "https://platform.adobe.io:99999"}, "not a valid URL"),
        ({"platform_url": "https://platform.adobe.io/core"}, "just the host"),
        ({"ims_url": "ftp://ims"}, "must be a full URL"),
        ({"ims_url": "https://ims\n.example"}, "contains U+000A"),
        ({"ais_path": "/core ais"}, "not a valid URL path"),
        ({"read_timeout": 0}, "Timeouts"),
        ({"scopes": "", "auth": AuthKind.OAUTH}, "Scopes"),
    ],
)
def test_invalid_profiles_are_refused_in_plain_words(
    overrides: dict[str, object], expected: str
) -> None:
    with pytest.raises(ProfileInvalid, match=None) as caught:
        profile(**overrides).validated()
    assert expected in str(caught.value)


@pytest.mark.parametrize("host", ["http://127.0.0.1:8765", "http://localhost:1", "http://[::1]:80"])
def test_plain_http_only_for_loopback(host: str) -> None:
    assert profile(platform_url=host).validated().platform_url == host


def test_store_round_trip_and_atomic_file(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "config" / "profiles.json")
    assert store.load() == {}
    saved = store.save(profile(auth=AuthKind.TOKEN, scopes=""))
    assert store.get("work") == saved
    data = json.loads(store.path.read_text())
    assert data["version"] == 1 and data["profiles"][0]["auth"] == "token"
    assert list(store.path.parent.iterdir()) == [store.path]  # no temp files left behind
    assert store.remove("work") and not store.remove("work")
    with pytest.raises(ProfileInvalid, match="No profile named “work”"):
        store.get("work")


def test_damaged_profile_file_is_reported_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_text("{not json")
    with pytest.raises(ProfileInvalid, match="damaged"):
        ProfileStore(path).load()
    assert path.read_text() == "{not json"


def test_a_hand_edited_profile_is_checked_on_load(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles.json")
    store.save(profile())
    data = json.loads(store.path.read_text())
    data["profiles"][0]["platform_url"] = "http://platform.adobe.io"
    store.path.write_text(json.dumps(data))
    with pytest.raises(ProfileInvalid, match=r"“work”.*plain http"):
        store.load()
