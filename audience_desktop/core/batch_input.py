"""Reading a batch's rows: CSV (any of Excel's encodings and separators), XLSX, pasted cells.

Rows are streamed, never loaded whole: a 10,000-row file costs what a 100-row one does. Row
numbers are the spreadsheet's (the header is row 1), so a problem names the row a person
sees. XLSX is read with openpyxl in read-only mode (a well-kept, pure-Python reader that
streams the sheet's XML; loaded only for an .xlsx file).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from audience_desktop.core.errors import AppError, ErrorKind
from audience_desktop.core.messages import msg
from audience_desktop.core.os_errors import os_reason

FIELDS = ("name", "description", "namespace", "originName")
# Headers each field is recognised by, compared by ``header_key`` (case, accents, spaces
# and punctuation ignored): English and French.
HEADER_ALIASES = {
    "name": ("name", "audience name", "nom", "nom de l'audience"),
    "description": ("description",),
    "namespace": ("namespace", "espace de noms", "espace de nom"),
    "originName": ("originName", "origin name", "origin", "nom d'origine", "origine"),
}
SEPARATORS = (",", ";", "\t")
_SAMPLE = 64 * 1024  # bytes read to tell the encoding and the separator
csv.field_size_limit(1024 * 1024)  # a cell above 1 MB is not an audience's field


class SourceUnreadable(AppError):
    """The file cannot be read as a table (missing, not CSV/XLSX, bad encoding, no sheet)."""

    def __init__(self, message: Any) -> None:
        super().__init__(message, kind=ErrorKind.CONFIG)


@dataclass(frozen=True)
class BatchSource:
    """Where a batch's rows come from: a file (CSV or XLSX), or text pasted from a sheet."""

    path: Path | None = None
    sheet: str | None = None  # XLSX: a named sheet instead of the first
    pasted: str | None = None  # tab-separated rows copied from a spreadsheet

    @property
    def is_xlsx(self) -> bool:
        return self.path is not None and self.path.suffix.lower() in (".xlsx", ".xlsm")

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "pasted"

    def digest(self) -> str:
        """SHA-256 of the file's bytes (or of the pasted text): what names the batch."""
        sha = hashlib.sha256()
        if self.path is None:
            sha.update((self.pasted or "").encode("utf-8"))
            return sha.hexdigest()
        try:
            with self.path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                    sha.update(chunk)
        except OSError as exc:
            raise _unreadable(self, os_reason(exc)) from None
        if self.sheet:
            sha.update(b"\0sheet\0" + self.sheet.encode("utf-8"))
        return sha.hexdigest()


def header_key(text: str) -> str:
    """A header as compared: no accents, no case, only letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


_BY_KEY = {
    header_key(alias): field for field, aliases in HEADER_ALIASES.items() for alias in aliases
}


def field_for_header(header: str) -> str | None:
    """The field a header names (English or French), or None."""
    return _BY_KEY.get(header_key(header))


@dataclass
class Table:
    """An open table: its header row, and its data rows streamed as (row number, cells)."""

    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]
    separator: str = ","  # a CSV's (the results file keeps it)


@contextmanager
def open_table(source: BatchSource) -> Iterator[Table]:
    """Open the source and yield its table; SourceUnreadable when it cannot be read."""
    if source.path is None:
        yield _csv_table(source, io.StringIO(source.pasted or ""), "\t")
        return
    if source.is_xlsx:
        with _xlsx_table(source) as table:
            yield table
        return
    try:
        handle = source.path.open("rb")
    except OSError as exc:
        raise _unreadable(source, os_reason(exc)) from None
    with handle:
        sample = handle.read(_SAMPLE)
        if sample.startswith(b"PK\x03\x04"):
            raise _unreadable(source, msg("batch.not_csv"))
        encoding = _encoding(sample)
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")
        first = _decode(source, sample, encoding).splitlines()[0] if sample.strip() else ""
        yield _csv_table(source, text, _separator(first))


def _encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _decode(source: BatchSource, sample: bytes, encoding: str) -> str:
    try:
        return sample.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 4:  # a character cut by the sample's end
            return sample[: exc.start].decode(encoding)
        raise _unreadable(source, msg("batch.encoding")) from None


def _separator(header_line: str) -> str:
    """The separator the header row uses most (outside quotes): ``,`` ``;`` or tab."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _csv_table(source: BatchSource, text: IO[str], separator: str) -> Table:
    reader = csv.reader(text, delimiter=separator)

    def records() -> Iterator[list[str]]:
        try:
            yield from reader
        except UnicodeDecodeError:
            raise _unreadable(source, msg("batch.encoding")) from None
        except csv.Error as exc:
            raise _unreadable(source, str(exc)) from None

    rows = records()
    headers = next(rows, None)
    if headers is None or not any(cell.strip() for cell in headers):
        raise _unreadable(source, msg("batch.no_header"))
    return Table([h.strip() for h in headers], _numbered(rows), separator)


def _numbered(rows: Iterator[list[Any]]) -> Iterator[tuple[int, list[str]]]:
    """Data rows numbered as in the sheet (the header is 1); blank rows skipped."""
    for number, cells in enumerate(rows, start=2):
        texts = [_cell_text(cell) for cell in cells]
        if any(text.strip() for text in texts):
            yield number, texts


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@contextmanager
def _xlsx_table(source: BatchSource) -> Iterator[Table]:
    try:
        from openpyxl import load_workbook

        book = load_workbook(source.path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise _unreadable(source, msg("batch.not_xlsx", error=type(exc).__name__)) from None
    try:
        if source.sheet is not None and source.sheet not in book.sheetnames:
            raise _unreadable(
                source, msg("batch.no_sheet", sheet=source.sheet, sheets=", ".join(book.sheetnames))
            )
        sheet = book[source.sheet] if source.sheet is not None else book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = next(rows, None)
        if headers is None or not any(_cell_text(cell).strip() for cell in headers):
            raise _unreadable(source, msg("batch.no_header"))
        yield Table([_cell_text(h).strip() for h in headers], _numbered(iter(rows)))
    finally:
        book.close()


def _unreadable(source: BatchSource, reason: Any) -> SourceUnreadable:
    return SourceUnreadable(msg("batch.unreadable", file=source.display_name, reason=reason))
