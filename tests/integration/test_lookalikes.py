"""Look-alike names against the built-in server: one audience per name however it was typed."""

from __future__ import annotations

import io

import pytest

from audience_desktop import cli
from audience_desktop.core.draft import AudienceDraft, DraftInvalid
from audience_desktop.core.history import History, Status
from audience_desktop.core.profiles import Profile
from audience_desktop.core.service import AlreadyAttempted, AudienceService
from audience_desktop.localserver.server import LocalAepServer

PRECOMPOSED = "Caf\u00e9 buyers"  # é as one code point (NFC)
DECOMPOSED = "Cafe\u0301 buyers"  # e + COMBINING ACUTE ACCENT (NFD): looks the same


def test_nfd_after_nfc_is_refused_as_a_repeat_before_anything_is_sent(
    server: LocalAepServer, profile: Profile, service: AudienceService, history: History
) -> None:
    first = service.create(profile, AudienceDraft(PRECOMPOSED, "agora", "Agora_Collab"))
    assert first.attempt.status is Status.SUCCEEDED
    with pytest.raises(AlreadyAttempted, match="already created"):
        service.create(profile, AudienceDraft(DECOMPOSED, "agora", "Agora_Collab"))
    [sent] = server.create_requests()
    assert sent.json()["name"] == PRECOMPOSED
    assert [a["name"] for a in server.audiences("dev")] == [PRECOMPOSED]
    assert [a.name for a in history.list()] == [PRECOMPOSED] and history.count() == 1


def test_a_decomposed_name_is_sent_and_recorded_as_nfc(
    server: LocalAepServer, profile: Profile, service: AudienceService, history: History
) -> None:
    outcome = service.create(profile, AudienceDraft(DECOMPOSED, "agora", "Agora_Collab"))
    assert outcome.attempt.name == PRECOMPOSED
    assert server.create_requests()[0].json()["name"] == PRECOMPOSED
    assert history.get(outcome.attempt.row_id).name == PRECOMPOSED


def test_an_invisible_character_is_refused_before_anything_is_written_or_sent(
    server: LocalAepServer, profile: Profile, service: AudienceService, history: History
) -> None:
    with pytest.raises(DraftInvalid, match="U\\+200B"):
        service.create(profile, AudienceDraft("Summer\u200bbuyers", "agora", "Agora_Collab"))
    assert server.requests == [] and history.count() == 0


def test_cli_names_the_character_it_refuses(
    server: LocalAepServer,
    profile: Profile,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = cli.main(["create", "--profile", "work", "--name", "Summer\u00a0buyers",
                     "--namespace", "agora", "--origin-name", "Agora\u202eCollab"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "U+00A0 (NO-BREAK SPACE)" in err and "U+202E (RIGHT-TO-LEFT OVERRIDE)" in err
    assert server.requests == []


def test_variation_selectors_cannot_make_a_second_ab(
    server: LocalAepServer,
    profile: Profile,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """'ab', 'a\\ufe0fb' and 'a\\U000e0100b' all display as "ab": only the first is sent."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    codes, errors = [], []
    for name in ("ab", "a\ufe0fb", "a\U000e0100b"):
        codes.append(cli.main(["create", "--profile", "work", "--name", name,
                               "--namespace", "agora", "--origin-name", "Agora"]))  # fmt: skip
        errors.append(capsys.readouterr().err)
    assert codes == [0, 2, 2]
    assert "U+FE0F (VARIATION SELECTOR-16)" in errors[1]
    assert "U+E0100 (VARIATION SELECTOR-17)" in errors[2]
    assert [r.json()["name"] for r in server.create_requests()] == ["ab"]
