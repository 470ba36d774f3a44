"""Planning a batch: columns matched, every row validated and checked before anything is sent.

A plan reads the file once, streaming: each row is validated with the form's rules,
compared with the rows above it (repeats), with this sandbox's history (created, or being
created) and with the sandbox itself (one listing of every page). It keeps only a status
byte per row and a note for the rows that will not be sent; ``rows()`` streams the file
again with them, so memory stays flat in the number of rows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from audience_desktop.core.attempt import UNRESOLVED, Attempt, Status
from audience_desktop.core.batch_input import (
    FIELDS,
    BatchSource,
    SourceUnreadable,
    field_for_header,
    header_key,
    open_table,
)
from audience_desktop.core.draft import AudienceDraft, normalise
from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.messages import Message, msg

# AEP's documented guardrail: active audiences per sandbox.
SANDBOX_AUDIENCE_LIMIT = 4000


class RowStatus(str, Enum):
    """A row's status: before sending (``ready``) and after (the scripts' contract)."""

    READY = "ready"
    CREATED = "created"
    ALREADY_CREATED = "already-created"
    INVALID = "invalid"
    DUPLICATE_IN_FILE = "duplicate-in-file"
    FAILED = "failed"
    UNKNOWN = "unknown"
    NOT_SENT = "not-sent"


_CODES = list(RowStatus)


class ColumnsInvalid(AppError):
    """The headers do not give every required field (and no default does)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message, kind=ErrorKind.CONFIG, hint=msg("batch.columns.hint"))


@dataclass(frozen=True)
class BatchOptions:
    """How to read the rows: column overrides (field -> header) and defaults per field."""

    columns: dict[str, str] = field(default_factory=dict)
    namespace: str | None = None
    origin_name: str | None = None
    check_sandbox: bool = True  # list the sandbox's audiences to find names already there


@dataclass(frozen=True)
class CellProblem:
    """One cell's problem (``field`` is one of FIELDS)."""

    field: str
    message: Message


@dataclass(frozen=True)
class PlannedRow:
    """One data row: its cells as read, the draft it makes, and what the plan found."""

    row: int  # the spreadsheet's row number (the header is 1)
    cells: list[str]
    draft: AudienceDraft
    status: RowStatus
    problems: tuple[CellProblem, ...] = ()
    audience_id: str | None = None
    message: Message | None = None

    @property
    def name(self) -> str:
        return self.draft.name


@dataclass(frozen=True)
class _Note:
    problems: tuple[CellProblem, ...] = ()
    audience_id: str | None = None
    message: Message | None = None


