"""A built-in server in a process of its own and ``audience-cli`` runs against it: for the
batch's kill -9 test and its benchmark.

The server is ``audience-cli serve-local`` (rate limit and latency as asked), so the batch
being killed and the one resuming talk to the same server, as they would to Adobe. The CLI
runs with its own folders and a file keyring under ``folder`` (never the user's).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SECRET = "demo-secret-not-a-real-secret"  # the built-in server's public demo credential
HEADER = "name,description,namespace,originName\n"


def cli_env(folder: Path) -> dict[str, str]:
    """Environment for an ``audience-cli`` subprocess whose files all live in ``folder``."""
    env = dict(os.environ)
    env.update(
        AUDIENCE_DESKTOP_HOME=str(folder / "app"), HOME=str(folder),
        XDG_CONFIG_HOME=str(folder / ".config"), XDG_DATA_HOME=str(folder / ".local/share"),
        XDG_STATE_HOME=str(folder / ".local/state"), XDG_CACHE_HOME=str(folder / ".cache"),
        PYTHON_KEYRING_BACKEND="tests.support.file_keyring.FileKeyring",
        TEST_KEYRING_FILE=str(folder / "keyring.json"), PYTHONPATH=str(REPO), LANGUAGE="en",
    )  # fmt: skip
    env.pop("LC_ALL", None)
    return env


def cli(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audience_desktop.cli", *args],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=600, **kwargs,
    )  # fmt: skip


class ServeLocal:
    """``audience-cli serve-local --port 0`` in its own process; its URL and control token."""

    def __init__(self, folder: Path, rate_limit: float = 0, latency_ms: float = 0) -> None:
        args = ["serve-local", "--port", "0"]
        args += ["--rate-limit", str(rate_limit)] if rate_limit else []
        args += ["--latency", str(latency_ms)] if latency_ms else []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "audience_desktop.cli", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(folder),
            cwd=REPO,
        )  # fmt: skip
        assert self.proc.stdout is not None
        self.url = self.token = ""
        for line in self.proc.stdout:
            if match := re.search(r"(http://127\.0\.0\.1:\d+)", line):
                self.url = self.url or match.group(1)
            if match := re.search(r"X-Local-Control-Token: (\S+)", line):
                self.token = match.group(1)
                break
        assert self.url and self.token, self.proc.stderr.read() if self.proc.stderr else ""

    def audiences(self) -> list[dict[str, Any]]:
        """Every audience the server holds (its control endpoint)."""
        request = urllib.request.Request(
            self.url + "/__local__/audiences", headers={"X-Local-Control-Token": self.token}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return list(json.load(answer)["audiences"])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> ServeLocal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def add_profile(env: dict[str, str], url: str, name: str = "local") -> None:
    """A profile for the server, its (public) secret in the file keyring."""
    done = cli(
        ["profile", "add", name, "--org-id", "DEMO0000000000000000000@AdobeOrg",
         "--client-id", "demo-client", "--sandbox", "dev-sandbox", "--platform-url", url,
         "--ims-url", url + "/ims/token/v3"],
        env, input=SECRET + "\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def write_rows(path: Path, count: int, prefix: str = "Batch audience") -> Path:
    """A CSV of ``count`` valid rows with distinct names."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for index in range(count):
            out.write(f"{prefix} {index:05d},Row {index},agora,Agora_Collaboration\n")
    return path
