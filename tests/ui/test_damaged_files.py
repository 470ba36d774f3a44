"""The window starts whatever state its files are in, and says what is wrong, naming the file.

Real damaged files, as in tests/integration/test_damaged_files.py for the CLI: a history that
is garbage or from a newer schema (moved aside on request, kept byte for byte), one that is
read-only (listed, Create refused with the reason), one locked by another program, and a
profiles.json that is a list or has a folder in its place.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import AudienceDraft, Status, app_paths
from audience_desktop.core import history as history_module
from audience_desktop.core.history import History
from audience_desktop.localserver.server import LocalAepServer
from tests.support.history_rows import add_pending
from tests.support.read_only import read_only
from tests.ui.conftest import ExpectDialog, OpenWindow, create, fill


def _history_with_rows(count: int) -> Path:
    path = app_paths().ensure().history_db
    history = History(path)
    for number in range(count):
        row_id = add_pending(
            history, "live", "prod", "https://x", AudienceDraft(f"Kept {number}", "ns", "o")
        )
        history.update(row_id, Status.SUCCEEDED, audience_id=f"aud-{number}")
    history.close()
    return path


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database\n" * 200)
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def _newer(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # in the file itself, as a newer app leaves it
    db.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "garbage": (_garbage, "is damaged or is not a history database"),
    "newer schema": (_newer, "was written by a newer version of the app"),
}


@pytest.mark.parametrize("damage, said", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_history_is_named_and_moved_aside_on_request(
    damage: Callable[[Path], None], said: str, qtbot: QtBot, open_window: OpenWindow,
    live_profile: LocalAepServer, expect_dialog: ExpectDialog, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    path = _history_with_rows(3)
    damage(path)
    before = path.read_bytes()
    with caplog.at_level(logging.WARNING, logger="audience_desktop"):
        window = open_window()
    assert any(str(path) in record.getMessage() for record in caplog.records)  # for support
    bar = window.history_problem
    assert bar.isVisible() and str(path) in bar.text() and said in bar.text()
    assert "kept, renamed with the date, never deleted" in bar.text()
    assert bar.fix_button.isVisible() and "Move Aside" in bar.fix_button.text()
    assert not window.create_button.isEnabled() and not window.create_action.isEnabled()
    assert str(path) in window.create_button.toolTip()
    assert window.history.model.rowCount() == 0
    assert path.read_bytes() == before  # nothing is written to it

    qtbot.mouseClick(bar.fix_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=10_000)
    kept = [p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == before  # kept, byte for byte
    assert str(kept[0]) in window.status.text() and "kept, not deleted" in window.status.text()
    expect_dialog("Create in production?", QMessageBox.StandardButton.Yes)
    create(qtbot, window, "In the new history")  # the new history records creates
    assert window.history.model.rowCount() == 1


def test_a_read_only_history_is_listed_and_create_is_refused_with_the_reason(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer
) -> None:
    path = _history_with_rows(3)
    before = path.read_bytes()
    with read_only(path):
        window = open_window()
        bar = window.history_problem
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        assert str(path) in bar.text() and "read-only" in bar.text()
        assert "write permission" in bar.text() and not bar.fix_button.isVisible()
        assert window.history.model.rowCount() == 3  # listed
        fill(qtbot, window, "Refused")
        assert not window.create_button.isEnabled()
        assert "read-only" in window.create_button.toolTip()
        window.controller.create()  # as the shortcut would, were it enabled
        assert "read-only" in window.status.text()
        assert live_profile.create_requests() == []  # nothing was sent
    assert path.read_bytes() == before
    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)  # write permission is back
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=10_000)
    assert window.create_button.isEnabled()


def test_a_history_locked_by_another_program_is_named_and_retried(
    qtbot: QtBot, open_window: OpenWindow, live_profile: LocalAepServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(history_module, "BUSY_TIMEOUT", 0.2)
    path = _history_with_rows(3)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds it
    try:
        window = open_window()
        bar = window.history_problem
        qtbot.waitUntil(bar.isVisible, timeout=10_000)
        assert str(path) in bar.text() and "locked by another program" in bar.text()
        assert not bar.fix_button.isVisible() and bar.retry_button.isVisible()
        fill(qtbot, window, "After the lock")
        assert not window.create_button.isEnabled()
    finally:
        other.close()
    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=10_000)
    assert window.history.model.rowCount() == 3 and window.create_button.isEnabled()


def _a_list(path: Path) -> None:
    path.write_text("[]", encoding="utf-8")


def _a_folder(path: Path) -> None:
    path.mkdir()
    (path / "keep.txt").write_text("mine", encoding="utf-8")


PROFILES = {"a list": (_a_list, "$: array"), "a folder": (_a_folder, "cannot be read")}


@pytest.mark.parametrize("damage, said", PROFILES.values(), ids=PROFILES.keys())
def test_a_damaged_profiles_file_is_named_and_the_window_starts(
    damage: Callable[[Path], None], said: str, qtbot: QtBot, open_window: OpenWindow,
    live_profile: LocalAepServer,
) -> None:  # fmt: skip
    path = app_paths().ensure().profiles_file
    good = path.read_text(encoding="utf-8")  # live_profile's
    path.unlink()
    damage(path)
    window = open_window()
    bar = window.profiles_problem
    assert bar.isVisible() and str(path) in bar.text() and said in bar.text(), bar.text()
    assert window.profile_bar.current_profile() is None
    assert not window.create_button.isEnabled()
    assert not window.history_problem.isVisible()  # the history is fine
    if path.is_dir():
        assert (path / "keep.txt").read_text(encoding="utf-8") == "mine"
    else:
        assert path.read_text(encoding="utf-8") == "[]"
    assert "unreadable" in window.profile_bar.combo.placeholderText()
    # The user puts a good file in its place and tries again.
    if path.is_dir():
        (path / "keep.txt").unlink()
        path.rmdir()
    path.write_text(good, encoding="utf-8")
    qtbot.mouseClick(bar.retry_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    current = window.profile_bar.current_profile()
    assert current is not None and current.name == "live"
