"""The sandbox's audiences through the application layer, against the built-in server:
listing across pages, the check before a create, delete and what the history keeps."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from audience_desktop.application import (
    AepError,
    AlreadyInSandbox,
    AudienceDraft,
    Profile,
    SandboxCheckFailed,
    Status,
    Workspace,
    open_workspace,
)
from audience_desktop.core import aep
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import ProfileStore
from audience_desktop.localserver.server import LocalAepServer

DRAFT = AudienceDraft("Summer buyers", "agora", "Agora_Collab")


@pytest.fixture
def workspace(profile: Profile) -> Iterator[Workspace]:
    with open_workspace(app_paths()) as opened:
        yield opened


def colleague(number: int, name: str | None = None) -> dict[str, object]:
    """An audience someone else made, in AEP's listing shape."""
    return {"id": f"sys-{number:04}", "audienceId": f"aud-{number:04}",
            "name": name or f"Colleague list {number:04}", "namespace": "crm",
            "originName": "CRM", "description": "made elsewhere", "type": "ExternalSegment",
            "lifecycleState": "published", "creationTime": 1_700_000_000_000 + number,
            "updateTime": 1_700_000_000_000 + number}  # fmt: skip


def reads(server: LocalAepServer) -> int:
    return sum(r.method == "GET" and r.path == aep.AUDIENCE_LOOKUP_PATH for r in server.requests)


