"""The recovery journal: outcomes the history could not take, kept until it can.

When the history stays unwritable after a create was sent (locked by another program, a
read-only file, a full disk), the outcome — above all the audienceId — must not be lost. It is
appended here, one JSON line per outcome, flushed and fsynced, next to the history
(``history.sqlite3.recovery.jsonl``). The next ``History`` open (any front end) replays it and
clears it. Lines hold history columns only: no secret and no token ever reaches a history row.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SUFFIX = ".recovery.jsonl"


def journal_path(history_path: Path) -> Path:
    return history_path.with_name(history_path.name + SUFFIX)


class RecoveryJournal:
    """Append-only JSON lines; a torn last line (a crash mid-append) is skipped on read."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, entry: dict[str, Any]) -> None:
        """Write one line and sync it (and the folder, when the file is new) to disk."""
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        new = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            _sync_folder(self.path.parent)

    def entries(self) -> list[dict[str, Any]]:
        """Every complete line, in order; [] when there is no journal."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        entries = []
        for number, line in enumerate(text.splitlines(), start=1):
            try:
                entry = json.loads(line)
            except ValueError:
                log.warning("Skipped an unreadable line %d of %s", number, self.path)
                continue
            if isinstance(entry, dict):
                entries.append(entry)
        return entries

    def replace(self, entries: list[dict[str, Any]]) -> None:
        """Keep only ``entries`` (those not replayed yet); no entries removes the file."""
        if not entries:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            _sync_folder(self.path.parent)
            return
        from audience_desktop.core.atomic import write_text_atomic

        text = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)
        write_text_atomic(self.path, text)


def _sync_folder(folder: Path) -> None:
    """Make a created or removed file's name durable (POSIX; a no-op where unsupported)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
