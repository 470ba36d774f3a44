"""History export as CSV or JSON: the CLI's output and the window's "Export" share it."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from audience_desktop.core.history import EXPORT_COLUMNS, Attempt


def write_json(attempts: Iterable[Attempt], out: TextIO) -> None:
    """A JSON array of objects with the export columns."""
    json.dump([a.export() for a in attempts], out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_csv(attempts: Iterable[Attempt], out: TextIO) -> None:
    """CSV with a header row of the export columns."""
    writer = csv.DictWriter(out, fieldnames=list(EXPORT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(a.export() for a in attempts)