@dataclass
class BatchPlan:
    """What a batch would do: counts, problems and warnings; ``rows()`` streams every row."""

    source: BatchSource
    file_hash: str
    headers: list[str]
    columns: dict[str, int]  # field -> column index (a field absent here takes its default)
    defaults: dict[str, str]
    batch_id: int | None  # the batch record this file already has in this sandbox, if any
    sandbox_count: int | None  # audiences in the sandbox (None: not listed)
    warnings: list[Message]
    separator: str = ","  # the CSV's separator, kept by the results file
    width: int = 0  # columns up to a row's last non-empty cell (may pass the headers')
    _statuses: bytearray = field(repr=False, default_factory=bytearray)
    _numbers: list[int] = field(repr=False, default_factory=list)
    _notes: dict[int, _Note] = field(repr=False, default_factory=dict)

    @property
    def total(self) -> int:
        return len(self._statuses)

    def counts(self) -> dict[RowStatus, int]:
        found = dict.fromkeys(RowStatus, 0)
        for code in self._statuses:
            found[_CODES[code]] += 1
        return found

    @property
    def result_headers(self) -> list[str]:
        """The results file's input columns: the headers, then an empty one for each column
        a row fills beyond them (so status, audienceId and message never shift); a row's
        empty trailing cells (Excel's ``A,B,C,``) add none."""
        return self.headers + [""] * (self.width - len(self.headers))

    @property
    def to_send(self) -> int:
        return self._statuses.count(_CODES.index(RowStatus.READY))

    def problem_rows(self) -> Iterator[tuple[int, RowStatus, _Note]]:
        """(row number, status, note) of every row that will not be sent, in file order."""
        for index, code in enumerate(self._statuses):
            if _CODES[code] is not RowStatus.READY:
                number = self._numbers[index]
                yield number, _CODES[code], self._notes.get(number, _Note())

    def rows(self) -> Iterator[PlannedRow]:
        """Every data row again, streamed from the source, with what the plan found."""
        with open_table(self.source) as table:
            for index, (number, cells) in enumerate(table.rows):
                if index >= self.total or self._numbers[index] != number:
                    raise SourceUnreadable(msg("batch.changed", file=self.source.display_name))
                note = self._notes.get(number, _Note())
                yield PlannedRow(
                    number, cells, self.draft(cells), _CODES[self._statuses[index]],
                    note.problems, note.audience_id, note.message,
                )  # fmt: skip

    def draft(self, cells: list[str]) -> AudienceDraft:
        values = {
            key: (cells[index] if index < len(cells) else "") for key, index in self.columns.items()
        }
        for key, default in self.defaults.items():
            if not values.get(key, "").strip():
                values[key] = default
        return AudienceDraft(
            name=values.get("name", ""),
            namespace=values.get("namespace", ""),
            origin_name=values.get("originName", ""),
            description=values.get("description", ""),
        )


def match_columns(headers: list[str], options: BatchOptions) -> dict[str, int]:
    """Field -> column index: ``options.columns`` first, then the known headers.

    ColumnsInvalid when an override names no header, or a required field has neither a
    column nor a default.
    """
    by_key = {header_key(h): i for i, h in enumerate(headers) if h}
    columns: dict[str, int] = {}
    for given, header in options.columns.items():
        key = field_for_header(given) or given
        if key not in FIELDS:
            raise ColumnsInvalid(msg("batch.column_field", field=given, fields=", ".join(FIELDS)))
        index = by_key.get(header_key(header))
        if index is None:
            raise ColumnsInvalid(
                msg("batch.column_missing", header=header, headers=", ".join(headers))
            )
        columns[key] = index
    for index, header in enumerate(headers):
        known = field_for_header(header)
        if known is not None and known not in columns and index not in columns.values():
            columns[known] = index
    defaults = {"namespace": options.namespace, "originName": options.origin_name}
    for required in ("name", "namespace", "originName"):
        if required not in columns and not defaults.get(required):
            raise ColumnsInvalid(
                msg("batch.no_column", field=msg(f"field.{required}"), headers=", ".join(headers))
            )
    return columns


# What the plan needs of the application: the history's attempts at a name, a lookup of
# an unresolved one, and the sandbox's names.
OpenAttempts = Callable[[], dict[str, list[Attempt]]]
Settle = Callable[[Attempt], Attempt]


