"""The batched history model: every row exactly once, whatever changes while paging."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import History, Status
from audience_desktop.ui.history_model import BATCH, HistoryModel


@pytest.fixture
def history(tmp_path: Path) -> History:
    store = History(tmp_path / "h.sqlite3")
    for i in range(3 * BATCH + 10):
        row_id = store.add_pending("w", "dev", "u", AudienceDraft(f"name {i:04d}", "ns", "o"))
        if i % 2:
            store.update(row_id, Status.UNKNOWN)
    return store


def load_all(model: HistoryModel) -> list[int]:
    while model.canFetchMore():
        model.fetchMore()
    return [model.attempt(r).row_id for r in range(model.rowCount())]  # type: ignore[union-attr]


def test_old_rows_changed_before_they_are_loaded_are_not_lost(history: History) -> None:
    model = HistoryModel(history.path)
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
    model = HistoryModel(history.path)
    model.sort(column, Qt.SortOrder.AscendingOrder)
    last = model.attempt(model.rowCount() - 1)
    assert last is not None
    history.update(last.row_id, Status.FAILED)  # the row the cursor came from changes
    model.refresh_row(last.row_id)
    ids = load_all(model)
    assert sorted(ids) == list(range(1, history.count() + 1))


def test_new_rows_arrive_on_top_and_are_not_repeated(history: History) -> None:
    model = HistoryModel(history.path)
    model.reload()
    new_id = history.add_pending("w", "dev", "u", AudienceDraft("brand new", "ns", "o"))
    model.refresh_row(new_id)
    assert model.attempt(0).row_id == new_id  # type: ignore[union-attr]
    ids = load_all(model)
    assert len(ids) == len(set(ids)) == history.count()


def test_filter_is_a_plain_substring(history: History) -> None:
    model = HistoryModel(history.path)
    model.reload()
    model.set_filter("NAME 000")  # case-insensitive, indexed (3+ characters)
    assert sorted(model.attempt(r).name for r in range(model.rowCount())) == [  # type: ignore[union-attr]
        f"name {i:04d}" for i in range(10)
    ]
    model.set_filter("%")  # a literal, not a wildcard
    assert model.rowCount() == 0


def test_a_shown_row_that_stops_matching_the_filter_leaves(history: History) -> None:
    model = HistoryModel(history.path)
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
    model = HistoryModel(history.path)
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
    model = HistoryModel(history.path)
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
