"""The results file neutralises formula cells as the history export does (CSV and XLSX)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from audience_desktop.core.batch import PlannedRow, RowStatus
from audience_desktop.core.batch_results import ResultsWriter
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.messages import msg

HOSTILE = ["=HYPERLINK(\"http://x\")", " +1", "@SUM(A1)", "plain"]


def _row() -> PlannedRow:
    draft = AudienceDraft(name=HOSTILE[0], namespace="ns", origin_name="o")
    return PlannedRow(2, list(HOSTILE), draft, RowStatus.FAILED, audience_id="-id",
                      message=msg("batch.not_sent"))  # fmt: skip


def test_csv_results_neutralise_echoed_cells(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    with ResultsWriter(path, ["=a", "b", "c", "d"]) as out:
        out.add(_row())
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header[:2] == ["'=a", "b"]
    assert row[:4] == ["'" + HOSTILE[0], "' +1", "'@SUM(A1)", "plain"]
    assert row[4:6] == ["failed", "'-id"]


def test_xlsx_results_hold_text_not_formulas(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "results.xlsx"
    with ResultsWriter(path, ["a", "b", "c", "d"]) as out:
        out.add(_row())
    sheet = openpyxl.load_workbook(path).active
    cells = [cell for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert [c.value for c in cells[:4]] == ["'" + HOSTILE[0], "' +1", "'@SUM(A1)", "plain"]
    assert all(c.data_type != "f" for c in cells)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_extra_cells_never_shift_the_result_columns(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"results{suffix}"
    draft = AudienceDraft(name="A", namespace="ns", origin_name="O")
    with ResultsWriter(path, ["name", "namespace", "originName"]) as out:
        out.add(PlannedRow(2, ["A", "ns", "O", ""], draft, RowStatus.CREATED, audience_id="id-1"))
        out.add(PlannedRow(3, ["A", "ns"], draft, RowStatus.CREATED, audience_id="id-2"))
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    else:
        openpyxl = pytest.importorskip("openpyxl")
        sheet = openpyxl.load_workbook(path).active
        table = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert table[0] == ["name", "namespace", "originName", "status", "audienceId", "message"]
    assert table[1] == ["A", "ns", "O", "created", "id-1", ""]
    assert table[2] == ["A", "ns", "", "created", "id-2", ""]