def test_more_than_a_hundred_audiences_arrive_page_by_page(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    server.add_audiences("dev", [colleague(n) for n in range(130)])
    server.add_audiences("dev", [{**colleague(999), "type": "SegmentDefinition", "originName": ""}])
    pages = list(workspace.list_audiences(profile))
    assert [len(p.audiences) for p in pages] == [100, 31] and reads(server) == 2
    assert [p.last for p in pages] == [False, True] and pages[0].total == 131
    audiences = [a for page in pages for a in page.audiences]
    assert len({a.id for a in audiences}) == 131
    newest = audiences[0]  # updateTime:desc
    assert newest.id == "sys-0999" and not newest.external
    oldest = audiences[-1]
    assert oldest.name == "Colleague list 0000" and oldest.external
    assert oldest.audience_id == "aud-0000" and oldest.lifecycle == "published"
    assert oldest.created == "2023-11-14T22:13:20.000+00:00" and oldest.updated == oldest.created
    assert set(oldest.export()) == {"name", "audienceId", "id", "namespace", "originName",
                                    "description", "created", "updated", "lifecycle"}  # fmt: skip


def test_the_name_filter_narrows_on_the_server(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    server.add_audiences("dev", [colleague(n) for n in range(30)])
    server.add_audiences("dev", [colleague(500, "Summer buyers"), colleague(501, "summer BUYERS 2")])
    found = [a.name for p in workspace.list_audiences(profile, "summer buy") for a in p.audiences]
    assert sorted(found) == ["Summer buyers", "summer BUYERS 2"]
    assert [a.id for a in workspace.audiences_named(profile, " Summer buyers ")] == ["sys-0500"]


def test_a_create_is_refused_before_sending_when_the_sandbox_has_the_name(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    server.add_audiences("dev", [colleague(7, "Summer buyers")])
    with pytest.raises(AlreadyInSandbox) as refused:
        workspace.create(profile, DRAFT)
    assert "aud-0007" in refused.value.describe() and refused.value.existing[0].id == "sys-0007"
    assert server.create_requests() == [] and workspace.attempts() == []  # no row, nothing sent
    assert reads(server) == 1  # the check is one request
    server.config.duplicate_name_conflict = False  # would AEP refuse? unconfirmed
    outcome = workspace.create(profile, DRAFT, allow_same_name=True)
    assert outcome.error is None and outcome.attempt.status is Status.SUCCEEDED
    assert reads(server) == 1 and len(server.create_requests()) == 1


def test_a_free_name_costs_one_request_and_the_profile_setting_turns_the_check_off(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    assert workspace.create(profile, DRAFT).attempt.status is Status.SUCCEEDED
    assert reads(server) == 1
    unchecked = ProfileStore(app_paths().profiles_file).save(
        Profile(**{**profile.__dict__, "check_sandbox_before_create": False})
    )
    other = AudienceDraft("Winter buyers", "agora", "Agora_Collab")
    assert workspace.create(unchecked, other).attempt.status is Status.SUCCEEDED
    assert reads(server) == 1


def test_a_check_that_fails_sends_nothing_unless_allowed(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    server.config.listing_forbidden = True
    with pytest.raises(SandboxCheckFailed) as failed:
        workspace.create(profile, DRAFT)
    assert failed.value.status == 403 and "View Segments" in failed.value.describe()
    assert server.create_requests() == [] and workspace.attempts() == []
    assert workspace.create(profile, DRAFT, allow_same_name=True).error is None


def test_a_403_on_listing_names_the_permission(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    server.config.listing_forbidden = True
    with pytest.raises(AepError) as refused:
        list(workspace.list_audiences(profile))
    text = refused.value.describe()
    assert refused.value.status == 403 and "may not read the audiences" in text
    assert "View Segments" in text and "request id" in text


def test_delete_is_recorded_and_the_audience_may_be_created_again(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    created = workspace.create(profile, DRAFT).attempt
    [listed] = [a for p in workspace.list_audiences(profile) for a in p.audiences]
    deletion = workspace.delete_audience(profile, listed.id or "")  # by system id
    assert server.audiences("dev") == []
    assert (deletion.name, deletion.aep_id, deletion.attempts) == ("Summer buyers", listed.id, 1)
    assert deletion.audience_id == created.audience_id and deletion.request_id
    assert workspace.deletions() == [deletion]
    settled = workspace.attempt(created.row_id)
    assert settled.status is Status.SUCCEEDED and settled.resolution == "deleted"
    assert "Deleted from sandbox “dev”" in settled.note()
    again = workspace.create(profile, DRAFT)  # neither the history nor the sandbox refuses
    assert again.error is None and again.attempt.row_id != created.row_id
    with pytest.raises(Exception, match="already created"):  # the new one blocks as usual
        workspace.create(profile, DRAFT)


def test_deleting_an_unknown_id_records_nothing(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    with pytest.raises(Exception, match="No audience with id “nope”") as missing:
        workspace.delete_audience(profile, "nope")
    assert getattr(missing.value, "status", None) == 404
    assert workspace.deletions() == []


def test_profiles_written_before_the_setting_load_with_the_check_on(profile: Profile) -> None:
    path = app_paths().profiles_file
    data = json.loads(path.read_text())
    for entry in data["profiles"]:
        entry.pop("check_sandbox_before_create")
    path.write_text(json.dumps(data))
    assert ProfileStore(path).get("work").check_sandbox_before_create is True
    data["profiles"][0]["check_sandbox_before_create"] = "no"  # a hand edit gone wrong
    path.write_text(json.dumps(data))
    with pytest.raises(Exception, match="check_sandbox_before_create"):
        ProfileStore(path).get("work")


def test_a_name_stored_decomposed_in_the_sandbox_is_found_by_the_check(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    """Some tools store "é" as "e" and a combining accent; the server's filter compares
    characters as stored, so the check asks for both forms."""
    server.add_audiences("dev", [colleague(8, "Cafe\u0301 lovers")])
    with pytest.raises(AlreadyInSandbox) as refused:
        workspace.create(profile, AudienceDraft("Café lovers", "agora", "Agora_Collab"))
    assert refused.value.existing[0].id == "sys-0008"
    assert server.create_requests() == []
    assert [a.id for a in workspace.audiences_named(profile, "Café lovers")] == ["sys-0008"]


def test_a_delete_whose_answer_was_lost_can_be_settled_and_the_name_created_again(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    """The audience went, but the answer never came: the history still says "created" and
    refuses the name. Settling asks the sandbox by id and records what is gone."""
    created = workspace.create(profile, DRAFT).attempt
    workspace.client_for(profile).delete_audience(created.aep_id or "")  # answer "lost"
    with pytest.raises(Exception, match="already created"):
        workspace.create(profile, DRAFT)
    assert workspace.settle_gone(profile, "Winter buyers") == []  # nothing of that name
    [settled] = workspace.settle_gone(profile, " Summer buyers ")
    assert settled.aep_id == created.aep_id and settled.attempts == 1
    assert workspace.settle_gone(profile, "Summer buyers") == []  # once
    assert workspace.create(profile, DRAFT).error is None


def test_settling_records_nothing_for_an_audience_still_there(
    server: LocalAepServer, profile: Profile, workspace: Workspace
) -> None:
    workspace.create(profile, DRAFT)
    assert workspace.settle_gone(profile, "Summer buyers") == []
    assert workspace.deletions() == []
