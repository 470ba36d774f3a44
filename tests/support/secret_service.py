"""A throwaway Secret Service: a private D-Bus session bus plus an unlocked gnome-keyring.

Tests marked ``secret_service`` use it, so the real keyring code path (keyring's
SecretService backend over D-Bus) is exercised without ever touching the user's keyring.
When the tools are missing the tests skip, unless ``AUDIENCE_REQUIRE_SECRET_SERVICE=1``
(set by CI) turns that into a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REQUIRE_ENV = "AUDIENCE_REQUIRE_SECRET_SERVICE"


class SecretServiceUnavailable(RuntimeError):
    pass


class ThrowawaySecretService:
    """Starts ``dbus-daemon`` and ``gnome-keyring-daemon`` in a temporary home."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="audience-secret-service-"))
        self.env: dict[str, str] = {}
        self._procs: list[subprocess.Popen[bytes]] = []
        self._bus_pid: int | None = None

    def start(self) -> ThrowawaySecretService:
        for tool in ("dbus-daemon", "gnome-keyring-daemon"):
            if shutil.which(tool) is None:
                raise SecretServiceUnavailable(f"{tool} is not installed")
        home = self.root
        runtime = home / "run"
        runtime.mkdir(mode=0o700)
        env = {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_RUNTIME_DIR": str(runtime),
        }
        full = os.environ | env
        out = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1", "--nosyslog"],
            env=full, capture_output=True, check=True, timeout=10,
        )  # fmt: skip
        address, pid = out.stdout.decode().split()[:2]
        self._bus_pid = int(pid)
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        full["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring_daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            env=full, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write(b"throwaway-password")
        keyring_daemon.stdin.close()
        self._procs.append(keyring_daemon)
        self.env = env
        self._wait_ready(full)
        return self

    def _wait_ready(self, env: dict[str, str]) -> None:
        probe = (
            "import keyring; from keyring.backends import SecretService as S; "
            "k=S.Keyring(); k.set_password('probe','probe','x'); k.delete_password('probe','probe')"
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            done = subprocess.run(
                [sys.executable, "-c", probe], env=env, capture_output=True, timeout=15
            )
            if done.returncode == 0:
                return
            time.sleep(0.2)
        self.stop()
        raise SecretServiceUnavailable("the throwaway gnome-keyring did not come up")

    def stop(self) -> None:
        for proc in self._procs:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        self._procs.clear()
        if self._bus_pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._bus_pid, signal.SIGTERM)
            self._bus_pid = None
        shutil.rmtree(self.root, ignore_errors=True)
