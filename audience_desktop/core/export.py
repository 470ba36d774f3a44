"""History export as CSV or JSON: the CLI's output and the window's "Export" share it.

CSV is opened by spreadsheets, which run a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or blanks, a tab or a carriage return before one) as a formula: a name or a server's message could then
fetch a URL or run a command on the reader's machine (CSV/formula injection). Every text cell
that begins with one of those characters gets a leading single quote, as OWASP recommends, so
the spreadsheet shows it as text. JSON is read by programs, not spreadsheets: it keeps the
exact values.

Two CSV dialects: plain RFC 4180 (commas, no byte-order mark) for programs and
``audience-cli history --csv``; and the one spreadsheets open by double click, which Excel
reads as UTF-8 only after a byte-order mark and splits on the locale's list separator (``;``
where the decimal separator is ``,``, as in French). The caller picks the delimiter and the mark.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from audience_desktop.core.history import EXPORT_COLUMNS, Attempt

# OWASP's list (= + - @ tab CR), plus line feed, which some spreadsheets trim before parsing.
# The quote itself is included so the rule stays reversible: a CSV cell that starts with a
# quote always carries exactly one added quote, and removing it gives the exact value back.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "'")


def neutralise_cell(value: Any) -> Any:
    """A text value a spreadsheet will show as text, never run; other values unchanged.

    Blanks before a trigger do not hide it (" =1"): spreadsheets trim leading spaces (and
    no-break spaces) before parsing, so the first character that is not blank decides.
    """
    if isinstance(value, str) and value.lstrip().startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_json(attempts: Iterable[Attempt], out: TextIO) -> None:
    """A JSON array of objects with the export columns, values exactly as stored."""
    json.dump([a.export() for a in attempts], out, indent=2, ensure_ascii=False)
    out.write("\n")


UTF8_BOM = "\ufeff"


def write_csv(
    attempts: Iterable[Attempt], out: TextIO, *, delimiter: str = ",", bom: bool = False
) -> None:
    """CSV with a header row of the export columns, every text cell neutralised.

    Every column is treated alike (names, sandboxes, ids, server messages...): any of them
    can hold text from a person or a server, and the rule never changes a harmless value.
    ``delimiter`` and ``bom`` make the spreadsheet dialect (see the module's docstring).
    """
    if bom:
        out.write(UTF8_BOM)
    writer = csv.DictWriter(
        out, fieldnames=list(EXPORT_COLUMNS), delimiter=delimiter, lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(_neutralised(a.export()) for a in attempts)


def _neutralised(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: neutralise_cell(value) for key, value in row.items()}
