"""Whether the process owning a pending row is gone: asked of real processes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace

import pytest

from audience_desktop.core import process_owner
from audience_desktop.core.process_owner import Owner

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")


@pytest.fixture
def child() -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=5)


def _owner(pid: int) -> Owner:
    return Owner(pid, process_owner.start_time(pid), process_owner.hostname(),
                 process_owner.boot_id())  # fmt: skip


def test_a_running_process_is_not_gone_and_a_killed_one_is(
    child: subprocess.Popen[bytes],
) -> None:
    owner = _owner(child.pid)
    # Without a start time (outside Linux) a live pid may be a reused one: "cannot tell".
    assert process_owner.is_gone(owner) is (False if owner.started else None)
    child.kill()
    child.wait(timeout=5)
    assert process_owner.is_gone(owner) is True


@linux_only
def test_a_killed_child_not_yet_reaped_is_gone(child: subprocess.Popen[bytes]) -> None:
    """A zombie still has a pid, but it no longer runs anything."""
    import os
    import signal
    import time

    owner = _owner(child.pid)
    os.kill(child.pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while process_owner.is_gone(owner) is not True:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    child.wait(timeout=5)


@linux_only
def test_a_reused_pid_or_another_boot_means_gone_and_another_host_cannot_tell(
    child: subprocess.Popen[bytes],
) -> None:
    owner = _owner(child.pid)
    assert owner.started is not None and owner.boot is not None
    assert process_owner.is_gone(replace(owner, started=str(int(owner.started) - 1))) is True
    assert process_owner.is_gone(replace(owner, boot="another-boot")) is True
    assert process_owner.is_gone(replace(owner, host="another-host")) is None


def test_this_process_is_not_gone() -> None:
    assert process_owner.is_gone(process_owner.current()) is False
