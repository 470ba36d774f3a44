"""Terminal escapes in server values never reach the terminal; --json keeps them exact.

A real loopback server answers an audienceId containing ``ESC[31m`` (recolour) and a sandbox
title containing ``ESC]0;pwned BEL`` (retitle the window); the CLI's plain output shows
them harmlessly, while ``--json`` still says exactly what the server said.
"""

from __future__ import annotations

import io
import json
import sys

import pytest

from audience_desktop import cli
from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import History, Status
from audience_desktop.core.paths import app_paths
from tests.support.echo_server import EchoServer
from tests.support.history_rows import add_pending

ORG_ID = "0123456789ABCDEF01234567@AdobeOrg"
RED = "aud-\x1b[31m-0001"
TITLE = "\x1b]0;pwned\x07Dev \u202eelif"
ID = "id-\x9b2J-0001"  # C1 CSI: clears the screen on some terminals
CREATE = ["create", "--profile", "work", "--name", "Escape buyers", "--namespace", "agora",
          "--origin-name", "Agora_Collab"]  # fmt: skip


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         stdin: str = "") -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _clean(text: str) -> None:
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in text


@pytest.fixture
def server(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with EchoServer() as running:
        running.script.audience_id, running.script.aep_id = RED, ID
        running.script.sandbox_title = TITLE
        add = ["profile", "add", "work", "--org-id", ORG_ID, "--client-id", "cid", "--sandbox",
               "dev", "--platform-url", running.url, "--ims-url", running.ims_url]  # fmt: skip
        assert _run(add, capsys, monkeypatch, stdin="secret-for-escapes\n")[0] == 0
        yield running


def test_an_audience_id_with_escapes_never_reaches_the_terminal(
    server: EchoServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _run(CREATE, capsys, monkeypatch)
    assert code in (0, 1) and "audience" in out + err  # whether it is kept or refused...
    _clean(out + err)  # ...it is never sent to the terminal raw
    code, out, err = _run(["history"], capsys, monkeypatch)
    assert code == 0 and "Escape buyers" in out
    _clean(out + err)
    code, out, _ = _run([*CREATE[:3], "--name", "Escape json", *CREATE[5:], "--json"], capsys,
                        monkeypatch)  # fmt: skip
    assert json.loads(out)["audienceId"] in (RED, None)  # exact, or not taken at all


def test_history_rows_holding_escapes_are_filtered_but_json_is_exact(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows an earlier version recorded straight from the server (ids unchecked)."""
    history = History(app_paths().ensure().history_db)
    draft = AudienceDraft(name="Old buyers", namespace="agora", origin_name="Agora_Collab")
    row_id = add_pending(history, "work", "dev", "http://127.0.0.1:1/core/ais/audiences", draft)
    history.update(row_id, Status.SUCCEEDED, audience_id=RED, aep_id=ID)
    history.close()
    code, out, err = _run(["history"], capsys, monkeypatch)
    assert code == 0 and "aud-?[31m-0001" in out
    _clean(out + err)
    code, out, _ = _run(["history", "--json"], capsys, monkeypatch)
    (row,) = json.loads(out)
    assert (row["audienceId"], row["id"]) == (RED, ID)


def test_sandbox_titles_are_filtered_but_json_is_exact(
    server: EchoServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = _run(["sandboxes", "--profile", "work"], capsys, monkeypatch)
    assert code == 0 and "?]0;pwned?Dev ?elif" in out
    assert out.count("\t") == 3  # the columns stay columns
    _clean(out + err)
    code, out, err = _run(["profile", "test", "work"], capsys, monkeypatch)
    assert code == 0 and "pwned" in out
    _clean(out + err)
    code, out, _ = _run(["sandboxes", "--profile", "work", "--json"], capsys, monkeypatch)
    assert json.loads(out)[0]["title"] == TITLE


def test_an_id_found_by_a_lookup_is_filtered_in_the_failure_report(
    server: EchoServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server.script.create = "502"  # outcome unknown: the CLI looks the audience up at once
    server.script.lookup = [{"name": "Escape buyers", "audienceId": RED, "id": ID,
                             "namespace": "agora", "originName": "Agora_Collab"}]  # fmt: skip
    code, out, err = _run(CREATE, capsys, monkeypatch)
    assert code in (0, 1) and "Escape buyers" in out + err
    _clean(out + err)
    server.script.lookup = [{"name": "Escape buyers 2", "audienceId": RED}]
    code, out, err = _run([*CREATE[:3], "--name", "Escape buyers 2", *CREATE[5:]], capsys,
                          monkeypatch)  # fmt: skip
    assert code in (0, 1)
    _clean(out + err)
