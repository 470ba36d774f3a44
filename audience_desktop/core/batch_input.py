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
from collections.abc import Iterator, Sequence
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
CELL_LIMIT = 1024 * 1024  # a cell above 1 MB is not an audience's field (CSV and XLSX)
# An XLSX part (a sheet's XML, the shared strings) is read whole by openpyxl's parser: its
# declared uncompressed size is checked first, so a small zip cannot unpack to gigabytes.
# 64 MB is some 500,000 rows, far beyond AEP's 4,000 audiences per sandbox.
XLSX_PART_LIMIT = 64 * 1024 * 1024
csv.field_size_limit(CELL_LIMIT)


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
        lines = _decode(source, sample, encoding).splitlines()  # none: only a byte-order mark
        yield _csv_table(source, text, _separator(lines[0] if lines else ""))


def _encoding(sample: bytes) -> str:
    """The sample's encoding: its byte-order mark, else UTF-16 when every other byte is NUL
    (Excel's "Unicode text" saved without one), else UTF-8."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and odd.count(0) * 4 > len(odd) * 3 and not even.count(0):
        return "utf-16-le"
    if len(sample) >= 4 and even.count(0) * 4 > len(even) * 3 and not odd.count(0):
        return "utf-16-be"
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
            if "field larger than field limit" in str(exc):
                raise _too_big(source, reader.line_num) from None
            raise _unreadable(source, str(exc)) from None

    rows = _pasted_records(source.pasted or "") if source.path is None else records()
    headers = next(rows, None)
    if headers is None or not any(cell.strip() for cell in headers):
        raise _unreadable(source, msg("batch.no_header"))
    return Table([h.strip() for h in headers], _numbered(rows), separator)


def _pasted_records(text: str) -> Iterator[list[str]]:
    """Rows pasted from Excel or Google Sheets: tab-separated, a cell quoted only when it
    holds a tab, a line break or a quote (wrapped whole, inner quotes doubled). A cell that
    does not both start and end as such a field is taken literally: ``"Best" customers``
    keeps its quotes, and an opening quote never swallows the rows after it."""
    row: list[str] = []
    at, end = 0, len(text)
    while at < end:
        cell, at = _quoted_cell(text, at) if text[at] == '"' else (None, at)
        if cell is None:
            stop = at
            while stop < end and text[stop] not in "\t\r\n":
                stop += 1
            cell, at = text[at:stop], stop
        row.append(cell)
        if at < end and text[at] == "\t":
            at += 1
            if at == end:
                row.append("")
            continue
        if text.startswith("\r\n", at):
            at += 1
        at += 1
        yield row
        row = []
    if row:
        yield row


def _quoted_cell(text: str, start: int) -> tuple[str | None, int]:
    """The quoted field at ``start`` and where it ends, or (None, start) if it is not one."""
    parts: list[str] = []
    at = start + 1
    while (close := text.find('"', at)) != -1:
        parts.append(text[at:close])
        if text.startswith('""', close):
            parts.append('"')
            at = close + 2
        elif close + 1 == len(text) or text[close + 1] in "\t\r\n":
            return "".join(parts), close + 1
        else:
            return None, start
    return None, start


def _numbered(
    rows: Iterator[Sequence[Any]], source: BatchSource | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Data rows numbered as in the sheet (the header is 1); blank rows skipped. With
    ``source`` (an XLSX), a cell over CELL_LIMIT stops the reading with its row number."""
    for number, cells in enumerate(rows, start=2):
        texts = [_cell_text(cell) for cell in cells]
        if source is not None and any(len(text) > CELL_LIMIT for text in texts):
            raise _too_big(source, number)
        if any(text.strip() for text in texts):
            yield number, texts


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_parts_fit(source: BatchSource) -> None:
    """SourceUnreadable when a part of the workbook would unpack beyond XLSX_PART_LIMIT (the
    zip's declared sizes; a part that unpacks to more than it declares fails its check)."""
    import zipfile

    assert source.path is not None
    try:
        with zipfile.ZipFile(source.path) as archive:
            too_big = any(info.file_size > XLSX_PART_LIMIT for info in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return  # not a zip: openpyxl says why below
    if too_big:
        raise _unreadable(source, msg("batch.xlsx_too_big", size=XLSX_PART_LIMIT // 2**20))


@contextmanager
def _xlsx_table(source: BatchSource) -> Iterator[Table]:
    _xlsx_parts_fit(source)
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
        if hasattr(sheet, "reset_dimensions"):  # read-only mode stops at the declared size:
            sheet.reset_dimensions()  # a workbook that understates it would lose rows silently
        rows = _xlsx_rows(source, sheet.iter_rows(values_only=True))
        headers = next(rows, None)
        if headers is None or not any(_cell_text(cell).strip() for cell in headers):
            raise _unreadable(source, msg("batch.no_header"))
        yield Table([_cell_text(h).strip() for h in headers], _numbered(rows, source))
    finally:
        book.close()


def _xlsx_rows(source: BatchSource, rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows; a part damaged past its header (a bad CRC) is SourceUnreadable."""
    try:
        yield from rows
    except Exception as exc:  # zipfile's and the XML parser's many kinds
        raise _unreadable(source, msg("batch.not_xlsx", error=type(exc).__name__)) from None


def _too_big(source: BatchSource, row: int) -> SourceUnreadable:
    return _unreadable(source, msg("batch.cell_too_big", row=row, size=CELL_LIMIT // 2**20))


def _unreadable(source: BatchSource, reason: Any) -> SourceUnreadable:
    return SourceUnreadable(msg("batch.unreadable", file=source.display_name, reason=reason))
