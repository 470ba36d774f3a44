"""The history's read side: filtered, sorted pages of attempts, free of any GUI toolkit.

100,000 rows must open instantly, so nothing reads them all: a page is asked for with
keyset pagination (``WHERE (key, id) < (last_key, last_id)``), which stays fast however
deep the reader goes, and the cursor only ever comes from rows read, so rows changed or
added meanwhile are neither skipped nor returned twice. A view that keeps the rows read
(the Qt model) places rows added or changed later with ``order_key`` and ``position``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from audience_desktop.core.history import Attempt, open_attempts_sql, row_to_attempt, select_sql
from audience_desktop.core.history_search import matching_ids, search_index_ready

Cursor = tuple[Any, int]  # (sort value, row id) of the last row read


@dataclass(frozen=True)
class SortKey:
    """One sort column: its SQL expression and its Python value come from this one place."""

    field: str  # the Attempt field
    nullable: bool = False  # NULL sorts as '' (COALESCE); NOT NULL columns keep their index

    @property
    def sql(self) -> str:
        if self.field == "row_id":
            return "id"
        return f"COALESCE({self.field}, '')" if self.nullable else self.field

    def value(self, attempt: Attempt) -> Any:
        """The value SQLite orders by, for a row in hand."""
        value = getattr(attempt, self.field)
        if value is None:
            return ""
        return value.value if isinstance(value, Enum) else value


SORT_KEYS: dict[str, SortKey] = {
    # Rows are inserted as they are created: the primary key is creation order, and indexed.
    "created_at": SortKey("row_id"),
    "status": SortKey("status"),
    "name": SortKey("name"),
    "namespace": SortKey("namespace"),
    "origin_name": SortKey("origin_name"),
    "sandbox": SortKey("sandbox"),
    "audience_id": SortKey("audience_id", nullable=True),
}


@dataclass(frozen=True)
class HistoryQuery:
    """Which rows, in which order: newest first, unfiltered, unless told otherwise."""

    filter: str = ""  # a fixed string, case-insensitive, searched in every searched column
    sort: str = "created_at"  # a key of SORT_KEYS
    descending: bool = True

    def __post_init__(self) -> None:
        if self.sort not in SORT_KEYS:
            raise ValueError(f"no sort key {self.sort!r}; one of {sorted(SORT_KEYS)}")

    def order_key(self, attempt: Attempt) -> Cursor:
        """(sort value, id) as SQLite orders the row for this query."""
        return SORT_KEYS[self.sort].value(attempt), attempt.row_id

    def comes_before(self, attempt: Attempt, key: Cursor) -> bool:
        """Whether the row is listed before a row whose order key is ``key``."""
        mine = self.order_key(attempt)
        return mine > key if self.descending else mine < key

    def already_read(self, attempt: Attempt, cursor: Cursor | None) -> bool:
        """Whether paging has passed the row's place: a later page will not bring it."""
        return cursor is not None and self.comes_before(attempt, cursor)

    def position(self, attempt: Attempt, rows: Sequence[Attempt]) -> int:
        """Where the row goes among ``rows`` (listed in this query's order)."""
        for index, other in enumerate(rows):
            if self.comes_before(attempt, self.order_key(other)):
                return index
        return len(rows)


@dataclass(frozen=True)
class Page:
    """Rows in order; ``cursor`` asks for the next page; ``exhausted``: there is none."""

    attempts: list[Attempt]
    cursor: Cursor | None
    exhausted: bool


class HistoryReader:
    """Reads the history file on its own read-only connection, apart from the writer's.

    Any thread may use it, one at a time (it holds no lock of its own).
    """

    def __init__(self, path: Path) -> None:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self.indexed = search_index_ready(self._db)  # else filters scan the table

    def close(self) -> None:
        self._db.close()

    def page(self, query: HistoryQuery, cursor: Cursor | None, limit: int) -> Page:
        """Up to ``limit`` rows after ``cursor`` (None: from the start)."""
        key = SORT_KEYS[query.sort].sql
        by_id = key == "id"
        direction, compare = ("DESC", "<") if query.descending else ("ASC", ">")
        clauses: list[str] = []
        params: list[Any] = []
        if query.filter:
            subquery, sub_params = matching_ids(query.filter, self.indexed)
            if by_id:  # page inside the index: only one page of ids is ever read
                if cursor is not None:
                    subquery += f" AND rowid {compare} ?"
                    sub_params.append(cursor[1])
                subquery += f" ORDER BY rowid {direction} LIMIT {int(limit)}"
            clauses.append(f"id IN ({subquery})")
            params += sub_params
        if cursor is not None:
            if by_id:
                clauses.append(f"id {compare} ?")
                params.append(cursor[1])
            else:
                clauses.append(f"({key}, id) {compare} (?, ?)")
                params += list(cursor)
        where = " AND ".join(clauses) or "1"
        sql = select_sql(f"WHERE {where} ORDER BY {key} {direction}, id {direction} LIMIT ?")
        attempts = [row_to_attempt(row) for row in self._db.execute(sql, [*params, limit])]
        if attempts:  # from the rows as read, never from rows changed since
            cursor = query.order_key(attempts[-1])
        return Page(attempts, cursor, exhausted=len(attempts) < limit)

    def open_attempts_for(
        self, profile: str, sandbox: str, name: str, claim: dict[str, Any] | None = None
    ) -> list[Attempt]:
        """As ``History.open_attempts_for``, on this read-only connection: never waits for a
        write (and its fsync) in progress, so the window may ask it on every keystroke."""
        sql, params = open_attempts_sql(profile, sandbox, name, claim)
        return [row_to_attempt(row) for row in self._db.execute(sql, params).fetchall()]

    def get(self, row_id: int, query: HistoryQuery) -> Attempt | None:
        """The attempt, if it exists and passes the query's filter."""
        sql, params = "WHERE id = ?", [row_id]
        if query.filter:
            subquery, sub_params = matching_ids(query.filter, self.indexed)
            sql += f" AND id IN ({subquery})"
            params += sub_params
        row = self._db.execute(select_sql(sql), params).fetchone()
        return row_to_attempt(row) if row is not None else None
