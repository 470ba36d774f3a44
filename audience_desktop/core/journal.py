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
REJECTED_SUFFIX = ".rejected"  # lines that are not entries, kept aside, never applied
# Bounds on what is parsed: an entry is a few hundred bytes (a server message at most a few
# KiB); anything far past these is not one of ours.
MAX_LINE = 256 * 1024
MAX_FILE = 64 * 1024 * 1024
_KEYS = {"row_id": int, "created_at": str, "name": str, "status": str}
_SQLITE_INT = (-(2**63), 2**63 - 1)


def journal_path(history_path: Path) -> Path:
    return history_path.with_name(history_path.name + SUFFIX)


class RecoveryJournal:
    """Append-only JSON lines; a line that is not an entry (a torn last line, a line edited
    or damaged) is never applied and is kept aside, in ``<journal>.rejected``."""

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
        """Every well-formed line, in order; [] when there is no journal (see ``read``)."""
        return [entry for entry, _ in self.read()[0]]

    def read(self) -> tuple[list[tuple[dict[str, Any], bytes]], list[bytes]]:
        """(well-formed entries with their lines, the other lines as they are), in order.

        Parsing is bounded: a line longer than MAX_LINE, nested too deep, not UTF-8, not JSON
        or not shaped like an entry (``well_formed``) is never applied; it is returned for
        ``reject`` to keep. A torn last line (a crash mid-append) is one of those. A journal
        that cannot be read (or is larger than MAX_FILE) raises OSError.
        """
        try:
            with self.path.open("rb") as file:
                data = file.read(MAX_FILE + 1)
        except FileNotFoundError:
            return [], []
        if len(data) > MAX_FILE:
            raise OSError(f"larger than {MAX_FILE} bytes")
        entries: list[tuple[dict[str, Any], bytes]] = []
        rejected: list[bytes] = []
        for number, line in enumerate(data.splitlines(), start=1):
            if not line.strip():
                continue
            entry = _parse(line)
            if entry is None:
                log.warning("Skipped a malformed line %d of %s", number, self.path)
                rejected.append(line)
            else:
                entries.append((entry, line))
        return entries, rejected

    def reject(self, lines: list[bytes]) -> Path:
        """Append ``lines`` to the side file ``<journal>.rejected`` (synced); its path."""
        target = self.path.with_name(self.path.name + REJECTED_SUFFIX)
        new = not target.exists()
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, b"".join(line + b"\n" for line in lines))
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            _sync_folder(self.path.parent)
        return target

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


def _parse(line: bytes) -> dict[str, Any] | None:
    """The entry on ``line``, or None when it is not a well-formed one (never raises)."""
    if len(line) > MAX_LINE:
        return None
    try:
        entry = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    return entry if well_formed(entry) else None


def well_formed(entry: object) -> bool:
    """Shaped like an entry: an id, the row's creation time and name, a status, the updated
    time, and flat column values SQLite can store (which columns is the history's check)."""
    if not isinstance(entry, dict):
        return False
    for key, kind in _KEYS.items():
        value = entry.get(key)
        if not isinstance(value, kind) or isinstance(value, bool) or not _storable(value):
            return False
    if not 0 < entry["row_id"] <= _SQLITE_INT[1]:
        return False
    updated = entry.get("updated_at")
    if not (updated is None or (isinstance(updated, str) and _storable(updated))):
        return False
    values = entry.get("values")
    return isinstance(values, dict) and all(
        isinstance(key, str) and _storable(value) for key, value in values.items()
    )


def _storable(value: object) -> bool:
    """A value SQLite binds as it is: None, a 64-bit int, a float, valid Unicode text."""
    if value is None or isinstance(value, float):
        return True
    if isinstance(value, int):
        return _SQLITE_INT[0] <= value <= _SQLITE_INT[1]
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\ud800")
            return False
        return True
    return False


def _sync_folder(folder: Path) -> None:
    """Make a created or removed file's name durable (POSIX; a no-op where unsupported)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
