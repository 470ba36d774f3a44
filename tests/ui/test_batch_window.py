"""The Batch window against the demo's built-in server: preview, mapping, runs, pasted rows,
closing mid-run, production, and French (translations and mnemonics)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from audience_desktop.application import BatchSource, RowStatus
from audience_desktop.ui.batch_preview_model import COLUMNS
from audience_desktop.ui.batch_window import BatchWindow
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.style import Style, text_colour
from tests.ui.conftest import ExpectDialog, OpenWindow, demo_server
from tests.ui.test_mnemonics import duplicates, mnemonic, scope_letters

HEADER = "name,description,namespace,originName\n"
DEMO_SANDBOX = "dev-sandbox"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def rows(count: int, prefix: str = "Batch row") -> str:
    return HEADER + "".join(f"{prefix} {i:03d},Row {i},agora,Agora\n" for i in range(count))


def open_batch(window: MainWindow, qtbot: QtBot) -> BatchWindow:
    batch = window.batch.open_window()
    qtbot.waitExposed(batch)
    return batch


def wait_planned(qtbot: QtBot, batch: BatchWindow) -> None:
    qtbot.waitUntil(lambda: batch.plan is not None and not batch.work.lane.tasks(), timeout=10_000)


def wait_idle(qtbot: QtBot, batch: BatchWindow, timeout: int = 30_000) -> None:
    qtbot.waitUntil(lambda: not batch.work.lane.tasks(), timeout=timeout)


def cell(batch: BatchWindow, row: int, column: str, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return batch.model.data(batch.model.index(row, COLUMNS.index(column)), role)


def created_names(window: MainWindow) -> list[str]:
    """What the batch created on the demo server (not the demo's own sample audiences)."""
    found = demo_server(window).audiences(DEMO_SANDBOX)
    return [a["name"] for a in found if not a["name"].endswith("(sample)")]


def test_preview_highlights_each_problem_on_its_cell(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    file = write(tmp_path / "problems.csv", HEADER + "Good one,,agora,Agora\n"
                 ",no name,agora,Agora\nGood one,again,agora,Agora\n")  # fmt: skip
    batch = open_batch(demo_window, qtbot)
    batch.load(BatchSource(file))
    wait_planned(qtbot, batch)
    assert batch.model.rowCount() == 3
    statuses = [cell(batch, r, "status") for r in range(3)]
    assert statuses == ["ready", "invalid", "repeated in the file"]
    assert batch.plan.counts()[RowStatus.READY] == 1
    error = text_colour(Style.ERROR, QApplication.palette())
    # The empty name of row 3 (the header is row 1): colour, an icon, the message as tooltip.
    assert cell(batch, 1, "row") == "3"
    assert cell(batch, 1, "name", Qt.ItemDataRole.ForegroundRole) == error
    assert cell(batch, 1, "name", Qt.ItemDataRole.DecorationRole) is not None
    assert cell(batch, 1, "name", Qt.ItemDataRole.ToolTipRole)
    assert cell(batch, 1, "namespace", Qt.ItemDataRole.ForegroundRole) is None
    assert cell(batch, 0, "name", Qt.ItemDataRole.ForegroundRole) is None  # no problem there
    # The repeat names the row it repeats.
    assert "2" in cell(batch, 2, "name", Qt.ItemDataRole.ToolTipRole)
    assert "3 rows" in batch.counts_label.text()
    assert "Goes to profile “demo”" in batch.target_label.text()
    assert batch.start_button.isEnabled()
    assert batch.start_button.text() == f"&Create {batch.plan.to_send} Audiences"
    assert created_names(demo_window) == []  # a preview sends nothing


def test_headers_that_do_not_match_open_the_mapping_step(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    file = write(tmp_path / "odd.csv", "Audience title;Notes;Kind\nFirst;one;x\nSecond;two;y\n")
    batch = open_batch(demo_window, qtbot)
    batch.load(BatchSource(file))
    qtbot.waitUntil(lambda: batch.mapping.isVisibleTo(batch), timeout=10_000)
    assert batch.plan is None
    assert "name" in batch.status_label.text().lower()
    assert "--" not in batch.status_label.text()  # no CLI options in the window
    assert "column below" in batch.status_label.text()
    combos = batch.mapping.combos
    assert [combos["name"].itemText(i) for i in range(combos["name"].count())][1:] == [
        "Audience title", "Notes", "Kind"
    ]  # fmt: skip
    combos["name"].setCurrentText("Audience title")
    combos["description"].setCurrentText("Notes")
    batch.mapping.namespace_default.setText("agora")
    batch.mapping.origin_default.setText("Agora")
    qtbot.mouseClick(batch.mapping.apply_button, Qt.MouseButton.LeftButton)
    wait_planned(qtbot, batch)
    assert batch.plan.to_send == 2
    assert cell(batch, 1, "name") == "Second"
    assert cell(batch, 1, "description") == "two"
    assert cell(batch, 1, "namespace") == "agora"


def test_a_run_to_completion_updates_the_rows_and_saves_the_results(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = write(tmp_path / "ten.csv", rows(10) + "=HYPERLINK(\"x\"),,agora,Agora\n")
    batch = open_batch(demo_window, qtbot)
    batch.load(BatchSource(file))
    wait_planned(qtbot, batch)
    qtbot.mouseClick(batch.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "finished" in batch.status_label.text(), timeout=30_000)
    assert sorted(created_names(demo_window)) == sorted(
        [f"Batch row {i:03d}" for i in range(10)] + ['=HYPERLINK("x")']
    )
    assert all(cell(batch, r, "status") == "created" for r in range(11))
    assert all(cell(batch, r, "audienceId") for r in range(11))
    assert batch.progress_bar.value() == 11
    assert "created: 11" in batch.counts_label.text()
    assert not batch.start_button.isEnabled()  # nothing left to send
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(batch.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists(), timeout=10_000)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        saved = list(csv.DictReader(handle))
    assert [r["status"] for r in saved] == ["created"] * 11
    assert saved[0]["audienceId"] == cell(batch, 0, "audienceId")
    assert saved[10]["name"] == "'=HYPERLINK(\"x\")"  # neutralised as the export's cells are
    # The main window stayed usable: its create lane was never used by the batch.
    assert demo_window.lanes.network.tasks() == []


def test_pause_resume_cancel_then_continue(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    server = demo_server(demo_window)
    server.config = replace(server.config, latency=0.05, create_rate_limit=10)
    file = write(tmp_path / "slow.csv", rows(40, "Slow"))
    batch = open_batch(demo_window, qtbot)
    batch.load(BatchSource(file))
    wait_planned(qtbot, batch)
    qtbot.mouseClick(batch.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(created_names(demo_window)) >= 3, timeout=10_000)
    qtbot.mouseClick(batch.pause_button, Qt.MouseButton.LeftButton)
    assert batch.pause_button.text() == "&Resume"
    qtbot.waitUntil(lambda: batch.progress_label.text().startswith("Paused"), timeout=5000)
    qtbot.wait(600)  # sends under way end; nothing new starts
    held = len(created_names(demo_window))
    qtbot.wait(600)
    assert len(created_names(demo_window)) == held
    qtbot.mouseClick(batch.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(created_names(demo_window)) > held + 2, timeout=10_000)
    qtbot.mouseClick(batch.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, batch)
    statuses = [cell(batch, r, "status") for r in range(40)]
    created = statuses.count("created")
    assert created == len(created_names(demo_window))
    assert statuses.count("not sent") == 40 - created > 0
    assert "not sent" in batch.status_label.text()
    assert batch.start_button.text() == "Con&tinue the Batch"
    # Continue: checked again (the created rows read "created"), the rest sent once.
    qtbot.mouseClick(batch.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "finished" in batch.status_label.text(), timeout=30_000)
    names = created_names(demo_window)
    assert sorted(names) == [f"Slow {i:03d}" for i in range(40)]  # each exactly once
    assert all(cell(batch, r, "status") == "created" for r in range(40))


def test_pasted_rows_from_the_clipboard(qtbot: QtBot, demo_window: MainWindow) -> None:
    QGuiApplication.clipboard().setText(
        "Nom\tEspace de noms\tNom d'origine\nPasted A\tagora\tAgora\nPasted B\tagora\tAgora\n"
    )
    batch = open_batch(demo_window, qtbot)
    batch.activateWindow()
    qtbot.waitUntil(batch.isActiveWindow)
    batch.table.setFocus()
    qtbot.keyClick(batch.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    wait_planned(qtbot, batch)
    assert batch.source_label.text() == "Pasted rows"
    assert batch.plan.to_send == 2
    assert cell(batch, 1, "name") == "Pasted B"
    QGuiApplication.clipboard().setText("just a word")
    qtbot.mouseClick(batch.paste_button, Qt.MouseButton.LeftButton)
    assert "no rows" in batch.status_label.text()


def test_the_main_window_pastes_rows_into_a_batch(qtbot: QtBot, demo_window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("name\tnamespace\toriginName\nFrom main\tagora\tAgora\n")
    demo_window.batch.paste_action.trigger()
    batch = demo_window.batch.batch_window
    assert batch is not None
    wait_planned(qtbot, batch)
    assert batch.plan.to_send == 1


def test_closing_mid_run_asks_and_leaves_the_rest_not_sent(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, expect_dialog: ExpectDialog
) -> None:
    server = demo_server(demo_window)
    server.config = replace(server.config, create_rate_limit=5)
    batch = open_batch(demo_window, qtbot)
    batch.load(BatchSource(write(tmp_path / "c.csv", rows(30, "Closing"))))
    wait_planned(qtbot, batch)
    qtbot.mouseClick(batch.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(created_names(demo_window)) >= 1, timeout=10_000)
    kept = expect_dialog("Stop the batch?", QMessageBox.StandardButton.Cancel)
    batch.close()
    assert kept.seen and batch.isVisible() and batch.work.running()
    expect_dialog("Stop the batch?", QMessageBox.StandardButton.Yes)
    batch.close()
    qtbot.waitUntil(lambda: demo_window.batch.batch_window is None, timeout=15_000)
    created = len(created_names(demo_window))
    assert 0 < created < 30
    qtbot.wait(500)
    assert len(created_names(demo_window)) == created  # nothing sent after the stop


def test_production_asks_first_naming_count_and_sandbox(
    qtbot: QtBot, open_window: OpenWindow, live_profile: object, tmp_path: Path,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    window = open_window()
    batch = open_batch(window, qtbot)
    assert "PRODUCTION" in batch.target_label.text()
    batch.load(BatchSource(write(tmp_path / "p.csv", rows(3, "Prod"))))
    wait_planned(qtbot, batch)
    asked = expect_dialog("Create in production?", QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(batch.start_button, Qt.MouseButton.LeftButton)
    assert asked.seen and "3 audiences" in asked.seen[0] and "prod" in asked.seen[0]
    assert not batch.work.running()
    assert live_profile.create_requests() == []  # type: ignore[attr-defined]


def test_french_texts_and_mnemonics(
    language: str, qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    batch = open_batch(demo_window, qtbot)
    batch.load(BatchSource(write(tmp_path / "fr.csv", rows(2))))
    wait_planned(qtbot, batch)
    batch.mapping.show()
    if language == "fr":
        assert batch.windowTitle() == "Créer depuis un tableur"
        assert cell(batch, 0, "status") == "prête"
        assert batch.start_button.text() == "C&réer 2 audiences"
    problems = {"batch window": duplicates(scope_letters(batch))}
    file_menu = demo_window.menuBar().actions()[0].menu()
    letters = [(mnemonic(a.text()), a.text()) for a in file_menu.actions() if mnemonic(a.text())]
    problems["file menu"] = duplicates(letters)  # type: ignore[arg-type]
    assert not {k: v for k, v in problems.items() if v}, f"duplicate mnemonics ({language})"
