"""The results file: the input's columns plus status, audienceId and message, per row.

Written as the rows finish (in file order) to a temporary file beside the target, synced
and renamed over it at the end: a crash leaves the previous results, never half a file.
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
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from audience_desktop.core.batch import PlannedRow
from audience_desktop.core.export import neutralise_cell

RESULT_COLUMNS = ("status", "audienceId", "message")


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                         dir=self.path.parent)  # fmt: skip
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
        finally:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
