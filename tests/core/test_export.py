"""CSV export cells: formula triggers neutralised in every text column, JSON exact."""

from __future__ import annotations

import csv
import io
import json

import pytest

from audience_desktop.core.export import neutralise_cell, write_csv, write_json
from audience_desktop.core.history import EXPORT_COLUMNS, Attempt, Status


def attempt(**changes: object) -> Attempt:
    values: dict[str, object] = {
        "row_id": 1,
        "created_at": "2026-11-29T10:00:00.000+00:00",
        "updated_at": "2026-11-29T10:00:00.000+00:00",
        "profile": "work",
        "sandbox": "prod",
        "endpoint": "http://127.0.0.1:1/core/ais/audiences",
        "name": "Summer buyers",
        "description": "",
        "namespace": "agora",
        "origin_name": "Agora",
        "status": Status.FAILED,
        "http_status": 400,
    }
    values.update(changes)
    return Attempt(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("-12", "'-12"),
        ("@home", "'@home"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("'quoted", "''quoted"),  # reversible: one quote is always the added one
        (" =1", "' =1"),  # spreadsheets trim leading blanks before parsing
        ("   +33", "'   +33"),
        ("\u00a0-1", "'\u00a0-1"),
        ("\u3000@x", "'\u3000@x"),
        (" \t\r\n=1", "' \t\r\n=1"),
        ("  'quoted", "'  'quoted"),  # still reversible: only the first quote was added
        (" Summer buyers", " Summer buyers"),
        ("   ", "   "),
        ("Summer buyers", "Summer buyers"),
        ("a=b", "a=b"),
        ("", ""),
        (400, 400),
        (None, None),
    ],
)
def test_cells_starting_with_a_formula_trigger_get_one_quote(value: object, cell: object) -> None:
    assert neutralise_cell(value) == cell


def test_every_text_column_is_neutralised_and_quoting_stays_correct() -> None:
    hostile = attempt(
        profile="=profile",
        sandbox="+sandbox",
        name='=HYPERLINK("http://evil.example","x"), y',
        description='-2+3\n"line two"',
        namespace="@ns",
        origin_name="=origin",
        audience_id="=id",
        aep_id="@id",
        error_code="-1",
        request_id="+req",
        legacy_note="=note",
    )
    out = io.StringIO()
    write_csv([hostile], out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(row) == EXPORT_COLUMNS
    exact = hostile.export()
    for column in EXPORT_COLUMNS:
        if isinstance(exact[column], str) and exact[column][:1] in "=+-@":
            assert row[column] == "'" + exact[column], column
    assert row["name"] == "'" + '=HYPERLINK("http://evil.example","x"), y'
    assert row["description"] == '\'-2+3\n"line two"'
    assert row["http_status"] == "400" and row["status"] == "failed"
    assert row["created_at"] == "2026-11-29T10:00:00.000+00:00"


def test_json_keeps_the_exact_values() -> None:
    hostile = attempt(name="=1+1", description="-12", audience_id="@home")
    out = io.StringIO()
    write_json([hostile], out)
    [row] = json.loads(out.getvalue())
    assert (row["name"], row["description"], row["audienceId"]) == ("=1+1", "-12", "@home")


def test_plain_csv_has_no_byte_order_mark_and_uses_commas() -> None:
    out = io.StringIO()
    write_csv([attempt(name="Été, à Noël")], out)
    text = out.getvalue()
    assert not text.startswith("\ufeff")
    assert text.splitlines()[0] == ",".join(EXPORT_COLUMNS)
    assert '"Été, à Noël"' in text  # RFC 4180 quoting of a comma


def test_spreadsheet_csv_starts_with_the_bom_and_splits_on_the_given_separator() -> None:
    out = io.StringIO()
    write_csv([attempt(name="Été; à Noël", description="=1+1")], out, delimiter=";", bom=True)
    text = out.getvalue()
    assert text.startswith("\ufeff" + ";".join(EXPORT_COLUMNS) + "\n")
    [row] = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert row["name"] == "Été; à Noël"  # quoted, so the separator inside stays in the cell
    assert row["description"] == "'=1+1"  # still neutralised
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