def plan_batch(
    source: BatchSource,
    options: BatchOptions,
    attempts: OpenAttempts,
    settle: Settle,
    sandbox_names: Callable[[], dict[str, str | None]] | None,
    batch_id: Callable[[str], int | None],
    cancel: threading.Event | None = None,
) -> BatchPlan:
    """Read, validate and check every row; nothing is written or sent.

    ``attempts()`` gives this sandbox's open attempts by name; ``settle`` looks an
    unresolved one of a dead process up (so a killed batch's rows are known before the
    next one starts); ``sandbox_names()`` maps the sandbox's names to their audienceId.
    """
    file_hash = source.digest()
    with open_table(source) as table:
        columns = match_columns(table.headers, options)
        defaults = {
            key: value
            for key, value in (
                ("namespace", options.namespace),
                ("originName", options.origin_name),
            )
            if value
        }
        existing_batch = batch_id(file_hash)
        plan = BatchPlan(source, file_hash, table.headers, columns, defaults, existing_batch,
                         None, [], table.separator, len(table.headers))  # fmt: skip
        history = attempts()
        in_sandbox: dict[str, str | None] = {}
        if sandbox_names is not None:
            in_sandbox = sandbox_names()
            plan.sandbox_count = len(in_sandbox)
        first_row: dict[str, int] = {}
        for number, cells in table.rows:
            if cancel is not None and cancel.is_set():
                raise AppError(msg("net.cancelled"), kind=ErrorKind.NOT_SENT)
            status, note = _check_row(plan, number, cells, first_row, history, settle, in_sandbox)
            if len(cells) > plan.width:
                filled = [i for i, cell in enumerate(cells) if cell.strip()]
                plan.width = max(plan.width, filled[-1] + 1)
            plan._statuses.append(_CODES.index(status))
            plan._numbers.append(number)
            if note is not None:
                plan._notes[number] = note
    if plan.sandbox_count is not None:
        after = plan.sandbox_count + plan.to_send
        if after > SANDBOX_AUDIENCE_LIMIT:
            plan.warnings.append(
                msg("batch.over_limit", count=plan.sandbox_count, adding=plan.to_send,
                    limit=SANDBOX_AUDIENCE_LIMIT)
            )  # fmt: skip
    return plan


def _check_row(
    plan: BatchPlan,
    number: int,
    cells: list[str],
    first_row: dict[str, int],
    history: dict[str, list[Attempt]],
    settle: Settle,
    in_sandbox: dict[str, str | None],
) -> tuple[RowStatus, _Note | None]:
    beyond = [cell for cell in cells[len(plan.headers):] if cell.strip()]
    if beyond:  # a separator inside an unquoted value splits it: the fields would be wrong
        message = msg("batch.extra_cells", count=len(beyond), columns=len(plan.headers))
        return RowStatus.INVALID, _Note((CellProblem("name", message),), message=message)
    draft = plan.draft(cells)
    errors = draft.errors()
    if errors:
        problems = tuple(CellProblem(e.field, e.message) for e in errors)
        return RowStatus.INVALID, _Note(problems, message=errors[0].labelled())
    name = normalise(draft.name)
    earlier = first_row.setdefault(name, number)
    if earlier != number:
        return RowStatus.DUPLICATE_IN_FILE, _Note(message=msg("batch.repeat", row=earlier))
    found = _in_history(history.get(name, []), settle)
    if found is not None:
        if found.status is Status.SUCCEEDED:
            ours = plan.batch_id is not None and found.batch_id == plan.batch_id
            status = RowStatus.CREATED if ours else RowStatus.ALREADY_CREATED
            key = "batch.created_earlier" if ours else "batch.in_history"
            when = found.created_at  # shown in local time with its zone
            return status, _Note(audience_id=found.audience_id,
                                 message=msg(key, when=when, audience_id=found.audience_id))  # fmt: skip
        return RowStatus.UNKNOWN, _Note(message=found.failure_message() or msg("batch.uncertain"))
    if name in in_sandbox:
        audience_id = in_sandbox[name]
        return RowStatus.ALREADY_CREATED, _Note(
            audience_id=audience_id, message=msg("batch.in_sandbox", audience_id=audience_id or "?")
        )
    return RowStatus.READY, None


def _in_history(attempts: list[Attempt], settle: Settle) -> Attempt | None:
    """The attempt that created it or may have (unresolved ones looked up first), or None."""
    standing: Attempt | None = None
    for attempt in attempts:
        if attempt.status in UNRESOLVED:
            attempt = settle(attempt)
        if attempt.status is Status.SUCCEEDED:
            return attempt
        if attempt.status in UNRESOLVED and standing is None:
            standing = attempt
    return standing


def result_record(row: PlannedRow | Any) -> dict[str, Any]:
    """A row's result under the CLI's JSON keys: the scripts' contract."""
    return {
        "row": row.row,
        "name": row.name,
        "status": row.status.value,
        "audienceId": row.audience_id,
        "message": row.message.render() if row.message is not None else "",
    }
