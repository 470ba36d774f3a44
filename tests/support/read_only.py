"""Make a real file read-only for a test, even for root (who ignores permission bits).

As root, ``chmod 444`` stops nothing: the file is made immutable (``chattr +i``) instead,
which also refuses writes through descriptors already open, like a file whose permissions
were taken away under a running program. Always undone, so pytest can clean up.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Within the block, ``paths`` (those that exist) cannot be written."""
    paths = tuple(p for p in paths if p.exists())
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in paths}
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: no way to make a file read-only")
    try:
        for path in paths:
            path.chmod(0o444)
            if root:
                done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
                if done.returncode != 0:
                    pytest.skip(f"chattr +i is not supported here: {done.stderr!r}")
        yield
    finally:
        for path in paths:
            if root:
                subprocess.run(["chattr", "-i", str(path)], capture_output=True)
            path.chmod(modes[path])
