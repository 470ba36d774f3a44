"""Reading the history in pages, filtered and sorted: every row once, whatever changes meanwhile.

No Qt here: the reader is plain SQLite. Each filter test runs twice, with the trigram index
and with the table scan an SQLite without the trigram tokenizer falls back to.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from audience_desktop.core import history_search
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import Attempt, History, Status
from audience_desktop.core.history_query import SORT_KEYS, HistoryQuery, HistoryReader
from audience_desktop.core.history_search import SEARCHED_COLUMNS

# Names with every character a LIKE pattern or an FTS5 query could take for syntax.
SPECIAL_NAMES = (
    "50% off", "5000 off", "snake_case", "snakeXcase", "back\\slash", "back/slash",
    'say "hi"', "say hi", "MiXeD CaSe", "a", "ab",
)  # fmt: skip
STATUSES = (Status.PENDING, Status.SUCCEEDED, Status.FAILED, Status.UNKNOWN)


def add(history: History, name: str, namespace: str = "ns", sandbox: str = "dev") -> int:
    row_id, blocking = history.add_pending_unless_open(
        "w", sandbox, "u", AudienceDraft(name, namespace, "o")
    )
    assert blocking is None
    return row_id


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rows with repeated and unique sort values, NULL and set audience ids, odd characters."""
    path = tmp_path_factory.mktemp("template") / "h.sqlite3"
    store = History(path)
    names = [*SPECIAL_NAMES, *(f"name {i:04d}" for i in range(40))]
    for i, name in enumerate(names):
        row_id = add(store, name, namespace=f"ns{i % 3}", sandbox=("dev", "prod")[i % 2])
        status = STATUSES[i % 4]
        if status is not Status.PENDING:
            audience = f"aud-{(i * 7) % 50:03d}" if i % 3 else None
            store.update(row_id, status, audience_id=audience)
    store.close()  # checkpointed: the file alone holds every row
    return path


@pytest.fixture
def history(template: Path, tmp_path: Path) -> Iterator[History]:
    """A copy of the template for each test (writing 51 rows every time would be slow)."""
    path = tmp_path / "h.sqlite3"
    shutil.copyfile(template, path)
    store = History(path)
    yield store
    store.close()


@pytest.fixture(params=[True, False], ids=["indexed", "scan"])
def open_reader(
    request: pytest.FixtureRequest, history: History, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], HistoryReader]]:
    """Readers that use the trigram index, or (as without the tokenizer) scan the table."""
    readers: list[HistoryReader] = []

    def open_one() -> HistoryReader:
        with monkeypatch.context() as patch:
            if not request.param:
                patch.setattr(history_search, "has_trigram", lambda db: False)
            readers.append(HistoryReader(history.path))
        assert readers[-1].indexed is request.param
        return readers[-1]

    yield open_one
    for reader in readers:
        reader.close()


def read_all(reader: HistoryReader, query: HistoryQuery, limit: int = 7) -> list[Attempt]:
    attempts: list[Attempt] = []
    cursor = None
    while True:
        page = reader.page(query, cursor, limit)
        attempts += page.attempts
        cursor = page.cursor
        if page.exhausted:
            return attempts


def expected_ids(history: History, query: HistoryQuery) -> list[int]:
    """The rows the query should list, worked out in Python."""
    needle = query.filter.lower()

    def haystack(a: Attempt) -> str:
        values = (getattr(a, c) for c in SEARCHED_COLUMNS)
        return "\x1f".join(str(v.value if isinstance(v, Status) else v or "") for v in values)

    rows = [a for a in history.list() if needle in haystack(a).lower()]
    rows.sort(key=query.order_key, reverse=query.descending)
    return [a.row_id for a in rows]


ALL_SORTS = [(key, descending) for key in SORT_KEYS for descending in (True, False)]


@pytest.mark.parametrize(("sort", "descending"), ALL_SORTS)
@pytest.mark.parametrize("limit", [1, 5, 1000])
def test_sql_and_python_order_rows_alike(
    history: History, sort: str, descending: bool, limit: int
) -> None:
    reader = HistoryReader(history.path)
    query = HistoryQuery(sort=sort, descending=descending)
    assert [a.row_id for a in read_all(reader, query, limit)] == expected_ids(history, query)
    reader.close()


