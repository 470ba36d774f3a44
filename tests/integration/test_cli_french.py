"""audience-cli in French: under a French locale, every message a user reads is French.

Runs the real CLI against the built-in server with LANGUAGE/LANG set as a French desktop
sets them; the machine outputs (--json, --csv) stay the same in every language.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from audience_desktop import cli
from audience_desktop.core.i18n import use_languages
from audience_desktop.core.profiles import Profile
from audience_desktop.localserver.server import Fault, LocalAepServer
from tests.integration.conftest import CLIENT_ID

CREATE = ["create", "--profile", "work", "--name", "Acheteurs d'été", "--namespace", "agora",
          "--origin-name", "Agora_Collab"]  # fmt: skip


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANGUAGE", "fr")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_input_is_refused_in_french(
    french: None, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = list(CREATE)
    argv[argv.index("--name") + 1] = " "
    code, _, err = run(argv, capsys)
    err = err.replace("\xa0", " ")  # French typography: a no-break space before a colon
    assert code == 2
    assert "audience-cli : erreur" in err and "Nom" in err and "espaces" in err
    assert "This field" not in err


def test_an_html_502_is_explained_in_french(
    french: None, server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    server.inject(Fault.html_502())
    code, _, err = run(CREATE, capsys)
    assert code == 1
    assert "passerelle" in err and "HTTP 502" in err and "<html" not in err
    assert "gateway" not in err.lower().replace("passerelle", "")


def test_a_refused_repeat_and_french_statuses(
    french: None, server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(CREATE, capsys)[0] == 0
    code, _, err = run(CREATE, capsys)
    assert code == 1 and "déjà été créée" in err and "Rien n'a été envoyé" in err.replace("’", "'")
    code, out, _ = run(["history"], capsys)
    assert code == 0 and "réussi" in out and "succeeded" not in out
    code, out, _ = run(["history", "--json"], capsys)
    assert json.loads(out)[0]["status"] == "succeeded"  # the scripts' contract: keys and statuses


def test_a_wrong_secret_is_reported_in_french(
    french: None, server: LocalAepServer, profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    from audience_desktop.core import credentials

    credentials.set_secret("work", credentials.SecretKind.CLIENT_SECRET, "not-the-secret")
    code, _, err = run(CREATE, capsys)
    assert code == 1
    assert "secret client" in err and "Adobe Developer Console" in err
    assert "did not accept" not in err


def test_a_real_process_speaks_french_from_the_environment(
    isolated_home: Path, server: LocalAepServer
) -> None:
    import os

    env = {**os.environ, "LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}
    env.pop("LC_ALL", None)
    argv = [sys.executable, "-m", "audience_desktop.cli", "profile", "add", "x", "--org-id",
            "not-an-org", "--client-id", CLIENT_ID, "--sandbox", "dev"]  # fmt: skip
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "ne ressemble pas" in done.stderr, done.stderr
    env["LC_ALL"] = "C"  # the C locale asks for untranslated messages, whatever LANGUAGE says
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert "does not look like" in done.stderr


def teardown_module() -> None:
    use_languages(["en"])
