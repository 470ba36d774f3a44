"""The results file: the input's columns plus status, audienceId and message, per row.

Written as the rows finish (in file order) to a temporary file beside the target, synced
and renamed over it at the end: a crash leaves the previous results, never half a file. The
temporary file's name holds the writing process's id, so the next run removes those a dead
process left (``.NAME.PID-XXXXXXXX.tmp``), never a live run's nor any other file. The target
is checked before a batch sends anything (``check_results_target``).
CSV in, CSV out (UTF-8 with a byte-order mark, so Excel shows accents; the input's
separator); XLSX in, XLSX out (openpyxl's write-only mode streams the rows). Every text cell
is neutralised as the history export's are (``core/export.py``): a cell echoed from the input
or a server's message that starts with ``=`` would otherwise run as a formula (CSV injection;
openpyxl also stores such a string as a formula).
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from audience_desktop.core.batch import PlannedRow
from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.export import neutralise_cell
from audience_desktop.core.messages import msg
from audience_desktop.core.os_errors import os_reason
from audience_desktop.core.process_owner import _pid_alive

RESULT_COLUMNS = ("status", "audienceId", "message")


class ResultsUnwritable(AppError):
    """The results file cannot be written where asked (named as the user gave it)."""

    def __init__(self, path: Path, reason: Any) -> None:
        super().__init__(msg("batch.results_unwritable", path=str(path), reason=reason),
                         kind=ErrorKind.CONFIG)  # fmt: skip


def check_results_target(path: Path) -> None:
    """ResultsUnwritable unless ``path`` can take the results: not a folder, in a folder
    that exists and where a file can be created (tried, then removed)."""
    if path.is_dir():
        raise ResultsUnwritable(path, msg("os.is_folder"))
    if not path.parent.is_dir():
        raise ResultsUnwritable(path, msg("batch.results_no_folder"))
    try:
        fd, probe = tempfile.mkstemp(prefix=_prefix(path), suffix=".tmp", dir=path.parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ResultsUnwritable(path, os_reason(exc)) from None


def _prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}-"


def remove_stale_temps(path: Path) -> None:
    """Remove the temporary results files of ``path`` that a dead process left behind."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)-[a-z0-9_]{{8}}\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            found = pattern.fullmatch(entry.name)
            if found and entry.is_file(follow_symlinks=False) and _pid_alive(int(found[1])) is False:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


class ResultsWriter:
    """``with ResultsWriter(path, headers) as out: out.add(row)``; kept only if no error."""

    def __init__(self, path: Path, headers: list[str], separator: str = ",") -> None:
        self.path = path
        self.width = len(headers)  # a row's cells cut or padded to it: the results stay put
        self.headers = [neutralise_cell(h) for h in (*headers, *RESULT_COLUMNS)]
        self.xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
        self.separator = separator
        self._tmp: str | None = None
        self._handle: Any = None
        self._writer: Any = None
        self._book: Any = None

    def __enter__(self) -> ResultsWriter:
        check_results_target(self.path)
        remove_stale_temps(self.path)
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=_prefix(self.path), suffix=".tmp",
                                             dir=self.path.parent)  # fmt: skip
        except OSError as exc:
            raise ResultsUnwritable(self.path, os_reason(exc)) from None
        if self.xlsx:
            os.close(fd)
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._writer = self._book.create_sheet("results")
            self._writer.append(self.headers)
        else:
            self._handle = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
            self._writer = csv.writer(self._handle, delimiter=self.separator)
            self._writer.writerow(self.headers)
        return self

    def add(self, row: PlannedRow) -> None:
        cells = list(row.cells[: self.width]) + [""] * (self.width - len(row.cells))
        message = row.message.render() if row.message is not None else ""
        values = [
            neutralise_cell(value)
            for value in (*cells, row.status.value, row.audience_id or "", message)
        ]
        if self.xlsx:
            self._writer.append(values)
        else:
            self._writer.writerow(values)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._tmp is not None
        try:
            if self.xlsx:
                self._book.save(self._tmp)
            else:
                self._handle.flush()
                os.fsync(self._handle.fileno())
                self._handle.close()
            if kind is None:
                with open(self._tmp, "rb+") as synced:
                    os.fsync(synced.fileno())
                os.replace(self._tmp, self.path)
        except OSError as exc:  # named as the user gave it, never by the temporary file
            if kind is None:
                raise ResultsUnwritable(self.path, os_reason(exc)) from None
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
