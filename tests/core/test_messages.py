"""Messages as data: every catalogue entry renders, in English and in French, with its values."""

from __future__ import annotations

import re
import string
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from audience_desktop.core import i18n
from audience_desktop.core.messages import CATALOG, Message, msg, render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def french() -> Iterator[None]:
    i18n.use_languages(["fr_FR"])
    yield
    i18n.use_languages(["en"])


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_entry_renders_with_its_values_in_english_and_french(french: None) -> None:
    for key, template in CATALOG.items():
        values = {name: f"<{name}>" for name in fields(template)}
        french_text = render(Message(key, values))
        assert all(f"<{name}>" in french_text for name in values), key
        i18n.use_languages(["en"])
        assert render(Message(key, values)) == template.format(**values)
        i18n.use_languages(["fr"])


def test_every_entry_has_a_french_translation(french: None) -> None:
    same_in_both = {"detail.status", "detail.code", "field.problem", "field.description",
                    "os.other"}  # the system's own words, as it gave them
    for key, template in CATALOG.items():
        if key in same_in_both:
            continue
        assert i18n._(template) != template, f"{key} has no French translation"


def test_the_catalogues_are_complete_and_compiled() -> None:
    """Fails when a marked string has no French translation or the .mo is stale."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "update_catalogs.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_translations_keep_every_placeholder() -> None:
    from babel.messages.pofile import read_po

    path = ROOT / "audience_desktop/locale/fr/LC_MESSAGES/audience-desktop.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    checked = 0
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for translated in strings:
            assert fields(ids[-1]) == fields(translated), ids[0]
            checked += 1
    assert checked > 150


def test_nested_messages_survive_the_history_columns() -> None:
    original = msg("resolution.check_failed", reason=msg("net.no_answer", seconds=60))
    revived = Message.from_columns(original.key, original.to_json())
    assert revived == original and "60" in render(revived)
    assert Message.from_columns("no.such.key", "{}") is None
    assert Message.from_columns("net.no_answer", "not json") is not None


def test_a_missing_value_shows_an_ellipsis_not_an_error() -> None:
    assert render(Message("net.no_answer", {})) == "No answer within … seconds."


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}, ["fr"]),
        ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, ["fr", "en"]),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, ["fr_CA"]),
        ({"LC_MESSAGES": "fr_BE.UTF-8@euro"}, ["fr_BE"]),
        ({"LANGUAGE": "fr", "LC_ALL": "C"}, []),
        ({"LANG": "C.UTF-8"}, []),
        ({}, []),
    ],
)
def test_the_language_follows_gettext_precedence(
    environment: dict[str, str], expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.languages_from_environment() == expected


ZONE = r" (?:[A-Z]{1,5}|UTC[+-]\d\d:\d\d)"  # CET, UTC, or an offset where no short name


def test_dates_follow_the_language_and_say_their_zone(french: None) -> None:
    shown = i18n.local_time("2026-11-29T10:42:00+00:00")
    assert re.fullmatch(r"\d\d/\d\d/2026 \d\d:\d\d" + ZONE, shown)
    i18n.use_languages(["en"])
    shown = i18n.local_time("2026-11-29T10:42:00+00:00")
    assert re.fullmatch(r"2026-11-\d\d \d\d:\d\d" + ZONE, shown)
    assert i18n.local_time("2026-11-29 10:42 UTC") == "2026-11-29 10:42 UTC"  # an old row's


def test_times_in_messages_are_shown_in_local_time_with_their_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The history keeps ISO times in a message's parameters; they show as local time."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        message = msg("resolution.found", sandbox="dev", checked="2026-11-29T10:42:00+00:00")
        assert "(checked 2026-11-29 11:42 CET)" in render(message)
        old = msg("resolution.found", sandbox="dev", checked="2026-11-29 10:42 UTC")
        assert "(checked 2026-11-29 10:42 UTC)" in render(old)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_os_errors_are_said_in_the_user_s_words(french: None) -> None:
    """strerror is English whatever the language: the common ones get the app's words."""
    import errno

    from audience_desktop.core.os_errors import os_reason

    assert render(os_reason(FileNotFoundError(errno.ENOENT, "No such file"))) == "il n’existe pas"
    assert render(os_reason(PermissionError(errno.EACCES, "Permission denied"))) == (
        "permission refusée"
    )
    assert render(os_reason(OSError(errno.EIO, "Input/output error"))) == "Input/output error"
    assert render(os_reason(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"))).startswith("'utf")