@pytest.mark.parametrize(("sort", "descending"), ALL_SORTS)
@pytest.mark.parametrize("change_cursor_row", [False, True])
def test_every_row_exactly_once_while_rows_are_added_and_changed(
    history: History, sort: str, descending: bool, change_cursor_row: bool
) -> None:
    reader = HistoryReader(history.path)
    query = HistoryQuery(sort=sort, descending=descending)
    before = {a.row_id for a in history.list()}
    changed: set[int] = set()
    seen: list[Attempt] = []
    cursor = None
    for turn in range(1000):
        page = reader.page(query, cursor, 4)
        seen += page.attempts
        cursor = page.cursor
        if page.exhausted:
            break
        # Meanwhile a new row (it may sort anywhere) and, in one variant, a change to the row
        # the cursor came from.
        add(history, f"new {turn:03d}", namespace=f"ns{turn % 5}")
        if change_cursor_row:
            changed.add(page.attempts[-1].row_id)
            history.update(page.attempts[-1].row_id, Status.FAILED, audience_id=f"zz-{turn}")
    ids = [a.row_id for a in seen]
    assert before <= set(ids)  # none that was there from the start is lost
    # None twice, but a row whose sort value changed after it was read, which may come
    # round again in its new place (the model keeps the first and skips it).
    assert {i for i in ids if ids.count(i) > 1} <= changed
    keys = [query.order_key(a) for a in seen]  # the values as read, in order
    assert keys == sorted(keys, reverse=descending)
    reader.close()


def test_a_page_starts_after_the_cursor_and_says_when_nothing_follows(history: History) -> None:
    reader = HistoryReader(history.path)
    query = HistoryQuery()
    first = reader.page(query, None, 3)
    assert [a.row_id for a in first.attempts] == [51, 50, 49] and not first.exhausted
    assert first.cursor == (49, 49)
    last = reader.page(query, (3, 3), 3)
    assert [a.row_id for a in last.attempts] == [2, 1] and last.exhausted
    empty = reader.page(query, (1, 1), 3)
    assert empty.attempts == [] and empty.exhausted and empty.cursor == (1, 1)
    reader.close()


FILTERS = [
    "a", "A",  # one character, either case
    "ab", "5%", "e_", "k\\", '"h',  # two: plain, and with LIKE or FTS syntax
    "name 00", "NAME 001", "50%", "e_c", "k\\s", 'y "hi"', '"', "%", "_", "\\",  # 3+ and singles
    "mixed case", "nS1", "SUCCEEDED", "aud-0", "zzz", "%%%", "___",
]  # fmt: skip


@pytest.mark.parametrize("text", FILTERS)
def test_filter_is_a_fixed_case_insensitive_substring(
    history: History, open_reader: Callable[[], HistoryReader], text: str
) -> None:
    reader = open_reader()
    for sort, descending in (("created_at", True), ("created_at", False), ("name", False)):
        query = HistoryQuery(filter=text, sort=sort, descending=descending)
        assert [a.row_id for a in read_all(reader, query, 3)] == expected_ids(history, query)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("50%", ["50% off"]),  # not "5000 off"
        ("e_c", ["snake_case"]),  # not "snakeXcase"
        ("k\\s", ["back\\slash"]),  # not "back/slash"
        ('y "hi"', ['say "hi"']),  # not "say hi"
        ("mixed CASE", ["MiXeD CaSe"]),
    ],
)
def test_filter_characters_are_literal(
    history: History, open_reader: Callable[[], HistoryReader], text: str, names: list[str]
) -> None:
    reader = open_reader()
    assert [a.name for a in read_all(reader, HistoryQuery(filter=text))] == names


def test_get_answers_only_rows_that_pass_the_filter(
    history: History, open_reader: Callable[[], HistoryReader]
) -> None:
    reader = open_reader()
    row_id = add(history, "fresh row")
    assert reader.get(row_id, HistoryQuery()) == history.get(row_id)
    assert reader.get(row_id, HistoryQuery(filter="FRESH")) == history.get(row_id)
    assert reader.get(row_id, HistoryQuery(filter="stale")) is None
    assert reader.get(10_000, HistoryQuery()) is None


def test_unknown_sort_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="no sort key"):
        HistoryQuery(sort="endpoint")


def test_rows_are_placed_where_sql_would_list_them(history: History) -> None:
    attempts = history.list()
    for sort, descending in ALL_SORTS:
        query = HistoryQuery(sort=sort, descending=descending)
        listed = sorted(attempts, key=query.order_key, reverse=descending)
        for index, attempt in enumerate(listed):
            others = listed[:index] + listed[index + 1 :]
            assert query.position(attempt, others) == index


def test_already_read_means_paging_has_passed_the_row(history: History) -> None:
    newest, oldest = history.get(51), history.get(1)
    newest_first, oldest_first = HistoryQuery(), HistoryQuery(descending=False)
    assert not newest_first.already_read(newest, None)  # nothing read yet
    assert newest_first.already_read(newest, (20, 20))
    assert not newest_first.already_read(oldest, (20, 20))
    assert oldest_first.already_read(oldest, (20, 20))
    by_status = HistoryQuery(sort="status", descending=False)  # failed < pending < succeeded
    failed = next(a for a in history.list() if a.status is Status.FAILED)
    assert by_status.already_read(failed, ("pending", 1))
    assert not by_status.already_read(failed, ("failed", 0))
