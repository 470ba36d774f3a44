"""Test helpers that write history rows the app itself would only write through its guard."""

from __future__ import annotations

from audience_desktop.core.draft import AudienceDraft
from audience_desktop.core.history import History


def add_pending(
    history: History, profile: str, sandbox: str, endpoint: str, draft: AudienceDraft
) -> int:
    """Insert a pending row without the duplicate guard (as a crashed process leaves one)."""
    with history._transaction() as db:
        row_id = history._insert_pending(db, profile, sandbox, endpoint, draft)
    history._changed(row_id)
    return row_id
