"""Reading and planning a batch: encodings, separators, XLSX, headers in English and French,
validation with row numbers, repeats, the history and the sandbox (issue 11)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from audience_desktop.core.attempt import Attempt, Status
from audience_desktop.core.batch import (
    BatchOptions,
    ColumnsInvalid,
    RowStatus,
    plan_batch,
)
from audience_desktop.core.batch_input import BatchSource, SourceUnreadable, open_table

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _plan(source: BatchSource, options: BatchOptions | None = None, **kw):  # type: ignore[no-untyped-def]
    return plan_batch(
        source, options or BatchOptions(), kw.get("attempts", dict), lambda a: a,
        kw.get("sandbox"), lambda _hash: kw.get("batch_id"),
    )  # fmt: skip


@pytest.mark.parametrize("sample", ["audiences-en.csv", "audiences-fr.csv"])
def test_the_samples_in_english_and_french_are_ready(sample: str) -> None:
    plan = _plan(BatchSource(SAMPLES / sample))
    assert plan.to_send == 3 and plan.total == 3
    rows = list(plan.rows())
    assert rows[2].draft.name in ("Loyal customers, gold tier", "Clients fidèles, niveau or")
    assert rows[0].draft.namespace == "agora" and rows[0].draft.origin_name == "Agora_Collaboration"


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-16-le", ",")],
)
def test_encodings_and_separators_are_detected(
    tmp_path: Path, encoding: str, separator: str
) -> None:
    text = separator.join(["NOM", "Espace  de noms", "Nom d’origine"]) + "\r\n"
    text += separator.join(['"Café\nnoir"', "ns", "Origine"]) + "\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    path = tmp_path / "rows.csv"
    path.write_bytes(data)
    (row,) = _plan(BatchSource(path)).rows()
    assert row.row == 2 and row.draft.name == "Café\nnoir" and row.status is RowStatus.INVALID
    assert row.problems[0].field == "name"  # a line break in a name: the form's rule


def test_rows_are_validated_with_their_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "name,namespace,originName\nGood,ns,O\n,ns,O\n\nGood ,ns,O\nOther,,O\n", encoding="utf-8"
    )
    plan = _plan(BatchSource(path))
    found = {row.row: row for row in plan.rows()}
    assert found[2].status is RowStatus.READY
    assert found[3].status is RowStatus.INVALID and found[3].problems[0].field == "name"
    assert 4 not in found  # a blank line is skipped, and keeps its number
    assert found[5].status is RowStatus.DUPLICATE_IN_FILE  # trimmed, it is row 2's name
    assert "row 2" in found[5].message.render()  # type: ignore[union-attr]
    assert found[6].status is RowStatus.INVALID and found[6].problems[0].field == "namespace"


def test_defaults_and_column_options(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("Audience,Notes\nA,first\n", encoding="utf-8")
    with pytest.raises(ColumnsInvalid):
        _plan(BatchSource(path))
    options = BatchOptions(columns={"name": "audience", "description": "NOTES"},
                           namespace="ns", origin_name="O")  # fmt: skip
    (row,) = _plan(BatchSource(path), options).rows()
    assert (row.draft.name, row.draft.description, row.draft.namespace) == ("A", "first", "ns")
    with pytest.raises(ColumnsInvalid):
        _plan(
            BatchSource(path),
            BatchOptions(columns={"name": "nope"}, namespace="n", origin_name="o"),
        )


def test_history_and_sandbox_rows_are_not_sent_again(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("name,namespace,originName\nOld,ns,O\nThere,ns,O\nNew,ns,O\nMine,ns,O\n")
    old = Attempt(1, "2026-01-01T00:00:00", "", "p", "s", "", "Old", "", "ns", "O",
                  Status.SUCCEEDED, audience_id="aud-old")  # fmt: skip
    mine = Attempt(2, "2026-01-01T00:00:00", "", "p", "s", "", "Mine", "", "ns", "O",
                   Status.SUCCEEDED, audience_id="aud-mine", batch_id=7)  # fmt: skip
    plan = _plan(BatchSource(path), attempts=lambda: {"Old": [old], "Mine": [mine]},
                 sandbox=lambda: {"There": "aud-there"}, batch_id=7)  # fmt: skip
    statuses = {row.name: (row.status, row.audience_id) for row in plan.rows()}
    assert statuses == {
        "Old": (RowStatus.ALREADY_CREATED, "aud-old"),
        "There": (RowStatus.ALREADY_CREATED, "aud-there"),
        "New": (RowStatus.READY, None),
        "Mine": (RowStatus.CREATED, "aud-mine"),  # this file's own batch made it
    }
    assert plan.sandbox_count == 1 and not plan.warnings


def test_the_4000_guardrail_warns(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("name,namespace,originName\nA,ns,O\nB,ns,O\n")
    full = {f"n{i}": None for i in range(3999)}
    plan = _plan(BatchSource(path), sandbox=lambda: full)
    assert [w.key for w in plan.warnings] == ["batch.over_limit"]


def test_xlsx_first_or_named_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Ignored"
    first.append(["nothing"])
    sheet = book.create_sheet("Audiences")
    sheet.append(["Nom", "Espace de noms", "Nom d'origine"])
    sheet.append(["Acheteurs", "agora", 42.0])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    (row,) = _plan(BatchSource(path, sheet="Audiences")).rows()
    assert (row.draft.name, row.draft.origin_name) == ("Acheteurs", "42")
    with pytest.raises(SourceUnreadable, match="Audiences"):
        _plan(BatchSource(path, sheet="Missing"))
    with pytest.raises(ColumnsInvalid):
        _plan(BatchSource(path))  # the first sheet has no such columns


def test_pasted_cells_and_unreadable_files(tmp_path: Path) -> None:
    pasted = BatchSource(pasted="name\tnamespace\toriginName\nA\tns\tO\n")
    assert [r.draft.name for r in _plan(pasted).rows()] == ["A"]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,namespace,originName\ncaf\xe9,ns,O\n".encode("latin-1"))
    with pytest.raises(SourceUnreadable):
        _plan(BatchSource(latin))
    with pytest.raises(SourceUnreadable):
        _plan(BatchSource(tmp_path / "missing.csv"))
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(SourceUnreadable), open_table(BatchSource(empty)):
        pass


@pytest.mark.parametrize("mark", [codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n", codecs.BOM_UTF16_LE,
                                  codecs.BOM_UTF16_BE])  # fmt: skip
def test_a_file_holding_only_a_byte_order_mark_has_no_header(tmp_path: Path, mark: bytes) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(mark)
    with pytest.raises(SourceUnreadable, match="header, is empty"):
        _plan(BatchSource(path))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_utf16(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes("name,namespace,originName\r\nAlpha,ns,O\r\nBeta,ns,O\r\n".encode(encoding))
    rows = list(_plan(BatchSource(path)).rows())
    assert [(r.row, r.name, r.status) for r in rows] == [
        (2, "Alpha", RowStatus.READY), (3, "Beta", RowStatus.READY),
    ]  # fmt: skip


def test_extra_cells_widen_the_results_columns_only_when_filled(tmp_path: Path) -> None:
    path = tmp_path / "trail.csv"
    path.write_text("name,namespace,originName\nA,ns,O,\nB,ns,O\n", encoding="utf-8")
    plan = _plan(BatchSource(path))
    assert plan.result_headers == ["name", "namespace", "originName"]  # Excel's trailing ,
    path.write_text("name,namespace,originName\nA,ns,O,,note\nB,ns,O\n", encoding="utf-8")
    assert _plan(BatchSource(path)).result_headers == ["name", "namespace", "originName", "", ""]


def test_a_csv_cell_over_the_limit_is_refused_with_its_row(tmp_path: Path) -> None:
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("name,namespace,originName\nA,ns,O\nB,ns," + "x" * (1024 * 1024 + 1))
    with pytest.raises(SourceUnreadable, match="row 3 has a cell over 1 MB"):
        _plan(BatchSource(csv_path))


def test_an_xlsx_that_unpacks_too_far_is_refused_before_reading(tmp_path: Path) -> None:
    import zipfile

    from openpyxl import Workbook

    from audience_desktop.core import batch_input

    book = Workbook()
    book.active.append(["name", "namespace", "originName"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                cell = b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"x" * (1 << 21)
                data = head + cell + b"</t></is></c></row></sheetData>" + tail
            out.writestr(item, data)
    assert bomb.stat().st_size < 100_000
    limit = batch_input.XLSX_PART_LIMIT
    batch_input.XLSX_PART_LIMIT = 1 << 20  # the 2 MB sheet stands for a 400 MB one
    try:
        with pytest.raises(SourceUnreadable, match="unpacks to more than 1 MB"):
            _plan(BatchSource(bomb))
    finally:
        batch_input.XLSX_PART_LIMIT = limit
    with pytest.raises(SourceUnreadable, match="row 2 has a cell over 1 MB"):
        _plan(BatchSource(bomb))  # within the part limit: the cell limit names the row


def test_pasted_quotes_follow_excel_and_are_otherwise_literal() -> None:
    text = (
        "name\tnamespace\toriginName\n"
        '"Best" customers\tns\tO\n'  # not a quoted field: literal
        '"Open quote\tns\tO\n'  # an opening quote must not swallow the rows below
        '"Two\nlines"\tns\tO\n'  # Excel's quoting of a line break
        '"Say ""hi"""\tns\tO\n'  # Excel's quoting of a quote
        "Last\tns\tO"
    )
    rows = list(_plan(BatchSource(pasted=text)).rows())
    assert [(r.row, r.name) for r in rows] == [
        (2, '"Best" customers'), (3, '"Open quote'), (4, "Two\nlines"), (5, 'Say "hi"'),
        (6, "Last"),
    ]  # fmt: skip
    assert [r.draft.namespace for r in rows] == ["ns"] * 5


def test_a_row_split_by_an_unquoted_separator_is_refused_not_sent_wrong(tmp_path: Path) -> None:
    """"Loyal customers, gold tier" unquoted in a comma file becomes two cells: sent as is,
    the name would be cut and the namespace and origin taken from the wrong cells."""
    path = tmp_path / "split.csv"
    path.write_text(
        "name,namespace,originName\n"
        "Loyal customers, gold tier,agora,Agora\n"
        "Trailing comma,agora,Agora,\n",  # Excel's empty extra cell: harmless
        encoding="utf-8",
    )
    plan = _plan(BatchSource(path))
    split, trailing = plan.rows()
    assert split.status is RowStatus.INVALID and plan.to_send == 1
    assert "beyond the header's 3 columns" in str(split.message)
    assert [p.field for p in split.problems] == ["name"]
    assert trailing.status is RowStatus.READY
