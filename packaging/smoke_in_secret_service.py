"""Run a smoke-test command inside a throwaway Secret Service and check its JSON line.

    python packaging/smoke_in_secret_service.py -- dist/onedir/audience-desktop/audience-desktop --smoke-test
    python packaging/smoke_in_secret_service.py -- python -m audience_desktop.smoke

The command runs under a private D-Bus session (``dbus-run-session``) with an unlocked
``gnome-keyring-daemon`` (secrets component only), a temporary HOME and XDG folders, and
``AUDIENCE_DESKTOP_HOME`` in the same temporary folder: it never sees the user's keyring or
files, and everything is removed afterwards. The last JSON line the command prints must say
``"ok": true`` with the expected keyring backend (SecretService by default). The line is
echoed; the exit code is 0 when the check passes, 1 when it fails, 2 on bad usage.

Needs (Debian): ``dbus`` (dbus-run-session), ``gnome-keyring``; ``dbus-x11`` is not needed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"
# The keyring's password only unlocks the throwaway keyring in the temporary HOME.
_INNER = (
    'eval "$(printf %s throwaway | gnome-keyring-daemon --unlock --components=secrets)"; '
    'export GNOME_KEYRING_CONTROL; exec "$@"'
)


def isolated_env(root: Path) -> dict[str, str]:
    """The environment for the command: a fresh HOME, XDG folders and app folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS",
           "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK")}  # fmt: skip
    home = root / "home"
    runtime = root / "run"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_RUNTIME_DIR=str(runtime),
        AUDIENCE_DESKTOP_HOME=str(root / "app"),
    )
    return env


def last_json_line(text: str) -> dict[str, Any] | None:
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            with contextlib.suppress(ValueError):
                return json.loads(line)
    return None


def verdict(result: dict[str, Any] | None, backend: str) -> str | None:
    """None when the smoke line is a pass with ``backend``, else what is wrong."""
    if result is None:
        return "the command printed no JSON line"
    if result.get("ok") is not True:
        return f"step {result.get('step')!r} failed: {result.get('error')}"
    if result.get("keyring_backend") != backend:
        return f"keyring backend is {result.get('keyring_backend')!r}, expected {backend!r}"
    if not result.get("audienceId"):
        return "no audienceId in the result"
    return None


def run(command: list[str], backend: str, timeout: float) -> int:
    missing = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(t)]
    if missing:
        print(f"smoke: missing {', '.join(missing)} (apt-get install dbus gnome-keyring)",
              file=sys.stderr)  # fmt: skip
        return 1
    root = Path(tempfile.mkdtemp(prefix="audience-smoke-"))
    try:
        env = isolated_env(root)
        proc = subprocess.Popen(
            ["dbus-run-session", "--", "sh", "-c", _INNER, "sh", *command],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,  # one process group: a timeout ends all of it
        )  # fmt: skip
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            print(f"smoke: timed out after {timeout:.0f} s", file=sys.stderr)
            sys.stderr.write(err[-4000:])
            return 1
        with contextlib.suppress(ProcessLookupError):  # a keyring daemon left behind
            os.killpg(proc.pid, signal.SIGTERM)
        result = last_json_line(out)
        if result is not None:
            print(json.dumps(result))
        problem = verdict(result, backend)
        if problem or proc.returncode != 0:
            print(f"smoke: FAIL (exit {proc.returncode}): {problem or 'non-zero exit'}",
                  file=sys.stderr)  # fmt: skip
            sys.stderr.write(err[-4000:])
            return 1
        print(f"smoke: ok ({backend})", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=SECRET_SERVICE_BACKEND, help="expected backend")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    return run(command, args.backend, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
