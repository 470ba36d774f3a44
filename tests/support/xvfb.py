"""A private Xvfb display for tests that drive a real X11 window with real key events."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

REQUIRE_ENV = "AUDIENCE_REQUIRE_XVFB"


def _missing(*tools: str) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


@contextmanager
def xvfb_display(*tools: str) -> Iterator[str]:
    """Start Xvfb on a free display and yield its name (":N"); skip or fail without it."""
    missing = _missing("Xvfb", *tools)
    if missing:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"required tools missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report a display")
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
