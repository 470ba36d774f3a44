"""The history panel: filter, row actions, export, checking and marking unknown outcomes."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QStyleOptionHeader
from pytestqt.qtbot import QtBot

from audience_desktop.application import Status, app_paths, local_time
from audience_desktop.core.history import EXPORT_COLUMNS
from audience_desktop.localserver.server import Fault
from audience_desktop.ui import history_export
from audience_desktop.ui.history_export import Choice, ExportDialog, Format, Rows, list_separator
from audience_desktop.ui.history_header import AUDIENCE_ID, COLUMNS_KEY, NAME, STATE_KEY
from audience_desktop.ui.history_panel import HistoryPanel
from audience_desktop.ui.main_window import MainWindow
from audience_desktop.ui.style import Style, applied
from tests.ui.conftest import ExpectDialog, OpenWindow, create, demo_server, wait_for_status

CREATED, SANDBOX = 1, 5


@pytest.fixture
def paris_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is Paris's for the test."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_use_as_template_copy_curl_and_filter(qtbot: QtBot, demo_window: MainWindow) -> None:
    for name in ("Alpha 100%", "Beta_1", "Gamma"):
        create(qtbot, demo_window, name, namespace="ns", origin="Origin", description="about")
    history = demo_window.history
    model = history.model
    assert [model.attempt(r).name for r in range(3)] == ["Gamma", "Beta_1", "Alpha 100%"]
    qtbot.keyClick(demo_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert history.filter_edit.hasFocus()
    qtbot.keyClicks(history.filter_edit, "100%")
    assert model.rowCount() == 1 and model.attempt(0).name == "Alpha 100%"
    history.filter_edit.setText("a_1")  # '_' is a literal, not a wildcard
    assert model.rowCount() == 1 and model.attempt(0).name == "Beta_1"
    history.filter_edit.clear()
    history.view.setCurrentIndex(model.index(1, 0))
    history.copy_curl_action.trigger()
    qtbot.waitUntil(lambda: "cURL" in demo_window.status.text())
    curl = QGuiApplication.clipboard().text()
    assert "Bearer {ACCESS_TOKEN}" in curl and '"name": "Beta_1"' in curl
    assert "createAudienceMetaOnly=true" in curl
    history.view.setFocus()
    qtbot.keyClick(demo_window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.form.name_edit.text() == "Beta_1"
    assert demo_window.form.origin_edit.text() == "Origin"
    assert demo_window.form.name_edit.hasFocus()
    assert demo_window.form.description_edit.text() == ""  # it described Beta_1 only


@pytest.fixture
def french_locale() -> Iterator[None]:
    """Qt's default locale is French (decimal comma) for the test."""
    before = QLocale()
    QLocale.setDefault(QLocale("fr_FR"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def opened_urls(demo_window: MainWindow) -> list[QUrl]:
    """What "Open Folder" would open: recorded, nothing is launched."""
    urls: list[QUrl] = []
    demo_window.history.exporter.open_url = urls.append
    return urls


def create_typed(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Create ``name`` set with setText (keyClicks cannot type accents)."""
    form = window.form
    for edit, value in ((form.name_edit, name), (form.namespace_edit, "demo"),
                        (form.origin_edit, "Demo")):  # fmt: skip
        edit.setText(value)
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, window, name, Status.SUCCEEDED)
    qtbot.waitUntil(lambda: not window.status.busy(), timeout=10_000)


def choose(monkeypatch: pytest.MonkeyPatch, target: Path, choice: Choice | None = None) -> None:
    """The file dialog answers ``target``; ``choice`` answers the export dialog if given."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    if choice is not None:
        monkeypatch.setattr(history_export, "ask", lambda *a, **k: choice)


def test_export_for_excel_under_a_french_locale_writes_the_filtered_rows_and_offers_the_folder(
    qtbot: QtBot,
    demo_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    french_locale: None,
    opened_urls: list[QUrl],
    expect_dialog: ExpectDialog,
) -> None:
    for name in ("Été à Noël", "Beta", "Noël, encore"):
        create_typed(qtbot, demo_window, name)
    history = demo_window.history
    history.filter_edit.setText("noël")
    target = tmp_path / "out.csv"
    choose(monkeypatch, target)
    asked = expect_dialog("Export History", code=QDialog.DialogCode.Accepted.value)
    done = expect_dialog("History Exported", QMessageBox.StandardButton.Open)
    history.export_action.trigger()
    qtbot.waitUntil(lambda: bool(done.seen) and bool(opened_urls), timeout=10_000)
    assert asked.seen
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark Excel needs
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert sorted(row["name"] for row in rows) == ["Noël, encore", "Été à Noël"]
    assert text.splitlines()[0] == ";".join(EXPORT_COLUMNS)
    assert opened_urls == [QUrl.fromLocalFile(str(tmp_path))]
    assert "2 rows" in demo_window.status.text()


def test_the_export_dialog_offers_the_selected_rows_and_the_locales_separator(
    qtbot: QtBot, demo_window: MainWindow, french_locale: None
) -> None:
    dialog = ExportDialog("", 3, demo_window)
    assert dialog.choice() == Choice(Rows.SELECTED, Format.SPREADSHEET)
    assert not dialog.row_buttons[Rows.FILTERED].isEnabled()
    assert "“;”" in dialog.format_buttons[Format.SPREADSHEET].text()
    QLocale.setDefault(QLocale("en_US"))
    assert list_separator() == ","
    nothing = ExportDialog("", 0, demo_window)
    assert nothing.choice().rows is Rows.ALL
    assert not nothing.row_buttons[Rows.SELECTED].isEnabled()


def test_export_selected_rows_as_json(
    qtbot: QtBot,
    demo_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
    expect_dialog: ExpectDialog,
) -> None:
    for name in ("One", "Two", "Three"):
        create(qtbot, demo_window, name)
    history = demo_window.history
    select_rows(history, 0, 2)
    target = tmp_path / "out.json"
    choose(monkeypatch, target, Choice(Rows.SELECTED, Format.JSON))
    done = expect_dialog("History Exported", QMessageBox.StandardButton.Close)
    history.export_action.trigger()
    qtbot.waitUntil(lambda: bool(done.seen))
    assert [row["name"] for row in json.loads(target.read_text())] == ["Three", "One"]
    assert opened_urls == []  # Close opens nothing


def test_plain_csv_export_has_every_row_commas_and_no_bom_even_in_french(
    qtbot: QtBot,
    demo_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    french_locale: None,
    expect_dialog: ExpectDialog,
) -> None:
    for name in ("=HYPERLINK(1)", "Plain"):
        create(qtbot, demo_window, name)
    demo_window.history.filter_edit.setText("plain")  # "all" ignores the filter
    target = tmp_path / "out.csv"
    choose(monkeypatch, target, Choice(Rows.ALL, Format.CSV))
    done = expect_dialog("History Exported", QMessageBox.StandardButton.Close)
    demo_window.history.export_history()
    qtbot.waitUntil(lambda: bool(done.seen))
    text = target.read_text(encoding="utf-8")
    assert text.startswith(",".join(EXPORT_COLUMNS) + "\n")
    names = [row["name"] for row in csv.DictReader(io.StringIO(text))]
    assert names == ["Plain", "'=HYPERLINK(1)"]  # newest first; the formula neutralised


def test_a_failed_export_is_shown(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "no such folder" / "out.csv"
    choose(monkeypatch, target, Choice(Rows.ALL, Format.SPREADSHEET))
    demo_window.history.export_history()
    qtbot.waitUntil(lambda: "could not be exported" in demo_window.status.text())
    assert demo_window.status.details_button.isVisible()


def test_cancelling_the_export_dialog_writes_nothing(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    choose(monkeypatch, tmp_path / "out.csv")
    asked = expect_dialog("Export History", code=QDialog.DialogCode.Rejected.value)
    demo_window.history.export_history()
    assert asked.seen and not (tmp_path / "out.csv").exists()


# -- several rows at once -------------------------------------------------------------------


def select_rows(history: HistoryPanel, *rows: int) -> None:
    selection = history.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            history.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_several_rows_copy_their_ids_one_per_line_and_single_row_actions_wait(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    for name in ("One", "Two", "Three"):
        create(qtbot, demo_window, name)
    history = demo_window.history
    history.view.setFocus()
    history.view.selectAll()
    assert len(history.selected_attempts()) == 3
    qtbot.keyClick(history.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    ids = QGuiApplication.clipboard().text().split("\n")
    assert ids == [history.model.attempt(r).audience_id for r in range(3)]  # type: ignore[union-attr]
    assert len(set(ids)) == 3 and all(len(i) == 36 for i in ids)
    assert "Copied 3 audienceIds" in demo_window.status.text()
    for action in (history.copy_curl_action, history.template_action, history.resolve_action,
                   history.mark_action):  # fmt: skip
        assert not action.isEnabled(), action.text()
    assert history.copy_id_action.isEnabled() and history.export_action.isEnabled()
    assert history.details.toPlainText() == "3 attempts selected."
    history.template_action.trigger()  # does nothing with several
    assert demo_window.form.name_edit.text() == ""
    select_rows(history, 1)
    assert history.template_action.isEnabled() and history.copy_curl_action.isEnabled()
    assert "Name: Two" in history.details.toPlainText()


# -- columns, times and order ---------------------------------------------------------------


def test_at_1024_px_the_audience_id_is_whole_and_the_columns_fit(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    demo_window.resize(1024, 700)
    create(qtbot, demo_window, " ".join(["A name long enough to be elided"] * 3))
    history = demo_window.history
    qtbot.waitUntil(lambda: history.view.viewport().width() > 900)
    header, view = history.header, history.view
    audience_id = history.model.attempt(0).audience_id  # type: ignore[union-attr]
    assert audience_id and len(audience_id) == 36
    needed = view.fontMetrics().horizontalAdvance(audience_id)
    assert header.sectionSize(AUDIENCE_ID) >= needed + 12  # the text and the cell's margins
    right_edge = header.sectionViewportPosition(AUDIENCE_ID) + header.sectionSize(AUDIENCE_ID)
    assert right_edge <= view.viewport().width()  # on screen, no scrolling
    assert header.length() <= view.viewport().width()  # every column is
    assert header.sectionSize(NAME) < view.fontMetrics().horizontalAdvance(
        history.model.attempt(0).name  # type: ignore[union-attr]
    )  # the name elides instead
    assert view.textElideMode() == Qt.TextElideMode.ElideRight


def test_in_a_narrow_window_the_audience_id_stays_in_view(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """At 2x scale a 1920x1080 screen is 960x540: the id comes right after the name, so
    it is in view before the namespace, origin and sandbox are."""
    demo_window.resize(864, 486)
    create(qtbot, demo_window, "Narrow")
    history = demo_window.history
    header, view = history.header, history.view
    qtbot.waitUntil(lambda: view.viewport().width() < 864)
    right_edge = header.sectionViewportPosition(AUDIENCE_ID) + header.sectionSize(AUDIENCE_ID)
    assert header.sectionViewportPosition(AUDIENCE_ID) >= 0
    assert right_edge <= view.viewport().width()


def test_column_widths_and_order_are_remembered_and_damage_falls_back(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window = open_window(demo=True)
    header = window.history.header
    defaults = [header.sectionSize(c) for c in range(header.count())]
    header.moveSection(header.visualIndex(AUDIENCE_ID), 1)  # the id right after Status
    header.resizeSection(SANDBOX, 170)
    header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)  # as a click on Name does
    assert window.history.model.sorted_by() == (NAME, Qt.SortOrder.AscendingOrder)
    window.close()
    reopened = open_window(demo=True).history
    again = reopened.header
    assert again.visualIndex(AUDIENCE_ID) == 1 and again.sectionSize(SANDBOX) == 170
    shown = (again.sortIndicatorSection(), again.sortIndicatorOrder())
    assert shown == reopened.model.sorted_by()  # the arrow says how the rows are sorted
    settings_file = str(app_paths().config_dir / "window-demo.ini")
    for damage in ({STATE_KEY: b"not a header state"}, {STATE_KEY: "text"},
                   {COLUMNS_KEY: "status,created_at"}):  # fmt: skip
        again.window().close()
        settings = QSettings(settings_file, QSettings.Format.IniFormat)
        for key, value in damage.items():
            settings.setValue(key, value)
        settings.sync()
        again = open_window(demo=True).history.header
        assert again.visualIndex(AUDIENCE_ID) == again.visualIndex(NAME) + 1, damage  # default
        assert [again.sectionSize(c) for c in range(again.count()) if c != NAME] == [
            size for c, size in enumerate(defaults) if c != NAME
        ], damage
        assert again.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_the_sort_arrow_points_down_for_newest_first_and_follows_the_order(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    for name in ("Older", "Newer"):
        create(qtbot, demo_window, name)
    history = demo_window.history
    header, model = history.header, history.model
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == model.sorted_by()
    assert model.sorted_by() == (CREATED, Qt.SortOrder.DescendingOrder)
    assert [model.attempt(r).name for r in range(2)] == ["Newer", "Older"]  # type: ignore[union-attr]

    def arrow() -> QStyleOptionHeader.SortIndicator:
        option = QStyleOptionHeader()
        header.initStyleOptionForIndex(option, CREATED)
        return option.sortIndicator

    assert arrow() == QStyleOptionHeader.SortIndicator.SortDown  # ▼: descending
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(CREATED) + 10, header.height() // 2),
    )  # fmt: skip
    assert [model.attempt(r).name for r in range(2)] == ["Older", "Newer"]  # type: ignore[union-attr]
    assert arrow() == QStyleOptionHeader.SortIndicator.SortUp  # ▲: ascending


def test_times_are_local_with_their_zone_in_the_table_and_the_details(
    qtbot: QtBot, demo_window: MainWindow, paris_time: None
) -> None:
    create(qtbot, demo_window, "Timed")
    history = demo_window.history
    attempt = history.model.attempt(0)
    assert attempt is not None
    shown = history.model.data(history.model.index(0, CREATED))
    assert shown == local_time(attempt.created_at)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d CES?T", shown), shown
    select_rows(history, 0)
    assert f"Created: {shown}" in history.details.toPlainText()


def test_history_model_passes_qtmodeltester(
    demo_window: MainWindow,
    qtmodeltester,
    qtbot: QtBot,  # the window outlives the tester
) -> None:
    for name in ("One", "Two"):
        create(qtbot, demo_window, name)
    qtmodeltester.check(demo_window.history.model, force_py=True)


def test_unknown_outcome_can_be_checked_then_marked_and_details_follow(
    qtbot: QtBot, demo_window: MainWindow, expect_dialog: ExpectDialog
) -> None:
    demo_server(demo_window).inject(Fault.html_502())
    row = create(qtbot, demo_window, "Unsure", Status.UNKNOWN)
    history = demo_window.history
    history.view.setCurrentIndex(history.model.index(row, 0))
    assert "Status: Unknown" in history.details.toPlainText()
    assert history.resolve_action.isEnabled() and history.mark_action.isEnabled()
    qtbot.keyClick(demo_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "settle" in demo_window.status.text())
    expect_dialog("Mark as not created?", QMessageBox.StandardButton.Yes)
    history.mark_action.trigger()
    qtbot.waitUntil(lambda: "Status: Failed" in history.details.toPlainText())
    qtbot.waitUntil(lambda: "marked as not created" in demo_window.status.text())
    assert not history.mark_action.isEnabled()
    assert "Marked as not created" in history.details.toPlainText()
    qtbot.mouseClick(demo_window.create_button, Qt.MouseButton.LeftButton)  # allowed again
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    create_row = history.model.row_of(max(a.row_id for a in demo_window.workspace.attempts()))
    qtbot.waitUntil(lambda: history.model.attempt(create_row).status is Status.SUCCEEDED)


def test_a_failed_mark_is_shown(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch,
    expect_dialog: ExpectDialog,
) -> None:  # fmt: skip
    """Marking a row that is no longer unknown (a check settled it meanwhile) says why not."""
    demo_server(demo_window).inject(Fault.html_502())
    row = create(qtbot, demo_window, "Settled meanwhile", Status.UNKNOWN)
    qtbot.waitUntil(lambda: not demo_window.status.busy())  # the create has returned
    history = demo_window.history
    history.view.setCurrentIndex(history.model.index(row, 0))
    attempt = history.selected_attempt()
    assert attempt is not None
    demo_window.workspace.mark_not_created(attempt.row_id)  # e.g. from the CLI
    monkeypatch.setattr(history, "selected_attempt", lambda: attempt)  # the row as it was shown
    expect_dialog("Mark as not created?", QMessageBox.StandardButton.Yes)
    demo_window.status.set_status("")
    history.mark_not_created()
    qtbot.waitUntil(lambda: demo_window.status.text() != "")
    assert applied(demo_window.status.label) is Style.ERROR, demo_window.status.text()


def test_the_details_go_with_a_row_the_filter_hides(qtbot: QtBot, demo_window: MainWindow) -> None:
    """The details pane describes the selected row; a filter that hides it empties the pane,
    and one that keeps it keeps it selected and described."""
    for name in ("Kept row", "Hidden row"):
        create(qtbot, demo_window, name)
    history = demo_window.history
    history.view.setCurrentIndex(history.model.index(history.model.row_of(
        demo_window.workspace.attempts()[0].row_id), 0))  # fmt: skip
    assert "Name: Hidden row" in history.details.toPlainText()
    history.filter_edit.setText("Kept")
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    assert "Hidden row" not in history.details.toPlainText()
    history.view.setCurrentIndex(history.model.index(0, 0))
    assert "Name: Kept row" in history.details.toPlainText()
    history.filter_edit.setText("Kept r")
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    assert "Name: Kept row" in history.details.toPlainText()


def test_several_selected_rows_stay_selected_across_a_filter_that_keeps_them(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    for name in ("Pick one", "Pick two", "Other"):
        create(qtbot, demo_window, name)
    history = demo_window.history
    history.view.selectAll()
    history.filter_edit.setText("Pick")
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    assert sorted(a.name for a in history.selected_attempts()) == ["Pick one", "Pick two"]
    assert "2 attempts selected" in history.details.toPlainText()
