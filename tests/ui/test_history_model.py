"""The history model over its reader: rows added and changed while paging land in place.

What needs no Qt (paging, filters, sort order) is tested in tests/core/test_history_query.py.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import History, Status
from audience_desktop.core.history_query import SORT_KEYS, HistoryQuery, HistoryReader
from audience_desktop.core.i18n import local_time
from audience_desktop.ui.history_model import BATCH, COLUMNS, HistoryModel
from tests.support.history_rows import add_pending


@pytest.fixture
def history(tmp_path: Path) -> History:
    store = History(tmp_path / "h.sqlite3")
    for i in range(3 * BATCH + 10):
        row_id = add_pending(store, "w", "dev", "u", AudienceDraft(f"name {i:04d}", "ns", "o"))
        if i % 2:
            store.update(row_id, Status.UNKNOWN)
    return store


def load_all(model: HistoryModel) -> list[int]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.attempt(r).row_id for r in range(model.rowCount())]  # type: ignore[union-attr]


def test_the_model_sorts_by_every_column_as_the_reader_pages(history: History) -> None:
    assert {column.key for column in COLUMNS} <= set(SORT_KEYS)
    owned, reader = HistoryReader(history.path), HistoryReader(history.path)
    model = HistoryModel(owned)
    for column in range(len(COLUMNS)):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        query = HistoryQuery(sort=COLUMNS[column].key, descending=False)
        expected = [a.row_id for a in reader.page(query, None, 10_000).attempts]
        assert load_all(model) == expected and len(expected) == history.count()
    model.close()  # the model owns the reader it was given
    with pytest.raises(sqlite3.ProgrammingError):
        owned.page(HistoryQuery(), None, 1)
    reader.close()


def test_the_tooltip_is_the_note_on_the_outcome(history: History) -> None:
    history.update(1, Status.FAILED, http_status=409, server_message="already exists")
    model = HistoryModel(HistoryReader(history.path))
    model.sort(1, Qt.SortOrder.AscendingOrder)
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert "already exists" in model.data(model.index(0, 2), tooltip)
    assert model.data(model.index(1, 2), tooltip) is None  # no note, no tooltip


def test_old_rows_changed_before_they_are_loaded_are_not_lost(history: History) -> None:
    model = HistoryModel(HistoryReader(history.path))
    model.reload()
    total = history.count()
    for row_id in range(1, 2 * BATCH):  # e.g. a background reconcile of old rows
        history.update(row_id, Status.SUCCEEDED)
        model.refresh_row(row_id)
    ids = load_all(model)
    assert sorted(ids) == list(range(1, total + 1))
    assert model.attempt(ids.index(1)).status is Status.SUCCEEDED  # type: ignore[union-attr]


@pytest.mark.parametrize("column", [0, 2])  # status (few values), name (unique)
def test_sorted_paging_survives_updates_of_loaded_rows(history: History, column: int) -> None:
    model = HistoryModel(HistoryReader(history.path))
    model.sort(column, Qt.SortOrder.AscendingOrder)
    last = model.attempt(model.rowCount() - 1)
    assert last is not None
    history.update(last.row_id, Status.FAILED)  # the row the cursor came from changes
    model.refresh_row(last.row_id)
    ids = load_all(model)
    assert sorted(ids) == list(range(1, history.count() + 1))


def test_new_rows_arrive_on_top_and_are_not_repeated(history: History) -> None:
    model = HistoryModel(HistoryReader(history.path))
    model.reload()
    new_id = add_pending(history, "w", "dev", "u", AudienceDraft("brand new", "ns", "o"))
    model.refresh_row(new_id)
    assert model.attempt(0).row_id == new_id  # type: ignore[union-attr]
    ids = load_all(model)
    assert len(ids) == len(set(ids)) == history.count()


def test_a_shown_row_that_stops_matching_the_filter_leaves(history: History) -> None:
    model = HistoryModel(HistoryReader(history.path))
    model.reload()
    model.set_filter("unknown")
    load_all(model)
    first = model.attempt(0)
    assert first is not None and first.status is Status.UNKNOWN
    history.update(first.row_id, Status.SUCCEEDED)
    model.refresh_row(first.row_id)
    assert first.row_id not in [model.attempt(r).row_id for r in range(model.rowCount())]  # type: ignore[union-attr]


def test_a_row_that_moves_behind_the_cursor_or_starts_matching_is_shown(
    history: History,
) -> None:
    model = HistoryModel(HistoryReader(history.path))
    model.sort(0, Qt.SortOrder.AscendingOrder)  # by status: failed < pending < unknown
    load_all(model)
    total = model.rowCount()
    pending = next(
        model.attempt(r)
        for r in range(total)
        if model.attempt(r).status is Status.PENDING  # type: ignore[union-attr]
    )
    history.update(pending.row_id, Status.FAILED)
    model.refresh_row(pending.row_id)
    assert model.rowCount() == total  # updated in place, not lost

    model.set_filter("AUD-2")
    assert model.rowCount() == 0
    history.update(2, Status.SUCCEEDED, audience_id="aud-2")
    model.refresh_row(2)
    assert [model.attempt(r).row_id for r in range(model.rowCount())] == [2]  # type: ignore[union-attr]


def test_an_unloaded_row_that_sorts_before_the_cursor_is_inserted(history: History) -> None:
    model = HistoryModel(HistoryReader(history.path))
    model.sort(0, Qt.SortOrder.AscendingOrder)  # one batch of "pending" rows is loaded
    loaded = {model.attempt(r).row_id for r in range(model.rowCount())}  # type: ignore[union-attr]
    unloaded_pending = next(
        a.row_id for a in history.list() if a.status is Status.PENDING and a.row_id not in loaded
    )
    history.update(unloaded_pending, Status.FAILED)  # "failed" sorts before "pending"
    model.refresh_row(unloaded_pending)
    assert model.attempt(0).row_id == unloaded_pending  # type: ignore[union-attr]
    ids = load_all(model)
    assert sorted(ids) == list(range(1, history.count() + 1))


@pytest.mark.parametrize(
    ("zone", "iso", "shown"),
    [
        ("Europe/Paris", "2026-11-29T10:00:00.000+00:00", "2026-11-29 11:00 CET"),
        ("Europe/Paris", "2026-07-01T10:00:00+00:00", "2026-07-01 12:00 CEST"),
        ("UTC", "2026-11-29T10:00:00+00:00", "2026-11-29 10:00 UTC"),
        ("America/Sao_Paulo", "2026-11-29T10:00:00+00:00", "2026-11-29 07:00 UTC-03:00"),
        ("Asia/Kathmandu", "2026-11-29T10:00:00+00:00", "2026-11-29 15:45 UTC+05:45"),
        ("Europe/Paris", "not a time", "not a time"),
    ],
)
def test_times_are_local_with_a_zone_abbreviation_or_offset(
    monkeypatch: pytest.MonkeyPatch, zone: str, iso: str, shown: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert local_time(iso) == shown
    finally:
        monkeypatch.undo()
        time.tzset()
