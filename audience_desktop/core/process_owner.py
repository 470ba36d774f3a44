"""Which process owns a ``pending`` history row, and whether that process is gone.

A process killed mid-create (``kill -9``, a closed terminal, a crash) leaves its row
``pending``. Waiting out a staleness threshold blocks the audience for half an hour, so each
row records its owner: pid, the process's start time, the host and the boot. On the same host
and boot, a pid that no longer runs (or runs another program, started at another time) means
the owner is gone; another boot means it is gone too. Where the OS does not tell us enough
(another host, or no start time and boot id outside Linux), the answer is "cannot tell" and
the caller falls back on the staleness rule.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_PROC = Path("/proc")


@dataclass(frozen=True)
class Owner:
    """The process that wrote a pending row; ``started`` and ``boot`` may be unknown."""

    pid: int
    started: str | None
    host: str
    boot: str | None


def current() -> Owner:
    """This process."""
    pid = os.getpid()
    return Owner(pid, start_time(pid), hostname(), boot_id())


@lru_cache(maxsize=1)
def hostname() -> str:
    import socket  # on first use: not on the window's start-up path (about 3 ms)

    return socket.gethostname()


@lru_cache(maxsize=1)
def boot_id() -> str | None:
    """This boot's id (Linux); None where the OS has none we can read without a subprocess."""
    try:
        return (_PROC / "sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name (which may hold spaces and ')')."""
    try:
        text = (_PROC / str(pid) / "stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    _, _, rest = text.rpartition(")")
    fields = rest.split()
    return fields or None


def start_time(pid: int) -> str | None:
    """When ``pid`` started, in clock ticks since boot (Linux), or None when unknown."""
    fields = _stat_fields(pid)
    # After the name: state is field 3 of stat, starttime field 22, so index 0 and 19 here.
    return fields[19] if fields is not None and len(fields) > 19 else None


def is_gone(owner: Owner) -> bool | None:
    """True when the owner certainly no longer runs, False when it does, None if unknown."""
    if owner.host != hostname():
        return None  # another machine sharing the folder: only the staleness rule can tell
    here = boot_id()
    if owner.boot and here and owner.boot != here:
        return True  # the machine restarted since: every process of that boot is gone
    if owner.pid == os.getpid():
        return owner.started is not None and owner.started != start_time(owner.pid)
    alive = _pid_alive(owner.pid)
    if alive is not True:
        return None if alive is None else True
    if owner.started is None:
        return None  # alive, but perhaps a reused pid: only the staleness rule can tell
    now_started = start_time(owner.pid)
    return now_started is not None and now_started != owner.started  # the pid was reused


def _pid_alive(pid: int) -> bool | None:
    """Whether a process with this pid exists (a zombie does not count); None if unknown."""
    if pid <= 0:
        return False
    if sys.platform.startswith("win"):
        return None  # os.kill(pid, 0) would terminate it on Windows: rely on staleness
    fields = _stat_fields(pid)
    if fields is not None:
        return fields[0] not in ("Z", "X")  # a zombie has exited, its parent just hasn't reaped
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return None
    return True
